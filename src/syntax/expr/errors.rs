//! Syntax errors in the user's words: pest's expected rules become "a column, a number or a
//! string", the offending token is pointed at, and common mistakes get a help line (`&&`,
//! `=>`, `like`, `count(*)`, a `:` inside a quoted column, decimal durations).

use super::SpanMap;
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::grammar::Rule;

fn describe(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::expr
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::predicate
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::bucketed
        | Rule::primary
        | Rule::paren
        | Rule::call
        | Rule::name
        | Rule::path
        | Rule::ident
        | Rule::quoted_ident
        | Rule::literal
        | Rule::number
        | Rule::string
        | Rule::date
        | Rule::timestamp
        | Rule::duration
        | Rule::boolean
        | Rule::null
        | Rule::param => "a column, a number or a string",
        Rule::cmp_op | Rule::cmp_tail => "a comparison (`=`, `<`, ...)",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::in_tail | Rule::kw_in => "`in`",
        Rule::between_tail | Rule::kw_between => "`between`",
        Rule::is_tail | Rule::kw_is => "`is null`",
        Rule::match_tail | Rule::match_op => "`contains` or `starts_with`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not | Rule::negation | Rule::not_op => "`not`",
        Rule::kw_null => "`null`",
        Rule::kw_by => "`by`",
        Rule::kw_where => "`where`",
        Rule::list => "a list in parentheses, e.g. `('a', 'b')`",
        Rule::range
        | Rule::range_last
        | Rule::range_this
        | Rule::range_prev
        | Rule::range_today
        | Rule::range_yesterday
        | Rule::kw_last
        | Rule::kw_this
        | Rule::kw_previous => "a time range such as `last 7 days`, `this month` or `today`",
        Rule::time_unit => "a time unit (hour, day, week, month, quarter, year)",
        Rule::uint => "a whole number",
        Rule::order_dir => "`asc` or `desc`",
        Rule::nulls_clause | Rule::kw_nulls => "`nulls first` or `nulls last`",
        Rule::kw_first => "`first` or `last`",
        Rule::agg_filter => "`where`",
        Rule::EOI => "the end of the expression",
        Rule::dsl_clause_entry
        | Rule::dsl_file
        | Rule::report_clause
        | Rule::title_clause
        | Rule::description_clause
        | Rule::from_clause
        | Rule::timezone_clause
        | Rule::parameter_clause
        | Rule::select_clause
        | Rule::where_clause
        | Rule::group_clause
        | Rule::having_clause
        | Rule::order_clause
        | Rule::limit_clause
        | Rule::labels_clause
        | Rule::top_clause
        | Rule::fill_clause
        | Rule::bucket_as_clause => "a clause (`report`, `from`, `select`, `where`, ...)",
        Rule::select_item => "an output column",
        Rule::output_name => "a name",
        Rule::order_item => "an output name",
        Rule::int => "a whole number",
        Rule::kw_report => "`report`",
        Rule::kw_title => "`title`",
        Rule::kw_description => "`description`",
        Rule::kw_from => "`from`",
        Rule::kw_timezone => "`timezone`",
        Rule::kw_select => "`select`",
        Rule::kw_group => "`group by`",
        Rule::kw_having => "`having`",
        Rule::kw_order => "`order by`",
        Rule::kw_limit => "`limit`",
        Rule::kw_labels => "`labels`",
        Rule::kw_fill => "`fill`",
        Rule::kw_bucket_as => "`bucket_as`",
        Rule::bucket_kind => "`date` or `timestamp`",
        Rule::labels_switch => "`yes` or `no`",
        Rule::kw_top => "`top`",
        Rule::top_per | Rule::kw_per => "`per`",
        Rule::top_rest | Rule::kw_rest => "`rest '...'`",
        Rule::top_name => "an output name",
        Rule::kw_parameter => "`parameter`",
        Rule::param_type => "a parameter type (text, integer, number, date, timestamp, duration, boolean, enum(column))",
        Rule::param_default | Rule::kw_default => "`default '...'`",
        _ => return None,
    })
}

fn found_at(text: &str, pos: usize) -> String {
    let rest = &text[pos.min(text.len())..];
    let rest = rest.trim_start();
    if rest.is_empty() {
        return "the end of the expression".to_string();
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .take(30)
        .collect();
    if word.is_empty() {
        format!("`{}`", rest.chars().next().unwrap_or(' '))
    } else {
        format!("`{word}`")
    }
}

/// Words of other languages for a sort direction, and ours.
const ORDER_WORDS: &[(&str, &str)] = &[
    ("descending", "desc"),
    ("descend", "desc"),
    ("dsc", "desc"),
    ("ascending", "asc"),
    ("ascend", "asc"),
];

/// Which front end a syntax error is reported for (the help lines differ).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Yaml,
    Dsl,
}

