//! Literals: numbers as written, strings with their escapes, `yes`/`no`, dates and timestamps
//! (checked to be real days), durations (`1h30m`) in milliseconds.

use super::tree::AstBuilder;
use super::SpanMap;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::syntax::ast::Literal;
use crate::syntax::grammar::Rule;
use pest::iterators::Pair;

impl AstBuilder<'_> {
    pub(super) fn literal(&self, p: Pair<Rule>) -> Result<Literal, Diagnostic> {
        let span = self.span(&p);
        let s = p.as_str();
        match p.as_rule() {
            Rule::number => Ok(Literal::Number(s.to_string())),
            Rule::boolean => Ok(Literal::Bool(matches!(
                s.to_ascii_lowercase().as_str(),
                "yes" | "true"
            ))),
            Rule::null => Ok(Literal::Null),
            Rule::date => s
                .parse::<jiff::civil::Date>()
                .map(Literal::Date)
                .map_err(|_| bad_date(span, s)),
            Rule::timestamp => {
                let norm = s.replacen(' ', "T", 1);
                norm.parse::<jiff::civil::DateTime>()
                    .map(Literal::Timestamp)
                    .map_err(|_| bad_date(span, s))
            }
            Rule::duration => parse_duration(s).map(Literal::Duration).ok_or_else(|| {
                Diagnostic::error(
                    Code::BadLiteral,
                    span,
                    format!("duration `{s}` is too large"),
                )
                .with_help("durations are written like `90s`, `2m`, `1h30m`")
            }),
            Rule::string => {
                let inner = p.into_inner().next().expect("string body");
                let quote = s.chars().next().unwrap_or('\'');
                unescape(inner.as_str(), quote)
                    .map(Literal::String)
                    .map_err(|(off, msg)| bad_escape(&inner, off, msg, self.map))
            }
            r => unreachable!("unexpected literal {r:?}"),
        }
    }
}

fn bad_date(span: Span, s: &str) -> Diagnostic {
    Diagnostic::error(Code::BadLiteral, span, format!("`{s}` is not a valid date or timestamp"))
        .with_help("write dates as YYYY-MM-DD and timestamps as YYYY-MM-DDTHH:MM[:SS], with real months and days")
}

/// `1h30m` -> milliseconds.
pub fn parse_duration(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().ok()?;
        num.clear();
        let factor = match c {
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(factor)?)?;
    }
    Some(total)
}

/// The error of a bad escape at byte `off` of the string body `inner`: on the backslash and
/// the character after it (which may take several bytes).
pub fn bad_escape(inner: &Pair<Rule>, off: usize, msg: String, map: &dyn SpanMap) -> Diagnostic {
    let body = inner.as_str();
    let next = body[off + 1..].chars().next().map_or(0, char::len_utf8);
    let st = inner.as_span().start() + off;
    Diagnostic::error(Code::BadLiteral, map.span(st, st + 1 + next), msg).with_help(
        "valid escapes: \\\\ \\' \\\" \\n \\t \\r \\u{hex}; a quote may also be doubled: ''",
    )
}

/// Decode a string body. Errors give the byte offset of the bad escape.
pub fn unescape(body: &str, quote: char) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == quote && quote == '\'' {
            // `''` stands for one quote
            it.next();
            out.push('\'');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            return Err((i, "a string cannot end with a lone backslash".into()));
        };
        match e {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'u' => {
                if it.next().map(|x| x.1) != Some('{') {
                    return Err((i, "expected `{` after `\\u`".into()));
                }
                let mut hex = String::new();
                loop {
                    match it.next() {
                        Some((_, '}')) => break,
                        Some((_, h)) if h.is_ascii_hexdigit() && hex.len() < 6 => hex.push(h),
                        _ => {
                            return Err((
                                i,
                                "invalid unicode escape; write it as `\\u{1F600}`".into(),
                            ))
                        }
                    }
                }
                let ch = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or((i, format!("`\\u{{{hex}}}` is not a unicode character")))?;
                out.push(ch);
            }
            other => return Err((i, format!("unknown escape `\\{other}`"))),
        }
    }
    Ok(out)
}
