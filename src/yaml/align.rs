//! Where each char of a scalar's value sits in the file: saphyr reports char indices and
//! gives values unescaped and folded, so errors inside a value need a map back to the bytes.

use super::Style;
use crate::diagnostics::Span;

/// Char index -> byte offset (saphyr reports char indices).
pub(super) struct CharMap {
    ascii: bool,
    bytes: Vec<u32>,
    len: usize,
}

impl CharMap {
    pub(super) fn new(text: &str) -> CharMap {
        if text.is_ascii() {
            return CharMap {
                ascii: true,
                bytes: Vec::new(),
                len: text.len(),
            };
        }
        let mut bytes: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        bytes.push(text.len() as u32);
        CharMap {
            ascii: false,
            bytes,
            len: text.len(),
        }
    }
    pub(super) fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            char_index.min(self.len)
        } else {
            self.bytes
                .get(char_index)
                .map(|b| *b as usize)
                .unwrap_or(self.len)
        }
    }
}

/// saphyr's span of a quoted scalar includes the quotes; the span of a plain scalar can include
/// trailing spaces. Narrow it to the content for nicer carets.
pub(super) fn trim_span(text: &str, span: Span, style: Style) -> Span {
    let Some(src) = text.get(span.range()) else {
        return span;
    };
    if style != Style::Quoted {
        let trimmed = src.trim_end();
        return Span::new(span.start as usize, span.start as usize + trimmed.len());
    }
    span
}

/// Map every char of a scalar's value to its byte offset in the file, when the value can be
/// aligned with the source (plain and quoted scalars, including `''` escapes and folded lines).
pub(super) fn align(text: &str, span: Span, value: &str, style: Style) -> Option<Vec<u32>> {
    let src = text.get(span.range())?;
    let base = span.start as usize;
    let (body, body_start) = match style {
        Style::Plain => (src, base),
        Style::Quoted => {
            let q = src.chars().next()?;
            if q != '\'' && q != '"' {
                return None;
            }
            let inner = src.get(1..)?;
            (inner, base + 1)
        }
        // a `|` or `>` block: saphyr's span starts at the content
        Style::Block => (src, base),
    };
    let dq = style == Style::Quoted && src.starts_with('"');
    let mut out = Vec::with_capacity(value.len() + 1);
    let mut si = body.char_indices().peekable();
    for vc in value.chars() {
        loop {
            let (i, sc) = *si.peek()?;
            if sc == vc {
                out.push((body_start + i) as u32);
                si.next();
                // `''` inside single quotes stands for one `'`
                if sc == '\'' && style == Style::Quoted && !dq {
                    si.next();
                }
                break;
            }
            if dq && sc == '\\' {
                // an escape sequence: map the value char to the backslash, skip the sequence
                out.push((body_start + i) as u32);
                si.next();
                if let Some((_, e)) = si.next() {
                    let skip = match e {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    for _ in 0..skip {
                        si.next();
                    }
                }
                break;
            }
            if vc == '\n' && sc == '\r' {
                si.next();
                continue;
            }
            if vc == ' ' && (sc == '\n' || sc == '\r') {
                // a folded line break: skip it and the next line's indentation
                out.push((body_start + i) as u32);
                si.next();
                while let Some((_, c)) = si.peek() {
                    if *c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' {
                        si.next();
                    } else {
                        break;
                    }
                }
                break;
            }
            if sc.is_whitespace() {
                si.next();
                continue;
            }
            return None;
        }
    }
    let end = si
        .peek()
        .map(|(i, _)| body_start + *i)
        .unwrap_or(body_start + body.len());
    out.push(end as u32);
    Some(out)
}
