//! A fast path for the YAML that reports and catalogues are written in: block mappings of
//! plain keys, block sequences, plain and simply quoted one-line scalars, one-line flow lists
//! of plain scalars, and comments. It produces saphyr-parser's event stream for that subset,
//! with saphyr's spans (byte offsets), so [`super::parse`]'s tree builder turns it into the
//! same tree. On anything else (a tab, a CR, an anchor, a block scalar, a folded plain scalar,
//! a quoted key, a flow mapping, a document marker, a syntax error...) it gives up with `None`
//! and saphyr parses the text: saphyr stays the reference and the only source of YAML errors.
//! Tests hold the two to the same tree on every YAML file of the project and on thousands of
//! edits of them (`super::fast_tests`).
//!
//! saphyr's spans that the tree keeps, as measured on saphyr-parser 0.3:
//! - a mapping starts at its first key; a block sequence at its first `-`, or, when it is
//!   written at its parent key's indentation, at the first item's content;
//! - a flow list `[` runs to the next non-blank character;
//! - a plain scalar covers its text; a quoted one runs from its opening quote to the end of
//!   the line (comment included);
//! - an empty value is a zero-width plain scalar at its key's `:`.

use crate::diagnostics::Span;
use saphyr_parser::{Event, ScalarStyle};
use std::borrow::Cow;

/// Deepest nesting the fast path follows (the builder's own cap is larger).
const MAX_DEPTH: usize = 32;

/// The events of `text`, or `None` when the text is outside the subset.
pub(super) fn events(text: &str) -> Option<Vec<(Event<'_>, Span)>> {
    if text.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7f)
        || text.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'])
    {
        return None;
    }
    let lines = lines(text)?;
    let first = *lines.first()?;
    let n = lines.len();
    let mut f = Fast {
        text,
        lines,
        i: 0,
        out: Vec::with_capacity(64),
    };
    f.out.push((Event::StreamStart, Span::new(0, 0)));
    f.out.push((
        Event::DocumentStart(false),
        Span::new(first.start, first.start),
    ));
    if first.indent != 0 {
        return None;
    }
    f.map(0, first.start, 0)?;
    if f.i != n {
        return None;
    }
    let end = text.len();
    f.out.push((Event::DocumentEnd, Span::new(end, end)));
    f.out.push((Event::StreamEnd, Span::new(end, end)));
    Some(f.out)
}

/// A line with content: its indentation, where its content starts, where the content ends
/// (before a comment and trailing blanks), and where the line ends (its `\n`, or the end).
#[derive(Clone, Copy)]
struct Line {
    indent: usize,
    start: usize,
    end: usize,
    eol: usize,
}

/// The lines that hold something other than blanks and a comment.
fn lines(text: &str) -> Option<Vec<Line>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split('\n') {
        let eol = pos + raw.len();
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let body = &raw[indent..];
        let start = pos + indent;
        pos = eol + 1;
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if indent == 0 && (body.starts_with("---") || body.starts_with("...")) {
            return None;
        }
        let content = match body.find(" #") {
            Some(c) => &body[..c],
            None => body,
        };
        let end = start + content.trim_end_matches(' ').len();
        out.push(Line {
            indent,
            start,
            end,
            eol,
        });
    }
    Some(out)
}

struct Fast<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// The line being read.
    i: usize,
    out: Vec<(Event<'a>, Span)>,
}

impl<'a> Fast<'a> {
    /// A block mapping whose keys sit at column `indent`; its first key at byte `at` of line
    /// `self.i` (mid-line after a `- `).
    fn map(&mut self, indent: usize, at: usize, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.out
            .push((Event::MappingStart(0, None), Span::new(at, at)));
        let mut at = at;
        loop {
            let line = self.lines[self.i];
            let (key_end, colon) = key(self.text, at, line.end)?;
            self.out.push((
                Event::Scalar(
                    Cow::Borrowed(&self.text[at..key_end]),
                    ScalarStyle::Plain,
                    0,
                    None,
                ),
                Span::new(at, key_end),
            ));
            let value = skip_blanks(self.text, colon + 1, line.end);
            if value < line.end {
                self.inline_value(value, &line, indent)?;
                if self.next_indent().is_some_and(|n| n > indent) {
                    return None; // a folded plain scalar, or a stray indented line
                }
            } else {
                self.i += 1;
                match self.next_indent() {
                    Some(n) if n > indent => self.block(n, depth + 1)?,
                    Some(n) if n == indent && self.dash_at(self.i) => {
                        self.seq(indent, true, depth + 1)?
                    }
                    _ => self.out.push((
                        Event::Scalar(Cow::Borrowed(""), ScalarStyle::Plain, 0, None),
                        Span::new(colon, colon),
                    )),
                }
            }
            match self.next_indent() {
                Some(n) if n == indent && !self.dash_at(self.i) => {
                    at = self.lines[self.i].start;
                }
                Some(n) if n > indent => return None,
                _ => break,
            }
        }
        let end = self.here();
        self.out.push((Event::MappingEnd, Span::new(end, end)));
        Some(())
    }

