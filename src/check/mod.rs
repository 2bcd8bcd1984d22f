//! Resolve and check: AST + catalogue -> typed [`Query`] IR, or every semantic diagnostic.
//!
//! Architecture invariant: this stage knows the catalogue and no SQL dialect. Everything a
//! dialect needs is decided here (stored enum codes, duration units, UTC instants of literals).
//!
//! | file | what it checks |
//! |---|---|
//! | `report.rs` | the report's clauses in order: columns, filters, having, order by, limit |
//! | `grouping.rs` | group keys, implicit grouping, per-row values inside aggregated outputs |
//! | `names.rs` | what a name means where it is written (an output or a source column) |
//! | `paths.rs` | `link.column`: a column of a related source, through a many-to-one link |
//! | `many.rs` | aggregates and `any()` of a linked many side (`count(sms)`, `sum(sms.x)`) |
//! | `expr.rs` | expressions: operators, ranges, buckets, their types |
//! | `predicates.rs` | `in`, `between`, `contains` & co. |
//! | `calls.rs` | function calls and aggregates |
//! | `top_rest.rs` | `top`: the ranked output, the ranked and `per` keys, aggregates that re-aggregate |
//! | `bucket_dates.rs` | `bucket_as: date`: day (or longer) bucket outputs shown as dates |
//! | `fill.rs` | `fill: yes`: one time bucket, a bounded date range, at most 1000 buckets |
//! | `share.rs` | `share(m, k...)`: additive aggregates only, keys that are earlier group outputs |
//! | `literals.rs` | literals against typed operands (enum codes, units, UTC instants, phones) |
//! | `params.rs` | parameters: values bound to `$name` as literals, or bind placeholders |
//! | `timezone.rs` | the report time zone, resolved once |
//! | `measures.rs` | catalogue measures: checked once per catalogue, inlined where a report names one |

mod bucket_dates;
mod calls;
pub mod comparisons;
mod expr;
mod fan_out;
mod fill;
mod grouping;
mod labels;
mod literals;
mod many;
mod measures;
mod names;
pub mod params;
mod paths;
mod predicates;
mod report;
mod share;
mod timezone;
mod top_rest;
mod units;
pub mod windows;

pub use measures::{
    check_measures, MAX_MEASURE_DEPTH, MAX_MEASURE_NESTING, MAX_MEASURE_NODES,
    MAX_REPORT_MEASURE_NODES,
};

use crate::catalog::{Catalog, Column, Source};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Diagnostics, Span};
use crate::ir::*;
use crate::syntax::ast::{ExprKind, Report};
use std::collections::HashMap;

/// Resolve and type-check a report against a catalogue.
pub fn resolve_report(report: &Report, catalog: &Catalog) -> Result<Query, Diagnostics> {
    let mut diags = Diagnostics::default();
    let Some(source) = catalog.source(&report.source.value) else {
        let mut d = Diagnostic::error(
            Code::UnknownSource,
            report.source.span,
            format!("unknown data source `{}`", report.source.value),
        );
        d = match did_you_mean(
            &report.source.value,
            catalog.sources.iter().map(|s| s.id.as_str()),
        ) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "data sources: {}",
                list_for_help(catalog.sources.iter().map(|s| s.id.as_str()))
            )),
        };
        diags.push(d);
        return Err(diags);
    };
    let tz = report
        .timezone
        .as_ref()
        .and_then(|tz| timezone::resolve_timezone(tz, &mut diags));
    let declared = r_declared(report);
    let mut c = Checker::new(source, tz, declared, report.parameters.clone());
    c.diags = diags;
    c.words = report.notation;
    c.catalog = Some(catalog);
    let q = c.report(report);
    if c.diags.has_errors() {
        Err(c.diags)
    } else {
        Ok(q)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `filters`: source columns only, no aggregates.
    Filter,
    /// `columns`: source columns, then earlier outputs.
    Column,
    /// `having`: outputs, then source columns inside aggregates.
    Having,
    /// `group_by`: outputs, then source columns; no aggregates.
    GroupBy,
    /// the condition of a filtered aggregate: source columns only.
    AggFilter,
    /// a catalogue measure's expression: source columns and measures, aggregates allowed.
    Measure,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    mode: Mode,
    in_agg: bool,
}