pub(crate) fn syntax_error(
    e: pest::error::Error<Rule>,
    text: &str,
    map: &dyn SpanMap,
    flavor: Flavor,
) -> Diagnostic {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    // point at the offending token (skip spaces)
    let skipped =
        text[pos.min(text.len())..].len() - text[pos.min(text.len())..].trim_start().len();
    let at = (pos + skipped).min(text.len());
    let tok_len = text[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>()
        .max(text[at..].chars().next().map(char::len_utf8).unwrap_or(0));
    let span = map.span(at, at + tok_len);
    let mut expected: Vec<&str> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(r) {
                if !expected.contains(&d) {
                    expected.push(d);
                }
            }
        }
    }
    let mut found = found_at(text, pos);
    if flavor == Flavor::Dsl && found == "the end of the expression" {
        found = "the end of the clause".into();
    }
    let what = match expected.len() {
        0 => "a valid expression".to_string(),
        1 => expected[0].to_string(),
        _ => {
            let last = expected.pop().unwrap_or_default();
            format!("{} or {}", expected.join(", "), last)
        }
    };
    let what = match flavor {
        Flavor::Dsl => what.replace("the end of the expression", "the end of the clause"),
        Flavor::Yaml => what,
    };
    let rest = text[at..].trim_start();
    let lower = rest.to_ascii_lowercase();
    let word: String = lower
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let unclosed = rest
        .chars()
        .next()
        .filter(|q| *q == '\'' || *q == '"')
        .is_some_and(|q| !rest[1..].contains(q));
    if unclosed {
        return Diagnostic::error(Code::ExprSyntax, span, "unclosed string")
            .with_label("this string is never closed")
            .with_help("close the string with the same quote it opens with");
    }
    let help: Option<String> = if text.contains("(*)") {
        Some("write `count()` to count rows".into())
    } else if let Some(dir) = ORDER_WORDS.iter().find(|(w, _)| *w == word).map(|(_, d)| d) {
        Some(format!(
            "did you mean `{dir}`? an order item is a name, then `asc` or `desc`"
        ))
    } else if word == "like" || word == "ilike" {
        Some("use `contains`, `starts_with` or `ends_with` (`icontains`, ... to ignore case); no wildcards are needed".into())
    } else if word == "where" && flavor == Flavor::Dsl {
        Some("`where` here filters an aggregate, e.g. `count() where status = 'x'`; to filter rows, start a `where` clause on its own line".into())
    } else if word == "where" {
        Some("`where` filters an aggregate, e.g. `count() where status = 'x'`; to filter rows, use `filters`".into())
    } else if rest.starts_with("=>")
        || (rest.starts_with('>') && text[..at].trim_end().ends_with('='))
    {
        Some("did you mean `>=`?".into())
    } else if rest.starts_with("=<")
        || (rest.starts_with('<') && text[..at].trim_end().ends_with('='))
    {
        Some("did you mean `<=`?".into())
    } else if rest.starts_with("&&") || rest.starts_with("||") {
        Some("write `and` / `or` instead of `&&` / `||`".into())
    } else if rest.starts_with("==") || rest.starts_with('!') {
        Some("comparisons are `=`, `!=`, `<`, `<=`, `>`, `>=`".into())
    } else if rest.starts_with(':') && flavor == Flavor::Dsl {
        Some("name an output with `=`: `select avg_wait = avg(wait_time)`".into())
    } else if rest.starts_with(':')
        && text[..at]
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_')
    {
        Some(format!(
            "this looks like `name: expression` inside quotes: quote only the expression, e.g. `- {}: \"...\"`",
            text[..at].trim()
        ))
    } else if rest.starts_with(',') && flavor == Flavor::Dsl {
        Some("a comma separates items only in `select`, `group by` and `order by`; join conditions with `and`".into())
    } else if rest.starts_with(',') {
        Some("to give several items, write a YAML list: one `- item` per line".into())
    } else if has_decimal_duration(text) {
        Some("durations take whole numbers per unit: write `1m30s`, not `1.5m`".into())
    } else if found == "the end of the expression" || found == "the end of the clause" {
        Some("the expression is incomplete".into())
    } else {
        None
    };
    let mut d = Diagnostic::error(
        Code::ExprSyntax,
        span,
        format!("expected {what}, found {found}"),
    )
    .with_label("unexpected here");
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

fn has_decimal_duration(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit() && {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            j > i + 1 && j < b.len() && matches!(b[j], b's' | b'm' | b'h' | b'd')
        }
    })
}
