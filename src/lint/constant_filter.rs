//! W0102: a filter that can never hold (`x = 'a' and x = 'b'`, `n > 5 and n < 3`) or always
//! holds (`x != 'a' or x != 'b'`, `n > 3 or n < 5`). Only comparisons of one column with
//! literals are read, so a warning is certain: strings count as different only when they
//! differ ignoring case and trailing spaces (as a case-insensitive collation compares them),
//! and strings are never ordered.

use super::walk::each;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::syntax::ast::{BinOp, Expr, ExprKind, Literal, Report};
use std::cmp::Ordering;

pub(super) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    for list in [&r.filters, &r.having] {
        // the items of a list are joined by `and`
        let mut all = Vec::new();
        for e in list {
            operands(e, BinOp::And, &mut all);
        }
        if let Some(spans) = never(&all) {
            out.push(never_warning(spans));
        }
        for top in list {
            each(top, &mut |e| inner(e, out));
        }
    }
}

/// An `and` or `or` inside a filter (not the top-level list, already read).
fn inner(e: &Expr, out: &mut Vec<Diagnostic>) {
    if let ExprKind::Binary { op, .. } = e.kind {
        let mut parts = Vec::new();
        operands(e, op, &mut parts);
        match op {
            BinOp::And if parts.len() > 1 => {
                if let Some(spans) = never(&parts) {
                    out.push(never_warning(spans));
                }
            }
            BinOp::Or if parts.len() > 1 => {
                if let Some(spans) = always(&parts) {
                    out.push(always_warning(spans));
                }
            }
            _ => {}
        }
    }
}

fn never_warning((first, second): (Span, Span)) -> Diagnostic {
    Diagnostic::warning(Code::ConstantFilter, second, "this filter can never hold")
        .with_label("no value satisfies both this and the other condition: no row is returned")
        .with_secondary(first, "the other condition")
        .with_help("fix the values (did you mean `or`, or `in (...)`?), or remove the filter")
}

fn always_warning((first, second): (Span, Span)) -> Diagnostic {
    Diagnostic::warning(Code::ConstantFilter, second, "this filter always holds")
        .with_label("every value but null satisfies this or the other condition")
        .with_secondary(first, "the other condition")
        .with_help("fix the values (did you mean `and`, or `not in (...)`?), or remove the filter")
}

/// The operands of a chain of `op` (`a and b and c` -> `a`, `b`, `c`).
fn operands<'e>(e: &'e Expr, op: BinOp, out: &mut Vec<&'e Expr>) {
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        match &x.kind {
            ExprKind::Binary { op: o, left, right } if *o == op => {
                stack.push(right);
                stack.push(left);
            }
            _ => out.push(x),
        }
    }
}

/// A literal value that can be compared for certain.
#[derive(Debug, PartialEq)]
enum Val {
    Num(f64),
    Str(String),
    Date(jiff::civil::Date),
    Ts(jiff::civil::DateTime),
}

impl Val {
    fn of(l: &Literal) -> Option<Val> {
        Some(match l {
            Literal::Number(n) => Val::Num(n.parse().ok().filter(|f: &f64| f.is_finite())?),
            Literal::String(s) => Val::Str(s.clone()),
            Literal::Date(d) => Val::Date(*d),
            Literal::Timestamp(t) => Val::Ts(*t),
            _ => return None,
        })
    }
    /// The order of two values of one kind; `None` for strings (collations differ) or kinds.
    fn order(&self, o: &Val) -> Option<Ordering> {
        match (self, o) {
            (Val::Num(a), Val::Num(b)) => a.partial_cmp(b),
            (Val::Date(a), Val::Date(b)) => Some(a.cmp(b)),
            (Val::Ts(a), Val::Ts(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
    /// Different in every collation.
    fn surely_different(&self, o: &Val) -> bool {
        match (self, o) {
            (Val::Str(a), Val::Str(b)) => {
                a.trim_end_matches(' ').to_lowercase() != b.trim_end_matches(' ').to_lowercase()
            }
            _ => self.order(o).is_some_and(Ordering::is_ne),
        }
    }
    /// Equal in every collation.
    fn surely_equal(&self, o: &Val) -> bool {
        match (self, o) {
            (Val::Str(a), Val::Str(b)) => a == b,
            _ => self.order(o) == Some(Ordering::Equal),
        }
    }
}

/// `column op literal`, with the literal on either side.
struct Cmp<'e> {
    column: &'e str,
    op: BinOp,
    value: Val,
    span: Span,
}

fn cmp(e: &Expr) -> Option<Cmp<'_>> {
    let ExprKind::Binary { op, left, right } = &e.kind else {
        return None;
    };
    let (column, lit, op) = match (&left.kind, &right.kind) {
        (ExprKind::Name(n), ExprKind::Literal(l)) => (n, l, *op),
        (ExprKind::Literal(l), ExprKind::Name(n)) => (n, l, flip(*op)?),
        _ => return None,
    };
    op.is_comparison().then_some(())?;
    Some(Cmp {
        column,
        op,
        value: Val::of(lit)?,
        span: e.span,
    })
}

fn flip(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::LtEq => BinOp::GtEq,
        BinOp::Gt => BinOp::Lt,
        BinOp::GtEq => BinOp::LtEq,
        BinOp::Eq | BinOp::NotEq => op,
        _ => return None,
    })
}

