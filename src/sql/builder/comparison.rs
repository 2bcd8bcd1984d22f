//! Period comparisons (`previous`, `change`, `relative_change`): the report's aggregates per
//! bucket in a CTE, LEFT JOINed to a copy of itself on the bucket one calendar unit earlier
//! (never `LAG`: a missing previous bucket gives NULL, not a neighbour's value).
//!
//! ```sql
//! WITH rc_bucketed AS (            -- group keys, aggregates of shown rows, previous-side
//!   SELECT <bucket> AS rc_k0, <key> AS rc_k1, <agg> AS rc_c0, <agg> AS rc_a0, COUNT(..) AS rc_n
//!   FROM source WHERE <other filters> AND <date filter widened by one unit> GROUP BY 1, 2),
//! rc_previous AS (SELECT rc_k0 AS rc_j0, rc_k1 AS rc_j1, rc_a0 AS rc_p0 FROM rc_bucketed)
//! SELECT <outputs over rc_*> FROM rc_bucketed
//!   LEFT JOIN rc_previous ON rc_j0 = <rc_k0 - 1 unit> AND <rc_k1 null-safe = rc_j1>
//! WHERE rc_n > 0 AND <having> ORDER BY ... LIMIT ...
//! ```
//!
//! The date filter (filters on the bucketed column) decides which buckets are shown and
//! which rows the shown values count; the previous side counts every row of its bucket, also
//! before the filter's start. "One year earlier" is 12 months for hour, day, month, quarter
//! and year buckets and 52 weeks for ISO weeks; a day bucket matches only when the shift is
//! exact both ways, so 29 February has no year-ago day (NULL).

use super::precedence::{and_all, binop, nest, num};
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::sql::lower::Plan;
use crate::vocab::{BinOp, TimeUnit};
use sqlparser::ast::{self as sa, BinaryOperator, Expr, SelectItem, SetExpr, Statement};

/// The plan uses `previous` (and so takes this shape).
pub fn uses_previous(plan: &Plan) -> bool {
    plan.outputs.iter().any(|o| contains_previous(&o.expr))
        || plan.having.iter().any(contains_previous)
}

/// The step between a bucket and the one it is compared with.
#[derive(Clone, Copy)]
pub(super) struct Step {
    pub unit: TimeUnit,
    pub k: i64,
    /// Match only where shifting back and forth gives the bucket again (day/hour, year).
    pub exact_both_ways: bool,
}

/// Every `previous` of an expression: where, and whether it is one year earlier.
fn previous_calls(e: &TExpr, out: &mut Vec<(Span, bool)>) {
    if let TKind::Previous { year, .. } = &e.kind {
        out.push((e.span, *year));
    }
    e.kind.for_each_child(|c| previous_calls(c, out));
}

/// The group keys of a plan, and its one time bucket: its index, column and unit.
pub(super) struct TimeKeys {
    pub keys: Vec<TExpr>,
    pub b: usize,
    pub ts: String,
    pub unit: TimeUnit,
}

pub(super) fn time_keys(plan: &Plan, span: Span) -> B<TimeKeys> {
    let keys: Vec<TExpr> = match &plan.group_by {
        Some(keys) => keys
            .iter()
            .map(|k| match k {
                GroupKey::Output(i) => plan.outputs[*i].expr.clone(),
                GroupKey::Expr(e) => e.clone(),
            })
            .collect(),
        None => Vec::new(),
    };
    let buckets: Vec<usize> = (0..keys.len())
        .filter(|&i| matches!(keys[i].kind, TKind::Bucket { .. }))
        .collect();
    let (b, ts, unit) = match (
        buckets.as_slice(),
        keys.get(buckets.first().copied().unwrap_or(0))
            .map(|k| &k.kind),
    ) {
        ([b], Some(TKind::Bucket { expr, unit })) => match &expr.kind {
            TKind::Column(c) => (*b, c.clone(), *unit),
            _ => return Err(needs_bucket(span, "the time bucket is not of a column")),
        },
        ([], _) => {
            return Err(needs_bucket(
                span,
                "the report has no time bucket among its group keys",
            ))
        }
        _ => {
            return Err(needs_bucket(
                span,
                "the report groups by more than one time bucket",
            ))
        }
    };
    Ok(TimeKeys { keys, b, ts, unit })
}

