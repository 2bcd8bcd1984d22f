//! Rendering diagnostics: human (miette's graphical handler) and JSON.

use super::{Diagnostic, SourceFile};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;

#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub color: bool,
    /// Terminal width used to wrap text.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
        }
    }
}

/// Adapter giving one of our diagnostics to miette.
struct MietteDiag<'a> {
    d: &'a Diagnostic,
    src: NamedSource<String>,
}

impl fmt::Debug for MietteDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for MietteDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for MietteDiag<'_> {}

impl miette::Diagnostic for MietteDiag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.code.as_str()))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            super::Severity::Error => miette::Severity::Error,
            super::Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.label.clone().unwrap_or_else(|| "here".to_string())),
            (self.d.span.start as usize, self.d.span.len()),
        )];
        for l in &self.d.secondary {
            labels.push(LabeledSpan::new_with_span(
                Some(l.message.clone()),
                (l.span.start as usize, l.span.len()),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Render diagnostics as text, with source snippets, in the order given.
pub fn render_human(file: &SourceFile, diags: &[Diagnostic], opts: RenderOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let mut out = String::new();
    for d in diags {
        let md = MietteDiag {
            d,
            src: NamedSource::new(file.name.clone(), file.text.clone()),
        };
        if handler.render_report(&mut out, &md).is_err() {
            out.push_str("  (could not render the source snippet)\n");
        }
        out.push('\n');
    }
    out
}

/// One diagnostic as a JSON object with 1-based line/column positions.
pub fn to_json_value(file: &SourceFile, d: &Diagnostic) -> serde_json::Value {
    let (line, column) = file.line_col(d.span.start as usize);
    let (end_line, end_column) = file.line_col(d.span.end as usize);
    serde_json::json!({
        "file": file.name,
        "code": d.code.as_str(),
        "severity": d.severity.to_string(),
        "message": d.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "byte_start": d.span.start,
        "byte_end": d.span.end,
        "label": d.label,
        "help": d.help,
        "related": d.secondary.iter().map(|l| {
            let (line, column) = file.line_col(l.span.start as usize);
            serde_json::json!({"line": line, "column": column, "byte_start": l.span.start, "byte_end": l.span.end, "message": l.message})
        }).collect::<Vec<_>>(),
    })
}

/// Diagnostics of one file as a JSON array.
pub fn render_json(file: &SourceFile, diags: &[Diagnostic]) -> String {
    let v: Vec<_> = diags.iter().map(|d| to_json_value(file, d)).collect();
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".to_string())
}