/// A lower bound (`>`, `>=`, `=`): strict or not.
fn lower(op: BinOp) -> Option<bool> {
    match op {
        BinOp::Gt => Some(true),
        BinOp::GtEq | BinOp::Eq => Some(false),
        _ => None,
    }
}

/// An upper bound (`<`, `<=`, `=`): strict or not.
fn upper(op: BinOp) -> Option<bool> {
    match op {
        BinOp::Lt => Some(true),
        BinOp::LtEq | BinOp::Eq => Some(false),
        _ => None,
    }
}

/// The span of two conditions joined by `and` that no value satisfies together.
fn never(parts: &[&Expr]) -> Option<(Span, Span)> {
    let cmps: Vec<Cmp> = parts.iter().filter_map(|e| cmp(e)).collect();
    pairs(&cmps, |a, b| {
        let eq_eq = a.op == BinOp::Eq && b.op == BinOp::Eq && a.value.surely_different(&b.value);
        let eq_ne = a.op == BinOp::Eq && b.op == BinOp::NotEq && a.value.surely_equal(&b.value);
        let empty_range = match (lower(a.op), upper(b.op), a.value.order(&b.value)) {
            (Some(ls), Some(us), Some(o)) => o.is_gt() || (o.is_eq() && (ls || us)),
            _ => false,
        };
        eq_eq || eq_ne || empty_range
    })
}

/// The span of two conditions joined by `or` that every (non-null) value satisfies.
fn always(parts: &[&Expr]) -> Option<(Span, Span)> {
    let cmps: Vec<Cmp> = parts.iter().filter_map(|e| cmp(e)).collect();
    pairs(&cmps, |a, b| {
        let ne_ne =
            a.op == BinOp::NotEq && b.op == BinOp::NotEq && a.value.surely_different(&b.value);
        let eq_ne = a.op == BinOp::Eq && b.op == BinOp::NotEq && a.value.surely_equal(&b.value);
        let strict = |op| match op {
            BinOp::Gt | BinOp::Lt => Some(true),
            BinOp::GtEq | BinOp::LtEq => Some(false),
            _ => None,
        };
        let is_low = matches!(a.op, BinOp::Gt | BinOp::GtEq);
        let is_high = matches!(b.op, BinOp::Lt | BinOp::LtEq);
        let covers = match (strict(a.op), strict(b.op), a.value.order(&b.value)) {
            (Some(ls), Some(us), Some(o)) if is_low && is_high => {
                o.is_lt() || (o.is_eq() && !ls && !us)
            }
            _ => false,
        };
        ne_ne || eq_ne || covers
    })
}

/// At most this many comparisons of one `and`/`or` are paired (a bound on the quadratic
/// pairing: a 57,000-condition filter would otherwise take minutes; fewer warnings, never a
/// wrong one).
const MAX_PAIRED: usize = 256;

/// The spans (in source order) of the first pair of comparisons of one column that `f`
/// accepts in either order.
fn pairs(cmps: &[Cmp], f: impl Fn(&Cmp, &Cmp) -> bool) -> Option<(Span, Span)> {
    let cmps = &cmps[..cmps.len().min(MAX_PAIRED)];
    for (i, a) in cmps.iter().enumerate() {
        for (j, b) in cmps.iter().enumerate() {
            if i != j && a.column == b.column && f(a, b) {
                return Some((a.span.min(b.span), a.span.max(b.span)));
            }
        }
    }
    None
}
