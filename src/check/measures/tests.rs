//! Measures at the check boundary: the catalogue check and reports that use measures.

use crate::catalog::{parse_catalog, Catalog};
use crate::check::{check_measures, resolve_report};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::TKind;
use crate::syntax::parse_report_yaml;

/// A one-source catalogue with these measures.
fn catalog(measures: &str) -> Catalog {
    let text = format!(
        "catalog: t\nsources:\n  s:\n    columns:\n      wait_time: {{type: duration, unit: seconds}}\n      status: {{type: enum, values: [treated, abandoned]}}\n      queue: {{type: text}}\n    measures:\n{measures}"
    );
    let (c, d) = parse_catalog(&text);
    assert!(!d.has_errors(), "{d:?}");
    c.unwrap()
}

fn measure_errors(measures: &str) -> Vec<Diagnostic> {
    check_measures(&catalog(measures)).sorted()
}

fn report(cat: &Catalog, body: &str) -> Result<crate::ir::Query, Vec<Diagnostic>> {
    let (r, d) = parse_report_yaml(&format!("source: s\n{body}"));
    assert!(!d.has_errors(), "{d:?}");
    resolve_report(&r.unwrap(), cat).map_err(|d| d.sorted())
}

const GOOD: &str = "      offered: {expr: count()}\n      abandoned: {expr: \"count() where status = 'abandoned'\"}\n      abandon_rate: {expr: abandoned / offered, format: percent}\n";

#[test]
fn the_builtin_catalogue_has_valid_measures() {
    let d = check_measures(Catalog::builtin());
    assert!(d.is_empty(), "{d:?}");
    assert!(Catalog::builtin()
        .sources
        .iter()
        .any(|s| s.measure("abandon_rate").is_some()));
}

#[test]
fn a_measure_using_measures_is_inlined() {
    let cat = catalog(GOOD);
    assert!(measure_errors(GOOD).is_empty());
    let q = report(&cat, "columns: [queue, abandon_rate]\norder_by: [abandon_rate desc]\nhaving: [\"abandon_rate > 0.1\"]\n").unwrap();
    let o = &q.outputs[1];
    assert_eq!(o.name, "abandon_rate");
    assert!(o.expr.agg);
    let TKind::Div { left, right } = &o.expr.kind else {
        panic!("{:?}", o.expr.kind)
    };
    assert!(matches!(
        left.kind,
        TKind::Agg {
            filter: Some(_),
            ..
        }
    ));
    assert!(matches!(right.kind, TKind::Agg { filter: None, .. }));
    // the inlined expression points at the report's name, not into the catalogue
    assert_eq!(left.span, o.expr.span);
    assert_eq!(q.group_by.as_ref().unwrap().len(), 1);
    assert_eq!(q.having.len(), 1);
}

#[test]
fn cycles_name_the_path() {
    let d = measure_errors(
        "      a: {expr: b + count()}\n      b: {expr: a * 2}\n      c: {expr: a}\n",
    );
    let cycles: Vec<_> = d.iter().filter(|d| d.code == Code::MeasureCycle).collect();
    assert_eq!(cycles.len(), 2, "{d:?}");
    assert!(
        cycles[0].message.contains("a → b → a"),
        "{}",
        cycles[0].message
    );
    assert!(
        cycles[1].message.contains("b → a → b"),
        "{}",
        cycles[1].message
    );
    // c is not on the cycle: it uses a broken measure
    let broken: Vec<_> = d.iter().filter(|d| d.code == Code::BrokenMeasure).collect();
    assert_eq!(broken.len(), 1, "{d:?}");
    assert!(broken[0].message.contains("`a`"));
    let self_cycle = measure_errors("      a: {expr: a}\n");
    assert!(self_cycle[0].message.contains("a → a"), "{self_cycle:?}");
}

#[test]
fn a_measure_must_aggregate_every_column() {
    let d = measure_errors("      a: {expr: sum(wait_time) + wait_time}\n      b: {expr: 1 + 2}\n");
    let codes: Vec<_> = d.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::MeasureNotAggregate, Code::MeasureNotAggregate],
        "{d:?}"
    );
    assert!(d[0]
        .message
        .contains("column `wait_time` outside an aggregate"));
    assert!(d[1].message.contains("`b` is not an aggregate"));
}

