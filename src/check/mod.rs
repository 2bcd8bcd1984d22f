//! Resolve and check: AST + catalogue -> typed [`Query`] IR, or every semantic diagnostic.
//!
//! Architecture invariant: this stage knows the catalogue and no SQL dialect. Everything a
//! dialect needs is decided here (stored enum codes, duration units, UTC instants of literals).

mod literals;
mod names;
mod timezone;

use crate::catalog::{Catalog, Column, ColumnType, Source};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Diagnostics, Span};
use crate::ir::*;
use crate::syntax::ast::{self, Expr, ExprKind, Literal, Report};
use crate::vocab::{BinOp, MatchOp};

/// Resolve and type-check a report against a catalogue.
pub fn resolve_report(report: &Report, catalog: &Catalog) -> Result<Query, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(source) = catalog.source(&report.source.value) else {
        let mut d = Diagnostic::error(
            Code::UnknownSource,
            report.source.span,
            format!("unknown data source `{}`", report.source.value),
        );
        d = match did_you_mean(
            &report.source.value,
            catalog.sources.iter().map(|s| s.id.as_str()),
        ) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "data sources: {}",
                list_for_help(catalog.sources.iter().map(|s| s.id.as_str()))
            )),
        };
        diags.push(d);
        return Err(diags);
    };
    let tz = report
        .timezone
        .as_ref()
        .and_then(|tz| timezone::resolve_timezone(tz, &mut diags));
    let mut c = Checker {
        source,
        diags,
        outputs: Vec::new(),
        declared: r_declared(report),
        column_index: 0,
        tz,
    };
    let q = c.report(report);
    if c.diags.has_errors() {
        Err(c.diags)
    } else {
        Ok(q)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `filters`: source columns only, no aggregates.
    Filter,
    /// `columns`: source columns, then earlier outputs.
    Column,
    /// `having`: outputs, then source columns inside aggregates.
    Having,
    /// `group_by`: outputs, then source columns; no aggregates.
    GroupBy,
    /// the condition of a filtered aggregate: source columns only.
    AggFilter,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    mode: Mode,
    in_agg: bool,
}

pub(crate) struct Checker<'c> {
    source: &'c Source,
    diags: Diagnostics,
    outputs: Vec<(Output, Span)>,
    /// Every output name written, including those whose expression had an error.
    declared: Vec<String>,
    /// How many of `declared` come before the column being checked.
    column_index: usize,
    tz: Option<Zone>,
}

/// A resolved expression and, when it is a bare column, the catalogue column.
pub(crate) type R<'c> = (TExpr, Option<&'c Column>);