/// Aggregates of the shown side (`cur`) and of the previous side, each listed once.
#[derive(Default)]
struct Parts {
    cur: Vec<TExpr>,
    prev: Vec<TExpr>,
}

impl Parts {
    fn collect(&mut self, e: &TExpr, prev: bool) {
        match &e.kind {
            TKind::Previous { expr, .. } => self.collect(expr, true),
            TKind::Agg { .. } | TKind::Percentile { .. } => {
                let list = if prev { &mut self.prev } else { &mut self.cur };
                if !list.contains(e) {
                    list.push(e.clone());
                }
            }
            k => k.for_each_child(|c| self.collect(c, prev)),
        }
    }
}

/// Generated names, with a prefix no output of the report starts with.
pub(super) struct Names {
    prefix: String,
}

impl Names {
    pub(super) fn new(plan: &Plan) -> Names {
        let mut prefix = "rc_".to_string();
        while plan.outputs.iter().any(|o| o.name.starts_with(&prefix)) {
            prefix.insert(0, 'r');
        }
        Names { prefix }
    }
    pub(super) fn n(&self, what: &str, i: usize) -> String {
        format!("{}{what}{i}", self.prefix)
    }
    pub(super) fn table(&self, what: &str) -> String {
        format!("{}{what}", self.prefix)
    }
}

pub(super) fn col(name: String, ty: Ty) -> TExpr {
    TExpr::new(TKind::Column(name), ty)
}

pub(super) fn and(l: TExpr, r: TExpr) -> TExpr {
    TExpr::new(
        TKind::Binary {
            op: BinOp::And,
            left: Box::new(l),
            right: Box::new(r),
        },
        Ty::Boolean,
    )
}

/// Add condition `w` to the filter of an aggregate.
pub(super) fn with_filter(agg: &TExpr, w: &TExpr) -> TExpr {
    let mut out = agg.clone();
    match &mut out.kind {
        TKind::Agg { filter, .. } | TKind::Percentile { filter, .. } => {
            *filter = Some(Box::new(match filter.take() {
                Some(f) => and(*f, w.clone()),
                None => w.clone(),
            }));
        }
        _ => {}
    }
    out
}

pub(super) fn mentions(e: &TExpr, column: &str) -> bool {
    let mut found = matches!(&e.kind, TKind::Column(c) if c == column);
    e.kind.for_each_child(|c| found |= mentions(c, column));
    found
}

