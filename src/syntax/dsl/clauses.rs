//! One parsed clause -> its part of the report (names, strings, select items, conditions split
//! at top-level `and`s, group keys, order items, limit), and the report once every clause is in.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::expr::{
    bad_escape, build_conjuncts, build_expr, build_order_item, unescape, Clause, SpanMap,
};
use crate::syntax::grammar::Rule;
use crate::vocab::is_identifier;
use pest::iterators::Pair;

#[derive(Default)]
pub(super) struct ReportBuilder {
    name: Option<Ident>,
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    source: Option<Ident>,
    timezone: Option<Spanned<String>>,
    parameters: Vec<ParamDef>,
    columns: Vec<ColumnDef>,
    filters: Vec<Expr>,
    group_by: Option<Vec<Expr>>,
    having: Vec<Expr>,
    order_by: Vec<OrderItem>,
    limit: Option<Spanned<i64>>,
    labels: Option<Spanned<bool>>,
    top: Option<TopDef>,
    fill: Option<Spanned<bool>>,
    bucket_dates: Option<Spanned<bool>>,
    has_select: bool,
    /// Clauses present but unparsable: not reported again as missing.
    pub(super) broken: Vec<&'static str>,
}

pub(super) fn span_of(p: &Pair<Rule>, map: &dyn SpanMap) -> Span {
    map.span(p.as_span().start(), p.as_span().end())
}

fn string_value(p: Pair<Rule>, map: &dyn SpanMap) -> Result<Spanned<String>, Diagnostic> {
    let span = span_of(&p, map);
    let quote = p.as_str().chars().next().unwrap_or('\'');
    let inner = p.into_inner().next().expect("string body");
    unescape(inner.as_str(), quote)
        .map(|s| Spanned::new(s, span))
        .map_err(|(off, msg)| bad_escape(&inner, off, msg, map))
}

fn name_value(p: Pair<Rule>, map: &dyn SpanMap) -> Result<Ident, Diagnostic> {
    let span = span_of(&p, map);
    let s = p.as_str();
    if let Some(body) = s.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        let name = body.replace("``", "`");
        if name.is_empty() {
            return Err(Diagnostic::error(
                Code::BadLiteral,
                span,
                "empty quoted name",
            ));
        }
        Ok(Spanned::new(name, span))
    } else {
        Ok(Spanned::new(s.to_string(), span))
    }
}

impl ReportBuilder {
    pub(super) fn clause(&mut self, p: Pair<Rule>, map: &dyn SpanMap, diags: &mut Diagnostics) {
        let rule = p.as_rule();
        let span_of_all = span_of(&p, map);
        let mut parts = p.into_inner();
        parts.next(); // the keyword
        let mut push = |r: Result<(), Diagnostic>| {
            if let Err(d) = r {
                diags.push(d);
            }
        };
        match rule {
            Rule::report_clause => {
                let name = parts.next().expect("name");
                push(name_value(name, map).and_then(|n| {
                    if !is_identifier(&n.value) {
                        return Err(Diagnostic::error(
                            Code::WrongShape,
                            n.span,
                            format!("report name `{}` is not a valid name", n.value),
                        )
                        .with_help("use letters, digits and `_`, starting with a letter, e.g. `whatsapp_abandons`"));
                    }
                    self.name = Some(n);
                    Ok(())
                }));
                if let Some(t) = parts.next() {
                    push(string_value(t, map).map(|t| self.title = Some(t)));
                }
            }
            Rule::title_clause => {
                push(string_value(parts.next().expect("title"), map).map(|t| self.title = Some(t)))
            }
            Rule::description_clause => push(
                string_value(parts.next().expect("text"), map).map(|t| self.description = Some(t)),
            ),
            Rule::timezone_clause => push(
                string_value(parts.next().expect("zone"), map).map(|t| self.timezone = Some(t)),
            ),
            Rule::from_clause => {
                push(name_value(parts.next().expect("source"), map).map(|s| self.source = Some(s)))
            }
            Rule::parameter_clause => push(parameter(span_of_all, parts, map).map(|p| {
                self.parameters.push(p);
            })),
            Rule::select_clause => {
                self.has_select = true;
                for item in parts {
                    push(select_item(item, map).map(|c| self.columns.push(c)));
                }
            }
            Rule::where_clause => {
                for r in build_conjuncts(parts.next().expect("expr"), map) {
                    push(r.map(|e| self.filters.push(e)));
                }
            }
            Rule::having_clause => {
                for r in build_conjuncts(parts.next().expect("expr"), map) {
                    push(r.map(|e| self.having.push(e)));
                }
            }
            Rule::group_clause => {
                let mut keys = Vec::new();
                for q in parts.filter(|q| q.as_rule() == Rule::expr) {
                    push(build_expr(q, map).map(|e| keys.push(e)));
                }
                self.group_by = Some(keys);
            }
            Rule::order_clause => {
                for q in parts.filter(|q| q.as_rule() == Rule::order_item) {
                    push(build_order_item(q, map).map(|o| self.order_by.push(o)));
                }
            }
            Rule::limit_clause => {
                let n = parts.next().expect("int");
                let span = span_of(&n, map);
                match n.as_str().parse::<i64>() {
                    Ok(v) => self.limit = Some(Spanned::new(v, span)),
                    Err(_) => push(Err(Diagnostic::error(
                        Code::BadLimit,
                        span,
                        format!("limit `{}` is not a whole number", n.as_str()),
                    )
                    .with_help("write a whole number greater than zero, e.g. `limit 50`"))),
                }
            }
            Rule::labels_clause => {
                let on = parts
                    .next()
                    .is_none_or(|w| w.as_str().eq_ignore_ascii_case("yes"));
                self.labels = Some(Spanned::new(on, span_of_all));
            }
            Rule::top_clause => push(top(span_of_all, parts, map).map(|t| self.top = Some(t))),
            Rule::fill_clause => {
                let on = parts
                    .next()
                    .is_none_or(|w| w.as_str().eq_ignore_ascii_case("yes"));
                self.fill = Some(Spanned::new(on, span_of_all));
            }
            Rule::bucket_as_clause => {
                let dates = parts
                    .next()
                    .is_some_and(|w| w.as_str().eq_ignore_ascii_case("date"));
                self.bucket_dates = Some(Spanned::new(dates, span_of_all));
            }
            r => unreachable!("unexpected clause {r:?}"),
        }
    }

