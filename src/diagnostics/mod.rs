//! Diagnostics: one registry of error codes ([`Code`]), the [`Diagnostic`] value every stage
//! returns, and the renderers (human text through miette, JSON for machines).
//!
//! Architecture invariant: no stage panics or returns a bare string on user input; every failure
//! is a `Diagnostic` with a code, a span in the user's file and, where possible, a help line.

mod codes;
mod examples;
mod github;
mod json;
mod junit;
mod render;
mod sarif;
mod window;

pub use codes::Code;
pub use examples::{example, Example};
pub use github::render_github;
pub use json::{render_json, to_json_values, JsonDiagnostic, JsonLabel, JsonSummary};
pub use junit::render_junit;
pub use render::{render_human, shown, RenderOptions, MAX_SHOWN};
pub use sarif::render_sarif;

use std::fmt;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }
    pub fn empty() -> Span {
        Span { start: 0, end: 0 }
    }
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value with the span it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One user-visible source: a report, a catalogue, or stdin.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }

    /// 1-based line and column of a byte offset, the column counted in UTF-16 code units (as
    /// LSP and SARIF count). An offset inside a character counts from that character's start.
    pub fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col: usize = self.text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .filter(|(i, c)| start + i + c.len_utf8() <= offset)
            .map(|(_, c)| c.len_utf16())
            .sum();
        (line + 1, col + 1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A secondary location shown with a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Text shown under the primary span.
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
        }
    }
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Diagnostics for one file, in source order.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Sort by position, then code; drop exact duplicates. Output is deterministic.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (a.span.start, a.span.end, a.code, &a.message).cmp(&(
                b.span.start,
                b.span.end,
                b.code,
                &b.message,
            ))
        });
        self.0.dedup();
        self.0
    }
}

/// One checked file and its diagnostics (sorted), as the machine printers take them.
#[derive(Debug, Clone)]
pub struct Checked {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn new(file: SourceFile, diagnostics: Vec<Diagnostic>) -> Checked {
        Checked { file, diagnostics }
    }

    /// The diagnostics that are rendered: at most [`MAX_SHOWN`], then the note of [`shown`].
    pub fn shown(&self) -> Vec<Diagnostic> {
        let (head, note) = shown(&self.diagnostics);
        head.iter().cloned().chain(note).collect()
    }
}

/// "did you mean `x`?" for a misspelt name, or `None` when nothing is close.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let cl = c.to_lowercase();
        let score = if cl == lower {
            2.0
        } else {
            let jw = strsim::jaro_winkler(&lower, &cl);
            let lev = strsim::levenshtein(&lower, &cl);
            // a small edit distance counts more than prefix similarity
            let bonus = if lev <= 2 && lower.len() > 2 {
                0.3
            } else {
                0.0
            };
            let substring = if cl.contains(&lower) && lower.len() >= 3 {
                0.15
            } else {
                0.0
            };
            jw + bonus + substring
        };
        if score >= 0.82 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Render a short list of allowed values for a help line, capped for very long lists.
pub fn list_for_help<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    let shown: Vec<String> = items.iter().take(25).map(|s| format!("`{s}`")).collect();
    let mut out = shown.join(", ");
    if items.len() > 25 {
        out.push_str(&format!(", ... ({} more)", items.len() - 25));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let f = SourceFile::new("x", "ab\ncé d\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'd' is after a two-byte 'é'
        assert_eq!(f.line_col(7), (2, 4));
        assert_eq!(f.line_col(100), (3, 1));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("wait_tme", ["wait_time", "queue"]),
            Some("wait_time")
        );
        assert_eq!(did_you_mean("WAIT_TIME", ["wait_time"]), Some("wait_time"));
        assert_eq!(did_you_mean("zzz", ["wait_time", "queue"]), None);
        assert_eq!(
            did_you_mean("colums", ["columns", "filters"]),
            Some("columns")
        );
    }
}
