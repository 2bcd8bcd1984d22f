//! DSL front end (`.rpt` files): report text -> [`Report`] AST, the same AST the YAML front end
//! builds. The grammar is `dsl_file` in `grammar/report.pest`, which reuses `expr`.
//!
//! Error recovery: the text is split at clause keywords that start a line (outside strings,
//! comments and parentheses), and each clause is parsed alone with `dsl_clause_entry`, its
//! spans mapped back to the file with [`Offset`]. One broken clause does not hide the others.

use super::ast::*;
use super::expr::{
    build_conjuncts, build_expr, build_order_item, check_depth, syntax_error, Flavor, Offset,
    SpanMap,
};
use super::grammar::{ReportParser, Rule};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::vocab::is_identifier;
use crate::yaml::MAX_INPUT_BYTES;
use pest::iterators::Pair;
use pest::Parser as _;

/// The clauses of a report, in canonical order, as written at the start of a line.
pub const CLAUSES: &[&str] = &[
    "report",
    "title",
    "description",
    "from",
    "timezone",
    "select",
    "where",
    "group by",
    "having",
    "order by",
    "limit",
];

/// Words that start a clause; a name spelt like one is printed in backticks.
pub const CLAUSE_WORDS: &[&str] = &[
    "report",
    "title",
    "description",
    "from",
    "timezone",
    "select",
    "where",
    "group",
    "having",
    "order",
    "limit",
];

/// One clause of the text: its keyword (as in [`CLAUSES`], or the unknown word) and byte range.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub keyword: Option<&'static str>,
    pub start: usize,
    pub end: usize,
    /// The span of the keyword (or of the unknown word).
    pub word: Span,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}
fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Split the text into clauses. Text before the first clause is returned as a chunk without
/// keyword when it holds anything but spaces and comments. A line that starts (unindented) with
/// a word close to a clause keyword (`selct`) starts an unknown clause, so it is reported alone.
pub fn split_clauses(text: &str) -> Vec<Chunk> {
    let b = text.as_bytes();
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut i = 0;
    let mut depth: usize = 0;
    let mut line_start = true;
    let lead_start = 0; // the prelude starts the file
    let mut prelude_has_text = false;
    while i < b.len() {
        let c = b[i];
        if line_start {
            line_start = false;
            let mut j = i;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            // inside parentheses (a condition over several lines), a clause keyword still
            // starts a clause, so an unclosed `(` does not swallow the rest of the file; only
            // `where` is also an aggregate filter there, so it must then be unindented
            if j < b.len() && is_ident_start(b[j]) {
                let mut k = j;
                while k < b.len() && is_ident_char(b[k]) {
                    k += 1;
                }
                let word = text[j..k].to_ascii_lowercase();
                let mut kw: Option<&'static str> = None;
                let mut is_clause = false;
                // `limit(x)` is a call, not a clause
                let call = b.get(k) == Some(&b'(');
                if let Some(w) = CLAUSE_WORDS.iter().find(|w| **w == word).filter(|_| !call) {
                    if *w == "group" || *w == "order" {
                        let rest = &text[k..];
                        let trimmed = rest.trim_start();
                        let has_by = trimmed.len() < rest.len()
                            && trimmed.len() >= 2
                            && trimmed[..2].eq_ignore_ascii_case("by")
                            && !trimmed
                                .as_bytes()
                                .get(2)
                                .copied()
                                .is_some_and(is_ident_char);
                        if has_by {
                            kw = Some(if *w == "group" {
                                "group by"
                            } else {
                                "order by"
                            });
                        }
                        // unindented `group queue`: an unknown clause (did you mean `group by`?)
                        is_clause = has_by || j == i;
                    } else {
                        kw = CLAUSES.iter().copied().find(|c| *c == *w);
                        is_clause = true;
                    }
                } else if j == i
                    && did_you_mean(&word, CLAUSE_WORDS.iter().copied()).is_some()
                    && !matches!(b.get(k), Some(b'(') | Some(b','))
                {
                    is_clause = true; // an unknown clause, reported by the parser
                }
                if is_clause && depth > 0 && ((word == "where" && j != i) || kw.is_none()) {
                    is_clause = false;
                }
                if is_clause {
                    depth = 0;
                    if let Some(last) = chunks.last_mut() {
                        last.end = j;
                    } else if prelude_has_text {
                        chunks.push(Chunk {
                            keyword: None,
                            start: lead_start,
                            end: j,
                            word: Span::new(lead_start, lead_start),
                        });
                    }
                    chunks.push(Chunk {
                        keyword: kw,
                        start: j,
                        end: b.len(),
                        word: Span::new(j, k),
                    });
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' | b'`' => {
                if chunks.is_empty() {
                    prelude_has_text = true;
                }
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' && c != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                if chunks.is_empty() {
                    prelude_has_text = true;
                }
                i += 1;
            }
        }
    }
    if chunks.is_empty() && prelude_has_text {
        chunks.push(Chunk {
            keyword: None,
            start: 0,
            end: b.len(),
            word: Span::new(0, 0),
        });
    }
    for ch in &mut chunks {
        // a clause ends with its last character, so "found the end of the clause" points there
        let end = ch.end.min(b.len()).max(ch.start);
        ch.end = ch.start + text[ch.start..end].trim_end().len();
    }
    chunks
}

/// Parse a DSL report. Returns the AST when the report has a `from` clause (even if other
/// clauses had errors, so later stages can report more), and every diagnostic found.
pub fn parse_report_dsl(text: &str) -> (Option<Report>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if text.len() > MAX_INPUT_BYTES {
        diags.push(
            Diagnostic::error(
                Code::InputTooLarge,
                Span::new(0, 0),
                format!(
                    "the report is {} bytes, over the {} byte cap",
                    text.len(),
                    MAX_INPUT_BYTES
                ),
            )
            .with_help("a report is a few hundred bytes; this is not a report"),
        );
        return (None, diags);
    }
    let chunks = split_clauses(text);
    if chunks.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, Span::new(0, 0), "the report is empty")
                .with_help("a report needs at least a `from` and a `select` clause"),
        );
        return (None, diags);
    }
    let mut b = ReportBuilder::default();
    let mut seen: Vec<(&'static str, Span)> = Vec::new();
    for ch in &chunks {
        let Some(kw) = ch.keyword else {
            if ch.word.is_empty() {
                let at = first_token(text, ch.start, ch.end);
                diags.push(
                    Diagnostic::error(
                        Code::ExprSyntax,
                        at,
                        format!(
                            "expected a clause (`report`, `from`, `select`, ...), found `{}`",
                            &text[at.range()]
                        ),
                    )
                    .with_label("unexpected here")
                    .with_help("every clause starts at the beginning of a line with its keyword"),
                );
            } else {
                let word = &text[ch.word.range()];
                let mut d = Diagnostic::error(
                    Code::UnknownKey,
                    ch.word,
                    format!("unknown clause `{word}`"),
                );
                d = match did_you_mean(&word.to_ascii_lowercase(), CLAUSES.iter().copied()) {
                    Some(s) => {
                        // `selct` already says "did you mean `select`?": no "no select" error
                        b.broken.extend(CLAUSES.iter().copied().filter(|c| *c == s));
                        d.with_help(format!("did you mean `{s}`?"))
                    }
                    None => d.with_help(format!("clauses: {}", CLAUSES.join(", "))),
                };
                diags.push(d);
            }
            continue;
        };
        // `report NAME "title"` and `title "..."` both set the title
        let dup_key = if kw == "title" { "title" } else { kw };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == dup_key) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateKey,
                    ch.word,
                    format!("duplicate `{kw}` clause"),
                )
                .with_label("second clause")
                .with_secondary(*first, "first written here")
                .with_help("write each clause once; join conditions with `and`"),
            );
            continue;
        }
        seen.push((dup_key, ch.word));
        let slice = &text[ch.start..ch.end];
        let map = Offset(ch.start);
        if let Err(d) = check_depth(slice, &map) {
            diags.push(d);
            continue;
        }
        let parsed = ReportParser::parse(Rule::dsl_clause_entry, slice)
            .map_err(|e| syntax_error(e, slice, &map, Flavor::Dsl));
        let pair = match parsed {
            Ok(mut pairs) => pairs
                .next()
                .and_then(|entry| entry.into_inner().next())
                .expect("clause"),
            Err(d) => {
                diags.push(d);
                b.broken.push(kw);
                continue;
            }
        };
        // `report NAME "title"` after a `title` clause: the title is written twice
        let title = pair.clone().into_inner().nth(2).filter(|_| kw == "report");
        if let Some(t) = title {
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == "title") {
                diags.push(
                    Diagnostic::error(Code::DuplicateKey, span_of(&t, &map), "duplicate title")
                        .with_label("second title")
                        .with_secondary(*first, "first written here")
                        .with_help(
                            "write the title once, in `report NAME \"title\"` or in `title`",
                        ),
                );
                continue;
            }
            seen.push(("title", ch.word));
        }
        b.clause(pair, &map, &mut diags);
    }
    let report = b.finish(Span::new(chunks[0].start, chunks[0].start), &mut diags);
    (report, diags)
}