    /// A clause that the fast parser read (all of it valid).
    pub(super) fn parsed(&mut self, c: Clause) {
        match c {
            Clause::Select(items) => {
                self.has_select = true;
                self.columns.extend(items);
            }
            Clause::Where(conds) => self.filters.extend(conds),
            Clause::Having(conds) => self.having.extend(conds),
            Clause::Group(keys) => self.group_by = Some(keys),
            Clause::Order(items) => self.order_by.extend(items),
            Clause::Report(name, title) => {
                self.name = Some(name);
                if title.is_some() {
                    self.title = title;
                }
            }
            Clause::Title(t) => self.title = Some(t),
            Clause::Description(t) => self.description = Some(t),
            Clause::Timezone(t) => self.timezone = Some(t),
            Clause::From(s) => self.source = Some(s),
            Clause::Limit(n) => self.limit = Some(n),
        }
    }

    /// The report; `None` without a source, or when `select` could not be read (the checker
    /// would only report its outputs as missing).
    pub(super) fn finish(self, here: Span, diags: &mut Diagnostics) -> Option<Report> {
        if self.source.is_none() && !self.broken.contains(&"from") {
            diags.push(
                Diagnostic::error(Code::MissingKey, here, "the report has no `from` clause")
                    .with_help("add `from <data source>`; `reportc catalog` lists them"),
            );
        }
        if !self.has_select && !self.broken.contains(&"select") {
            diags.push(
                Diagnostic::error(Code::MissingKey, here, "the report has no `select` clause")
                    .with_help(
                    "add `select` with the output columns, e.g. `select queue, total = count()`",
                ),
            );
        }
        if !self.has_select {
            return None;
        }
        crate::syntax::params::duplicate_params(&self.parameters, diags);
        Some(Report {
            name: self.name,
            title: self.title,
            description: self.description,
            source: self.source?,
            timezone: self.timezone,
            parameters: self.parameters,
            columns: self.columns,
            filters: self.filters,
            group_by: self.group_by,
            having: self.having,
            order_by: self.order_by,
            limit: self.limit,
            labels: self.labels,
            top: self.top,
            fill: self.fill,
            bucket_dates: self.bucket_dates,
            notation: crate::syntax::ast::Notation::Dsl,
        })
    }
}

/// `top N by NAME [per NAME, ...] [rest 'LABEL']`.
fn top(
    span: Span,
    mut parts: pest::iterators::Pairs<Rule>,
    map: &dyn SpanMap,
) -> Result<TopDef, Diagnostic> {
    let n = parts.next().expect("int");
    let n = crate::syntax::top::top_count(n.as_str(), span_of(&n, map), true)?;
    parts.next(); // `by`
    let by = name_value(parts.next().expect("name"), map)?;
    let mut per = Vec::new();
    let mut rest = None;
    for p in parts {
        match p.as_rule() {
            Rule::top_per => {
                for q in p.into_inner().filter(|q| q.as_rule() == Rule::top_name) {
                    per.push(name_value(q, map)?);
                }
            }
            Rule::top_rest => {
                let s = p.into_inner().find(|q| q.as_rule() == Rule::string);
                rest = Some(string_value(s.expect("string"), map)?);
            }
            _ => {}
        }
    }
    Ok(TopDef {
        n,
        by,
        per,
        rest,
        span,
    })
}

/// `parameter NAME TYPE [default 'VALUE'] ["description"]`.
fn parameter(
    span: Span,
    mut parts: pest::iterators::Pairs<Rule>,
    map: &dyn SpanMap,
) -> Result<ParamDef, Diagnostic> {
    let name = name_value(parts.next().expect("name"), map)?;
    crate::syntax::params::param_name(&name)?;
    let ty = parts.next().expect("type");
    let ty = crate::syntax::params::param_type(ty.as_str(), span_of(&ty, map))?;
    let mut default = None;
    let mut description = None;
    for q in parts {
        if q.as_rule() == Rule::param_default {
            let s = q.into_inner().nth(1).expect("default value");
            default = Some(string_value(s, map)?);
        } else {
            description = Some(string_value(q, map)?);
        }
    }
    Ok(ParamDef {
        name,
        ty,
        default,
        description,
        span,
    })
}

fn select_item(p: Pair<Rule>, map: &dyn SpanMap) -> Result<ColumnDef, Diagnostic> {
    let span = span_of(&p, map);
    let mut it = p.into_inner();
    let first = it.next().expect("item");
    if first.as_rule() == Rule::output_name {
        let name = name_value(first, map)?;
        if !is_identifier(&name.value) {
            return Err(Diagnostic::error(
                Code::WrongShape,
                name.span,
                format!("output name `{}` is not a valid name", name.value),
            )
            .with_help("use letters, digits and `_`, starting with a letter, e.g. `avg_wait`"));
        }
        let expr = build_expr(it.next().expect("expr"), map)?;
        Ok(ColumnDef {
            name: Some(name),
            expr,
            span,
        })
    } else {
        let expr = build_expr(first, map)?;
        Ok(ColumnDef {
            name: None,
            span: expr.span,
            expr,
        })
    }
}
