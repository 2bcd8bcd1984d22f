//! `top`: the N groups with the most of an output (per value of the `per` keys), and one row
//! that re-aggregates every other group. Built from plain statements:
//!
//! ```sql
//! WITH rc_groups AS (              -- per group: keys, re-aggregable parts, the ranked value
//!   SELECT <key> AS rc_k0, ..., COUNT(*) AS rc_c0, SUM(x) AS rc_c1, COUNT(x) AS rc_c2, <by> AS rc_b
//!   FROM source WHERE <filters> GROUP BY 1, 2),
//! rc_ranked AS (
//!   SELECT rc_k0, ..., SUM(rc_c0) OVER (PARTITION BY <per keys>) AS rc_t0,  -- a share's total
//!     ROW_NUMBER() OVER (PARTITION BY <per keys>
//!     ORDER BY <rc_b is null>, rc_b DESC, <rc_k1 is null>, rc_k1, ...) AS rc_rank
//!   FROM rc_groups)
//! SELECT rc_k0 AS week,
//!   CASE WHEN MIN(rc_rank) <= N THEN MIN(rc_k1) ELSE 'Other' END AS queue,
//!   SUM(rc_c0) AS contacts, SUM(rc_c1) / SUM(rc_c2) AS avg_wait, SUM(rc_c0) / MIN(rc_t0) AS share
//! FROM rc_ranked
//! GROUP BY rc_k0, CASE WHEN rc_rank <= N THEN rc_rank ELSE N + 1 END
//! ORDER BY week, MIN(rc_rank)
//! ```
//!
//! Each top group is one slot (its rank); the rest is slot N + 1, so a real group labelled
//! like the rest row is never merged with it, and `MIN(rc_rank)` orders the rest row last.
//! Ties: the ranked value descending, then the ranked keys ascending, NULLs last, with
//! `CASE WHEN x IS NULL` keys (the same on every dialect, whatever its NULL order).

use super::comparison::{col, cte, first, out, with_ctes, Names};
use super::precedence::num;
use super::{Builder, B};
use crate::diagnostics::{Diagnostic, Span};
use crate::ir::*;
use crate::sql::functions::{Arg, Func};
use crate::sql::lower::Plan;
use crate::vocab::BinOp;
use sqlparser::ast::helpers::attached_token::AttachedToken;
use sqlparser::ast::{self as sa, Expr, GroupByExpr, SelectItem, SetExpr, Statement};

/// The plan uses `top` (and so takes this shape).
pub fn uses_top(plan: &Plan) -> bool {
    plan.top.is_some()
}

/// The per-group values the rest row is rebuilt from, each listed once, and the totals of the
/// shares (each a window over the groups, summed in `rc_ranked`).
#[derive(Default)]
struct Parts {
    aggs: Vec<TExpr>,
    totals: Vec<TExpr>,
}

impl Parts {
    fn add(&mut self, e: TExpr) -> usize {
        match self.aggs.iter().position(|a| *a == e) {
            Some(i) => i,
            None => {
                self.aggs.push(e);
                self.aggs.len() - 1
            }
        }
    }

    /// An average's sum and count: `avg(x)` is rebuilt as `SUM(sum) / SUM(count)`.
    fn avg_parts(e: &TExpr) -> Option<(TExpr, TExpr)> {
        let TKind::Agg {
            func: AggFunc::Avg,
            arg,
            filter,
        } = &e.kind
        else {
            return None;
        };
        let ty = arg.as_ref().map_or(e.ty, |a| a.ty);
        let part = |func| {
            TExpr::new(
                TKind::Agg {
                    func,
                    arg: arg.clone(),
                    filter: filter.clone(),
                },
                if func == AggFunc::Count {
                    Ty::Integer
                } else {
                    ty
                },
            )
        };
        Some((part(AggFunc::Sum), part(AggFunc::Count)))
    }

    fn collect(&mut self, e: &TExpr) {
        match &e.kind {
            TKind::Agg { .. } => match Parts::avg_parts(e) {
                Some((s, n)) => {
                    self.add(s);
                    self.add(n);
                }
                None => {
                    self.add(e.clone());
                }
            },
            TKind::Total { expr, .. } => {
                if !self.totals.contains(e) {
                    self.totals.push(e.clone());
                }
                self.collect(expr);
            }
            k => k.for_each_child(|c| self.collect(c)),
        }
    }

