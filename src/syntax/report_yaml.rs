//! YAML front end: report text -> [`Report`] AST, with every key and value located.

use super::ast::*;
use super::expr::{parse_expr, parse_order_item, InScalar};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::vocab::is_identifier;
use crate::yaml::{fields, get, items, parse_yaml, scalar, Node};

/// The keys of a report file, in canonical order.
pub const REPORT_KEYS: &[&str] = &[
    "report",
    "title",
    "description",
    "source",
    "timezone",
    "parameters",
    "columns",
    "filters",
    "group_by",
    "having",
    "order_by",
    "limit",
    "labels",
    "top",
    "fill",
    "bucket_as",
];

/// `yes`/`true` or `no`/`false` (any case), else `None`.
pub(crate) fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// A report key whose value is yes or no (`labels`, `fill`): its value, or an error with `help`.
fn yes_no_key(
    f: &[(&crate::yaml::Scalar, &Node)],
    key: &str,
    help: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<bool>> {
    let (_, v) = get(f, key)?;
    let s = scalar(key, v, diags)?;
    let b = yes_no(&s.value);
    if b.is_none() {
        diags.push(
            Diagnostic::error(
                Code::WrongShape,
                s.span,
                format!("`{key}` must be yes or no, found `{}`", s.value),
            )
            .with_help(help),
        );
    }
    b.map(|b| Spanned::new(b, s.span))
}

/// Parse a YAML report. Returns the AST when the file is structurally usable (even if some
/// parts had errors, so later stages can report more), and every diagnostic found.
pub fn parse_report_yaml(text: &str) -> (Option<Report>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let root = match parse_yaml(text) {
        Ok(Some(root)) => root,
        Ok(None) => {
            diags.push(
                Diagnostic::error(Code::MissingKey, Span::new(0, 0), "the report is empty")
                    .with_help("a report needs at least `source:` and `columns:`"),
            );
            return (None, diags);
        }
        Err(errs) => {
            diags.extend(errs);
            return (None, diags);
        }
    };
    let report = build_report(&root, &mut diags);
    (report, diags)
}

fn text_value(key: &str, node: &Node, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    scalar(key, node, diags).map(|s| Spanned::new(s.value.clone(), s.span))
}

fn expr_of(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Expr> {
    match node {
        Node::Scalar(s) if s.value.trim().is_empty() => {
            diags.push(Diagnostic::error(
                Code::ExprSyntax,
                s.span,
                format!("empty {what}"),
            ));
            None
        }
        Node::Scalar(s) => match parse_expr(&s.value, &InScalar { scalar: s }) {
            Ok(e) => Some(e),
            Err(d) => {
                diags.push(d);
                None
            }
        },
        other => {
            let mut d = Diagnostic::error(
                Code::WrongShape,
                other.span(),
                format!(
                    "a {what} must be an expression written as text, found {}",
                    other.kind()
                ),
            );
            if let Node::Map(..) = other {
                d = d.with_help(
                    "a `:` followed by a space starts a YAML mapping; quote the whole expression",
                );
            }
            diags.push(d);
            None
        }
    }
}

fn build_report(root: &Node, diags: &mut Diagnostics) -> Option<Report> {
    let f = fields(root, "a report", REPORT_KEYS, diags)?;
    let name = get(&f, "report").and_then(|(_, v)| text_value("report", v, diags));
    if let Some(n) = &name {
        if !is_identifier(&n.value) {
            diags.push(
                Diagnostic::error(
                    Code::WrongShape,
                    n.span,
                    format!("report name `{}` is not a valid name", n.value),
                )
                .with_help(
                    "use letters, digits and `_`, starting with a letter, e.g. `whatsapp_abandons`",
                ),
            );
        }
    }
    let title = get(&f, "title").and_then(|(_, v)| text_value("title", v, diags));
    let description = get(&f, "description").and_then(|(_, v)| text_value("description", v, diags));
    let timezone = get(&f, "timezone").and_then(|(_, v)| text_value("timezone", v, diags));
    let parameters = get(&f, "parameters")
        .map(|(_, v)| super::params::yaml_parameters(v, diags))
        .unwrap_or_default();
    super::params::duplicate_params(&parameters, diags);
    // a misspelt key (`colums`) already says "did you mean `columns`?": no second error for it
    let misspelt = |key: &str| match root {
        Node::Map(entries, _) => entries.iter().any(|(k, _)| {
            !REPORT_KEYS.contains(&k.value.as_str()) && did_you_mean(&k.value, [key]).is_some()
        }),
        _ => false,
    };
    let source = match get(&f, "source") {
        Some((_, v)) => text_value("source", v, diags),
        None if misspelt("source") => None,
        None => {
            diags.push(
                Diagnostic::error(
                    Code::MissingKey,
                    first_line(root),
                    "the report has no `source`",
                )
                .with_help("add `source: <data source>`; `reportc catalog` lists them"),
            );
            None
        }
    };

    let mut columns = Vec::new();
    match get(&f, "columns") {
        Some((_, v)) => {
            for item in items("columns", v, diags) {
                if let Some(c) = column_def(item, diags) {
                    columns.push(c);
                }
            }
            if columns.is_empty() && !diags.has_errors() {
                diags.push(
                    Diagnostic::error(Code::MissingKey, v.span(), "the report has no columns")
                        .with_help("list at least one column under `columns:`"),
                );
            }
        }
        None if misspelt("columns") => {}
        None => diags.push(
            Diagnostic::error(
                Code::MissingKey,
                first_line(root),
                "the report has no `columns`",
            )
            .with_help(
                "add `columns:` with a list of columns, e.g. `- queue` and `- total: count()`",
            ),
        ),
    }

    let exprs = |key: &str, what: &str, diags: &mut Diagnostics| -> Vec<Expr> {
        get(&f, key)
            .map(|(_, v)| {
                items(key, v, diags)
                    .into_iter()
                    .filter_map(|n| expr_of(n, what, diags))
                    .collect()
            })
            .unwrap_or_default()
    };
    let filters = exprs("filters", "filter", diags);
    let having = exprs("having", "having condition", diags);
    let group_by = get(&f, "group_by").map(|_| exprs("group_by", "group_by item", diags));
    let mut order_by = Vec::new();
    if let Some((_, v)) = get(&f, "order_by") {
        for item in items("order_by", v, diags) {
            match item {
                Node::Scalar(s) => match parse_order_item(&s.value, &InScalar { scalar: s }) {
                    Ok(o) => order_by.push(o),
                    Err(d) => diags.push(d),
                },
                other => diags.push(
                    Diagnostic::error(
                        Code::WrongShape,
                        other.span(),
                        "an order_by item must be text like `abandons desc`",
                    )
                    .with_help("quote the item if it contains `: `"),
                ),
            }
        }
    }
    let limit = get(&f, "limit").and_then(|(_, v)| {
        let s = scalar("limit", v, diags)?;
        match s.value.trim().parse::<i64>() {
            Ok(n) => Some(Spanned::new(n, s.span)),
            Err(_) => {
                diags.push(
                    Diagnostic::error(
                        Code::BadLimit,
                        s.span,
                        format!("limit `{}` is not a whole number", s.value),
                    )
                    .with_help("write a whole number greater than zero, e.g. `limit: 50`"),
                );
                None
            }
        }
    });
    let labels = yes_no_key(
        &f,
        "labels",
        "write `labels: yes` to show enum labels, `labels: no` for the stored codes",
        diags,
    );
    let fill = yes_no_key(
        &f,
        "fill",
        "write `fill: yes` to show every bucket of the date range, empty ones too",
        diags,
    );
    let bucket_dates = get(&f, "bucket_as").and_then(|(_, v)| {
        let s = scalar("bucket_as", v, diags)?;
        let b = match s.value.trim().to_lowercase().as_str() {
            "date" => Some(true),
            "timestamp" => Some(false),
            _ => None,
        };
        if b.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::WrongShape,
                    s.span,
                    format!("`bucket_as` must be date or timestamp, found `{}`", s.value),
                )
                .with_help("write `bucket_as: date` to show day (or longer) buckets as dates"),
            );
        }
        b.map(|b| Spanned::new(b, s.span))
    });

    let top = get(&f, "top").and_then(|(_, v)| super::top::yaml_top(v, diags));

    let source = source?;
    Some(Report {
        name,
        title,
        description,
        source,
        timezone,
        parameters,
        columns,
        filters,
        group_by,
        having,
        order_by,
        limit,
        labels,
        top,
        fill,
        bucket_dates,
        notation: crate::syntax::ast::Notation::Yaml,
    })
}