fn first_token(text: &str, start: usize, end: usize) -> Span {
    let mut i = start;
    let b = text.as_bytes();
    loop {
        while i < end && (b[i] as char).is_ascii_whitespace() {
            i += 1;
        }
        if i < end && b[i] == b'#' {
            while i < end && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        break;
    }
    let mut j = i;
    while j < end && is_ident_char(b[j]) {
        j += 1;
    }
    if j == i && i < end {
        j = i + text[i..].chars().next().map(char::len_utf8).unwrap_or(1);
    }
    Span::new(i, j)
}

#[derive(Default)]
struct ReportBuilder {
    name: Option<Ident>,
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    source: Option<Ident>,
    timezone: Option<Spanned<String>>,
    columns: Vec<ColumnDef>,
    filters: Vec<Expr>,
    group_by: Option<Vec<Expr>>,
    having: Vec<Expr>,
    order_by: Vec<OrderItem>,
    limit: Option<Spanned<i64>>,
    has_select: bool,
    /// Clauses present but unparsable: not reported again as missing.
    broken: Vec<&'static str>,
}

fn span_of(p: &Pair<Rule>, map: &dyn SpanMap) -> Span {
    map.span(p.as_span().start(), p.as_span().end())
}

fn string_value(p: Pair<Rule>, map: &dyn SpanMap) -> Result<Spanned<String>, Diagnostic> {
    let span = span_of(&p, map);
    let quote = p.as_str().chars().next().unwrap_or('\'');
    let inner = p.into_inner().next().expect("string body");
    super::expr::unescape(inner.as_str(), quote)
        .map(|s| Spanned::new(s, span))
        .map_err(|(off, msg)| {
            let st = inner.as_span().start() + off;
            Diagnostic::error(Code::BadLiteral, map.span(st, st + 2), msg).with_help(
                "valid escapes: \\\\ \\' \\\" \\n \\t \\r \\u{hex}; a quote may also be doubled: ''",
            )
        })
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
    fn clause(&mut self, p: Pair<Rule>, map: &dyn SpanMap, diags: &mut Diagnostics) {
        let rule = p.as_rule();
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
            r => unreachable!("unexpected clause {r:?}"),
        }
    }

    /// The report; `None` without a source, or when `select` could not be read (the checker
    /// would only report its outputs as missing).
    fn finish(self, here: Span, diags: &mut Diagnostics) -> Option<Report> {
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
        Some(Report {
            name: self.name,
            title: self.title,
            description: self.description,
            source: self.source?,
            timezone: self.timezone,
            columns: self.columns,
            filters: self.filters,
            group_by: self.group_by,
            having: self.having,
            order_by: self.order_by,
            limit: self.limit,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"# comment
report whatsapp_abandons_by_queue "WhatsApp abandons per queue and day, last 7 days"
from incoming_message_distributions
timezone 'Europe/Paris'          # optional
select queue, day = distribution_date by day, abandons = count(), avg_wait = avg(wait_time)
where messaging_type = 'WhatsApp'
  and detailed_interaction_status in ('abandoned', 'missed')
  and distribution_date in last 7 days
group by queue, day              # optional
having abandons > 10
order by abandons desc
limit 50
"#;

    #[test]
    fn parses_the_issue_example() {
        let (r, d) = parse_report_dsl(EXAMPLE);
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert_eq!(r.name.unwrap().value, "whatsapp_abandons_by_queue");
        assert_eq!(r.columns.len(), 4);
        assert_eq!(r.filters.len(), 3);
        assert_eq!(r.group_by.unwrap().len(), 2);
        assert_eq!(r.limit.unwrap().value, 50);
        assert_eq!(
            &EXAMPLE[r.columns[1].expr.span.range()],
            "distribution_date by day"
        );
        assert_eq!(
            &EXAMPLE[r.filters[2].span.range()],
            "distribution_date in last 7 days"
        );
    }

    #[test]
    fn reports_every_broken_clause() {
        let text = "from sms\nselect a, b = \nwhere x = = 1\nlimit ten\n";
        let (_, d) = parse_report_dsl(text);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.0.iter().all(|d| d.code == Code::ExprSyntax));
        assert!(d.0.iter().all(|d| !d.message.contains("_clause")));
    }

    #[test]
    fn unicode_names_in_backticks_and_titles_once() {
        let (r, d) = parse_report_dsl("from sms\nselect `catégorie`\nwhere `durée ``x``` > 1\n");
        assert!(d.is_empty(), "{d:?}");
        let r = r.unwrap();
        assert!(matches!(&r.columns[0].expr.kind, ExprKind::Name(n) if n == "catégorie"));
        let ExprKind::Binary { left, .. } = &r.filters[0].kind else {
            panic!()
        };
        assert!(matches!(&left.kind, ExprKind::Name(n) if n == "durée `x`"));
        let (_, d) = parse_report_dsl("title \"a\"\nreport r \"b\"\nfrom sms\nselect a\n");
        assert_eq!(d.0[0].code, Code::DuplicateKey);
        let (_, d) = parse_report_dsl("report r \"b\"\ntitle \"a\"\nfrom sms\nselect a\n");
        assert_eq!(d.0[0].code, Code::DuplicateKey);
    }

    #[test]
    fn parenthesised_and_stays_one_filter() {
        let (r, d) = parse_report_dsl("from s\nselect a\nwhere (a = 1 and b = 2) and c = 3\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r.unwrap().filters.len(), 2);
        let (r, _) = parse_report_dsl("from s\nselect a\nwhere a = 1 and b = 2 or c = 3\n");
        assert_eq!(r.unwrap().filters.len(), 1);
    }
}
