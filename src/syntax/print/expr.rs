//! Expressions as text: the fewest parentheses that keep the tree (binding levels as in the
//! grammar), and two more that say how it binds: an `and` inside an `or` (`(a and b) or c`)
//! and the condition after `not` (`not (x = 1)`) keep theirs. Names in backticks when they are keywords, literals as the parser reads them.

use crate::syntax::ast::*;
use crate::syntax::dsl::CLAUSE_WORDS;

const EXPR_KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "between", "is", "null", "by", "where", "yes", "no", "true", "false",
];

/// A name as written in an expression: bare when it is a plain identifier and no keyword,
/// else in backticks.
pub fn name(s: &str) -> String {
    // a path `link.column` prints bare when both parts would
    if let Some((link, column)) = s.split_once('.').filter(|(_, c)| !c.contains('.')) {
        let (l, c) = (name(link), name(column));
        if l == link && c == column {
            return s.to_string();
        }
    }
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let lower = s.to_ascii_lowercase();
    if plain && !EXPR_KEYWORDS.contains(&lower.as_str()) && !CLAUSE_WORDS.contains(&lower.as_str())
    {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

/// A string literal in single quotes (`''` for a quote, backslash escapes for the rest).
pub fn string_literal(s: &str) -> String {
    quoted(s, '\'')
}

pub(super) fn quoted(s: &str, q: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\'' if q == '\'' => out.push_str("''"),
            '"' if q == '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn duration(ms: i64) -> String {
    if ms % 1000 != 0 {
        return format!("{ms}ms");
    }
    let mut s = ms / 1000;
    if s == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if s >= size {
            out.push_str(&format!("{}{unit}", s / size));
            s %= size;
        }
    }
    out
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Timestamp(t) => t.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        Literal::Duration(ms) => duration(*ms),
    }
}

fn range(r: &RelativeRange) -> String {
    match r {
        RelativeRange::This(TimeUnit::Day) => "today".into(),
        RelativeRange::Previous(TimeUnit::Day) => "yesterday".into(),
        RelativeRange::Last(n, u) => {
            format!("last {n} {}{}", u.name(), if *n == 1 { "" } else { "s" })
        }
        RelativeRange::This(u) => format!("this {}", u.name()),
        RelativeRange::Previous(u) => format!("previous {}", u.name()),
    }
}

/// Binding levels, loosest first, as in the grammar.
pub(super) const OR: u8 = 1;
const AND: u8 = 2;
pub(super) const NOT: u8 = 3;
const PRED: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;
const BUCKET: u8 = 8;
pub(super) const PRIMARY: u8 = 9;

pub(super) fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => match op {
            BinOp::Or => OR,
            BinOp::And => AND,
            BinOp::Add | BinOp::Sub => SUM,
            BinOp::Mul | BinOp::Div => PRODUCT,
            _ => PRED,
        },
        ExprKind::Not(_) => NOT,
        ExprKind::InList { .. }
        | ExprKind::InRange { .. }
        | ExprKind::Between { .. }
        | ExprKind::IsNull { .. }
        | ExprKind::Match { .. } => PRED,
        ExprKind::Neg(_) => UNARY,
        ExprKind::Bucket { .. } => BUCKET,
        // `count() where cond` runs to the end of the expression: loosest of all
        ExprKind::Call {
            filter: Some(_), ..
        } => 0,
        ExprKind::Call { .. } | ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Param(_) => {
            PRIMARY
        }
    }
}

/// An expression at the top of an item (any form allowed).
pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(e, 0, &mut out);
    out
}

/// An expression printed where at least binding level `min` is needed.
pub(super) fn write_expr(e: &Expr, min: u8, out: &mut String) {
    if level(e) < min {
        out.push('(');
        write_expr(e, 0, out);
        out.push(')');
        return;
    }
    let neg = |n: bool| if n { "not " } else { "" };
    match &e.kind {
        ExprKind::Name(n) => out.push_str(&name(n)),
        ExprKind::Literal(l) => out.push_str(&literal(l)),
        ExprKind::Param(p) => {
            out.push('$');
            out.push_str(p);
        }
        ExprKind::Neg(x) => {
            out.push('-');
            write_expr(x, UNARY, out);
        }
        ExprKind::Not(x) => {
            out.push_str("not ");
            write_expr(x, PRIMARY, out);
        }
        ExprKind::Binary { op, left, right } => {
            let l = level(e);
            let (lmin, rmin) = if op.is_comparison() {
                (SUM, SUM)
            } else {
                (l, l + 1)
            };
            // an `and` inside an `or` keeps its parentheses, so the text reads as it binds
            let grouped = |x: &Expr, min: u8| {
                let and = matches!(x.kind, ExprKind::Binary { op: BinOp::And, .. });
                if *op == BinOp::Or && and {
                    NOT
                } else {
                    min
                }
            };
            let (lmin, rmin) = (grouped(left, lmin), grouped(right, rmin));
            write_expr(left, lmin, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            write_expr(right, rmin, out);
        }
        ExprKind::InList {
            expr: x,
            list,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("in (");
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expr(item, 0, out);
            }
            out.push(')');
        }
        ExprKind::InRange {
            expr: x,
            range: r,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("in ");
            out.push_str(&range(&r.value));
        }
        ExprKind::Between {
            expr: x,
            low,
            high,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("between ");
            write_expr(low, SUM, out);
            out.push_str(" and ");
            write_expr(high, SUM, out);
        }
        ExprKind::IsNull { expr: x, negated } => {
            write_expr(x, SUM, out);
            out.push_str(if *negated { " is not null" } else { " is null" });
        }
        ExprKind::Match {
            op,
            case_insensitive,
            expr: x,
            pattern,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str(op.keyword(*case_insensitive));
            out.push(' ');
            write_expr(pattern, SUM, out);
        }
        ExprKind::Call {
            name: f,
            args,
            filter,
        } => {
            out.push_str(&f.value);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expr(a, 0, out);
            }
            out.push(')');
            if let Some(w) = filter {
                out.push_str(" where ");
                write_expr(w, 0, out);
            }
        }
        ExprKind::Bucket { expr: x, unit } => {
            write_expr(x, PRIMARY, out);
            out.push_str(" by ");
            out.push_str(unit.value.name());
        }
    }
}

/// A condition of `where`/`having` joined to the others by `and`.
pub(super) fn conjunct(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(e, NOT, &mut out);
    out
}

pub(super) fn order_item(o: &OrderItem, min: u8) -> String {
    let mut out = String::new();
    write_expr(&o.expr, min, &mut out);
    if o.descending {
        out.push_str(" desc");
    }
    match o.nulls {
        Some(NullsOrder::First) => out.push_str(" nulls first"),
        Some(NullsOrder::Last) => out.push_str(" nulls last"),
        None => {}
    }
    out
}
