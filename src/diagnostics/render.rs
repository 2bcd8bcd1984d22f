//! Rendering diagnostics: human (miette's graphical handler, on a window of the source: see
//! `window.rs`) and JSON (`json.rs`). At most [`MAX_SHOWN`] diagnostics of a file are rendered, then a note
//! (E0009) of how many more there were.

use super::window::Window;
use super::{Code, Diagnostic, SourceFile, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use std::fmt;

/// Diagnostics of one file rendered at most.
pub const MAX_SHOWN: usize = 100;

/// The diagnostics of a file that are rendered: the first [`MAX_SHOWN`], then, when there were
/// more, a note (E0009) saying how many are not shown.
pub fn shown(diags: &[Diagnostic]) -> (&[Diagnostic], Option<Diagnostic>) {
    if diags.len() <= MAX_SHOWN {
        return (diags, None);
    }
    let (head, rest) = diags.split_at(MAX_SHOWN);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let message = format!(
        "{} more diagnostic(s) in this file not shown ({errors} error(s))",
        rest.len()
    );
    let note = if errors > 0 {
        Diagnostic::error(Code::TooManyDiagnostics, Span::empty(), message)
    } else {
        Diagnostic::warning(Code::TooManyDiagnostics, Span::empty(), message)
    };
    let note = note.with_help(format!(
        "only the first {MAX_SHOWN} are shown; fix them and check again"
    ));
    (head, Some(note))
}

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
    src: Window,
    /// The labels' spans in the window (primary first); none for the E0009 note.
    spans: Vec<(usize, usize)>,
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
        if self.d.code == Code::TooManyDiagnostics || self.spans.is_empty() {
            return None;
        }
        let mut spans = self.spans.iter().map(|&(a, b)| (a, b - a));
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.label.clone().unwrap_or_else(|| "here".to_string())),
            spans.next().unwrap_or((0, 0)),
        )];
        for (l, span) in self.d.secondary.iter().zip(spans) {
            labels.push(LabeledSpan::new_with_span(Some(l.message.clone()), span));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Render diagnostics as text, with source snippets, in the order given (at most
/// [`MAX_SHOWN`], then the note of [`shown`]).
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
    let (head, note) = shown(diags);
    for d in head.iter().chain(note.as_ref()) {
        let (src, mut spans) = Window::new(file, d);
        if file.text.is_empty() {
            // nothing to show (a file that could not be read)
            spans.clear();
        }
        let md = MietteDiag { d, src, spans };
        if handler.render_report(&mut out, &md).is_err() {
            out.push_str("  (could not render the source snippet)\n");
        }
        out.push('\n');
    }
    out
}
