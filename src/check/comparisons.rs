//! Period comparisons: `previous(m[, year])`, `change(m[, year])` and
//! `relative_change(m[, year])`. `change` and `relative_change` are spelt with `previous` here,
//! so later stages see one node (`TKind::Previous`); the SQL shape is
//! `sql::builder::comparison`.

use super::{Checker, Ctx, Mode, R};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind};
use crate::vocab::BinOp;

/// The comparison functions: name and signature (listed with the other functions).
pub const NAMES: &[(&str, &str)] = &[
    ("previous", "previous(m) or previous(m, year)"),
    ("change", "change(m) or change(m, year)"),
    (
        "relative_change",
        "relative_change(m) or relative_change(m, year)",
    ),
];

/// `Some` when `fname` is a comparison function: its checked expression (or `None` after a
/// diagnostic).
pub(super) fn call<'c>(
    c: &mut Checker<'c>,
    fname: &str,
    args: &[Expr],
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> Option<Option<R<'c>>> {
    let sig = NAMES.iter().find(|(n, _)| *n == fname)?.1;
    Some(check(c, fname, sig, args, filter, span, ctx))
}

fn check<'c>(
    c: &mut Checker<'c>,
    fname: &str,
    sig: &str,
    args: &[Expr],
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> Option<R<'c>> {
    if misplaced(
        c,
        fname,
        "previous(), change() and relative_change()",
        filter,
        span,
        ctx,
    ) {
        return None;
    }
    if args.is_empty() || args.len() > 2 {
        return c.err(
            Diagnostic::error(
                Code::BadArgument,
                span,
                format!(
                    "`{fname}` takes one or two arguments ({} given)",
                    args.len()
                ),
            )
            .with_help(format!("write it as `{sig}`")),
        );
    }
    let year = match args.get(1).map(|a| &a.kind) {
        None => false,
        Some(ExprKind::Name(n)) if n.eq_ignore_ascii_case("year") => true,
        Some(_) => {
            return c.err(
                Diagnostic::error(
                    Code::ComparisonArgument,
                    args[1].span,
                    format!("the second argument of `{fname}` can only be `year`"),
                )
                .with_help(format!(
                    "`{fname}(m)` compares with the previous bucket, `{fname}(m, year)` with the same bucket one year earlier"
                )),
            )
        }
    };
    let (m, _) = c.expr(&args[0], ctx)?;
    if !m.agg || contains_previous(&m) || contains_window(&m) {
        return c.err(
            Diagnostic::error(
                Code::ComparisonArgument,
                args[0].span,
                format!("`{fname}` needs an aggregate or a measure"),
            )
            .with_help(format!(
                "compare a value computed per bucket, e.g. `{fname}(count())` or `{fname}(offered)` where `offered` is an aggregate output, and not another comparison"
            )),
        );
    }
    let prev = TExpr {
        span,
        ..TExpr::new(
            TKind::Previous {
                expr: Box::new(m.clone()),
                year,
            },
            m.ty,
        )
    };
    let diff = |m: TExpr, p: TExpr| {
        TExpr::new(
            TKind::Binary {
                op: BinOp::Sub,
                left: Box::new(m.clone()),
                right: Box::new(p),
            },
            m.ty,
        )
    };
    let out = match fname {
        "previous" => prev,
        "change" => diff(m, prev),
        _ => TExpr::new(
            TKind::Div {
                left: Box::new(diff(m, prev.clone())),
                right: Box::new(prev),
            },
            Ty::Number,
        ),
    };
    Some((TExpr { span, ..out }, None))
}

/// A comparison or window outside `columns`/`having`, inside an aggregate or with `where`
/// (`family` names its functions in the help line): the diagnostic is pushed, `true` returned.
pub(super) fn misplaced(
    c: &mut Checker<'_>,
    fname: &str,
    family: &str,
    filter: Option<&Expr>,
    span: Span,
    ctx: Ctx,
) -> bool {
    if matches!(ctx.mode, Mode::Column | Mode::Having) && !ctx.in_agg && filter.is_none() {
        return false;
    }
    c.diags.push(
        Diagnostic::error(
            Code::ComparisonPlace,
            span,
            format!("`{fname}` is not allowed here"),
        )
        .with_help(format!(
            "{family} go in `columns` or `having`, around an aggregate; not in a filter, a group key, an aggregate or a catalogue measure"
        )),
    );
    true
}
