//! The expression parser: text -> [`Expr`] through the pest grammar in `grammar/report.pest`.
//! Spans are mapped back to the user's file through a [`SpanMap`], so an error inside a YAML
//! value points at the exact characters.
//!
//! | file | job |
//! |---|---|
//! | `tree.rs` | pest pairs -> [`Expr`] (operators, predicates, calls, ranges), depth-capped |
//! | `literals.rs` | literals: numbers, strings and their escapes, dates, durations |
//! | `errors.rs` | pest errors -> diagnostics in the user's words, with help lines |
//! | `fast.rs` | the same grammar by hand, for text that parses: the fast path, pest on failure |

mod errors;
mod fast;
mod literals;
mod tree;

pub(crate) use errors::{syntax_error, Flavor};
pub(crate) use fast::{parse_clause, Clause};
pub use literals::{bad_escape, parse_duration, unescape};
pub(crate) use tree::{build_conjuncts, build_expr, build_order_item};

use super::ast::*;
use super::grammar::{ReportParser, Rule};
use crate::diagnostics::{Code, Diagnostic, Span};
use pest::Parser as _;

/// Deepest accepted expression nesting (parentheses, operators, `not`s).
pub const MAX_EXPR_DEPTH: usize = 128;

/// Maps byte offsets in the parsed text to spans in the user's file.
pub trait SpanMap {
    fn span(&self, start: usize, end: usize) -> Span;
}

/// The parsed text is a verbatim slice of the file starting at this byte offset.
pub struct Offset(pub usize);

impl SpanMap for Offset {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.0 + start, self.0 + end)
    }
}

/// The parsed text is the value of a YAML scalar.
pub struct InScalar<'a> {
    pub scalar: &'a crate::yaml::Scalar,
}

impl SpanMap for InScalar<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        verbatim_span(self.scalar, start, end).unwrap_or_else(|| char_span(self.scalar, start, end))
    }
}

/// A value written verbatim is its source: its byte offsets are the file's, from its start
/// (what [`char_span`] gives, without counting chars twice a span).
fn verbatim_span(scalar: &crate::yaml::Scalar, start: usize, end: usize) -> Option<Span> {
    let crate::yaml::Offsets::Verbatim(base) = scalar.offsets else {
        return None;
    };
    let v = &scalar.value;
    let (s, e) = (start.min(v.len()), end.min(v.len()));
    (s <= e && v.is_char_boundary(s) && v.is_char_boundary(e))
        .then(|| Span::new(base as usize + s, base as usize + e))
}

/// The byte offsets `start..end` of a scalar's value, through its chars' file offsets.
fn char_span(scalar: &crate::yaml::Scalar, start: usize, end: usize) -> Span {
    let v = &scalar.value;
    let to_char = |b: usize| {
        v.get(..b.min(v.len()))
            .map(|s| s.chars().count())
            .unwrap_or(0)
    };
    scalar.sub_span(to_char(start), to_char(end))
}

/// Parse one expression (a filter, a column, a having item).
pub fn parse_expr(text: &str, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    check_depth(text, map)?;
    match fast::parse_expr(text, map) {
        Some(e) => Ok(e),
        None => pest_expr(text, map),
    }
}

/// [`parse_expr`] through pest alone, for the fuzzer that holds the fast parser to it
/// (`fuzz/`, target `parsers_agree`). Not an API.
#[doc(hidden)]
pub fn parse_expr_with_pest(text: &str, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    check_depth(text, map)?;
    pest_expr(text, map)
}

/// [`parse_expr`] through pest alone: the reference, and the errors.
fn pest_expr(text: &str, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    let mut pairs = ReportParser::parse(Rule::expr_entry, text)
        .map_err(|e| syntax_error(e, text, map, Flavor::Yaml))?;
    let entry = pairs.next().expect("expr_entry");
    let expr_pair = entry.into_inner().next().expect("expr");
    build_expr(expr_pair, map)
}

/// Parse one `order_by` item: an expression, optionally `asc`/`desc` and `nulls first|last`.
pub fn parse_order_item(text: &str, map: &dyn SpanMap) -> Result<OrderItem, Diagnostic> {
    check_depth(text, map)?;
    match fast::parse_order_item(text, map) {
        Some(o) => Ok(o),
        None => pest_order_item(text, map),
    }
}

/// [`parse_order_item`] through pest alone.
fn pest_order_item(text: &str, map: &dyn SpanMap) -> Result<OrderItem, Diagnostic> {
    let mut pairs = ReportParser::parse(Rule::order_entry, text)
        .map_err(|e| syntax_error(e, text, map, Flavor::Yaml))?;
    let entry = pairs.next().expect("order_entry");
    build_order_item(entry, map)
}

/// Refuse deep nesting before pest recurses into it.
pub(crate) fn check_depth(text: &str, map: &dyn SpanMap) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q != '`' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => quote = Some(c),
            '(' => {
                depth += 1;
                if depth > MAX_EXPR_DEPTH {
                    return Err(Diagnostic::error(
                        Code::InputTooLarge,
                        map.span(i, i + 1),
                        format!("expression nested deeper than {MAX_EXPR_DEPTH} levels"),
                    )
                    .with_help("simplify the expression; no report needs this much nesting"));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod tests;
