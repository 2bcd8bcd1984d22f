//! `share(m)` and `share(m, k1, k2...)`: an additive aggregate as a share of the report total,
//! or of the total within each value of the named group keys. Checked here; the total is a
//! window over the grouped rows (`TKind::Total`), divided with the language's `/` (never
//! truncating, NULL on a zero total).

use super::{Checker, Ctx, Mode, R};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Ident};
use crate::vocab::BinOp;

/// Why `e` does not add up over groups (`None`: it does): counts and sums, and sums,
/// differences and negations of them.
fn not_additive(e: &TExpr) -> Option<&'static str> {
    match &e.kind {
        TKind::Agg {
            func: AggFunc::CountStar | AggFunc::Count | AggFunc::Sum,
            ..
        } => None,
        TKind::Agg {
            func: AggFunc::Avg, ..
        } => Some("an average"),
        TKind::Agg {
            func: AggFunc::CountDistinct,
            ..
        } => Some("a count distinct (a value seen in two groups counts once in the total)"),
        TKind::Agg {
            func: AggFunc::Min | AggFunc::Max,
            ..
        } => Some("a min or max"),
        TKind::Percentile { .. } => Some("a percentile"),
        TKind::Div { .. } => Some("a ratio"),
        TKind::Total { .. } => Some("a share"),
        TKind::Neg(x) => not_additive(x),
        TKind::Binary {
            op: BinOp::Add | BinOp::Sub,
            left,
            right,
        } => not_additive(left).or_else(|| not_additive(right)),
        // a count of a many side (`count(sms)`): the sum of its per-row counts, 0 over none
        TKind::Func {
            func: ScalarFunc::ZeroIfNull,
            args,
        } if args.len() == 1 => not_additive(&args[0]),
        _ => Some("not a count or a sum"),
    }
}

impl<'c> Checker<'c> {
    pub(super) fn share(
        &mut self,
        name: &Ident,
        args: &[Expr],
        filter: Option<&Expr>,
        span: Span,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        if ctx.mode != Mode::Column || ctx.in_agg {
            return self.err(
                Diagnostic::error(
                    Code::SharePlace,
                    span,
                    "`share()` can only be an output column (or part of one)",
                )
                .with_help(
                    "a share is computed from the grouped rows: use it in `columns`, not in a \
                     filter, `having`, an aggregate or a catalogue measure",
                ),
            );
        }
        if let Some(f) = filter {
            return self.err(
                Diagnostic::error(
                    Code::NestedAggregate,
                    f.span,
                    format!(
                        "`where` applies only to aggregates, not to `{}`",
                        name.value
                    ),
                )
                .with_help("filter the aggregate inside: `share(count() where ...)`"),
            );
        }
        let Some((first, keys)) = args.split_first() else {
            return self.err(
                Diagnostic::error(
                    Code::BadArgument,
                    span,
                    "`share` takes the value to share and, optionally, group keys",
                )
                .with_help("write it as `share(count())` or `share(count(), week)`"),
            );
        };
        let (m, _) = self.expr(first, ctx)?;
        let why = if !m.agg {
            Some("not an aggregate")
        } else if !(m.ty.is_numeric() || matches!(m.ty, Ty::Duration(_))) {
            Some("not a number")
        } else {
            not_additive(&m)
        };
        if let Some(why) = why {
            return self.err(
                Diagnostic::error(
                    Code::ShareNotAdditive,
                    first.span,
                    format!("`share` needs a count or a sum, and this is {why}"),
                )
                .with_help(
                    "shares add up to 1 only for values that add up over groups: share a count \
                     or a sum (e.g. `share(count())`, `share(sum(exchange_time))`), and divide \
                     averages or ratios yourself",
                ),
            );
        }
        let mut within = Vec::new();
        for k in keys {
            let key = match &k.kind {
                ExprKind::Name(n) => self
                    .output_pos(n)
                    .map(|i| self.outputs[i].0.expr.clone())
                    .filter(|e| !e.agg),
                _ => None,
            };
            match key {
                Some(e) => within.push(e),
                None => {
                    self.diags.push(
                        Diagnostic::error(
                            Code::ShareWithin,
                            k.span,
                            "`share` is taken within group keys: this is not a grouping output \
                             column written before it",
                        )
                        .with_help(
                            "name a per-row output column listed earlier, e.g. `share(count(), \
                             week)` after a `week` column",
                        ),
                    );
                    return None;
                }
            }
        }
        let mut total = TExpr::new(
            TKind::Total {
                expr: Box::new(m.clone()),
                within,
            },
            m.ty,
        );
        total.span = span;
        let div = TExpr::new(
            TKind::Div {
                left: Box::new(m),
                right: Box::new(total),
            },
            Ty::Number,
        );
        Some((div, None))
    }
}

/// The span of the first `share()` in `e`, if any (a report with `having` refuses them).
pub(super) fn uses_share(e: &TExpr) -> bool {
    let mut found = matches!(e.kind, TKind::Total { .. });
    e.kind.for_each_child(|c| found |= uses_share(c));
    found
}
