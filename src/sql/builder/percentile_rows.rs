//! Exact percentiles on a dialect whose PERCENTILE_CONT is a window function only (SQL Server,
//! BigQuery: `Func::Percentile` unsupported, `Func::PercentileOver` stated). Each percentile is
//! a window over the rows of its group, in a CTE of the report's filtered rows, read back once
//! per group by the grouped query:
//!
//! ```sql
//! WITH rc_rows AS (
//!   SELECT *, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY wait_time)
//!     OVER (PARTITION BY <group keys>) AS rc_p0
//!   FROM source WHERE <filters>)
//! SELECT <keys>, COUNT(*) AS n, MIN(rc_p0) AS p90
//! FROM rc_rows GROUP BY <keys> ORDER BY ... LIMIT ...
//! ```
//!
//! The window's partition is the group: the same key expressions over the same rows, NULL keys
//! one partition as they are one group. Every row of a group holds the same value, so MIN reads
//! it back. A percentile's `where` is folded into its argument (`CASE WHEN cond THEN x END`):
//! PERCENTILE_CONT ignores NULLs, as the aggregate ignores the rows `where` leaves out.

use super::comparison::{col, cte, first, out, with_ctes, Names};
use super::precedence::num;
use super::{Builder, B};
use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{contains_percentile, AggFunc, GroupKey, Output, TExpr, TKind, Ty};
use crate::sql::dialect::Dialect;
use crate::sql::functions::{Arg, Func, Render};
use crate::sql::lower::Plan;
use sqlparser::ast::{Expr, SelectItem, SetExpr, Statement};

/// The plan takes this shape on `d`: it has exact percentiles, the dialect has them only as a
/// window function, and the report follows no link (the rows' CTE reads one table).
pub fn uses_percentile_rows(plan: &Plan, d: &Dialect) -> bool {
    !matches!(d.render(Func::Percentile), Render::Sql(_))
        && matches!(d.render(Func::PercentileOver), Render::Sql(_))
        && plan.joins.is_empty()
        && plan
            .outputs
            .iter()
            .map(|o| &o.expr)
            .chain(&plan.having)
            .any(contains_percentile)
}

/// `e` with each percentile its window's column read back (`MIN(rc_p0)`), the percentiles
/// listed once in `found`.
fn read_back(e: &TExpr, found: &mut Vec<TExpr>, names: &Names) -> TExpr {
    if let TKind::Percentile { .. } = e.kind {
        let i = match found.iter().position(|p| p == e) {
            Some(i) => i,
            None => {
                found.push(e.clone());
                found.len() - 1
            }
        };
        let min = TExpr::new(
            TKind::Agg {
                func: AggFunc::Min,
                arg: Some(Box::new(col(names.n("p", i), e.ty))),
                filter: None,
            },
            e.ty,
        );
        return TExpr {
            span: e.span,
            ..min
        };
    }
    let mut kind = e.kind.clone();
    kind.for_each_child_mut(|c| *c = read_back(c, found, names));
    TExpr {
        span: e.span,
        ..TExpr::new(kind, e.ty)
    }
}

impl Builder<'_> {
    /// The statement of a report with percentiles, for a dialect of `uses_percentile_rows`.
    pub fn percentile_rows_statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        self.percentile_rows(plan).map_err(|e| vec![e])
    }

    /// The dialect's percentile window over the rows sharing the group keys.
    fn percentile_window(&self, p: &TExpr, keys: &[Expr], span: Span) -> B<Expr> {
        let TKind::Percentile {
            arg,
            fraction,
            filter,
        } = &p.kind
        else {
            unreachable!("a percentile")
        };
        let a = match filter {
            Some(f) => self.case_when(f, self.expr(arg)?)?,
            None => self.expr(arg)?,
        };
        let mut out = self.call(
            Func::PercentileOver,
            vec![Arg::Expr(a), Arg::Expr(num(fraction))],
            span,
        )?;
        super::share::partition_by(&mut out, keys.to_vec());
        Ok(out)
    }

    fn percentile_rows(&self, plan: &Plan) -> B<Statement> {
        let span = plan.table_span;
        let names = Names::new(plan);
        let rows = names.table("rows");
        let mut found = Vec::new();
        let outputs: Vec<Output> = plan
            .outputs
            .iter()
            .map(|o| Output {
                expr: read_back(&o.expr, &mut found, &names),
                ..o.clone()
            })
            .collect();
        let having: Vec<TExpr> = plan
            .having
            .iter()
            .map(|h| read_back(h, &mut found, &names))
            .collect();

        // rc_rows: every column of the filtered rows, and each percentile of the row's group
        let keys = plan
            .group_by
            .iter()
            .flatten()
            .map(|k| match k {
                GroupKey::Output(i) => self.expr(&plan.outputs[*i].expr),
                GroupKey::Expr(e) => self.expr(e),
            })
            .collect::<B<Vec<_>>>()?;
        let mut items = vec![SelectItem::Wildcard(Default::default())];
        for (i, p) in found.iter().enumerate() {
            items.push(SelectItem::ExprWithAlias {
                expr: self.percentile_window(p, &keys, p.span)?,
                alias: self.ident(&names.n("p", i), span)?,
            });
        }
        // the FROM and WHERE of the report's rows, from a one-item skeleton whose SELECT list
        // is then `*` and the windows
        let one = TExpr::new(
            TKind::Lit(crate::ir::Value::Number("1".into())),
            Ty::Integer,
        );
        let scan_plan = Plan::over(
            plan.table,
            plan.table_span,
            vec![out(names.n("p", 0), one)],
            plan.filters.clone(),
        );
        let mut scan = self.statement(&scan_plan).map_err(first)?;
        let Statement::Query(q) = &mut scan else {
            unreachable!("the skeleton is a query")
        };
        if let SetExpr::Select(sel) = q.body.as_mut() {
            sel.projection = items;
        }

        // the grouped query over rc_rows: its own columns, named as in the table
        let table = [rows.clone()];
        let final_plan = Plan {
            group_by: plan.group_by.clone(),
            having,
            order_by: plan.order_by,
            limit: plan.limit,
            ..Plan::over(&table, plan.table_span, outputs, Vec::new())
        };
        let outer = Builder::new(self.d, self.zone, rows.clone(), self.shadowed.clone());
        let mut stmt = outer.statement(&final_plan).map_err(first)?;
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        with_ctes(q, false, vec![cte(self.ident(&rows, span)?, scan)]);
        Ok(stmt)
    }
}
