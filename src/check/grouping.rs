//! Grouping: the GROUP BY keys (written, or every non-aggregated output when the report
//! aggregates), outputs that are neither grouped nor aggregated, and per-row values inside an
//! aggregated output.

use super::{calls, Checker, Ctx, Mode};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::*;
use crate::syntax::ast::{self, Expr, ExprKind, Report};

impl Checker<'_> {
    /// The GROUP BY keys: `None` when the report does not aggregate.
    pub(super) fn grouping(&mut self, r: &Report) -> Option<Vec<GroupKey>> {
        let any_agg = self.outputs.iter().any(|(o, _)| o.expr.agg);
        let mut group_by: Option<Vec<GroupKey>> = None;
        if let Some(items) = &r.group_by {
            let mut keys = Vec::new();
            for item in items {
                if let Some(k) = self.group_key(item) {
                    keys.push(k);
                }
            }
            group_by = Some(keys);
        } else if any_agg || !r.having.is_empty() {
            group_by = Some(
                self.outputs
                    .iter()
                    .enumerate()
                    .filter(|(_, (o, _))| !o.expr.agg)
                    .map(|(i, _)| GroupKey::Output(i))
                    .collect(),
            );
        }
        if let (Some(keys), Some(items)) = (&group_by, &r.group_by) {
            for (i, (o, span)) in self.outputs.iter().enumerate() {
                if o.expr.agg {
                    continue;
                }
                let covered = keys.iter().any(|k| match k {
                    GroupKey::Output(j) => *j == i,
                    GroupKey::Expr(e) => *e == o.expr,
                });
                if !covered {
                    let span = *span;
                    let at = items.first().map(|e| e.span).unwrap_or(span);
                    let group_by = self.words.word("group_by");
                    self.diags.push(
                        Diagnostic::error(
                            Code::Grouping,
                            span,
                            format!(
                                "output `{}` is neither aggregated nor listed in `{group_by}`",
                                o.name
                            ),
                        )
                        .with_secondary(at, format!("{group_by} is here"))
                        .with_help(format!(
                            "add `{}` to `{group_by}`, or aggregate it (e.g. `max(...)`)",
                            o.name
                        )),
                    );
                }
            }
        }
        group_by
    }

    fn group_key(&mut self, e: &Expr) -> Option<GroupKey> {
        if let ExprKind::Name(n) = &e.kind {
            if let Some(i) = self.output_pos(n) {
                if self.outputs[i].0.expr.agg {
                    self.diags.push(
                        Diagnostic::error(
                            Code::Grouping,
                            e.span,
                            format!("`{n}` is an aggregate and cannot be a group key"),
                        )
                        .with_help(
                            "group by the per-row columns; aggregates are computed per group",
                        ),
                    );
                    return None;
                }
                return Some(GroupKey::Output(i));
            }
        }
        let ctx = Ctx {
            mode: Mode::GroupBy,
            in_agg: false,
        };
        let (t, _) = self.expr(e, ctx)?;
        if t.agg {
            self.diags.push(Diagnostic::error(
                Code::Grouping,
                e.span,
                "an aggregate cannot be a group key",
            ));
            return None;
        }
        Some(GroupKey::Expr(t))
    }

    /// An aggregated output may not use a source column outside its aggregates.
    pub(super) fn check_no_bare_columns(&mut self, e: &Expr, in_agg: bool) {
        match &e.kind {
            ExprKind::Name(n) if !in_agg => {
                if (self.source.column(n).is_some() || n.contains('.'))
                    && self.output_pos(n).is_none()
                {
                    self.diags.push(
                        Diagnostic::error(
                            Code::Grouping,
                            e.span,
                            format!("`{n}` is a per-row value inside an aggregated column"),
                        )
                        .with_help(format!("aggregate it (e.g. `max({n})`), or make it an output column of its own")),
                    );
                }
            }
            ExprKind::Call { name, args, filter } => {
                let is_agg = calls::is_aggregate(&name.value);
                for a in args {
                    self.check_no_bare_columns(a, in_agg || is_agg);
                }
                if let Some(f) = filter {
                    self.check_no_bare_columns(f, true);
                }
            }
            _ => ast::for_each_child(e, |c| self.check_no_bare_columns(c, in_agg)),
        }
    }
}
