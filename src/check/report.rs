//! The report's clauses, checked in order: output columns (each may use the earlier ones),
//! filters, grouping, having, order by and limit; the IR query assembled from them.

use super::{Checker, Ctx, Mode};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{self, Expr, ExprKind, Report};
use std::collections::HashMap;

impl Checker<'_> {
    pub(super) fn report(&mut self, r: &Report) -> Query {
        self.columns(r);
        let filters = self.conditions(&r.filters, Mode::Filter, "a filter");
        let group_by = self.grouping(r);
        let having = self.conditions(&r.having, Mode::Having, "a having condition");
        self.no_share_with_having(r);
        self.no_timeseries_mix(&having);
        let order_by = self.order_by(r);
        let limit = self.limit(r);
        let top = self.top(r, &group_by, &having);
        let fill = self.fill(r, &filters, &group_by, &having);
        self.bucket_dates(r);
        let mut q = Query {
            name: r.name.as_ref().map(|n| n.value.clone()),
            title: r.title.as_ref().map(|t| t.value.clone()),
            description: r.description.as_ref().map(|d| d.value.clone()),
            source: r.source.value.clone(),
            table: self.source.table.clone(),
            table_span: r.source.span,
            outputs: self.outputs.iter().map(|(o, _)| o.clone()).collect(),
            filters,
            group_by,
            having,
            order_by,
            limit,
            timezone: self.tz.clone(),
            parameters: r
                .parameters
                .iter()
                .map(|p| Param {
                    name: p.name.value.clone(),
                    ty: p.ty.value.text(),
                    default: p.default.as_ref().map(|d| d.value.clone()),
                    description: p.description.as_ref().map(|d| d.value.clone()),
                })
                .collect(),
            joins: std::mem::take(&mut self.joins),
            top,
            fill,
        };
        super::fan_out::first_copies_only(&mut q);
        q
    }

    /// Comparisons and windows are computed in CTEs of their own, which do not carry the
    /// window total of `share()` nor the joins of `link.column` paths yet: a report that
    /// combines them is refused (E0244), before any dialect is chosen.
    fn no_timeseries_mix(&mut self, having: &[TExpr]) {
        let timeseries = |e: &TExpr| contains_previous(e) || contains_window(e);
        let at = self
            .outputs
            .iter()
            .map(|(o, _)| (&o.expr, o.span))
            .chain(having.iter().map(|h| (h, h.span)))
            .find(|(e, _)| timeseries(e))
            .map(|(_, span)| span);
        let Some(at) = at else { return };
        let what = if self.outputs.iter().any(|(o, _)| contains_share(&o.expr)) {
            "`share()`"
        } else if !self.joins.is_empty() {
            "columns of linked sources (`link.column`)"
        } else {
            return;
        };
        self.diags.push(
            Diagnostic::error(
                Code::WindowMix,
                at,
                format!("a comparison or window cannot be combined with {what} in one report yet"),
            )
            .with_help("split it into two reports: one with the comparison or window, one without"),
        );
    }

    /// The output columns, in order: each is named, resolved and kept when it is valid.
    fn columns(&mut self, r: &Report) {
        let mut names: HashMap<String, Span> = HashMap::new();
        for col in &r.columns {
            let ctx = Ctx {
                mode: Mode::Column,
                in_agg: false,
            };
            let name = match (&col.name, &col.expr.kind) {
                (Some(n), _) => Some((n.value.clone(), n.span)),
                (None, ExprKind::Name(n)) => Some((super::paths::output_name(n), col.expr.span)),
                (None, _) => {
                    let suggestion = suggest_name(&col.expr);
                    self.diags.push(
                        Diagnostic::error(
                            Code::UnnamedOutput,
                            col.expr.span,
                            "this output column needs a name",
                        )
                        .with_help(format!(
                            "write it as `{}`",
                            self.words.named_output(&suggestion, "<expression>")
                        )),
                    );
                    None
                }
            };
            let resolved = self.expr(&col.expr, ctx);
            let Some((name, name_span)) = name else {
                continue;
            };
            self.column_index += 1;
            if let Some(&first) = names.get(&name) {
                self.diags.push(
                    Diagnostic::error(
                        Code::DuplicateOutput,
                        name_span,
                        format!("two output columns are named `{name}`"),
                    )
                    .with_secondary(first, "first used here")
                    .with_help("give each output column its own name"),
                );
                continue;
            }
            names.insert(name.clone(), name_span);
            if let Some((expr, _)) = resolved {
                if expr.agg {
                    self.check_no_bare_columns(&col.expr, false);
                }
                self.output_index.insert(name.clone(), self.outputs.len());
                let labels = self.labels_of(r, &col.expr, &expr);
                self.outputs.push((
                    Output {
                        name,
                        expr,
                        span: col.span,
                        labels,
                        unit: super::units::named_unit(&col.expr),
                        as_date: false,
                    },
                    name_span,
                ));
            }
        }
    }

    /// Conditions of `filters` or `having`, each checked alone.
    fn conditions(&mut self, items: &[Expr], mode: Mode, what: &str) -> Vec<TExpr> {
        let mut out = Vec::new();
        for e in items {
            let ctx = Ctx {
                mode,
                in_agg: false,
            };
            if let Some(t) = self.condition(e, ctx, what) {
                out.push(t);
            }
        }
        out
    }

    pub(super) fn condition(&mut self, e: &Expr, ctx: Ctx, what: &str) -> Option<TExpr> {
        let (t, _) = self.expr(e, ctx)?;
        if t.ty != Ty::Boolean {
            self.diags.push(
                Diagnostic::error(
                    Code::NotACondition,
                    e.span,
                    format!("{what} must be a condition, but this is {}", t.ty.a()),
                )
                .with_help(
                    "compare it with something, e.g. `wait_time > 30s`, or test it with `is null`",
                ),
            );
            return None;
        }
        Some(t)
    }

    /// `having` is applied after the shares' totals are summed over the groups: a share of a
    /// report with `having` is refused rather than computed over the kept groups only.
    fn no_share_with_having(&mut self, r: &Report) {
        let (Some(h), Some((o, _))) = (
            r.having.first(),
            self.outputs
                .iter()
                .find(|(o, _)| super::share::uses_share(&o.expr)),
        ) else {
            return;
        };
        let (having, filters) = (self.words.word("having"), self.words.word("filters"));
        self.diags.push(
            Diagnostic::error(
                Code::SharePlace,
                h.span,
                format!(
                    "`{}` is a share, and a report with shares cannot have `{having}`",
                    o.name
                ),
            )
            .with_secondary(o.span, "the share")
            .with_help(format!(
                "a share's total is every group of the report; `{having}` would remove groups \
                 after the total is taken, so the shown shares would not add up to 1: filter \
                 rows with `{filters}` instead, or remove `{having}`"
            )),
        );
    }

    fn order_by(&mut self, r: &Report) -> Vec<Order> {
        let mut order_by = Vec::new();
        for o in &r.order_by {
            if let Some(idx) = self.order_target(&o.expr) {
                order_by.push(Order {
                    output: idx,
                    descending: o.descending,
                    nulls_first: o.nulls == Some(ast::NullsOrder::First),
                });
            }
        }
        order_by
    }

    fn order_target(&mut self, e: &Expr) -> Option<usize> {
        if let ExprKind::Name(n) = &e.kind {
            if let Some(i) = self.output_pos(n) {
                return Some(i);
            }
            if n.contains('.') {
                return self.path_output(n, e.span);
            }
            if self.declared_before(n, usize::MAX) {
                // the output had its own error, already reported
                return None;
            }
            let outs = self.declared_names();
            let (order_by, columns) = (self.words.word("order_by"), self.words.word("columns"));
            let mut d = Diagnostic::error(
                Code::NotAnOutput,
                e.span,
                format!("{order_by} names `{n}`, which is not an output column"),
            );
            d = if self.source.measure(n).is_some() {
                let named = self
                    .words
                    .named_output(n, "")
                    .trim_end_matches([':', ' ', '='])
                    .to_string();
                d.with_help(format!("`{n}` is a measure of the source: add it to `{columns}` (`{named}`) to order by it"))
            } else if self.source.column(n).is_some() {
                d.with_help(format!("`{n}` is a column of the source but not of the report: add it to `{columns}` to order by it"))
            } else if let Some(s) = did_you_mean(n, outs.iter().copied()) {
                d.with_help(format!("did you mean `{s}`?"))
            } else {
                d.with_help(format!("output columns: {}", list_for_help(outs)))
            };
            self.diags.push(d);
            return None;
        }
        let (order_by, columns) = (self.words.word("order_by"), self.words.word("columns"));
        self.diags.push(
            Diagnostic::error(
                Code::NotAnOutput,
                e.span,
                format!("{order_by} takes the name of an output column"),
            )
            .with_help(format!(
                "add the expression to `{columns}` with a name, then order by that name"
            )),
        );
        None
    }

    fn limit(&mut self, r: &Report) -> Option<u64> {
        r.limit.as_ref().and_then(|l| {
            if l.value <= 0 {
                self.diags.push(
                    Diagnostic::error(
                        Code::BadLimit,
                        l.span,
                        format!("limit must be greater than zero, found {}", l.value),
                    )
                    .with_help("remove `limit` to return every row, or give a positive number"),
                );
                None
            } else {
                Some(l.value as u64)
            }
        })
    }
}

/// A name to suggest for an unnamed output.
fn suggest_name(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Bucket { unit, .. } => unit.value.name().to_string(),
        ExprKind::Call { name, args, .. } => match args.first().map(|a| &a.kind) {
            Some(ExprKind::Name(n)) => format!("{}_{}", name.value, n),
            _ => name.value.clone(),
        },
        _ => "name".to_string(),
    }
}
