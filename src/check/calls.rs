//! Function calls: the functions of the language, their arity and argument types; aggregates
//! and where they may appear.

use super::{Checker, Ctx, Mode, R};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Ident, Literal};

/// The functions of the expression language: name, arity, whether it aggregates.
pub const FUNCTIONS: &[(&str, &str, bool)] = &[
    ("count", "count() or count(x)", true),
    ("count_distinct", "count_distinct(x)", true),
    ("sum", "sum(x)", true),
    ("avg", "avg(x)", true),
    ("min", "min(x)", true),
    ("max", "max(x)", true),
    ("percentile", "percentile(x, 0.9)", true),
    ("share", "share(m) or share(m, key, ...)", false),
    ("any", "any(link.column = value)", false),
    ("median", "median(x)", true),
    ("lower", "lower(x)", false),
    ("upper", "upper(x)", false),
    ("round", "round(x) or round(x, digits)", false),
    ("seconds", "seconds(duration)", false),
    ("minutes", "minutes(duration)", false),
    ("hours", "hours(duration)", false),
    ("previous", "previous(m) or previous(m, year)", false),
    ("change", "change(m) or change(m, year)", false),
    (
        "relative_change",
        "relative_change(m) or relative_change(m, year)",
        false,
    ),
    ("rolling", "rolling(m, 7)", false),
    ("running", "running(m) or running(m, month)", false),
];

/// Other languages' names for our functions (SQL, spreadsheets, pandas), suggested before
/// the nearest spelling: `mean` is `avg`, not `median`.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("mean", "avg"),
    ("average", "avg"),
    ("averageif", "avg"),
    ("cnt", "count"),
    ("countif", "count"),
    ("nunique", "count_distinct"),
    ("distinct_count", "count_distinct"),
    ("countd", "count_distinct"),
    ("approx_count_distinct", "count_distinct"),
    ("total", "sum"),
    ("minimum", "min"),
    ("maximum", "max"),
    ("percentile_cont", "percentile"),
    ("quantile", "percentile"),
    ("lcase", "lower"),
    ("ucase", "upper"),
    ("tolower", "lower"),
    ("toupper", "upper"),
];

/// Milliseconds in the unit of a duration-to-number function (`minutes(x)`).
fn unit_millis(fname: &str) -> Option<i64> {
    match fname {
        "seconds" => Some(1_000),
        "minutes" => Some(60_000),
        "hours" => Some(3_600_000),
        _ => None,
    }
}

pub fn is_aggregate(name: &str) -> bool {
    FUNCTIONS
        .iter()
        .any(|(n, _, agg)| *agg && n.eq_ignore_ascii_case(name))
}

/// An aggregate (or a measure: `what` names it) where `ctx` allows none: in a row filter, a
/// group key, the condition of a filtered aggregate, or inside another aggregate. The
/// diagnostic is pushed and `true` returned.
pub(super) fn misplaced_aggregate(c: &mut Checker, what: &str, span: Span, ctx: Ctx) -> bool {
    if matches!(ctx.mode, Mode::Filter | Mode::AggFilter | Mode::GroupBy) {
        let help = match ctx.mode {
            Mode::Filter => {
                "filters apply to rows before grouping; put conditions on aggregates in `having`"
            }
            Mode::GroupBy => "group by per-row columns; aggregates are computed per group",
            _ => "the condition of a filtered aggregate applies to single rows",
        };
        c.diags.push(
            Diagnostic::error(
                Code::AggregateInFilter,
                span,
                format!("{what} is not allowed here"),
            )
            .with_help(help),
        );
        return true;
    }
    if ctx.in_agg {
        c.diags.push(
            Diagnostic::error(
                Code::NestedAggregate,
                span,
                format!("{what} inside another aggregate"),
            )
            .with_help(
                "aggregates cannot be nested; compute the inner one as its own output column",
            ),
        );
        return true;
    }
    false
}

fn arity(c: &mut Checker, name: &Ident, args: &[Expr], span: Span, ok: bool) -> bool {
    if !ok {
        let sig = FUNCTIONS
            .iter()
            .find(|(n, _, _)| *n == name.value)
            .map(|f| f.1)
            .unwrap_or("");
        c.diags.push(
            Diagnostic::error(
                Code::BadArgument,
                span,
                format!(
                    "`{}` takes a different number of arguments ({} given)",
                    name.value,
                    args.len()
                ),
            )
            .with_help(format!("write it as `{sig}`")),
        );
    }
    ok
}

