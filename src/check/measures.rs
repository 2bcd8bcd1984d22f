//! Catalogue measures: checked once per catalogue ([`check_measures`], diagnostics in the
//! catalogue file), and inlined where a report names one (its expression resolved in place,
//! with the report's spans).
//!
//! A measure is an aggregate over its source's columns, and may name other measures of the same
//! source. Before a measure is expanded its *shape* is computed (expression nodes, depth and
//! measure nesting once every measure it uses is written out, memoised per measure), so a cycle
//! or an exponential definition (`m2: m1 + m1`, `m3: m2 + m2`, ...) is refused without
//! expanding it. A report also has a budget of inlined nodes.

use super::{calls, Checker, Ctx, Mode, R};
use crate::catalog::{Catalog, Measure, Source};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::syntax::ast::{for_each_child, for_each_child_mut, Expr, ExprKind};
use std::collections::HashMap;

/// Most expression nodes in one measure, with the measures it uses written out.
pub const MAX_MEASURE_NODES: usize = 10_000;
/// Deepest chain of measures using measures.
pub const MAX_MEASURE_NESTING: usize = 32;
/// Deepest expression nesting of a measure written out.
pub const MAX_MEASURE_DEPTH: usize = 256;
/// Most measure nodes one report may inline in total.
pub const MAX_REPORT_MEASURE_NODES: usize = 1_000_000;

/// The size of a measure written out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    nodes: usize,
    depth: usize,
    nesting: usize,
}

/// Why a measure cannot be expanded.
#[derive(Debug, Clone)]
pub(super) enum Problem {
    /// The measures of the cycle, the first repeated at the end.
    Cycle(Vec<String>),
    /// The measure that is too large, and in what.
    TooLarge(String, String),
}

impl Problem {
    /// Why measure `used` cannot be expanded, in words.
    fn message(&self, used: &str) -> String {
        match self {
            Problem::Cycle(path) if path.iter().any(|m| m == used) => {
                format!("it uses itself: {}", arrows(path))
            }
            Problem::Cycle(path) => {
                format!("it uses `{}`, which uses itself: {}", path[0], arrows(path))
            }
            Problem::TooLarge(m, what) if m == used => format!("it is too large: {what}"),
            Problem::TooLarge(m, what) => format!("it uses `{m}`, which is too large: {what}"),
        }
    }
}

fn arrows(path: &[String]) -> String {
    path.join(" → ")
}

/// Memoised shapes of a source's measures.
pub(super) type Shapes = HashMap<String, Result<Shape, Problem>>;

/// A measure is a name that is not a column of the source but one of its measures.
fn measure_named<'s>(source: &'s Source, n: &str) -> Option<&'s Measure> {
    if source.column(n).is_some() {
        return None;
    }
    source.measure(n)
}

/// The shape of measure `m`, or why it cannot be expanded.
pub(super) fn shape(
    source: &Source,
    m: &Measure,
    memo: &mut Shapes,
    stack: &mut Vec<String>,
) -> Result<Shape, Problem> {
    if let Some(r) = memo.get(&m.id) {
        return r.clone();
    }
    if let Some(i) = stack.iter().position(|s| *s == m.id) {
        let mut path = stack[i..].to_vec();
        path.push(m.id.clone());
        return Err(Problem::Cycle(path));
    }
    stack.push(m.id.clone());
    let r = expr_shape(source, &m.expr, memo, stack).and_then(|s| {
        let nesting = s.nesting + 1;
        let too_large = |what: String| Err(Problem::TooLarge(m.id.clone(), what));
        if s.nodes > MAX_MEASURE_NODES {
            too_large(format!(
                "{} expression nodes once written out (at most {MAX_MEASURE_NODES})",
                s.nodes
            ))
        } else if s.depth > MAX_MEASURE_DEPTH {
            too_large(format!(
                "nested {} levels deep once written out (at most {MAX_MEASURE_DEPTH})",
                s.depth
            ))
        } else if nesting > MAX_MEASURE_NESTING {
            too_large(format!(
                "{nesting} measures deep (at most {MAX_MEASURE_NESTING})"
            ))
        } else {
            Ok(Shape { nesting, ..s })
        }
    });
    stack.pop();
    memo.insert(m.id.clone(), r.clone());
    r
}

