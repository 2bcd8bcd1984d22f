//! Where each char of a scalar's value sits in the file: saphyr reports char indices and
//! gives values unescaped and folded, so errors inside a value need a map back to the bytes.

use super::{Offsets, Style};
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
/// A value written verbatim (no quote or backslash in it, its source starting with it) is
/// [`Offsets::Verbatim`]: the map [`map_chars`] would build, without building it.
pub(super) fn align(text: &str, span: Span, value: &str, style: Style) -> Offsets {
    if let Some(start) = verbatim_start(text, span, value, style) {
        return Offsets::Verbatim(start as u32);
    }
    match map_chars(text, span, value, style) {
        Some(o) => Offsets::Mapped(o),
        None => Offsets::Unaligned,
    }
}

/// The byte where the body of a scalar (after an opening quote) begins.
fn body(text: &str, span: Span, style: Style) -> Option<(&str, usize)> {
    let src = text.get(span.range())?;
    let base = span.start as usize;
    match style {
        Style::Plain | Style::Block => Some((src, base)),
        Style::Quoted => match src.chars().next()? {
            '\'' | '"' => Some((src.get(1..)?, base + 1)),
            _ => None,
        },
    }
}

/// Where `value` starts in the file when its source is the value itself (then [`map_chars`]
/// matches every char at once: no escape, quote doubling or folding is involved).
fn verbatim_start(text: &str, span: Span, value: &str, style: Style) -> Option<usize> {
    let (body, start) = body(text, span, style)?;
    (body.starts_with(value) && !value.contains(['\'', '\\'])).then_some(start)
}

/// The byte offset of each char of `value` (plus one past the end), matched against its source.
fn map_chars(text: &str, span: Span, value: &str, style: Style) -> Option<Vec<u32>> {
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

#[cfg(test)]
mod tests {
    use super::super::{parse::parse_yaml_with_saphyr, project_yaml, Offsets};
    use super::map_chars;

    /// A verbatim scalar places every char where the full map places it, on every YAML file
    /// of the project and on hand-picked values (non-ASCII, quoted, empty, trailing spaces).
    #[test]
    fn verbatim_offsets_are_the_full_map() {
        let mut texts: Vec<String> = [
            "a: héllo wörld  \nb: 'x = ü'\nc: \"d 😀 e\"\nd: ''\ne:\nf: 'it''s'\ng: \"a\\tb\"\n",
            "- plain\n- 'q'   \n- \"dq\"\n",
        ]
        .map(String::from)
        .to_vec();
        texts.extend(project_yaml());
        let mut verbatim = 0;
        for text in &texts {
            let Ok(Some(tree)) = parse_yaml_with_saphyr(text) else {
                continue;
            };
            for s in tree.scalars() {
                let Offsets::Verbatim(_) = s.offsets else {
                    continue;
                };
                verbatim += 1;
                let map = map_chars(text, s.span, &s.value, s.style).expect("aligned");
                let n = s.value.chars().count();
                assert_eq!(map.len(), n + 1, "{:?}", s.value);
                for (k, at) in map.iter().enumerate() {
                    let want = Some(*at as usize);
                    assert_eq!(Some(s.sub_span(k, n).start as usize), want, "{:?}", s.value);
                    assert_eq!(Some(s.sub_span(0, k).end as usize), want, "{:?}", s.value);
                }
                assert_eq!(
                    s.sub_span(0, n + 1),
                    s.span,
                    "past the end: the whole scalar"
                );
            }
        }
        assert!(verbatim > 1000, "only {verbatim} verbatim scalars");
    }
}
