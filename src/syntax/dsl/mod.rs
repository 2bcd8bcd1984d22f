//! DSL front end (`.rpt` files): report text -> [`Report`] AST, the same AST the YAML front end
//! builds. The grammar is `dsl_file` in `grammar/report.pest`, which reuses `expr`.
//!
//! Error recovery: the text is split at clause keywords that start a line (outside strings,
//! comments and parentheses), and each clause is parsed alone with `dsl_clause_entry`, its
//! spans mapped back to the file with [`Offset`]. One broken clause does not hide the others.
//!
//! | file | job |
//! |---|---|
//! | `split.rs` | the text cut into clauses at keywords that start a line |
//! | `clauses.rs` | one parsed clause -> its part of the report |

mod clauses;
mod split;

pub use split::{split_clauses, Chunk, CLAUSES, CLAUSE_WORDS};

use super::ast::*;
use super::expr::{check_depth, parse_clause, syntax_error, Clause, Flavor, Offset};
use super::grammar::{ReportParser, Rule};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::yaml::MAX_INPUT_BYTES;
use clauses::{span_of, ReportBuilder};
use pest::Parser as _;
use split::is_ident_char;

/// A carriage return not followed by a line feed: the DSL's lines end with LF or CRLF, and a
/// file with classic Mac OS line endings (CR only) would read as one line, so it is refused
/// with this diagnostic instead of a misleading one.
fn lone_cr(text: &str) -> Option<Diagnostic> {
    let b = text.as_bytes();
    let at = (0..b.len()).find(|&i| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))?;
    Some(
        Diagnostic::error(
            Code::ExprSyntax,
            Span::new(at, at + 1),
            "a carriage return (CR) without a line feed: DSL lines end with LF or CRLF",
        )
        .with_label("a lone CR")
        .with_help(
            "convert the line endings to LF (CR-only files come from classic Mac OS), e.g. \
             `tr '\\r' '\\n' < old.rpt > new.rpt`; inside a string, write `\\r`",
        ),
    )
}

/// A clause read by the fast parser, or by pest.
enum Parsed<'i> {
    Fast(Clause),
    Pest(pest::iterators::Pair<'i, Rule>),
}

/// Parse a DSL report. Returns the AST when the report has a `from` clause (even if other
/// clauses had errors, so later stages can report more), and every diagnostic found.
pub fn parse_report_dsl(text: &str) -> (Option<Report>, Diagnostics) {
    parse_dsl(text, true)
}

/// [`parse_report_dsl`] with every clause read by pest, for the fuzzer that holds the fast
/// parser to it (`fuzz/`, target `parsers_agree`). Not an API.
#[doc(hidden)]
pub fn parse_report_dsl_with_pest(text: &str) -> (Option<Report>, Diagnostics) {
    parse_dsl(text, false)
}

/// [`parse_report_dsl`]; with `fast` off, every clause goes through pest (the reference the
/// tests hold the fast parser to).
fn parse_dsl(text: &str, fast: bool) -> (Option<Report>, Diagnostics) {
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
    if let Some(d) = lone_cr(text) {
        diags.push(d);
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
        let repeatable = kw == "parameter";
        if let Some((_, first)) = seen
            .iter()
            .find(|(k, _)| *k == dup_key)
            .filter(|_| !repeatable)
        {
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
        // the fast parser reads what it can; pest the rest, and every error
        let parsed = match parse_clause(slice, &map).filter(|_| fast) {
            Some(c) => Parsed::Fast(c),
            None => match ReportParser::parse(Rule::dsl_clause_entry, slice) {
                Ok(mut pairs) => Parsed::Pest(
                    pairs
                        .next()
                        .and_then(|entry| entry.into_inner().next())
                        .expect("clause"),
                ),
                Err(e) => {
                    diags.push(syntax_error(e, slice, &map, Flavor::Dsl));
                    b.broken.push(kw);
                    continue;
                }
            },
        };
        // `report NAME "title"` after a `title` clause: the title is written twice
        let title = match &parsed {
            Parsed::Fast(Clause::Report(_, title)) => title.as_ref().map(|t| t.span),
            Parsed::Fast(_) => None,
            Parsed::Pest(pair) => pair
                .clone()
                .into_inner()
                .nth(2)
                .filter(|_| kw == "report")
                .map(|t| span_of(&t, &map)),
        };
        if let Some(t) = title {
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == "title") {
                diags.push(
                    Diagnostic::error(Code::DuplicateKey, t, "duplicate title")
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
        match parsed {
            Parsed::Fast(c) => b.parsed(c),
            Parsed::Pest(pair) => b.clause(pair, &map, &mut diags),
        }
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

#[cfg(test)]
mod tests;
