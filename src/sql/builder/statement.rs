//! The SELECT statement: the dialect's query skeleton (LIMIT, TOP or FETCH FIRST), filled with
//! the plan's outputs, table, filters, grouping, having, ordering and limit.

use super::precedence::{and_all, num};
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{GroupKey, TKind};
use crate::sql::dialect::{Dialect, OutputNames};
use crate::sql::functions::{Arg, Func};
use crate::sql::lower::Plan;
use sqlparser::ast::{
    self as sa, Expr, GroupByExpr, Ident, ObjectName, ObjectNamePart, OrderByKind, OrderBySort,
    SelectItem, SetExpr, Statement, TableFactor,
};
use sqlparser::parser::Parser;

/// The query skeleton of the dialect's LIMIT style, parsed once with the dialect's parser.
fn skeleton(d: &Dialect) -> Result<&Statement, Diagnostic> {
    if let Some(s) = d.caches.skeleton.get() {
        return Ok(s);
    }
    let dialect = (d.parser)();
    let parsed = Parser::parse_sql(dialect.as_ref(), d.limit.skeleton())
        .ok()
        .and_then(|mut v| v.pop())
        .ok_or_else(|| {
            Diagnostic::error(
                Code::Unsupported,
                Span::empty(),
                format!("internal error: no query skeleton for {}", d.display),
            )
        })?;
    Ok(d.caches.skeleton.get_or_init(|| parsed))
}

/// The value of `r`, or `None` with its error kept in `errors` (all errors are reported at once).
fn kept<T>(errors: &mut Vec<Diagnostic>, r: B<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(d) => {
            errors.push(d);
            None
        }
    }
}