    fn pos(&self, e: &TExpr) -> usize {
        self.aggs.iter().position(|a| a == e).unwrap_or(0)
    }
}

fn agg(func: AggFunc, arg: TExpr, ty: Ty) -> TExpr {
    TExpr::new(
        TKind::Agg {
            func,
            arg: Some(Box::new(arg)),
            filter: None,
        },
        ty,
    )
}

/// A share's additive value over one group's parts: each aggregate its `rc_c` column.
fn per_group(e: &TExpr, names: &Names, parts: &Parts) -> TExpr {
    match &e.kind {
        TKind::Agg { .. } => col(names.n("c", parts.pos(e)), e.ty),
        _ => {
            let mut out = e.clone();
            out.kind
                .for_each_child_mut(|c| *c = per_group(c, names, parts));
            out
        }
    }
}

/// An output's expression over the ranked groups: each aggregate re-aggregated from its parts
/// (counts and sums summed, min of mins, max of maxes, an average as sum over count), the
/// `per` keys (the only keys a value per group may read, and a share's `within`) as columns.
fn rewrite(e: &TExpr, keys: &[TExpr], names: &Names, parts: &Parts) -> TExpr {
    if let Some(j) = keys.iter().position(|k| k == e) {
        return col(names.n("k", j), e.ty);
    }
    let part = |a: &TExpr| col(names.n("c", parts.pos(a)), a.ty);
    match &e.kind {
        // the same total on every row of a `per` value
        TKind::Total { .. } => {
            let i = parts.totals.iter().position(|t| t == e).unwrap_or(0);
            agg(AggFunc::Min, col(names.n("t", i), e.ty), e.ty)
        }
        TKind::Agg { func, .. } => match (func, Parts::avg_parts(e)) {
            (_, Some((s, n))) => TExpr::new(
                TKind::Div {
                    left: Box::new(agg(AggFunc::Sum, part(&s), s.ty)),
                    right: Box::new(agg(AggFunc::Sum, part(&n), Ty::Integer)),
                },
                e.ty,
            ),
            (AggFunc::Min, _) => agg(AggFunc::Min, part(e), e.ty),
            (AggFunc::Max, _) => agg(AggFunc::Max, part(e), e.ty),
            _ => agg(AggFunc::Sum, part(e), e.ty),
        },
        _ => {
            let mut out = e.clone();
            out.kind
                .for_each_child_mut(|c| *c = rewrite(c, keys, names, parts));
            out
        }
    }
}

fn case_when(condition: Expr, result: Expr, else_result: Expr) -> Expr {
    Expr::Case {
        case_token: AttachedToken::empty(),
        end_token: AttachedToken::empty(),
        operand: None,
        conditions: vec![sa::CaseWhen { condition, result }],
        else_result: Some(Box::new(else_result)),
    }
}

fn order_item(expr: Expr, descending: bool) -> sa::OrderByExpr {
    sa::OrderByExpr {
        expr,
        options: sa::OrderByOptions {
            sort: descending.then_some(sa::OrderBySort::Desc),
            nulls_first: None,
        },
        with_fill: None,
    }
}

