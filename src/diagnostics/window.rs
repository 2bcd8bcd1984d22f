//! The source a rendered diagnostic shows: only the lines around its labels, each long line cut
//! to a window around the label (`…` marks a cut). Rendering one diagnostic then costs the size
//! of its window, not of the file (N diagnostics on a 1 MiB line stay linear), and miette never
//! pads to a column past 65,535 (which it cannot format).
//!
//! The window is a small text of its own, made of runs of consecutive lines of the file; a
//! [`Window`] gives it to miette with the file's line and column numbers.

use super::{Diagnostic, SourceFile};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::collections::BTreeMap;

/// Bytes of a long line shown around a label.
const LINE_WINDOW: usize = 160;
/// Bytes shown before the label's start on a long line.
const LEAD: usize = 48;
/// Lines of a label spanning many lines that are shown (from its first line).
const MAX_SPAN_LINES: usize = 8;
const CUT: &str = "…";

/// One line of the file as shown: `orig` is the part of the line shown (bytes of the file),
/// `start` where it starts in the window's text, `prefix` the bytes of the leading `…`.
struct Line {
    number: usize,
    orig: (usize, usize),
    line_start: usize,
    start: usize,
    prefix: usize,
}

/// A run of consecutive lines in the window's text.
struct Run {
    first: usize,
    lines: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
}

pub(super) struct Window {
    name: String,
    text: String,
    lines: Vec<Line>,
    runs: Vec<Run>,
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Window {
    /// The window of `d` in `file`, and the labels' spans (primary first, then the
    /// secondary ones in order) in the window's text.
    pub(super) fn new(file: &SourceFile, d: &Diagnostic) -> (Window, Vec<(usize, usize)>) {
        let text = &file.text;
        let starts = &file.line_starts;
        let line_of = |o: usize| starts.partition_point(|&s| s <= o).saturating_sub(1);
        let bounds = |n: usize| {
            let a = starts[n];
            let mut b = starts.get(n + 1).map_or(text.len(), |&s| s - 1);
            if b > a && text.as_bytes()[b - 1] == b'\r' {
                b -= 1;
            }
            (a, b.max(a))
        };
        let spans: Vec<(usize, usize)> = std::iter::once(d.span)
            .chain(d.secondary.iter().map(|l| l.span))
            .map(|s| {
                let a = (s.start as usize).min(text.len());
                (a, (s.end as usize).clamp(a, text.len()))
            })
            .collect();
        // the lines shown, each with the part of it shown (the first label on it decides)
        let mut shown: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for &(s, e) in &spans {
            let ls = line_of(s);
            let le = line_of(e.saturating_sub(1).max(s)).min(ls + MAX_SPAN_LINES);
            let col = s - starts[ls];
            // the empty "line" after a final line break is shown only when a label is on it
            let last = if text.ends_with('\n') {
                starts.len().saturating_sub(2)
            } else {
                starts.len() - 1
            };
            for n in ls.saturating_sub(1)..=(le + 1).min(last.max(le)) {
                shown.entry(n).or_insert_with(|| {
                    let (a, b) = bounds(n);
                    if b - a <= LINE_WINDOW {
                        return (a, b);
                    }
                    let w0 = floor_boundary(text, (a + col.saturating_sub(LEAD)).min(b));
                    let w1 = ceil_boundary(text, (w0 + LINE_WINDOW).min(b));
                    (w0, w1)
                });
            }
        }
        let mut w = Window {
            name: file.name.clone(),
            text: String::new(),
            lines: Vec::new(),
            runs: Vec::new(),
        };
        for (&n, &(w0, w1)) in &shown {
            let (a, b) = bounds(n);
            let consecutive = w.lines.last().is_some_and(|l| l.number + 1 == n);
            if !consecutive {
                if let Some(r) = w.runs.last_mut() {
                    r.bytes.end = w.text.len();
                }
                // a blank separator keeps two runs from touching
                if !w.text.is_empty() {
                    w.text.push('\n');
                }
                w.runs.push(Run {
                    first: n,
                    lines: w.lines.len()..w.lines.len(),
                    bytes: w.text.len()..w.text.len(),
                });
            }
            let start = w.text.len();
            let prefix = if w0 > a { CUT.len() } else { 0 };
            if prefix > 0 {
                w.text.push_str(CUT);
            }
            // a lone CR is a line break to miette, not to us
            w.text.push_str(&text[w0..w1].replace('\r', " "));
            if w1 < b {
                w.text.push_str(CUT);
            }
            w.text.push('\n');
            w.lines.push(Line {
                number: n,
                orig: (w0, w1),
                line_start: a,
                start,
                prefix,
            });
            if let Some(r) = w.runs.last_mut() {
                r.lines.end = w.lines.len();
            }
        }
        if let Some(r) = w.runs.last_mut() {
            r.bytes.end = w.text.len();
        }
        let labels = spans
            .iter()
            .map(|&(s, e)| {
                let a = w.map(line_of(s), s);
                let b = if shown.contains_key(&line_of(e)) {
                    w.map(line_of(e), e)
                } else {
                    // the label goes on past the lines shown: up to the end of its run
                    w.run_of(a)
                        .map_or(a, |r| w.runs[r].bytes.end.saturating_sub(1))
                };
                (a, b.max(a))
            })
            .collect();
        (w, labels)
    }

    /// Where byte `o` of file line `n` is in the window's text (clamped to the part shown).
    fn map(&self, n: usize, o: usize) -> usize {
        let Some(l) = self.lines.iter().find(|l| l.number == n) else {
            return 0;
        };
        l.start + l.prefix + (o.clamp(l.orig.0, l.orig.1) - l.orig.0)
    }

    fn run_of(&self, offset: usize) -> Option<usize> {
        self.runs
            .iter()
            .position(|r| r.bytes.start <= offset && offset < r.bytes.end.max(r.bytes.start + 1))
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let r = self.run_of(span.offset()).ok_or(MietteError::OutOfBounds)?;
        let run = &self.runs[r];
        if span.offset() + span.len() > run.bytes.end {
            // two runs are never one snippet
            return Err(MietteError::OutOfBounds);
        }
        let local = SourceSpan::new((span.offset() - run.bytes.start).into(), span.len());
        let text = &self.text[run.bytes.clone()];
        let c = text.read_span(&local, before, after)?;
        let line_index = run.lines.start + c.line();
        // miette's column counts bytes of the window's line; the file's line is longer
        let column = match self.lines.get(line_index) {
            Some(l) if line_index < run.lines.end => {
                (c.column() + (l.orig.0 - l.line_start)).saturating_sub(l.prefix)
            }
            _ => c.column(),
        };
        let start = run.bytes.start + c.span().offset();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[start..start + c.span().len()],
            SourceSpan::new(start.into(), c.span().len()),
            run.first + c.line(),
            column,
            c.line_count(),
        )))
    }
}