    /// A block sequence whose `-` sit at column `indent`; `indentless` when it is written at
    /// its parent key's indentation.
    fn seq(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let dash = self.lines[self.i].start;
        let start = if indentless {
            skip_blanks(self.text, dash + 1, self.lines[self.i].end)
        } else {
            dash
        };
        self.out
            .push((Event::SequenceStart(0, None), Span::new(start, start)));
        self.item(dash, depth)?;
        while self.next_indent() == Some(indent) && self.dash_at(self.i) {
            let dash = self.lines[self.i].start;
            self.item(dash, depth)?;
        }
        if self.next_indent().is_some_and(|n| n > indent) {
            return None;
        }
        let end = self.here();
        self.out.push((Event::SequenceEnd, Span::new(end, end)));
        Some(())
    }

    /// One `- ` item whose dash is at byte `dash` of line `self.i`.
    fn item(&mut self, dash: usize, depth: usize) -> Option<()> {
        let line = self.lines[self.i];
        let content = skip_blanks(self.text, dash + 1, line.end);
        if content >= line.end || content == dash + 1 {
            return None; // an empty item, or `-x`
        }
        let col = content - (line.start - line.indent);
        let rest = &self.text[content..line.end];
        if rest.starts_with("- ") || rest == "-" {
            return None; // a sequence in a sequence on one line: `- - a`
        }
        if key(self.text, content, line.end).is_some() {
            return self.map(col, content, depth + 1);
        }
        self.inline_value(content, &line, line.indent)?;
        let dash_col = line.indent;
        if self.next_indent().is_some_and(|n| n > dash_col) {
            return None;
        }
        Some(())
    }