pub(crate) struct Checker<'c> {
    source: &'c Source,
    diags: Diagnostics,
    outputs: Vec<(Output, Span)>,
    /// Every output name written, including those whose expression had an error.
    declared: Vec<String>,
    /// How many of `declared` come before the column being checked.
    column_index: usize,
    tz: Option<Zone>,
    /// Output name -> its index in `outputs` (names are looked up in constant time, so a
    /// report with 100,000 columns checks in linear time).
    output_index: HashMap<String, usize>,
    /// Declared name -> its first index in `declared`.
    first_declared: HashMap<String, usize>,
    /// The declared parameters (a `$name` left after binding is a placeholder).
    params: Vec<crate::syntax::ast::ParamDef>,
    /// The shapes of the source's measures, computed once each.
    shapes: measures::Shapes,
    /// The measures being expanded, innermost last.
    measure_stack: Vec<String>,
    /// Expression nodes of measures this report may still inline.
    measure_budget: usize,
    /// The did-you-mean of an unknown column, per (name, outputs offered): a name repeated
    /// 50,000 times is compared with the columns once (fuzz/FINDINGS.md, finding 5).
    suggestions: HashMap<(String, usize), Option<String>>,
    /// The report's notation: help lines name its keys or clauses.
    words: crate::syntax::ast::Notation,
    /// The catalogue, for paths through links (none while checking a catalogue's measures).
    catalog: Option<&'c Catalog>,
    /// The links followed so far (`link.column` paths).
    joins: Vec<Join>,
}

impl<'c> Checker<'c> {
    fn new(
        source: &'c Source,
        tz: Option<Zone>,
        declared: Vec<String>,
        params: Vec<crate::syntax::ast::ParamDef>,
    ) -> Checker<'c> {
        let mut first_declared = HashMap::new();
        for (i, n) in declared.iter().enumerate() {
            first_declared.entry(n.clone()).or_insert(i);
        }
        Checker {
            source,
            diags: Diagnostics::default(),
            outputs: Vec::new(),
            declared,
            column_index: 0,
            tz,
            output_index: HashMap::new(),
            first_declared,
            params,
            shapes: HashMap::new(),
            measure_stack: Vec::new(),
            measure_budget: MAX_REPORT_MEASURE_NODES,
            suggestions: HashMap::new(),
            words: crate::syntax::ast::Notation::Yaml,
            catalog: None,
            joins: Vec::new(),
        }
    }
}

/// Names offered by a did-you-mean are the first ones only: a help line per error must not
/// cost the size of the report.
const SUGGESTED: usize = 1_000;

impl Checker<'_> {
    /// The index of the output named `n`.
    fn output_pos(&self, n: &str) -> Option<usize> {
        self.output_index.get(n).copied()
    }

    /// `n` is among the first `limit` declared names.
    fn declared_before(&self, n: &str, limit: usize) -> bool {
        self.first_declared.get(n).is_some_and(|&i| i < limit)
    }

    /// The declared names offered by a did-you-mean.
    fn declared_names(&self) -> Vec<&str> {
        self.declared
            .iter()
            .take(SUGGESTED)
            .map(String::as_str)
            .collect()
    }
}

/// A resolved expression and, when it is a bare column, the catalogue column.
pub(crate) type R<'c> = (TExpr, Option<&'c Column>);

impl<'c> Checker<'c> {
    fn err(&mut self, d: Diagnostic) -> Option<R<'c>> {
        self.diags.push(d);
        None
    }
}

fn r_declared(r: &Report) -> Vec<String> {
    r.columns
        .iter()
        .filter_map(|c| match (&c.name, &c.expr.kind) {
            (Some(n), _) => Some(n.value.clone()),
            (None, ExprKind::Name(n)) => Some(paths::output_name(n)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
