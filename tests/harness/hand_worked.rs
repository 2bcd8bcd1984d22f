//! Hand-worked cases (tests/hand_worked/*.yaml on tests/fixtures/hand_worked_catalog.yaml and
//! the six rows of tests/fixtures/hand_worked_data.json): integer averages, case-insensitive
//! matching of non-ASCII letters, output names with capitals, integer enum codes. Each report
//! has its rows worked out by hand beside it (`<stem>.expected.json`, the reasoning in the
//! report's comment); every engine must return exactly those column names and rows, in order,
//! or refuse the report at compile time where [`HAND_WORKED_REFUSALS`] says so.

use super::common::*;
use reportc::diagnostics::Code;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use std::path::PathBuf;

/// (report stem, dialect, words of the E0300 message).
pub const HAND_WORKED_REFUSALS: &[(&str, &str, &str)] = &[(
    "h02_unicode_case_insensitive",
    "sqlite",
    "case-insensitive matching of a non-ASCII letter",
)];

/// A folder of hand-worked reports with their catalogue and data.
pub struct Cases {
    pub dir: &'static str,
    pub catalog: &'static str,
    pub data: &'static str,
    /// (report stem or `*`, dialect, words of the E0300 message).
    pub refusals: &'static [(&'static str, &'static str, &'static str)],
}

pub const HAND_WORKED: Cases = Cases {
    dir: "tests/hand_worked",
    catalog: "tests/fixtures/hand_worked_catalog.yaml",
    data: "tests/fixtures/hand_worked_data.json",
    refusals: HAND_WORKED_REFUSALS,
};

/// The join cases (issue 15): many SMS per message, SMS without message, messages without SMS,
/// duplicate values among related rows; aggregates of the many side and `any()`, each measure
/// at its own grain. Every engine runs them, fakesnow included.
pub const JOINS: Cases = Cases {
    dir: "tests/joins",
    catalog: "tests/fixtures/joins_catalog.yaml",
    data: "tests/fixtures/joins_data.json",
    refusals: &[
        (
            "j13_percentiles_of_many_side",
            "sqlite",
            "exact percentiles",
        ),
        ("j13_percentiles_of_many_side", "mysql", "exact percentiles"),
    ],
};

fn reports(dir: &str) -> Vec<PathBuf> {
    let v = files_in(dir, &["yaml"]);
    assert!(v.len() >= 3, "{v:?}");
    v
}

fn expected(report: &std::path::Path) -> QueryResult {
    let path = report.with_extension("expected.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    QueryResult {
        columns: v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect(),
        rows: v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().clone())
            .collect(),
    }
}

/// Every hand-worked report on `engine` (compiled for `dialect`) gives its hand-worked rows.
pub fn hand_worked_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    case_rows(&HAND_WORKED, engine, dialect)
}

/// Every report of `cases` on `engine` gives its hand-worked rows, or its expected refusal.
pub fn case_rows(cases: &Cases, engine: &str, dialect: &str) -> Result<(), Skipped> {
    let text = std::fs::read_to_string(root().join(cases.catalog)).unwrap();
    let (cat, diags) = reportc::catalog::parse_catalog(&text);
    assert!(!diags.has_errors(), "{diags:?}");
    let cat = cat.unwrap();
    let tables: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(cases.data)).unwrap()).unwrap();
    let d = reportc::sql::dialect_by_name(dialect).unwrap();
    let mut failures = Vec::new();
    let mut queries = Vec::new();
    for p in reports(cases.dir) {
        let f = load(&p);
        let refusal = cases
            .refusals
            .iter()
            .find(|(s, x, _)| (*s == stem(&p) || *s == "*") && *x == dialect);
        let compiled =
            reportc::compile_file(&f, InputFormat::Yaml, &cat, d, &SqlOptions::default());
        match (compiled, refusal) {
            (Ok(sql), None) => queries.push((stem(&p), sql)),
            (Err(e), Some((_, _, words)))
                if e.iter()
                    .all(|x| x.code == Code::Unsupported && x.message.contains(words)) => {}
            (r, _) => failures.push(format!(
                "{} for {dialect}: expected {}, got {r:?}",
                p.display(),
                refusal.map_or("SQL".to_string(), |r| format!("a refusal about `{}`", r.2))
            )),
        }
    }
    let results = engine_result(engine, run_engine(engine, &tables, &queries))?;
    for ((id, got), (_, sql)) in results.iter().zip(&queries) {
        let p = root().join(format!("{}/{id}.yaml", cases.dir));
        let want = expected(&p);
        failures.extend(differs(engine, id, got, &want, sql));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}

/// Why the rows `got` for report `id` on `engine` are not the hand-worked `want`, if they are
/// not (its SQL appended).
pub fn differs(
    engine: &str,
    id: &str,
    got: &Result<QueryResult, String>,
    want: &QueryResult,
    sql: &str,
) -> Option<String> {
    match got {
        Err(e) => Some(format!("{id} failed on {engine}: {e}\n{sql}")),
        Ok(got) if got.columns != want.columns => Some(format!(
            "{id} on {engine}: columns {:?}, written {:?}\n{sql}",
            got.columns, want.columns
        )),
        Ok(got) => compare(want, got, true).map(|diff| {
            format!(
                "{id} on {engine} differs from the hand-worked rows (< hand, > {engine}):\n{diff}\n{sql}"
            )
        }),
    }
}