impl Builder<'_> {
    /// The alias of an output, written so that the result column comes back named exactly as
    /// the report wrote it (`Dialect::output_names`), or refused where it cannot.
    pub(crate) fn output_alias(&self, name: &str, span: Span) -> B<Ident> {
        match self.d.output_names {
            OutputNames::AsWritten => self.ident(name, span),
            // as written, even a reserved word: `order` must come back `order`, not `ORDER`
            OutputNames::Quoted => self.quoted_as_written(name, span),
            OutputNames::LowerCase if name.chars().any(char::is_uppercase) => {
                Err(self.unsupported(
                    "an output name with capitals",
                    &format!(
                        "{} returns result names in lower case, quoted or not, so `{name}` would come back as `{}`; name the output in lower case",
                        self.d.display,
                        name.to_lowercase()
                    ),
                    span,
                ))
            }
            OutputNames::LowerCase => self.ident(name, span),
        }
    }

    /// The whole SELECT statement.
    pub fn statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut stmt = match skeleton(self.d) {
            Ok(s) => s.clone(),
            Err(e) => return Err(vec![e]),
        };
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        let SetExpr::Select(sel) = q.body.as_mut() else {
            unreachable!("the skeleton is a select")
        };
        let mut projection = Vec::new();
        for o in &plan.outputs {
            let expr = match &o.labels {
                Some(l) => self.expr(&o.expr).and_then(|e| self.labelled(e, l, o.span)),
                None => self.expr(&o.expr),
            };
            // a bucket shown as a date: only the output is cast; keys, joins and order stay
            // the local timestamp
            let expr = if o.as_date {
                expr.and_then(|e| self.call(Func::ToDate, vec![Arg::Expr(e)], o.span))
            } else {
                expr
            };
            let Some(expr) = kept(&mut errors, expr) else {
                continue;
            };
            let same_name = matches!(&o.expr.kind, TKind::Column(c) if *c == o.name)
                && self.d.output_names != OutputNames::Quoted
                && o.labels.is_none();
            projection.push(if same_name {
                if let Err(e) = self.output_alias(&o.name, o.span) {
                    errors.push(e);
                }
                SelectItem::UnnamedExpr(expr)
            } else {
                let Some(alias) = kept(&mut errors, self.output_alias(&o.name, o.span)) else {
                    continue;
                };
                SelectItem::ExprWithAlias { expr, alias }
            });
        }
        sel.projection = projection;
        if let Some(twj) = sel.from.first_mut() {
            if let TableFactor::Table { name, .. } = &mut twj.relation {
                let mut parts = Vec::new();
                for p in plan.table {
                    parts.extend(
                        kept(&mut errors, self.ident(p, plan.table_span))
                            .map(ObjectNamePart::Identifier),
                    );
                }
                *name = ObjectName(parts);
            }
        }
        if !plan.joins.is_empty() {
            let from = self.joined_from(plan.table, plan.table_span, plan.joins);
            sel.from = kept(&mut errors, from).into_iter().collect();
        }
        sel.selection = and_all(
            plan.filters
                .iter()
                .filter_map(|f| kept(&mut errors, self.expr(f)))
                .collect(),
        );
        sel.group_by = match &plan.group_by {
            Some(keys) if !keys.is_empty() => {
                let mut exprs = Vec::new();
                for k in keys {
                    let e = match k {
                        // a labelled enum groups by its stored code
                        GroupKey::Output(i)
                            if self.d.group_by_ordinal && plan.outputs[*i].labels.is_none() =>
                        {
                            Ok(num(i + 1))
                        }
                        GroupKey::Output(i) => self.expr(&plan.outputs[*i].expr),
                        GroupKey::Expr(e) => self.expr(e),
                    };
                    exprs.extend(kept(&mut errors, e));
                }
                GroupByExpr::Expressions(exprs, vec![])
            }
            _ => GroupByExpr::Expressions(vec![], vec![]),
        };
        sel.having = and_all(
            plan.having
                .iter()
                .filter_map(|h| kept(&mut errors, self.expr(h)))
                .collect(),
        );
        if plan.order_by.is_empty() {
            q.order_by = None;
        } else if let Some(ob) = &mut q.order_by {
            let mut items = Vec::new();
            for o in plan.order_by {
                let out = &plan.outputs[o.output];
                let Some(alias) =
                    kept(&mut errors, self.output_alias(&out.name, out.span)).map(Expr::Identifier)
                else {
                    continue;
                };
                if !self.d.nulls_ordering {
                    // the same NULL order everywhere: a `CASE WHEN x IS NULL` key first
                    let subject = if self.d.order_alias_in_expr {
                        Ok(alias.clone())
                    } else {
                        self.expr(&plan.outputs[o.output].expr)
                    };
                    let flag = subject
                        .and_then(|x| self.call(Func::NullFlag, vec![Arg::Expr(x)], Span::empty()));
                    if let Some(flag) = kept(&mut errors, flag) {
                        items.push(sa::OrderByExpr {
                            expr: flag,
                            options: sa::OrderByOptions {
                                sort: if o.nulls_first {
                                    Some(OrderBySort::Desc)
                                } else {
                                    None
                                },
                                nulls_first: None,
                            },
                            with_fill: None,
                        });
                    }
                }
                items.push(sa::OrderByExpr {
                    expr: alias,
                    options: sa::OrderByOptions {
                        sort: if o.descending {
                            Some(OrderBySort::Desc)
                        } else {
                            None
                        },
                        nulls_first: if self.d.nulls_ordering {
                            Some(o.nulls_first)
                        } else {
                            None
                        },
                    },
                    with_fill: None,
                });
            }
            ob.kind = OrderByKind::Expressions(items);
        }
        // LIMIT, TOP or FETCH FIRST: whichever the dialect's skeleton has
        match plan.limit {
            None => {
                q.limit_clause = None;
                q.fetch = None;
                sel.top = None;
            }
            Some(n) => {
                if let Some(sa::LimitClause::LimitOffset { limit, .. }) = &mut q.limit_clause {
                    *limit = Some(num(n));
                }
                if let Some(f) = &mut q.fetch {
                    f.quantity = Some(num(n));
                }
                // `TOP (n)`: "TOP expression without parentheses in SELECT statements is
                // supported, but we do not recommend this" (TOP (Transact-SQL))
                if let Some(t) = &mut sel.top {
                    t.quantity = Some(sa::TopQuantity::Expr(num(n)));
                }
            }
        }
        if errors.is_empty() {
            Ok(stmt)
        } else {
            errors.sort_by_key(|d| (d.span.start, d.span.end));
            errors.dedup();
            Err(errors)
        }
    }
}