fn first_line(root: &Node) -> Span {
    let s = root.span();
    Span::new(s.start as usize, s.start as usize)
}

fn column_def(node: &Node, diags: &mut Diagnostics) -> Option<ColumnDef> {
    match node {
        Node::Scalar(_) => {
            let expr = expr_of(node, "column", diags)?;
            Some(ColumnDef {
                name: None,
                span: expr.span,
                expr,
            })
        }
        Node::Map(entries, span) if entries.len() == 1 => {
            let (k, v) = &entries[0];
            if !is_identifier(&k.value) {
                diags.push(
                    Diagnostic::error(
                        Code::WrongShape,
                        k.span,
                        format!("output name `{}` is not a valid name", k.value),
                    )
                    .with_help(
                        "use letters, digits and `_`, starting with a letter, e.g. `avg_wait`",
                    ),
                );
                return None;
            }
            let expr = expr_of(v, "column", diags)?;
            Some(ColumnDef {
                name: Some(Spanned::new(k.value.clone(), k.span)),
                expr,
                span: *span,
            })
        }
        other => {
            diags.push(
                Diagnostic::error(
                    Code::WrongShape,
                    other.span(),
                    "a column must be a column name or `name: expression`",
                )
                .with_help("for example `- queue` or `- avg_wait: avg(wait_time)`"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_issue_example() {
        let text = r#"report: whatsapp_abandons_by_queue
title: WhatsApp abandons per queue and day, last 7 days
source: incoming_message_distributions
columns:
  - queue
  - day: distribution_date by day
  - abandons: count()
  - avg_wait: avg(wait_time)
filters:
  - messaging_type = 'WhatsApp'
  - detailed_interaction_status in ('abandoned', 'missed')
  - distribution_date in last 7 days
having: [abandons > 10]
order_by: [abandons desc]
limit: 50
"#;
        let (r, d) = parse_report_yaml(text);
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert_eq!(r.columns.len(), 4);
        assert_eq!(r.filters.len(), 3);
        assert_eq!(r.limit.unwrap().value, 50);
        assert_eq!(
            &text[r.columns[1].expr.span.range()],
            "distribution_date by day"
        );
        assert!(r.order_by[0].descending);
    }

    #[test]
    fn reports_every_problem() {
        let text = "source: sms\ncolums:\n  - sms_id\nfilters:\n  - status = \nlimit: ten\n";
        let (_, d) = parse_report_yaml(text);
        let codes: Vec<_> = d.0.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::UnknownKey));
        assert!(codes.contains(&Code::ExprSyntax));
        assert!(codes.contains(&Code::BadLimit));
        let unknown = d.0.iter().find(|d| d.code == Code::UnknownKey).unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `columns`?"));
    }
}
