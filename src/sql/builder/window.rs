//! Calendar windows (`rolling(m, N)`, `running(m[, unit])`): the shown buckets in a CTE, joined
//! to the source's rows of each bucket's window, then aggregated per shown bucket. Computed
//! from all rows in the window (an average over 7 days is the average of its rows; count
//! distinct and percentiles work too), bounded by timestamps, not by rows: a day without rows
//! counts as empty, and a 7-day window is 7 calendar days. No window frames (SQL Server has no
//! RANGE frame with an offset).
//!
//! ```sql
//! WITH rc_bucketed AS (SELECT <bucket> AS rc_k0, <key> AS rc_k1, <agg> AS rc_c0
//!   FROM source WHERE <filters> GROUP BY 1, 2)
//! SELECT <outputs: keys rc_k*, aggregates rc_c*, window aggregates over source rows>
//! FROM rc_bucketed JOIN source
//!   ON ts >= <rc_k0 - (N-1) units> AND ts < <rc_k0 + 1 unit> AND <key null-safe = rc_k1>
//! WHERE <other filters> AND <date filter widened by N-1 units>   -- rolling
//!       <filters>                                                -- running
//! GROUP BY rc_k0, rc_k1, rc_c0 HAVING ... ORDER BY ... LIMIT ...
//! ```
//!
//! Bucket bounds are local timestamps (the report time zone) turned into stored instants, so
//! a window across a DST change still starts and ends at local midnights. `rolling` reads rows
//! before the first shown bucket where its window reaches them; `running` counts the rows the
//! filters keep, since the start of the range or of the period (`running(m, month)`).

use super::comparison::*;
use super::precedence::{and_all, binop, nest};
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::sql::lower::Plan;
use crate::vocab::TimeUnit;
use sqlparser::ast::{self as sa, BinaryOperator, Expr, SetExpr, Statement};

/// The plan uses `rolling` or `running` (and so takes this shape).
pub fn uses_window(plan: &Plan) -> bool {
    plan.outputs.iter().any(|o| contains_window(&o.expr)) || plan.having.iter().any(contains_window)
}

fn frames(e: &TExpr, out: &mut Vec<(Span, Frame)>) {
    if let TKind::Window { frame, .. } = &e.kind {
        out.push((e.span, *frame));
    }
    e.kind.for_each_child(|c| frames(c, out));
}

/// A period holds whole buckets: days in weeks and months, months in quarters; not weeks in
/// months (a week can straddle two).
fn holds_whole(period: TimeUnit, bucket: TimeUnit) -> bool {
    period >= bucket && !(bucket == TimeUnit::Week && period != TimeUnit::Week)
}

