//! Calendar windows: `rolling(m, N)` (the N buckets ending at this one) and `running(m[, unit])`
//! (since the start of the shown range, or of the period). Both are one node,
//! `TKind::Window`; the SQL shape is `sql::builder::window`.

use super::{Checker, Ctx, R};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Literal};
use crate::vocab::TimeUnit;

/// The longest rolling window, in buckets.
pub const MAX_ROLLING: u32 = 10_000;

/// `Some` when `fname` is a window function: its checked expression (or `None` after a
/// diagnostic).
pub(super) fn call<'c>(
    c: &mut Checker<'c>,
    fname: &str,
    args: &[Expr],
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> Option<Option<R<'c>>> {
    if !matches!(fname, "rolling" | "running") {
        return None;
    }
    Some(check(c, fname, args, filter, span, ctx))
}

fn bad(c: &mut Checker<'_>, at: Span, msg: String, help: &str) {
    c.diags
        .push(Diagnostic::error(Code::WindowArgument, at, msg).with_help(help.to_string()));
}

fn check<'c>(
    c: &mut Checker<'c>,
    fname: &str,
    args: &[Expr],
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> Option<R<'c>> {
    if super::comparisons::misplaced(c, fname, "rolling() and running()", filter, span, ctx) {
        return None;
    }
    let sig = if fname == "rolling" {
        "rolling(m, 7)"
    } else {
        "running(m) or running(m, month)"
    };
    let arity_ok = if fname == "rolling" {
        args.len() == 2
    } else {
        (1..=2).contains(&args.len())
    };
    if !arity_ok {
        return c.err(
            Diagnostic::error(
                Code::BadArgument,
                span,
                format!(
                    "`{fname}` takes a different number of arguments ({} given)",
                    args.len()
                ),
            )
            .with_help(format!("write it as `{sig}`")),
        );
    }
    let frame = match (fname, args.get(1).map(|a| &a.kind)) {
        ("rolling", Some(ExprKind::Literal(Literal::Number(n)))) => match n.parse::<u32>() {
            Ok(k) if (1..=MAX_ROLLING).contains(&k) => Frame::Rolling(k),
            _ => {
                bad(
                    c,
                    args[1].span,
                    format!(
                        "a rolling window is a whole number of buckets from 1 to {MAX_ROLLING}"
                    ),
                    "e.g. `rolling(avg(wait_time), 7)` by day: the 7 days ending at each day",
                );
                return None;
            }
        },
        ("rolling", _) => {
            bad(
                c,
                args[1].span,
                "the size of a rolling window is a number of buckets".to_string(),
                "e.g. `rolling(avg(wait_time), 7)` by day: the 7 days ending at each day",
            );
            return None;
        }
        (_, None) => Frame::Running(None),
        (_, Some(ExprKind::Name(n))) if TimeUnit::parse(n).is_some() => {
            Frame::Running(TimeUnit::parse(n))
        }
        (_, Some(_)) => {
            bad(
                c,
                args[1].span,
                "the period of a running total is a time unit".to_string(),
                "e.g. `running(count(), month)`: the running total restarts at each month",
            );
            return None;
        }
    };
    let (m, _) = c.expr(&args[0], ctx)?;
    if !m.agg || contains_previous(&m) || crate::ir::contains_window(&m) {
        bad(
            c,
            args[0].span,
            format!("`{fname}` needs an aggregate or a measure"),
            "a window re-aggregates the rows of its buckets, e.g. `rolling(avg(wait_time), 7)` or `running(offered)`, and not another comparison or window",
        );
        return None;
    }
    let ty = m.ty;
    let out = TExpr::new(
        TKind::Window {
            expr: Box::new(m),
            frame,
        },
        ty,
    );
    Some((TExpr { span, ..out }, None))
}