impl Builder<'_> {
    /// The statement of a report that uses `previous`.
    pub fn comparison_statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        self.comparison(plan).map_err(|e| vec![e])
    }

    fn comparison(&self, plan: &Plan) -> B<Statement> {
        let mut calls = Vec::new();
        for e in plan.outputs.iter().map(|o| &o.expr).chain(&plan.having) {
            previous_calls(e, &mut calls);
        }
        let (span, year) = calls.first().copied().unwrap_or((Span::empty(), false));
        if let Some((other, _)) = calls.iter().find(|(_, y)| *y != year) {
            return Err(Diagnostic::error(
                Code::ComparisonArgument,
                *other,
                "a report compares either with the previous bucket or with one year earlier, not both",
            )
            .with_help("write the year-over-year comparison as a second report"));
        }
        if let Some(reason) = self.d.left_join_defaults.or(self.d.expression_join) {
            return Err(self.unsupported("previous()", reason, span));
        }
        let TimeKeys { keys, b, ts, unit } = time_keys(plan, span)?;
        let step = match (year, unit) {
            (false, u) => Step {
                unit: u,
                k: 1,
                exact_both_ways: false,
            },
            (true, TimeUnit::Week) => Step {
                unit: TimeUnit::Week,
                k: 52,
                exact_both_ways: false,
            },
            (true, u) => Step {
                unit: TimeUnit::Year,
                k: 1,
                exact_both_ways: matches!(u, TimeUnit::Hour | TimeUnit::Day),
            },
        };
        let names = Names::new(plan);
        let (time_filters, other_filters): (Vec<&TExpr>, Vec<&TExpr>) =
            plan.filters.iter().partition(|f| mentions(f, &ts));
        let shown = time_filters.iter().map(|f| (*f).clone()).reduce(and);

        let mut parts = Parts::default();
        plan.outputs
            .iter()
            .for_each(|o| parts.collect(&o.expr, false));
        plan.having.iter().for_each(|h| parts.collect(h, false));

        // rc_bucketed: keys, shown-side aggregates, previous-side aggregates, shown-row count
        let mut scan_outputs = Vec::new();
        let mut key_cols = Vec::new();
        for (j, k) in keys.iter().enumerate() {
            scan_outputs.push(out(names.n("k", j), k.clone()));
            key_cols.push(col(names.n("k", j), k.ty));
        }
        let mut cur_cols = Vec::new();
        for (i, a) in parts.cur.iter().enumerate() {
            let e = match &shown {
                Some(w) => with_filter(a, w),
                None => a.clone(),
            };
            scan_outputs.push(out(names.n("c", i), e));
            cur_cols.push(names.n("c", i));
        }
        let mut prev_scan_cols = Vec::new();
        for (i, a) in parts.prev.iter().enumerate() {
            match parts
                .cur
                .iter()
                .position(|c| c == a)
                .filter(|_| shown.is_none())
            {
                Some(p) => prev_scan_cols.push(names.n("c", p)),
                None => {
                    scan_outputs.push(out(names.n("a", i), a.clone()));
                    prev_scan_cols.push(names.n("a", i));
                }
            }
        }
        if let Some(w) = &shown {
            let n = TExpr::new(
                TKind::Agg {
                    func: AggFunc::CountStar,
                    arg: None,
                    filter: Some(Box::new(w.clone())),
                },
                Ty::Integer,
            );
            scan_outputs.push(out(names.table("n"), n));
        }
        let scan_names: Vec<String> = scan_outputs.iter().map(|o| o.name.clone()).collect();
        let scan_plan = Plan {
            group_by: Some((0..keys.len()).map(GroupKey::Output).collect()),
            ..Plan::over(
                plan.table,
                plan.table_span,
                scan_outputs,
                other_filters.into_iter().cloned().collect(),
            )
        };
        let mut scan = self.statement(&scan_plan).map_err(first)?;
        let widened = time_filters
            .iter()
            .filter_map(|f| self.scan_bound(f, &ts, unit, step).transpose())
            .collect::<B<Vec<Expr>>>()?;
        add_conditions(&mut scan, widened);
        self.rename_items(&mut scan, &scan_names, span)?;

        // rc_previous: the same rows under other names, to join without qualifiers
        let bucketed = names.table("bucketed");
        let previous = names.table("previous");
        let mut prev_outputs = Vec::new();
        for (j, k) in keys.iter().enumerate() {
            prev_outputs.push(out(names.n("j", j), col(names.n("k", j), k.ty)));
        }
        for (i, a) in parts.prev.iter().enumerate() {
            prev_outputs.push(out(names.n("p", i), col(prev_scan_cols[i].clone(), a.ty)));
        }
        let prev_names: Vec<String> = prev_outputs.iter().map(|o| o.name.clone()).collect();
        let table = [bucketed.clone()];
        let prev_plan = Plan::over(&table, plan.table_span, prev_outputs, Vec::new());
        let mut prev_stmt = self.statement(&prev_plan).map_err(first)?;
        self.rename_items(&mut prev_stmt, &prev_names, span)?;

        // the outer query: outputs and having over the generated columns
        let rewrite = |e: &TExpr| rewrite(e, false, &keys, &key_cols, &parts, &cur_cols, &names);
        let outputs = plan
            .outputs
            .iter()
            .map(|o| Output {
                expr: rewrite(&o.expr),
                ..o.clone()
            })
            .collect();
        let mut filters: Vec<TExpr> = Vec::new();
        if shown.is_some() {
            filters.push(TExpr::new(
                TKind::Binary {
                    op: BinOp::Gt,
                    left: Box::new(col(names.table("n"), Ty::Integer)),
                    right: Box::new(TExpr::new(
                        TKind::Lit(Value::Number("0".into())),
                        Ty::Integer,
                    )),
                },
                Ty::Boolean,
            ));
        }
        filters.extend(plan.having.iter().map(rewrite));
        let final_plan = Plan {
            order_by: plan.order_by,
            limit: plan.limit,
            ..Plan::over(&table, plan.table_span, outputs, filters)
        };
        let mut stmt = self.statement(&final_plan).map_err(first)?;
        let on = self.join_condition(&keys, b, step, &names, span)?;
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        if let SetExpr::Select(sel) = q.body.as_mut() {
            if let Some(twj) = sel.from.first_mut() {
                let relation = table_factor(&twj.relation, vec![self.ident(&previous, span)?]);
                twj.joins.push(sa::Join {
                    relation,
                    global: false,
                    join_operator: sa::JoinOperator::Left(sa::JoinConstraint::On(on)),
                });
            }
        }
        if let Some(setting) = self.d.null_join_setting {
            q.settings = Some(vec![sa::Setting {
                key: sa::Ident::new(setting),
                value: num(1),
            }]);
        }
        with_ctes(
            q,
            false,
            vec![
                cte(self.ident(&bucketed, span)?, scan),
                cte(self.ident(&previous, span)?, prev_stmt),
            ],
        );
        Ok(stmt)
    }

    /// `rc_j<b> = <rc_k<b> - step>` and the other keys equal, NULL equal to NULL.
    fn join_condition(
        &self,
        keys: &[TExpr],
        b: usize,
        step: Step,
        names: &Names,
        span: Span,
    ) -> B<Expr> {
        let id = |n: String| -> B<Expr> { Ok(Expr::Identifier(self.ident(&n, span)?)) };
        let mut conds = Vec::new();
        let cur = id(names.n("k", b))?;
        let prev = id(names.n("j", b))?;
        let back = self.shift(cur.clone(), -step.k, step.unit, span)?;
        conds.push(binop(BinaryOperator::Eq, prev.clone(), back));
        if step.exact_both_ways {
            let forth = self.shift(prev, step.k, step.unit, span)?;
            conds.push(binop(BinaryOperator::Eq, forth, cur));
        }
        for j in (0..keys.len()).filter(|&j| j != b) {
            let (c, p) = (id(names.n("k", j))?, id(names.n("j", j))?);
            let both_null = binop(
                BinaryOperator::And,
                Expr::IsNull(Box::new(c.clone())),
                Expr::IsNull(Box::new(p.clone())),
            );
            conds.push(nest(binop(
                BinaryOperator::Or,
                binop(BinaryOperator::Eq, c, p),
                both_null,
            )));
        }
        Ok(and_all(conds).unwrap_or_else(|| num(1)))
    }

    /// The first CTE of `top`, windows and shares: the plan's rows under its filters (and
    /// links), grouped by the first `keys` outputs (`None`: not grouped), each output under its
    /// own name.
    pub(super) fn grouped_scan(
        &self,
        plan: &Plan,
        outputs: Vec<Output>,
        keys: Option<usize>,
        span: Span,
    ) -> B<Statement> {
        let names: Vec<String> = outputs.iter().map(|o| o.name.clone()).collect();
        let scan_plan = Plan {
            group_by: keys.map(|n| (0..n).map(GroupKey::Output).collect()),
            joins: plan.joins,
            ..Plan::over(plan.table, plan.table_span, outputs, plan.filters.clone())
        };
        let mut scan = self.statement(&scan_plan).map_err(first)?;
        self.rename_items(&mut scan, &names, span)?;
        Ok(scan)
    }

    /// Give the select items of a CTE the names `names`, spelt as identifiers (the names the
    /// outer query reads), not as result names.
    pub(super) fn rename_items(&self, stmt: &mut Statement, names: &[String], span: Span) -> B<()> {
        let Statement::Query(q) = stmt else {
            return Ok(());
        };
        let SetExpr::Select(sel) = q.body.as_mut() else {
            return Ok(());
        };
        for (item, name) in sel.projection.iter_mut().zip(names) {
            let alias = self.ident(name, span)?;
            let expr = match std::mem::replace(item, SelectItem::Wildcard(Default::default())) {
                SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => e,
                other => {
                    *item = other;
                    continue;
                }
            };
            *item = SelectItem::ExprWithAlias { expr, alias };
        }
        Ok(())
    }
}

