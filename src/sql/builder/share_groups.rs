//! `share()` on a dialect without a documented window over an aggregate (`Func::TotalOver` not
//! yet: SQL Server, BigQuery, Trino, Athena, Databricks). The groups are computed first, in a
//! CTE, and each share's total is a window over the CTE's plain columns, the form `top` uses:
//!
//! ```sql
//! WITH rc_groups AS (                 -- per group: its keys and its values
//!   SELECT <key> AS rc_k0, ..., COUNT(*) AS rc_c0, ...
//!   FROM source WHERE <filters> GROUP BY <keys>)
//! SELECT rc_k0 AS queue, rc_c0 AS contacts,
//!   CAST(rc_c0 AS FLOAT) / NULLIF(SUM(rc_c0) OVER (PARTITION BY rc_k1), 0) AS share
//! FROM rc_groups
//! ORDER BY ... LIMIT ...
//! ```
//!
//! The outer query has one row per group, as the grouped query has, so an output without a
//! share is its group value read back, and a share is its group value over the sum of that
//! value over the rows of the same `within` keys: the same numbers as the window over the
//! grouped rows (`builder::share`), computed by the dialect's SUM over columns.

use super::comparison::{col, cte, first, out, with_ctes, Names};
use super::{Builder, B};
use crate::diagnostics::Diagnostic;
use crate::ir::{contains_share, GroupKey, Output, TExpr, TKind};
use crate::sql::dialect::Dialect;
use crate::sql::functions::{Func, Render};
use crate::sql::lower::Plan;
use sqlparser::ast::Statement;

/// The plan's shares take this shape on `d`: it has shares, and the dialect's window over the
/// grouped rows is not yet backed by a vendor fact.
pub fn uses_groups_cte(plan: &Plan, d: &Dialect) -> bool {
    matches!(d.render(Func::TotalOver), Render::NotYet(_))
        && plan.outputs.iter().any(|o| contains_share(&o.expr))
}

/// The group keys and the group values the outer query reads, each listed once.
struct Groups<'a> {
    keys: Vec<TExpr>,
    values: Vec<TExpr>,
    names: &'a Names,
}

impl Groups<'_> {
    /// `e` over the CTE's columns: a group key its `rc_k` column, a value without a share (an
    /// aggregate, or an expression of aggregates and keys) its `rc_c` column, a share's measure
    /// and keys their columns; literals and parameters as they are.
    fn rewrite(&mut self, e: &TExpr) -> TExpr {
        if let Some(j) = self.keys.iter().position(|k| k == e) {
            return TExpr {
                span: e.span,
                ..col(self.names.n("k", j), e.ty)
            };
        }
        if e.agg && !contains_share(e) {
            return self.value(e);
        }
        match &e.kind {
            TKind::Total { expr, within } => TExpr::new(
                TKind::Total {
                    expr: Box::new(self.value(expr)),
                    within: within.iter().map(|k| self.rewrite(k)).collect(),
                },
                e.ty,
            ),
            _ => {
                let mut kind = e.kind.clone();
                kind.for_each_child_mut(|c| *c = self.rewrite(c));
                TExpr {
                    span: e.span,
                    ..TExpr::new(kind, e.ty)
                }
            }
        }
    }

    fn value(&mut self, e: &TExpr) -> TExpr {
        let i = match self.values.iter().position(|v| v == e) {
            Some(i) => i,
            None => {
                self.values.push(e.clone());
                self.values.len() - 1
            }
        };
        col(self.names.n("c", i), e.ty)
    }
}

impl Builder<'_> {
    /// The statement of a report with shares, for a dialect of `uses_groups_cte`.
    pub fn share_groups_statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        self.share_groups(plan).map_err(|e| vec![e])
    }

    fn share_groups(&self, plan: &Plan) -> B<Statement> {
        let span = plan.table_span;
        let names = Names::new(plan);
        let keys: Vec<TExpr> = plan
            .group_by
            .iter()
            .flatten()
            .map(|k| match k {
                GroupKey::Output(i) => plan.outputs[*i].expr.clone(),
                GroupKey::Expr(e) => e.clone(),
            })
            .collect();
        let mut groups = Groups {
            keys,
            values: Vec::new(),
            names: &names,
        };
        let outputs: Vec<Output> = plan
            .outputs
            .iter()
            .map(|o| Output {
                expr: groups.rewrite(&o.expr),
                ..o.clone()
            })
            .collect();

        // rc_groups: the keys and values of each group, grouped as the report is
        let mut scan_outputs = Vec::new();
        for (j, k) in groups.keys.iter().enumerate() {
            scan_outputs.push(out(names.n("k", j), k.clone()));
        }
        for (i, v) in groups.values.iter().enumerate() {
            scan_outputs.push(out(names.n("c", i), v.clone()));
        }
        // `having` with shares is refused (E0252): the totals would leave out the groups it drops
        if !plan.having.is_empty() {
            return Err(self.unsupported(
                "`having` with `share()`",
                "the total would leave out the groups `having` drops",
                span,
            ));
        }
        let keys = plan.group_by.as_ref().map(|_| groups.keys.len());
        let scan = self.grouped_scan(plan, scan_outputs, keys, span)?;

        // the outer query: one row per group, the shares windows over its columns
        let table = [names.table("groups")];
        let final_plan = Plan {
            order_by: plan.order_by,
            limit: plan.limit,
            ..Plan::over(&table, plan.table_span, outputs, Vec::new())
        };
        let mut stmt = self.statement(&final_plan).map_err(first)?;
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        with_ctes(q, false, vec![cte(self.ident(&table[0], span)?, scan)]);
        Ok(stmt)
    }
}