impl Builder<'_> {
    /// The statement of a report with `top`.
    pub fn top_statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        self.top_rest(plan).map_err(|e| vec![e])
    }

    fn id(&self, name: &str, span: Span) -> B<Expr> {
        Ok(Expr::Identifier(self.ident(name, span)?))
    }

    /// `ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)`.
    fn row_number(&self, partition_by: Vec<Expr>, order_by: Vec<sa::OrderByExpr>) -> Expr {
        Expr::Function(sa::Function {
            name: sa::ObjectName(vec![sa::ObjectNamePart::Identifier(sa::Ident::new(
                "ROW_NUMBER",
            ))]),
            uses_odbc_syntax: false,
            parameters: sa::FunctionArguments::None,
            args: sa::FunctionArguments::List(sa::FunctionArgumentList {
                duplicate_treatment: None,
                args: vec![],
                clauses: vec![],
            }),
            within_group: vec![],
            filter: None,
            null_treatment: None,
            over: Some(sa::WindowType::WindowSpec(sa::WindowSpec {
                window_name: None,
                partition_by,
                order_by,
                window_frame: None,
            })),
        })
    }

    /// `x` ordered with NULLs last on every dialect: `CASE WHEN x IS NULL THEN 1 ELSE 0 END, x`.
    fn nulls_last(&self, x: Expr, descending: bool, span: Span) -> B<[sa::OrderByExpr; 2]> {
        let flag = self.call(Func::NullFlag, vec![Arg::Expr(x.clone())], span)?;
        Ok([order_item(flag, false), order_item(x, descending)])
    }

    fn top_rest(&self, plan: &Plan) -> B<Statement> {
        let top = plan.top.expect("a top plan");
        let span = top.span;
        let names = Names::new(plan);
        let key_outputs: Vec<usize> = match &plan.group_by {
            Some(keys) => keys
                .iter()
                .filter_map(|k| match k {
                    GroupKey::Output(i) => Some(*i),
                    GroupKey::Expr(_) => None,
                })
                .collect(),
            None => Vec::new(),
        };
        let keys: Vec<TExpr> = key_outputs
            .iter()
            .map(|i| plan.outputs[*i].expr.clone())
            .collect();
        let mut parts = Parts::default();
        for (i, o) in plan.outputs.iter().enumerate() {
            if !key_outputs.contains(&i) {
                parts.collect(&o.expr);
            }
        }

        // rc_groups: the group keys, the parts, the ranked value
        let mut scan_outputs = Vec::new();
        for (j, k) in keys.iter().enumerate() {
            scan_outputs.push(out(names.n("k", j), k.clone()));
        }
        for (i, a) in parts.aggs.iter().enumerate() {
            scan_outputs.push(out(names.n("c", i), a.clone()));
        }
        scan_outputs.push(out(names.table("b"), plan.outputs[top.by].expr.clone()));
        let scan_names: Vec<String> = scan_outputs.iter().map(|o| o.name.clone()).collect();
        let scan = self.grouped_scan(plan, scan_outputs, Some(keys.len()), span)?;

        // rc_ranked: the same columns and each group's rank within its `per` values
        let groups = names.table("groups");
        let ranked = names.table("ranked");
        let rank = names.table("rank");
        let groups_table = [groups.clone()];
        let carried: Vec<Output> = scan_names[..scan_names.len() - 1]
            .iter()
            .map(|n| out(n.clone(), col(n.clone(), Ty::Integer)))
            .collect();
        let mut carried_names: Vec<String> = carried.iter().map(|o| o.name.clone()).collect();
        let ranked_plan = Plan::over(&groups_table, plan.table_span, carried, Vec::new());
        let mut ranked_stmt = self.statement(&ranked_plan).map_err(first)?;
        // each share's total within the `per` keys: the same on every group of a `per` value,
        // `SUM(x) OVER (PARTITION BY ...)` over plain columns (never over an aggregate)
        let mut totals = Vec::new();
        for (i, t) in parts.totals.iter().enumerate() {
            let TKind::Total { expr, .. } = &t.kind else {
                continue;
            };
            let per_cols = key_outputs
                .iter()
                .enumerate()
                .filter(|(_, i)| top.per.contains(i))
                .map(|(j, _)| self.id(&names.n("k", j), span))
                .collect::<B<Vec<_>>>()?;
            let sum = agg(AggFunc::Sum, per_group(expr, &names, &parts), t.ty);
            totals.push(self.window_sum(&sum, per_cols, span)?);
            carried_names.push(names.n("t", i));
        }
        let mut partition_by = Vec::new();
        let mut order_by = Vec::new();
        order_by.extend(self.nulls_last(self.id(&names.table("b"), span)?, true, span)?);
        for (j, i) in key_outputs.iter().enumerate() {
            let k = self.id(&names.n("k", j), span)?;
            if top.per.contains(i) {
                partition_by.push(k);
            } else {
                // text ties in byte order, not in a case-insensitive collation (MySQL)
                let k = if plan.outputs[*i].expr.ty == Ty::Text {
                    self.call(Func::TextOrder, vec![Arg::Expr(k)], span)?
                } else {
                    k
                };
                order_by.extend(self.nulls_last(k, false, span)?);
            }
        }
        if let Statement::Query(q) = &mut ranked_stmt {
            if let SetExpr::Select(sel) = q.body.as_mut() {
                sel.projection
                    .extend(totals.into_iter().map(SelectItem::UnnamedExpr));
                sel.projection.push(SelectItem::UnnamedExpr(
                    self.row_number(partition_by, order_by),
                ));
            }
        }
        carried_names.push(rank.clone());
        self.rename_items(&mut ranked_stmt, &carried_names, span)?;

        // the outer query: the top groups and the rest row
        let rank_col = col(rank.clone(), Ty::Integer);
        let n_lit = |n: u64| TExpr::new(TKind::Lit(Value::Number(n.to_string())), Ty::Integer);
        let mut outputs = Vec::new();
        for (i, o) in plan.outputs.iter().enumerate() {
            let expr = match key_outputs.iter().position(|k| *k == i) {
                Some(j) if top.per.contains(&i) => col(names.n("k", j), o.expr.ty),
                Some(j) => agg(AggFunc::Min, col(names.n("k", j), o.expr.ty), o.expr.ty),
                None => rewrite(&o.expr, &keys, &names, &parts),
            };
            outputs.push(Output { expr, ..o.clone() });
        }
        // the rows of one `per` value together: the report's order of them, then the others
        let mut order: Vec<Order> = plan
            .order_by
            .iter()
            .filter(|o| top.per.contains(&o.output))
            .cloned()
            .collect();
        for p in &top.per {
            if !order.iter().any(|o| o.output == *p) {
                order.push(Order {
                    output: *p,
                    descending: false,
                    nulls_first: false,
                });
            }
        }
        let ranked_table = [ranked.clone()];
        let final_plan = Plan {
            group_by: Some(top.per.iter().map(|p| GroupKey::Output(*p)).collect()),
            order_by: &order,
            ..Plan::over(&ranked_table, plan.table_span, outputs, Vec::new())
        };
        let mut stmt = self.statement(&final_plan).map_err(first)?;
        let in_top = |r: TExpr| {
            TExpr::new(
                TKind::Binary {
                    op: BinOp::LtEq,
                    left: Box::new(r),
                    right: Box::new(n_lit(top.n)),
                },
                Ty::Boolean,
            )
        };
        let min_rank = agg(AggFunc::Min, rank_col.clone(), Ty::Integer);
        let shown = self.expr(&in_top(min_rank.clone()))?;
        let rest = self.string(&top.rest, span)?;
        let slot = case_when(
            self.expr(&in_top(rank_col.clone()))?,
            self.id(&rank, span)?,
            num(top.n + 1),
        );
        let last = order_item(self.expr(&min_rank)?, false);
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        if let SetExpr::Select(sel) = q.body.as_mut() {
            for (i, item) in sel.projection.iter_mut().enumerate() {
                let ranked_key = key_outputs.contains(&i) && !top.per.contains(&i);
                if !ranked_key {
                    continue;
                }
                let e = match item {
                    SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => e,
                    _ => continue,
                };
                *e = case_when(shown.clone(), e.clone(), rest.clone());
            }
            match &mut sel.group_by {
                GroupByExpr::Expressions(exprs, _) => exprs.push(slot),
                GroupByExpr::All(_) => {}
            }
        }
        match &mut q.order_by {
            Some(ob) => {
                if let sa::OrderByKind::Expressions(items) = &mut ob.kind {
                    items.push(last);
                }
            }
            None => {
                q.order_by = Some(sa::OrderBy {
                    kind: sa::OrderByKind::Expressions(vec![last]),
                    interpolate: None,
                })
            }
        }
        with_ctes(
            q,
            false,
            vec![
                cte(self.ident(&groups, span)?, scan),
                cte(self.ident(&ranked, span)?, ranked_stmt),
            ],
        );
        Ok(stmt)
    }
}