impl Builder<'_> {
    /// The statement of a report that uses `rolling` or `running`.
    pub fn window_statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        self.window(plan).map_err(|e| vec![e])
    }

    fn window(&self, plan: &Plan) -> B<Statement> {
        let mut calls = Vec::new();
        for e in plan.outputs.iter().map(|o| &o.expr).chain(&plan.having) {
            frames(e, &mut calls);
        }
        let (span, frame) = calls
            .first()
            .copied()
            .unwrap_or((Span::empty(), Frame::Running(None)));
        if let Some((other, _)) = calls.iter().find(|(_, f)| *f != frame) {
            return Err(Diagnostic::error(
                Code::WindowMix,
                *other,
                "a report has one window: every rolling() or running() of it must have the same size or period",
            )
            .with_help("write the other window as a second report"));
        }
        if super::comparison::uses_previous(plan) {
            return Err(Diagnostic::error(
                Code::WindowMix,
                span,
                "a report cannot combine a window with previous(), change() or relative_change()",
            )
            .with_help("write the comparison as a second report"));
        }
        if let Some(reason) = self.d.expression_join {
            return Err(self.unsupported("rolling() and running()", reason, span));
        }
        let TimeKeys { keys, b, ts, unit } = time_keys(plan, span)?;
        if let Frame::Running(Some(p)) = frame {
            if !holds_whole(p, unit) {
                return Err(Diagnostic::error(
                    Code::WindowArgument,
                    span,
                    format!(
                        "a running total restarting at each {} needs buckets that fit in it, and the report's buckets are {}s",
                        p.name(),
                        unit.name()
                    ),
                )
                .with_help("restart at a unit that holds whole buckets: days in weeks or months, months in quarters or years (weeks straddle months)"));
            }
        }
        let names = Names::new(plan);
        let (time_filters, other_filters): (Vec<&TExpr>, Vec<&TExpr>) =
            plan.filters.iter().partition(|f| mentions(f, &ts));

        // rc_bucketed: the shown buckets with their keys and plain aggregates
        let mut cur = Vec::new();
        for e in plan.outputs.iter().map(|o| &o.expr).chain(&plan.having) {
            collect_plain(e, &mut cur);
        }
        let mut scan_outputs = Vec::new();
        let mut key_cols = Vec::new();
        for (j, k) in keys.iter().enumerate() {
            scan_outputs.push(out(names.n("k", j), k.clone()));
            key_cols.push(col(names.n("k", j), k.ty));
        }
        let cur_cols: Vec<TExpr> = cur
            .iter()
            .enumerate()
            .map(|(i, a)| {
                scan_outputs.push(out(names.n("c", i), a.clone()));
                col(names.n("c", i), a.ty)
            })
            .collect();
        let scan = self.grouped_scan(plan, scan_outputs, Some(keys.len()), span)?;

        // the outer query over rc_bucketed joined to the window's rows
        let rw = |e: &TExpr| rewrite(e, &keys, &key_cols, &cur, &cur_cols);
        let row_filters: Vec<TExpr> = match frame {
            Frame::Running(_) => plan.filters.clone(),
            Frame::Rolling(_) => other_filters.into_iter().cloned().collect(),
        };
        let bucketed = names.table("bucketed");
        let table = [bucketed.clone()];
        let final_plan = Plan {
            group_by: Some(
                key_cols
                    .iter()
                    .chain(&cur_cols)
                    .cloned()
                    .map(GroupKey::Expr)
                    .collect(),
            ),
            having: plan.having.iter().map(rw).collect(),
            order_by: plan.order_by,
            limit: plan.limit,
            ..Plan::over(
                &table,
                plan.table_span,
                plan.outputs
                    .iter()
                    .map(|o| Output {
                        expr: rw(&o.expr),
                        ..o.clone()
                    })
                    .collect(),
                row_filters,
            )
        };
        // every output is now an alias of a generated expression: a source column of the
        // same name is written `table.column` (ClickHouse reads an alias anywhere)
        let outer = Builder::new(
            self.d,
            self.zone,
            self.table.clone(),
            plan.outputs.iter().map(|o| o.name.clone()).collect(),
        );
        let mut stmt = outer.statement(&final_plan).map_err(first)?;
        if let Frame::Rolling(n) = frame {
            let step = Step {
                unit,
                k: i64::from(n) - 1,
                exact_both_ways: false,
            };
            let widened = time_filters
                .iter()
                .filter_map(|f| outer.scan_bound(f, &ts, unit, step).transpose())
                .collect::<B<Vec<Expr>>>()?;
            add_conditions(&mut stmt, widened);
        }
        let on = outer.window_condition(&keys, &key_cols, b, &ts, unit, frame, span)?;
        let source = plan
            .table
            .iter()
            .map(|p| self.ident(p, plan.table_span))
            .collect::<B<Vec<_>>>()?;
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        if let SetExpr::Select(sel) = q.body.as_mut() {
            if let Some(twj) = sel.from.first_mut() {
                let relation = table_factor(&twj.relation, source);
                twj.joins.push(sa::Join {
                    relation,
                    global: false,
                    join_operator: sa::JoinOperator::Join(sa::JoinConstraint::On(on)),
                });
            }
        }
        with_ctes(q, false, vec![cte(self.ident(&bucketed, span)?, scan)]);
        Ok(stmt)
    }

    /// The rows of the window of bucket `rc_k<b>`, with the same other keys.
    #[allow(clippy::too_many_arguments)]
    fn window_condition(
        &self,
        keys: &[TExpr],
        key_cols: &[TExpr],
        b: usize,
        ts: &str,
        unit: TimeUnit,
        frame: Frame,
        span: Span,
    ) -> B<Expr> {
        let x = self.expr(&TExpr::new(TKind::Column(ts.to_string()), keys[b].ty))?;
        let bucket = self.expr(&key_cols[b])?;
        let mut conds = Vec::new();
        let lo = match frame {
            Frame::Rolling(n) => Some(self.shift(bucket.clone(), 1 - i64::from(n), unit, span)?),
            Frame::Running(Some(p)) => Some(self.trunc(p, bucket.clone(), span)?),
            Frame::Running(None) => None,
        };
        if let Some(lo) = lo {
            let lo = self.local_to_stored(lo, span)?;
            conds.push(binop(BinaryOperator::GtEq, x.clone(), lo));
        }
        let hi = self.local_to_stored(self.shift(bucket, 1, unit, span)?, span)?;
        conds.push(binop(BinaryOperator::Lt, x, hi));
        for j in (0..keys.len()).filter(|&j| j != b) {
            let (k, c) = (self.operand(&keys[j])?, self.expr(&key_cols[j])?);
            let both_null = binop(
                BinaryOperator::And,
                Expr::IsNull(Box::new(k.clone())),
                Expr::IsNull(Box::new(c.clone())),
            );
            conds.push(nest(binop(
                BinaryOperator::Or,
                binop(BinaryOperator::Eq, k, c),
                both_null,
            )));
        }
        Ok(and_all(conds).unwrap_or_else(|| super::precedence::num(1)))
    }
}

/// The aggregates outside windows, each once.
fn collect_plain(e: &TExpr, out: &mut Vec<TExpr>) {
    match &e.kind {
        TKind::Window { .. } => {}
        TKind::Agg { .. } | TKind::Percentile { .. } => {
            if !out.contains(e) {
                out.push(e.clone());
            }
        }
        k => k.for_each_child(|c| collect_plain(c, out)),
    }
}

/// An output or having expression of the outer query: keys become `rc_k<j>`, aggregates
/// outside windows `rc_c<i>`; a window's aggregate stays, over the joined source rows.
fn rewrite(
    e: &TExpr,
    keys: &[TExpr],
    key_cols: &[TExpr],
    cur: &[TExpr],
    cur_cols: &[TExpr],
) -> TExpr {
    if let Some(j) = keys.iter().position(|k| k == e) {
        return key_cols[j].clone();
    }
    if let Some(i) = cur.iter().position(|a| a == e) {
        return cur_cols[i].clone();
    }
    match &e.kind {
        TKind::Window { expr, .. } => (**expr).clone(),
        _ => {
            let mut out = e.clone();
            out.kind
                .for_each_child_mut(|c| *c = rewrite(c, keys, key_cols, cur, cur_cols));
            out
        }
    }
}