fn expr_shape(
    source: &Source,
    e: &Expr,
    memo: &mut Shapes,
    stack: &mut Vec<String>,
) -> Result<Shape, Problem> {
    if let ExprKind::Name(n) = &e.kind {
        if let Some(m) = measure_named(source, n) {
            return shape(source, m, memo, stack);
        }
    }
    let mut s = Shape {
        nodes: 1,
        depth: 1,
        nesting: 0,
    };
    let mut err = None;
    for_each_child(e, |c| {
        if err.is_some() {
            return;
        }
        match expr_shape(source, c, memo, stack) {
            Ok(cs) => {
                s.nodes = s.nodes.saturating_add(cs.nodes);
                s.depth = s.depth.max(cs.depth.saturating_add(1));
                s.nesting = s.nesting.max(cs.nesting);
            }
            Err(p) => err = Some(p),
        }
    });
    match err {
        Some(p) => Err(p),
        None => Ok(s),
    }
}

/// Columns used outside any aggregate (a measure must aggregate every column it reads).
fn bare_columns(source: &Source, e: &Expr, in_agg: bool, out: &mut Vec<(String, Span)>) {
    match &e.kind {
        ExprKind::Name(n) if !in_agg && source.column(n).is_some() => out.push((n.clone(), e.span)),
        ExprKind::Call { name, .. } => {
            let agg = in_agg || calls::is_aggregate(&name.value);
            for_each_child(e, |c| bare_columns(source, c, agg, out));
        }
        _ => for_each_child(e, |c| bare_columns(source, c, in_agg, out)),
    }
}

/// Every span of `e` set to `span`: a measure's expression, inlined into a report, points at
/// the name that uses it.
fn respan(e: &mut Expr, span: Span) {
    e.span = span;
    match &mut e.kind {
        ExprKind::Call { name, .. } => name.span = span,
        ExprKind::Bucket { unit, .. } => unit.span = span,
        ExprKind::InRange { range, .. } => range.span = span,
        _ => {}
    }
    for_each_child_mut(e, |c| respan(c, span));
}

/// Check every measure of a catalogue, once: cycles (E0410), expressions that are not
/// aggregates or use a column outside one (E0411), size (E0412), the measures they use (E0413)
/// and every error an expression can have. Spans point into the catalogue file.
pub fn check_measures(catalog: &Catalog) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for source in &catalog.sources {
        if source.measures.is_empty() {
            continue;
        }
        let mut c = Checker::new(source, None, Vec::new(), Vec::new());
        for m in &source.measures {
            let mut stack = Vec::new();
            match shape(source, m, &mut c.shapes, &mut stack) {
                Err(Problem::Cycle(path)) => {
                    if let Some(i) = path.iter().position(|s| *s == m.id) {
                        // the cycle as seen from this measure
                        let mut p: Vec<String> = path[i..path.len() - 1].to_vec();
                        p.extend_from_slice(&path[..i]);
                        p.push(m.id.clone());
                        c.diags.push(
                            Diagnostic::error(
                                Code::MeasureCycle,
                                m.expr.span,
                                format!("measure `{}` uses itself: {}", m.id, arrows(&p)),
                            )
                            .with_secondary(m.span, "the measure")
                            .with_help("write one of these measures with columns only"),
                        );
                        continue;
                    }
                }
                Err(Problem::TooLarge(id, what)) if id == m.id => {
                    c.diags.push(
                        Diagnostic::error(
                            Code::MeasureTooLarge,
                            m.expr.span,
                            format!("measure `{}` is too large: {what}", m.id),
                        )
                        .with_help("measures are written out in every report that uses them; define it more directly"),
                    );
                    continue;
                }
                _ => {}
            }
            // a measure that uses a broken one is reported at the use, as E0413, below
            c.measure_stack.push(m.id.clone());
            let resolved = c.expr(&m.expr, MEASURE_CTX);
            c.measure_stack.pop();
            let mut bare = Vec::new();
            bare_columns(source, &m.expr, false, &mut bare);
            for (n, span) in &bare {
                c.diags.push(
                    Diagnostic::error(
                        Code::MeasureNotAggregate,
                        *span,
                        format!("measure `{}` uses column `{n}` outside an aggregate", m.id),
                    )
                    .with_help(format!(
                        "a measure is one value per group: aggregate it (e.g. `max({n})`)"
                    )),
                );
            }
            if let Some((t, _)) = resolved {
                if !t.agg && bare.is_empty() {
                    c.diags.push(
                        Diagnostic::error(
                            Code::MeasureNotAggregate,
                            m.expr.span,
                            format!("measure `{}` is not an aggregate", m.id),
                        )
                        .with_help("a measure stands where an aggregate may: use count(), sum(), avg(), ... in it"),
                    );
                }
            }
        }
        diags.extend(c.diags.0);
    }
    diags
}