pub(super) fn call<'c>(
    c: &mut Checker<'c>,
    name: &Ident,
    args: &[Expr],
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> Option<R<'c>> {
    let fname = name.value.to_ascii_lowercase();
    if fname == "share" {
        return c.share(name, args, filter, span, ctx);
    }
    let Some(&(_, _, agg)) = FUNCTIONS.iter().find(|(n, _, _)| *n == fname) else {
        let mut d = Diagnostic::error(
            Code::UnknownFunction,
            name.span,
            format!("unknown function `{}`", name.value),
        );
        let synonym = SYNONYMS.iter().find(|(w, _)| *w == fname).map(|(_, f)| *f);
        d = match synonym.or_else(|| did_you_mean(&name.value, FUNCTIONS.iter().map(|f| f.0))) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "functions: {}",
                FUNCTIONS.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
            )),
        };
        return c.err(d);
    };
    if fname == "any" {
        return c.any_call(name, args, filter, span, ctx);
    }
    if agg {
        if let Some(r) = c.many_call(&fname, name, args, filter, span, ctx) {
            return r;
        }
    }
    if let Some(r) = super::comparisons::call(c, &fname, args, filter, span, ctx) {
        return r;
    }
    if let Some(r) = super::windows::call(c, &fname, args, filter, span, ctx) {
        return r;
    }
    if agg {
        if misplaced_aggregate(c, &format!("aggregate `{}`", name.value), span, ctx) {
            return None;
        }
    } else if let Some(f) = filter {
        return c.err(
            Diagnostic::error(
                Code::NestedAggregate,
                f.span,
                format!(
                    "`where` applies only to aggregates, not to `{}`",
                    name.value
                ),
            )
            .with_help("use `where` after count(), sum(), avg(), ..."),
        );
    }
    let inner = Ctx {
        mode: ctx.mode,
        in_agg: ctx.in_agg || agg,
    };
    let filter = match filter {
        Some(f) => {
            let fctx = Ctx {
                mode: Mode::AggFilter,
                in_agg: true,
            };
            Some(Box::new(c.condition(
                f,
                fctx,
                "the condition after `where`",
            )?))
        }
        None => None,
    };
    let mut resolved = Vec::new();
    let mut failed = false;
    // the fraction of percentile and the digits of round are literals, checked below
    let n_expr_args = match fname.as_str() {
        "percentile" | "round" => 1.min(args.len()),
        _ => args.len(),
    };
    for a in &args[..n_expr_args] {
        match c.expr(a, inner) {
            Some((t, _)) => resolved.push(t),
            None => failed = true,
        }
    }
    if failed {
        return None;
    }
    if agg && !matches!(fname.as_str(), "count" | "count_distinct" | "min" | "max") {
        if let Some(d) = c.one_side_aggregate(&name.value, &resolved, span) {
            return c.err(d);
        }
    }
    let numeric_or_duration = |t: &TExpr| t.ty.is_numeric() || matches!(t.ty, Ty::Duration(_));
    let wrong_type = |c: &mut Checker<'c>, what: &str, t: &TExpr, at: Span| {
        c.err(
            Diagnostic::error(
                Code::BadArgument,
                at,
                format!("`{}` needs {what}, found {}", name.value, t.ty.a()),
            )
            .with_help(match t.ty {
                Ty::Text => "use count() or count_distinct() for text columns",
                Ty::Timestamp { .. } => {
                    "use min() or max() for timestamps, or bucket them with `by day`"
                }
                _ => "check the column's type with `reportc catalog <source>`",
            }),
        )
    };
    let agg_node = |func: AggFunc, arg: Option<TExpr>, ty: Ty, filter: Option<Box<TExpr>>| {
        TExpr::new(
            TKind::Agg {
                func,
                arg: arg.map(Box::new),
                filter,
            },
            ty,
        )
    };
    let out = match fname.as_str() {
        "count" => {
            if !arity(c, name, args, span, args.len() <= 1) {
                return None;
            }
            match resolved.pop() {
                None => agg_node(AggFunc::CountStar, None, Ty::Integer, filter),
                Some(a) => agg_node(AggFunc::Count, Some(a), Ty::Integer, filter),
            }
        }
        "count_distinct" => {
            if !arity(c, name, args, span, args.len() == 1) {
                return None;
            }
            let a = resolved.pop()?;
            if a.ty == Ty::TextList {
                return wrong_type(c, "a single value per row", &a, args[0].span);
            }
            agg_node(AggFunc::CountDistinct, Some(a), Ty::Integer, filter)
        }
        "sum" | "avg" => {
            if !arity(c, name, args, span, args.len() == 1) {
                return None;
            }
            let a = resolved.pop()?;
            if !numeric_or_duration(&a) {
                return wrong_type(c, "a number or a duration", &a, args[0].span);
            }
            let (func, ty) = match (fname.as_str(), a.ty) {
                ("sum", t) => (AggFunc::Sum, t),
                (_, Ty::Duration(u)) => (AggFunc::Avg, Ty::Duration(u)),
                _ => (AggFunc::Avg, Ty::Number),
            };
            agg_node(func, Some(a), ty, filter)
        }
        "min" | "max" => {
            if !arity(c, name, args, span, args.len() == 1) {
                return None;
            }
            let a = resolved.pop()?;
            if matches!(a.ty, Ty::TextList | Ty::Boolean | Ty::Null) {
                return wrong_type(c, "a value that can be ordered", &a, args[0].span);
            }
            let func = if fname == "min" {
                AggFunc::Min
            } else {
                AggFunc::Max
            };
            let ty = a.ty;
            agg_node(func, Some(a), ty, filter)
        }
        "percentile" | "median" => {
            let want = if fname == "median" { 1 } else { 2 };
            if !arity(c, name, args, span, args.len() == want) {
                return None;
            }
            let a = resolved.pop()?;
            if !numeric_or_duration(&a) {
                return wrong_type(c, "a number or a duration", &a, args[0].span);
            }
            let fraction = if fname == "median" {
                "0.5".to_string()
            } else {
                match &args[1].kind {
                    ExprKind::Literal(Literal::Number(n))
                        if n.parse::<f64>()
                            .map(|f| (0.0..=1.0).contains(&f))
                            .unwrap_or(false) =>
                    {
                        n.clone()
                    }
                    _ => {
                        return c.err(
                            Diagnostic::error(
                                Code::OutOfRange,
                                args[1].span,
                                "the percentile must be a number from 0 to 1",
                            )
                            .with_help("e.g. `percentile(wait_time, 0.9)` for the 90th percentile"),
                        )
                    }
                }
            };
            let ty = match a.ty {
                Ty::Duration(u) => Ty::Duration(u),
                _ => Ty::Number,
            };
            TExpr::new(
                TKind::Percentile {
                    arg: Box::new(a),
                    fraction,
                    filter,
                },
                ty,
            )
        }
        "lower" | "upper" => {
            if !arity(c, name, args, span, args.len() == 1) {
                return None;
            }
            let a = resolved.pop()?;
            if a.ty != Ty::Text {
                return wrong_type(c, "text", &a, args[0].span);
            }
            let func = if fname == "lower" {
                ScalarFunc::Lower
            } else {
                ScalarFunc::Upper
            };
            TExpr::new(
                TKind::Func {
                    func,
                    args: vec![a],
                },
                Ty::Text,
            )
        }
        "round" => {
            if !arity(c, name, args, span, (1..=2).contains(&args.len())) {
                return None;
            }
            let a = resolved.pop()?;
            if !numeric_or_duration(&a) {
                return wrong_type(c, "a number or a duration", &a, args[0].span);
            }
            let digits = match args.get(1).map(|d| &d.kind) {
                None => "0".to_string(),
                Some(ExprKind::Literal(Literal::Number(n)))
                    if n.parse::<u8>().map(|d| d <= 10).unwrap_or(false) =>
                {
                    n.clone()
                }
                Some(_) => {
                    return c.err(
                        Diagnostic::error(
                            Code::OutOfRange,
                            args[1].span,
                            "round's digits must be a whole number from 0 to 10",
                        )
                        .with_help("e.g. `round(avg(wait_time), 1)`"),
                    )
                }
            };
            let ty = match a.ty {
                Ty::Duration(u) => Ty::Duration(u),
                _ => Ty::Number,
            };
            TExpr::new(
                TKind::Func {
                    func: ScalarFunc::Round,
                    args: vec![
                        a,
                        TExpr::new(TKind::Lit(Value::Number(digits)), Ty::Integer),
                    ],
                },
                ty,
            )
        }
        "seconds" | "minutes" | "hours" => {
            if !arity(c, name, args, span, args.len() == 1) {
                return None;
            }
            let a = resolved.pop()?;
            let Ty::Duration(stored) = a.ty else {
                return wrong_type(c, "a duration", &a, args[0].span);
            };
            // the stored unit divides every named unit: seconds and milliseconds
            let per = unit_millis(&fname)? / stored.millis();
            TExpr::new(
                TKind::Div {
                    left: Box::new(a),
                    right: Box::new(TExpr::new(
                        TKind::Lit(Value::Number(per.to_string())),
                        Ty::Integer,
                    )),
                },
                Ty::Number,
            )
        }
        _ => return None,
    };
    Some((out, None))
}