pub(super) fn needs_bucket(span: Span, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ComparisonNeedsBucket,
        span,
        format!("a comparison with the previous period needs exactly one time bucket: {why}"),
    )
    .with_help("group by one time bucket, e.g. `week: distribution_date by week` in `columns` and `group_by`")
}

pub(super) fn out(name: String, expr: TExpr) -> Output {
    Output {
        name,
        expr,
        span: Span::empty(),
        labels: None,
        unit: None,
        as_date: false,
    }
}

pub(super) fn first(mut errors: Vec<Diagnostic>) -> Diagnostic {
    errors.remove(0)
}

pub(super) fn add_conditions(stmt: &mut Statement, extra: Vec<Expr>) {
    let Statement::Query(q) = stmt else { return };
    let SetExpr::Select(sel) = q.body.as_mut() else {
        return;
    };
    let mut all: Vec<Expr> = sel.selection.take().into_iter().collect();
    all.extend(extra);
    sel.selection = and_all(all);
}

/// A copy of table factor `t` naming `name` instead.
pub(super) fn table_factor(t: &sa::TableFactor, name: Vec<sa::Ident>) -> sa::TableFactor {
    let mut t = t.clone();
    if let sa::TableFactor::Table { name: n, .. } = &mut t {
        *n = sa::ObjectName(
            name.into_iter()
                .map(sa::ObjectNamePart::Identifier)
                .collect(),
        );
    }
    t
}