impl<'c> Checker<'c> {
    fn err(&mut self, d: Diagnostic) -> Option<R<'c>> {
        self.diags.push(d);
        None
    }

    fn report(&mut self, r: &Report) -> Query {
        // columns
        let mut names: Vec<(String, Span)> = Vec::new();
        for col in &r.columns {
            let ctx = Ctx {
                mode: Mode::Column,
                in_agg: false,
            };
            let name = match (&col.name, &col.expr.kind) {
                (Some(n), _) => Some((n.value.clone(), n.span)),
                (None, ExprKind::Name(n)) => Some((n.clone(), col.expr.span)),
                (None, _) => {
                    let suggestion = suggest_name(&col.expr);
                    self.diags.push(
                        Diagnostic::error(
                            Code::UnnamedOutput,
                            col.expr.span,
                            "this output column needs a name",
                        )
                        .with_help(format!("write it as `- {suggestion}: <expression>`")),
                    );
                    None
                }
            };
            let resolved = self.expr(&col.expr, ctx);
            let Some((name, name_span)) = name else {
                continue;
            };
            self.column_index += 1;
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == name) {
                let first = *first;
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
            names.push((name.clone(), name_span));
            if let Some((expr, _)) = resolved {
                if expr.agg {
                    self.check_no_bare_columns(&col.expr, false);
                }
                self.outputs.push((
                    Output {
                        name,
                        expr,
                        span: col.span,
                    },
                    name_span,
                ));
            }
        }

        // filters
        let mut filters = Vec::new();
        for f in &r.filters {
            let ctx = Ctx {
                mode: Mode::Filter,
                in_agg: false,
            };
            if let Some(e) = self.condition(f, ctx, "a filter") {
                filters.push(e);
            }
        }

        // grouping
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
                    self.diags.push(
                        Diagnostic::error(
                            Code::Grouping,
                            span,
                            format!(
                                "output `{}` is neither aggregated nor listed in `group_by`",
                                o.name
                            ),
                        )
                        .with_secondary(at, "group_by is here")
                        .with_help(format!(
                            "add `{}` to `group_by`, or aggregate it (e.g. `max(...)`)",
                            o.name
                        )),
                    );
                }
            }
        }

        // having
        let mut having = Vec::new();
        for h in &r.having {
            let ctx = Ctx {
                mode: Mode::Having,
                in_agg: false,
            };
            if let Some(e) = self.condition(h, ctx, "a having condition") {
                having.push(e);
            }
        }

        // order by
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

        // limit
        let limit = r.limit.as_ref().and_then(|l| {
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
        });

        Query {
            name: r.name.as_ref().map(|n| n.value.clone()),
            table: self.source.table.clone(),
            outputs: self.outputs.iter().map(|(o, _)| o.clone()).collect(),
            filters,
            group_by,
            having,
            order_by,
            limit,
            timezone: self.tz.clone(),
        }
    }

    /// An aggregated output may not use a source column outside its aggregates.
    fn check_no_bare_columns(&mut self, e: &Expr, in_agg: bool) {
        match &e.kind {
            ExprKind::Name(n) if !in_agg => {
                if self.source.column(n).is_some()
                    && !self.outputs.iter().any(|(o, _)| &o.name == n)
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
                let is_agg = names::is_aggregate(&name.value);
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

    fn condition(&mut self, e: &Expr, ctx: Ctx, what: &str) -> Option<TExpr> {
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

    fn group_key(&mut self, e: &Expr) -> Option<GroupKey> {
        if let ExprKind::Name(n) = &e.kind {
            if let Some(i) = self.outputs.iter().position(|(o, _)| &o.name == n) {
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

    fn order_target(&mut self, e: &Expr) -> Option<usize> {
        if let ExprKind::Name(n) = &e.kind {
            if let Some(i) = self.outputs.iter().position(|(o, _)| &o.name == n) {
                return Some(i);
            }
            if self.declared.iter().any(|d| d == n) {
                // the output had its own error, already reported
                return None;
            }
            let outs: Vec<&str> = self.declared.iter().map(String::as_str).collect();
            let mut d = Diagnostic::error(
                Code::NotAnOutput,
                e.span,
                format!("order_by names `{n}`, which is not an output column"),
            );
            d = if self.source.column(n).is_some() {
                d.with_help(format!("`{n}` is a column of the source but not of the report: add it to `columns` to order by it"))
            } else if let Some(s) = did_you_mean(n, outs.iter().copied()) {
                d.with_help(format!("did you mean `{s}`?"))
            } else {
                d.with_help(format!("output columns: {}", list_for_help(outs)))
            };
            self.diags.push(d);
            return None;
        }
        self.diags.push(
            Diagnostic::error(
                Code::NotAnOutput,
                e.span,
                "order_by takes the name of an output column",
            )
            .with_help("add the expression to `columns` with a name, then order by that name"),
        );
        None
    }

    /// Resolve a name in the current mode.
    fn name(&mut self, n: &str, span: Span, ctx: Ctx) -> Option<R<'c>> {
        let output = |this: &Self| {
            this.outputs
                .iter()
                .find(|(o, _)| o.name == n)
                .map(|(o, _)| o.expr.clone())
        };
        let column = self.source.column(n);
        // outputs come first where outputs are visible: in columns (earlier outputs), having
        // and group_by; inside aggregates and in filters, names are source columns
        let outputs_visible =
            !ctx.in_agg && matches!(ctx.mode, Mode::Column | Mode::Having | Mode::GroupBy);
        if outputs_visible {
            if let Some(e) = output(self) {
                return Some((e, None));
            }
            if ctx.mode == Mode::Having && self.declared.iter().any(|d| d == n) {
                // the output had its own error, already reported
                return None;
            }
        }
        if ctx.mode == Mode::Having && !ctx.in_agg {
            let outs: Vec<&str> = self.declared.iter().map(String::as_str).collect();
            let mut d = Diagnostic::error(
                Code::NotAnOutput,
                span,
                format!("having names `{n}`, which is not an output column"),
            );
            d = if column.is_some() {
                d.with_help(format!(
                    "add `{n}` to `columns`, aggregate it (e.g. `max({n})`), or move the condition to `filters`"
                ))
            } else if let Some(s) = did_you_mean(n, outs.iter().copied()) {
                d.with_help(format!("did you mean `{s}`?"))
            } else {
                d.with_help(format!("output columns: {}", list_for_help(outs)))
            };
            return self.err(d);
        }
        if let Some(col) = column {
            return Some((
                TExpr::new(TKind::Column(col.physical.clone()), names::column_ty(col)),
                Some(col),
            ));
        }
        if ctx.mode == Mode::Column
            && !ctx.in_agg
            && self.declared[..self.column_index].iter().any(|d| d == n)
        {
            // an earlier output that had its own error, already reported
            return None;
        }
        let is_output = output(self).is_some();
        let mut d = Diagnostic::error(
            Code::UnknownColumn,
            span,
            format!("`{n}` is not a column of `{}`", self.source.id),
        );
        let mut candidates: Vec<&str> = self.source.columns.iter().map(|c| c.id.as_str()).collect();
        if outputs_visible {
            candidates.extend(self.outputs.iter().map(|(o, _)| o.name.as_str()));
        }
        let enum_value = self
            .source
            .columns
            .iter()
            .find_map(|c| c.enum_value(n).map(|v| (c, v)));
        d = if is_output && matches!(ctx.mode, Mode::Filter | Mode::AggFilter) {
            d.with_help(format!("`{n}` is an output column; filters apply to rows before grouping: use `having` to filter on it"))
        } else if is_output && ctx.in_agg {
            d.with_help(format!("`{n}` is an output column; an aggregate cannot contain another one: use `{n}` outside the aggregate"))
        } else if let Some((c, v)) = enum_value {
            d.with_help(format!(
                "'{}' is a value of `{}`: put values in quotes, e.g. `{} = '{}'`",
                v.label, c.id, c.id, v.label
            ))
        } else if let Some(s) = did_you_mean(n, candidates.iter().copied()) {
            d.with_help(format!("did you mean `{s}`?"))
        } else {
            d.with_help(format!(
                "`reportc catalog {}` lists its columns",
                self.source.id
            ))
        };
        self.err(d)
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) -> Option<R<'c>> {
        let (mut t, col) = self.expr_inner(e, ctx)?;
        if t.span.is_empty() {
            t.span = e.span;
        }
        Some((t, col))
    }

    fn expr_inner(&mut self, e: &Expr, ctx: Ctx) -> Option<R<'c>> {
        match &e.kind {
            ExprKind::Name(n) => self.name(n, e.span, ctx),
            ExprKind::Literal(lit) => literals::natural(self, lit, e.span),
            ExprKind::Neg(inner) => {
                let (t, _) = self.expr(inner, ctx)?;
                if !(t.ty.is_numeric() || matches!(t.ty, Ty::Duration(_))) {
                    return self.err(Diagnostic::error(
                        Code::TypeMismatch,
                        e.span,
                        format!("cannot negate {}", t.ty.a()),
                    ));
                }
                let ty = t.ty;
                Some((TExpr::new(TKind::Neg(Box::new(t)), ty), None))
            }
            ExprKind::Not(inner) => {
                let (t, _) = self.expr(inner, ctx)?;
                if t.ty != Ty::Boolean {
                    return self.err(
                        Diagnostic::error(
                            Code::NotACondition,
                            inner.span,
                            format!("`not` needs a condition, found {}", t.ty.a()),
                        )
                        .with_help("write `not (x = 1)`, or `x != 1`"),
                    );
                }
                Some((TExpr::new(TKind::Not(Box::new(t)), Ty::Boolean), None))
            }
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right, e.span, ctx),
            ExprKind::InList {
                expr,
                list,
                negated,
            } => self.in_list(expr, list, *negated, ctx),
            ExprKind::InRange {
                expr,
                range,
                negated,
            } => {
                let (t, _) = self.expr(expr, ctx)?;
                if t.ty != (Ty::Timestamp { local: false }) {
                    return self.err(
                        Diagnostic::error(Code::NotATimestamp, expr.span, format!("`in {}` needs a stored timestamp column, found {}", names::range_text(range.value), t.ty.a()))
                            .with_help("relative ranges apply to timestamp columns such as `distribution_date`"),
                    );
                }
                Some((
                    TExpr::new(
                        TKind::InRange {
                            expr: Box::new(t),
                            range: range.value,
                            negated: *negated,
                        },
                        Ty::Boolean,
                    ),
                    None,
                ))
            }
            ExprKind::Between {
                expr,
                low,
                high,
                negated,
            } => self.between(expr, low, high, *negated, e.span, ctx),
            ExprKind::IsNull { expr, negated } => {
                let (t, _) = self.expr(expr, ctx)?;
                Some((
                    TExpr::new(
                        TKind::IsNull {
                            expr: Box::new(t),
                            negated: *negated,
                        },
                        Ty::Boolean,
                    ),
                    None,
                ))
            }
            ExprKind::Match {
                op,
                case_insensitive,
                expr,
                pattern,
                negated,
            } => self.matching(*op, *case_insensitive, expr, pattern, *negated, ctx),
            ExprKind::Call { name, args, filter } => {
                names::call(self, name, args, filter.as_deref(), e.span, ctx)
            }
            ExprKind::Bucket { expr, unit } => {
                let (t, _) = self.expr(expr, ctx)?;
                if t.ty != (Ty::Timestamp { local: false }) {
                    return self.err(
                        Diagnostic::error(
                            Code::NotATimestamp,
                            expr.span,
                            format!(
                                "`by {}` needs a stored timestamp column, found {}",
                                unit.value.name(),
                                t.ty.a()
                            ),
                        )
                        .with_help(
                            "time buckets apply to timestamp columns such as `distribution_date`",
                        ),
                    );
                }
                Some((
                    TExpr::new(
                        TKind::Bucket {
                            expr: Box::new(t),
                            unit: unit.value,
                        },
                        Ty::Timestamp { local: true },
                    ),
                    None,
                ))
            }
        }
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr, span: Span, ctx: Ctx) -> Option<R<'c>> {
        if matches!(op, BinOp::And | BinOp::Or) {
            let lt = self.expr(l, ctx);
            let rt = self.expr(r, ctx);
            let (lt, _) = lt?;
            let (rt, _) = rt?;
            for (t, e) in [(&lt, l), (&rt, r)] {
                if t.ty != Ty::Boolean {
                    return self.err(
                        Diagnostic::error(
                            Code::NotACondition,
                            e.span,
                            format!(
                                "`{}` needs conditions on both sides, found {}",
                                op.symbol(),
                                t.ty.a()
                            ),
                        )
                        .with_help("compare the value with something, e.g. `x = 'a'`"),
                    );
                }
            }
            return Some((
                TExpr::new(
                    TKind::Binary {
                        op,
                        left: Box::new(lt),
                        right: Box::new(rt),
                    },
                    Ty::Boolean,
                ),
                None,
            ));
        }
        if op.is_comparison() {
            return literals::compare(self, op, l, r, span, ctx);
        }
        // arithmetic; a duration or time literal takes its type from the other operand
        let typed_lit = |e: &Expr| {
            matches!(
                e.kind,
                ExprKind::Literal(Literal::Duration(_) | Literal::Date(_) | Literal::Timestamp(_))
            )
        };
        let (lt, rt) = if typed_lit(r) && !typed_lit(l) {
            let (lt, col) = self.expr(l, ctx)?;
            let rt = literals::operand_against(self, r, &lt, col, ctx)?;
            (lt, rt)
        } else if typed_lit(l) && !typed_lit(r) {
            let (rt, col) = self.expr(r, ctx)?;
            let lt = literals::operand_against(self, l, &rt, col, ctx)?;
            (lt, rt)
        } else {
            let lt = self.expr(l, ctx);
            let rt = self.expr(r, ctx);
            (lt?.0, rt?.0)
        };
        let ty = match (op, lt.ty, rt.ty) {
            (BinOp::Div, a, b)
                if (a.is_numeric() || matches!(a, Ty::Duration(_)))
                    && (b.is_numeric() || matches!(b, Ty::Duration(_))) =>
            {
                match (a, b) {
                    (Ty::Duration(u), b) if b.is_numeric() => Ty::Duration(u),
                    _ => Ty::Number,
                }
            }
            (_, Ty::Integer, Ty::Integer) => Ty::Integer,
            (_, a, b) if a.is_numeric() && b.is_numeric() => Ty::Number,
            (BinOp::Add | BinOp::Sub, Ty::Duration(u), Ty::Duration(v)) if u == v => {
                Ty::Duration(u)
            }
            (BinOp::Mul, Ty::Duration(u), b) if b.is_numeric() => Ty::Duration(u),
            (BinOp::Mul, a, Ty::Duration(u)) if a.is_numeric() => Ty::Duration(u),
            (_, a, b) => {
                let mut d = Diagnostic::error(
                    Code::TypeMismatch,
                    span,
                    format!("cannot apply `{}` to {} and {}", op.symbol(), a.a(), b.a()),
                )
                .with_secondary(l.span, a.name())
                .with_secondary(r.span, b.name());
                if matches!(
                    (a, b),
                    (Ty::Duration(_), Ty::Integer | Ty::Number)
                        | (Ty::Integer | Ty::Number, Ty::Duration(_))
                ) {
                    d = d.with_help("write the number as a duration, e.g. `30s`");
                }
                return self.err(d);
            }
        };
        let kind = if op == BinOp::Div {
            TKind::Div {
                left: Box::new(lt),
                right: Box::new(rt),
            }
        } else {
            TKind::Binary {
                op,
                left: Box::new(lt),
                right: Box::new(rt),
            }
        };
        Some((TExpr::new(kind, ty), None))
    }

    fn in_list(&mut self, expr: &Expr, list: &[Expr], negated: bool, ctx: Ctx) -> Option<R<'c>> {
        if list.is_empty() {
            return self.err(Diagnostic::error(
                Code::ExprSyntax,
                expr.span,
                "`in ()` needs at least one value",
            ));
        }
        // dates in a list each mean a whole day: `x = d1 or x = d2 ...`
        if list
            .iter()
            .any(|i| matches!(i.kind, ExprKind::Literal(Literal::Date(_))))
        {
            let mut acc: Option<TExpr> = None;
            for item in list {
                let eq = Expr {
                    kind: ExprKind::Binary {
                        op: BinOp::Eq,
                        left: Box::new(expr.clone()),
                        right: Box::new(item.clone()),
                    },
                    span: item.span,
                };
                let (t, _) = self.expr(&eq, ctx)?;
                acc = Some(match acc {
                    None => t,
                    Some(a) => TExpr::new(
                        TKind::Binary {
                            op: BinOp::Or,
                            left: Box::new(a),
                            right: Box::new(t),
                        },
                        Ty::Boolean,
                    ),
                });
            }
            let any = acc?;
            let out = if negated {
                TExpr::new(TKind::Not(Box::new(any)), Ty::Boolean)
            } else {
                any
            };
            return Some((out, None));
        }
        let (t, col) = self.expr(expr, ctx)?;
        let mut items = Vec::new();
        let mut ok = true;
        for item in list {
            match literals::operand_against(self, item, &t, col, ctx) {
                Some(v) => items.push(v),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some((
            TExpr::new(
                TKind::InList {
                    expr: Box::new(t),
                    list: items,
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }

    fn between(
        &mut self,
        expr: &Expr,
        low: &Expr,
        high: &Expr,
        negated: bool,
        span: Span,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        // with a date bound, `between` on a timestamp covers that whole day
        if matches!(low.kind, ExprKind::Literal(Literal::Date(_)))
            || matches!(high.kind, ExprKind::Literal(Literal::Date(_)))
        {
            let ge = Expr {
                kind: ExprKind::Binary {
                    op: BinOp::GtEq,
                    left: Box::new(expr.clone()),
                    right: Box::new(low.clone()),
                },
                span,
            };
            let le = Expr {
                kind: ExprKind::Binary {
                    op: BinOp::LtEq,
                    left: Box::new(expr.clone()),
                    right: Box::new(high.clone()),
                },
                span,
            };
            let (a, _) = self.expr(&ge, ctx)?;
            let (b, _) = self.expr(&le, ctx)?;
            let both = TExpr::new(
                TKind::Binary {
                    op: BinOp::And,
                    left: Box::new(a),
                    right: Box::new(b),
                },
                Ty::Boolean,
            );
            let out = if negated {
                TExpr::new(TKind::Not(Box::new(both)), Ty::Boolean)
            } else {
                both
            };
            return Some((out, None));
        }
        let (t, col) = self.expr(expr, ctx)?;
        let lo = literals::operand_against(self, low, &t, col, ctx);
        let hi = literals::operand_against(self, high, &t, col, ctx);
        let (lo, hi) = (lo?, hi?);
        Some((
            TExpr::new(
                TKind::Between {
                    expr: Box::new(t),
                    low: Box::new(lo),
                    high: Box::new(hi),
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }

    fn matching(
        &mut self,
        op: MatchOp,
        ci: bool,
        expr: &Expr,
        pattern: &Expr,
        negated: bool,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        let (t, col) = self.expr(expr, ctx)?;
        let kw = op.keyword(ci);
        let ExprKind::Literal(Literal::String(p)) = &pattern.kind else {
            return self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    pattern.span,
                    format!("`{kw}` needs a string in quotes on its right"),
                )
                .with_help(format!("e.g. `{kw} 'text'`")),
            );
        };
        if t.ty == Ty::TextList {
            if op != MatchOp::Contains || ci {
                return self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        expr.span,
                        format!("`{kw}` does not apply to a list column"),
                    )
                    .with_help("use `contains 'value'` to test whether the list holds a value"),
                );
            }
            return Some((
                TExpr::new(
                    TKind::ListContains {
                        list: Box::new(t),
                        value: p.clone(),
                        negated,
                    },
                    Ty::Boolean,
                ),
                None,
            ));
        }
        if let Some(c) = col {
            if let ColumnType::Enum(values) = &c.ty {
                return self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        expr.span,
                        format!(
                            "`{kw}` does not apply to `{}`, which has a fixed list of values",
                            c.id
                        ),
                    )
                    .with_help(format!(
                        "use `{} in (...)` with allowed values: {}",
                        c.id,
                        list_for_help(values.iter().map(|v| v.label.as_str()))
                    )),
                );
            }
        }
        if t.ty != Ty::Text {
            return self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    expr.span,
                    format!("`{kw}` applies to text, found {}", t.ty.a()),
                )
                .with_help("compare numbers, durations and timestamps with `=`, `<`, `between`"),
            );
        }
        Some((
            TExpr::new(
                TKind::Match {
                    op,
                    case_insensitive: ci,
                    expr: Box::new(t),
                    pattern: p.clone(),
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }
}

fn r_declared(r: &Report) -> Vec<String> {
    r.columns
        .iter()
        .filter_map(|c| match (&c.name, &c.expr.kind) {
            (Some(n), _) => Some(n.value.clone()),
            (None, ExprKind::Name(n)) => Some(n.clone()),
            _ => None,
        })
        .collect()
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

#[cfg(test)]
mod tests;