    /// The block node starting on line `self.i`, indented to `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<()> {
        if self.dash_at(self.i) {
            self.seq(indent, false, depth)
        } else {
            let at = self.lines[self.i].start;
            self.map(indent, at, depth)
        }
    }

    /// A value on the line of its key or dash, starting at byte `at`: a quoted or plain
    /// scalar, a flow list, or a block scalar on the lines below (more indented than
    /// `parent`). Moves past the lines it read.
    fn inline_value(&mut self, at: usize, line: &Line, parent: usize) -> Option<()> {
        let text = self.text;
        let body = &text[at..line.end];
        let first = body.as_bytes()[0];
        self.i += 1;
        match first {
            b'>' | b'|' => self.block_scalar(body, line, parent)?,
            b'\'' | b'"' => {
                let (value, close) = quoted(body)?;
                // after the closing quote: blanks, then the end or a comment
                if close + 1 != body.len() {
                    return None;
                }
                let style = if first == b'\'' {
                    ScalarStyle::SingleQuoted
                } else {
                    ScalarStyle::DoubleQuoted
                };
                self.out.push((
                    Event::Scalar(value, style, 0, None),
                    Span::new(at, line.eol),
                ));
            }
            b'[' => self.flow(at, line.end)?,
            _ => {
                if !plain_ok(body, false) {
                    return None;
                }
                self.out.push((
                    Event::Scalar(Cow::Borrowed(body), ScalarStyle::Plain, 0, None),
                    Span::new(at, line.end),
                ));
            }
        }
        Some(())
    }

    /// A `>` or `|` block scalar (clipped, or stripped with `-`) whose header `header` ends
    /// `line`, its lines from `self.i` on: all at one indentation deeper than `parent`, with no
    /// blank line, comment sign or trailing blank, and a line break after the last one.
    fn block_scalar(&mut self, header: &str, line: &Line, parent: usize) -> Option<()> {
        let text = self.text;
        let (style, joint) = match header.as_bytes()[0] {
            b'>' => (ScalarStyle::Folded, ' '),
            _ => (ScalarStyle::Literal, '\n'),
        };
        let strip = match &header[1..] {
            "" => false,
            "-" => true,
            _ => return None,
        };
        let first = *self.lines.get(self.i)?;
        let indent = first.indent;
        if indent <= parent || first.start - indent != line.eol + 1 {
            return None;
        }
        let mut value = String::new();
        let mut prev_eol = line.eol;
        while let Some(l) = self.lines.get(self.i) {
            if l.indent < indent {
                break;
            }
            let raw = &text[l.start..l.eol];
            if l.indent > indent
                || l.start - l.indent != prev_eol + 1
                || raw.contains('#')
                || raw.ends_with(' ')
            {
                return None;
            }
            if !value.is_empty() {
                value.push(joint);
            }
            value.push_str(raw);
            prev_eol = l.eol;
            self.i += 1;
        }
        let end = match self.lines.get(self.i) {
            Some(next) if next.start - next.indent == prev_eol + 1 => next.start,
            None if prev_eol + 1 == text.len() => text.len(),
            _ => return None,
        };
        if !strip {
            value.push('\n');
        }
        self.out.push((
            Event::Scalar(Cow::Owned(value), style, 0, None),
            Span::new(first.start, end),
        ));
        Some(())
    }

    /// A one-line flow list of plain scalars, `[` at byte `at`, its line's content ending at
    /// `end`.
    fn flow(&mut self, at: usize, end: usize) -> Option<()> {
        let text = self.text;
        if text.as_bytes()[end - 1] != b']' {
            return None;
        }
        let inner_start = at + 1;
        let inner_end = end - 1;
        let first = skip_blanks(text, inner_start, inner_end);
        self.out
            .push((Event::SequenceStart(0, None), Span::new(at, first)));
        let inner = &text[inner_start..inner_end];
        if !inner.trim_matches(' ').is_empty() {
            let mut pos = inner_start;
            for part in inner.split(',') {
                let lead = part.len() - part.trim_start_matches(' ').len();
                let item = part.trim_matches(' ');
                if !plain_ok(item, true) {
                    return None;
                }
                let s = pos + lead;
                self.out.push((
                    Event::Scalar(Cow::Borrowed(item), ScalarStyle::Plain, 0, None),
                    Span::new(s, s + item.len()),
                ));
                pos += part.len() + 1;
            }
        }
        self.out
            .push((Event::SequenceEnd, Span::new(inner_end, inner_end + 1)));
        Some(())
    }

    /// The indentation of line `self.i`, if there is one.
    fn next_indent(&self) -> Option<usize> {
        self.lines.get(self.i).map(|l| l.indent)
    }

    /// Whether line `i` starts with a sequence dash.
    fn dash_at(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| {
            let body = &self.text[l.start..l.end];
            body.starts_with("- ") || body == "-"
        })
    }

    /// Where the next line starts (for end events, whose spans the builder ignores).
    fn here(&self) -> usize {
        self.lines.get(self.i).map_or(self.text.len(), |l| l.start)
    }
}

/// A plain key at byte `at`: `[A-Za-z0-9_][A-Za-z0-9_-]*` then `:` and a blank or the end of
/// the content. Returns where the key ends and where its colon is.
fn key(text: &str, at: usize, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = at;
    while i < end && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || (i > at && b[i] == b'-')) {
        i += 1;
    }
    if i == at || i >= end || b[i] != b':' || (i + 1 < end && b[i + 1] != b' ') {
        return None;
    }
    Some((i, i))
}

fn skip_blanks(text: &str, mut i: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while i < end && b[i] == b' ' {
        i += 1;
    }
    i
}

/// Whether `s` is a plain scalar that saphyr reads as itself: no indicator first, no `: `
/// or ` #` inside, and in a flow list none of `,[]{}`.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false;
    };
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
        return false;
    }
    if s.contains(": ") || s.ends_with(':') || s.contains(" #") {
        return false;
    }
    !(in_flow && s.contains([',', '[', ']', '{', '}', '#', ':', '\'', '"']))
}

/// A quoted scalar at the start of `body`, closed on the same line: its value and the index
/// of the closing quote. A double-quoted one with a backslash escape is left to saphyr.
fn quoted(body: &str) -> Option<(Cow<'_, str>, usize)> {
    let q = body.as_bytes()[0];
    let inner = &body[1..];
    if q == b'"' {
        let close = inner.find('"')?;
        if inner[..close].contains('\\') {
            return None;
        }
        return Some((Cow::Borrowed(&inner[..close]), close + 1));
    }
    let bytes = inner.as_bytes();
    let mut i = 0;
    let mut doubled = false;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                doubled = true;
                i += 2;
                continue;
            }
            let raw = &inner[..i];
            let value = if doubled {
                Cow::Owned(raw.replace("''", "'"))
            } else {
                Cow::Borrowed(raw)
            };
            return Some((value, i + 1));
        }
        i += 1;
    }
    None
}
