//! Diagnostics as JSON for machines: serde structs whose fields serialize in the order they
//! are declared here, which is the order the README documents (`serde_json::Value` would sort
//! the keys). [`JsonDiagnostic`] is public so that other documents (`compile --format json`)
//! embed the same object.

use super::render::shown;
use super::{Diagnostic, SourceFile, Span};
use serde::Serialize;

/// One diagnostic. Lines and columns are 1-based; `column`/`end_column` count characters
/// (Unicode scalar values), `column_utf16`/`end_column_utf16` count UTF-16 code units (what
/// LSP and SARIF consumers count); `byte_start`/`byte_end` are UTF-8 byte offsets in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonDiagnostic {
    pub file: String,
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub column_utf16: usize,
    pub end_column_utf16: usize,
    pub byte_start: u32,
    pub byte_end: u32,
    /// The text under the primary span, if any.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Secondary locations.
    pub related: Vec<JsonLabel>,
}

/// A secondary location of a [`JsonDiagnostic`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonLabel {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
    pub byte_start: u32,
    pub byte_end: u32,
    pub message: String,
}

/// The positions of a span in a file.
struct Place {
    line: usize,
    column: usize,
    column_utf16: usize,
}

fn place(file: &SourceFile, offset: u32) -> Place {
    let (line, column) = file.line_col(offset as usize);
    let (_, column_utf16) = file.line_col_utf16(offset as usize);
    Place {
        line,
        column,
        column_utf16,
    }
}

impl JsonDiagnostic {
    pub fn new(file: &SourceFile, d: &Diagnostic) -> JsonDiagnostic {
        let Span { start, end } = d.span;
        let (s, e) = (place(file, start), place(file, end));
        JsonDiagnostic {
            file: file.name.clone(),
            code: d.code.as_str(),
            severity: d.severity.to_string(),
            message: d.message.clone(),
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            column_utf16: s.column_utf16,
            end_column_utf16: e.column_utf16,
            byte_start: start,
            byte_end: end,
            label: d.label.clone(),
            help: d.help.clone(),
            related: d
                .secondary
                .iter()
                .map(|l| {
                    let p = place(file, l.span.start);
                    JsonLabel {
                        line: p.line,
                        column: p.column,
                        column_utf16: p.column_utf16,
                        byte_start: l.span.start,
                        byte_end: l.span.end,
                        message: l.message.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// Diagnostics of one file (at most `MAX_SHOWN`, then the note of [`shown`]).
pub fn to_json_values(file: &SourceFile, diags: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    let (head, note) = shown(diags);
    head.iter()
        .chain(note.as_ref())
        .map(|d| JsonDiagnostic::new(file, d))
        .collect()
}

/// Diagnostics of one file as a JSON array, pretty-printed.
pub fn render_json(file: &SourceFile, diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&to_json_values(file, diags)).unwrap_or_else(|_| "[]".into())
}

/// The document of `check --format json` (and of `compile --format json` for its
/// diagnostics): counts, then every diagnostic of every file in the order the files were given.
#[derive(Debug, Clone, Serialize)]
pub struct JsonSummary {
    /// Report files read.
    pub files: usize,
    /// Files with at least one error.
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn keys_in_documented_order_and_utf16_columns() {
        // `😀` is one character, two UTF-16 code units, four bytes
        let f = SourceFile::new("r.rpt", "x\n'😀' nope\n");
        let d = Diagnostic::error(Code::UnknownColumn, Span::new(9, 13), "no");
        let j = JsonDiagnostic::new(&f, &d);
        assert_eq!((j.line, j.column, j.column_utf16), (2, 5, 6));
        assert_eq!((j.end_column, j.end_column_utf16), (9, 10));
        let text = serde_json::to_string(&j).unwrap();
        let keys = [
            "\"file\"",
            "\"code\"",
            "\"severity\"",
            "\"message\"",
            "\"line\"",
            "\"column\"",
            "\"end_line\"",
            "\"end_column\"",
            "\"column_utf16\"",
            "\"end_column_utf16\"",
            "\"byte_start\"",
            "\"byte_end\"",
            "\"label\"",
            "\"help\"",
            "\"related\"",
        ];
        let at: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