/// Names inside a measure are the source's columns and measures, never a report's outputs.
const MEASURE_CTX: Ctx = Ctx {
    mode: Mode::Measure,
    in_agg: false,
};

impl<'c> Checker<'c> {
    /// The measure a name stands for, when it is no column.
    pub(super) fn measure_named(&self, n: &str) -> Option<&'c Measure> {
        measure_named(self.source, n)
    }

    /// A report (or a measure) names measure `m` at `span`: its expression, resolved in place.
    pub(super) fn use_measure(&mut self, m: &'c Measure, span: Span, ctx: Ctx) -> Option<R<'c>> {
        let what = format!("measure `{}` (an aggregate)", m.id);
        if calls::misplaced_aggregate(self, &what, span, ctx) {
            return None;
        }
        let broken = |this: &mut Self, why: String| {
            this.err(
                Diagnostic::error(
                    Code::BrokenMeasure,
                    span,
                    format!("measure `{}` of the catalogue is broken: {why}", m.id),
                )
                .with_help(format!("fix measure `{}` in the catalogue: every command that loads the catalogue shows its error there", m.id)),
            )
        };
        let mut stack = self.measure_stack.clone();
        let shape = match shape(self.source, m, &mut self.shapes, &mut stack) {
            Ok(s) => s,
            Err(p) => return broken(self, p.message(&m.id)),
        };
        if self.measure_stack.contains(&m.id) {
            return broken(self, "it uses itself".into());
        }
        if shape.nodes > self.measure_budget {
            return self.err(
                Diagnostic::error(
                    Code::MeasureTooLarge,
                    span,
                    format!("this report writes out more than {MAX_REPORT_MEASURE_NODES} expression nodes of measures"),
                )
                .with_help("use fewer measures, or name a measure once as an output and refer to that output"),
            );
        }
        self.measure_budget -= shape.nodes;
        let mut e = m.expr.clone();
        respan(&mut e, span);
        let before = self.diags.0.len();
        self.measure_stack.push(m.id.clone());
        let resolved = self.expr(&e, MEASURE_CTX);
        self.measure_stack.pop();
        if self.diags.0.len() > before {
            let first = self.diags.0[before].message.clone();
            self.diags.0.truncate(before);
            return broken(self, first);
        }
        let (mut t, _) = resolved?;
        let mut bare = Vec::new();
        bare_columns(self.source, &m.expr, false, &mut bare);
        if let Some((n, _)) = bare.first() {
            return broken(self, format!("it uses column `{n}` outside an aggregate"));
        }
        if !t.agg {
            return broken(self, "it is not an aggregate".into());
        }
        t.span = span;
        Some((t, None))
    }
}

#[cfg(test)]
mod tests;