/// `q` with the CTEs `ctes` (a `WITH [RECURSIVE]` before it).
pub(super) fn with_ctes(q: &mut sa::Query, recursive: bool, ctes: Vec<sa::Cte>) {
    q.with = Some(sa::With {
        with_token: sa::helpers::attached_token::AttachedToken::empty(),
        recursive,
        cte_tables: ctes,
    });
}

pub(super) fn cte(name: sa::Ident, stmt: Statement) -> sa::Cte {
    let Statement::Query(q) = stmt else {
        unreachable!("the skeleton is a query")
    };
    sa::Cte {
        alias: sa::TableAlias {
            explicit: false,
            name,
            columns: vec![],
            at: None,
        },
        query: q,
        from: None,
        materialized: None,
        closing_paren_token: sa::helpers::attached_token::AttachedToken::empty(),
    }
}

/// An output or having expression over the generated columns: aggregates of the shown side
/// become `rc_c<i>`, those inside `previous` `rc_p<i>`, group keys `rc_k<j>`.
fn rewrite(
    e: &TExpr,
    prev: bool,
    keys: &[TExpr],
    key_cols: &[TExpr],
    parts: &Parts,
    cur_cols: &[String],
    names: &Names,
) -> TExpr {
    if let Some(j) = keys.iter().position(|k| k == e) {
        return key_cols[j].clone();
    }
    match &e.kind {
        TKind::Previous { expr, .. } => rewrite(expr, true, keys, key_cols, parts, cur_cols, names),
        TKind::Agg { .. } | TKind::Percentile { .. } => {
            let name = if prev {
                parts
                    .prev
                    .iter()
                    .position(|a| a == e)
                    .map(|i| names.n("p", i))
            } else {
                parts
                    .cur
                    .iter()
                    .position(|a| a == e)
                    .map(|i| cur_cols[i].clone())
            };
            col(name.unwrap_or_default(), e.ty)
        }
        _ => {
            let mut out = e.clone();
            out.kind.for_each_child_mut(|c| {
                *c = rewrite(c, prev, keys, key_cols, parts, cur_cols, names);
            });
            out
        }
    }
}