#[test]
fn type_errors_point_into_the_catalogue() {
    let ms = "      a: {expr: sum(queue)}\n";
    let cat = catalog(ms);
    let d = measure_errors(ms);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, Code::BadArgument);
    let text = format!("{:?}", cat.sources[0].measures[0].expr.span);
    assert!(!text.is_empty());
    // a report using it gets one E0413 at the name, quoting the measure's error
    let err = report(&cat, "columns: [a]\n").unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].code, Code::BrokenMeasure);
    assert!(err[0].message.contains("`sum` needs"), "{}", err[0].message);
}

#[test]
fn exponential_measures_are_refused_unexpanded() {
    let mut ms = String::from("      m0: {expr: count()}\n");
    for i in 1..40 {
        ms.push_str(&format!("      m{i}: {{expr: m{} + m{}}}\n", i - 1, i - 1));
    }
    let d = measure_errors(&ms);
    let large: Vec<_> = d
        .iter()
        .filter(|d| d.code == Code::MeasureTooLarge)
        .collect();
    assert_eq!(large.len(), 1, "{d:?}");
    assert!(large[0].message.contains("`m13`"), "{}", large[0].message);
    let err = report(&catalog(&ms), "columns: [m39]\n").unwrap_err();
    assert_eq!(err[0].code, Code::BrokenMeasure);
    let mut deep = String::from("      d0: {expr: count()}\n");
    for i in 1..40 {
        deep.push_str(&format!("      d{i}: {{expr: d{} + 1}}\n", i - 1));
    }
    let d = measure_errors(&deep);
    assert!(
        d.iter()
            .any(|d| d.code == Code::MeasureTooLarge && d.message.contains("measures deep")),
        "{d:?}"
    );
}

#[test]
fn misplaced_measures_are_clear_errors() {
    let cat = catalog(GOOD);
    let err = report(&cat, "columns: [queue]\nfilters: [\"offered > 3\"]\n").unwrap_err();
    assert_eq!(err[0].code, Code::AggregateInFilter);
    assert!(err[0].message.contains("measure `offered`"));
    let err = report(&cat, "columns:\n  - x: sum(offered)\n").unwrap_err();
    assert_eq!(err[0].code, Code::NestedAggregate);
    let err = report(&cat, "columns:\n  - x: \"count() where offered > 1\"\n").unwrap_err();
    assert_eq!(err[0].code, Code::AggregateInFilter);
    let err = report(&cat, "columns: [queue]\ngroup_by: [queue, offered]\n").unwrap_err();
    assert_eq!(err[0].code, Code::AggregateInFilter);
    let err = report(
        &cat,
        "columns: [queue, offered]\norder_by: [abandon_rate]\n",
    )
    .unwrap_err();
    assert_eq!(err[0].code, Code::NotAnOutput);
    assert!(err[0].help.as_ref().unwrap().contains("is a measure"));
}

#[test]
fn outputs_do_not_leak_into_measures() {
    // an output named like a column a measure reads does not change the measure
    let cat = catalog("      total_wait: {expr: sum(wait_time)}\n");
    let q = report(&cat, "columns:\n  - wait_time: count()\n  - total_wait\n").unwrap();
    let TKind::Agg { arg: Some(a), .. } = &q.outputs[1].expr.kind else {
        panic!()
    };
    assert!(matches!(a.kind, TKind::Column(_)));
}

#[test]
fn measure_names_may_not_be_column_names() {
    let text = "catalog: t\nsources:\n  s:\n    columns:\n      queue: {type: text}\n    measures:\n      queue: {expr: count()}\n      bad: {expr: \"count(\"}\n      fmt: {expr: count(), format: percentage}\n";
    let (_, d) = parse_catalog(text);
    let codes: Vec<_> = d.sorted().iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::Catalog), "{codes:?}");
    assert!(codes.len() >= 3, "{codes:?}");
}
