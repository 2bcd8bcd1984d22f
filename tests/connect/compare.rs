//! What the clients' tests share: the demo data as SQL files, `run --connect`'s rows, and
//! the comparison of every example report with the runner's DuckDB on the same demo data.

use super::*;
use reportc::catalog::Catalog;
use reportc::sql::SqlOptions;
use std::path::{Path, PathBuf};

/// Rows per demo table.
pub const ROWS: &str = "400";

/// `demo-data --format sql -d DIALECT` written into `dir`: the files, in order.
pub fn demo_sql(dialect: &str, dir: &Path) -> Vec<PathBuf> {
    let o = reportc(&[
        "demo-data",
        "--format",
        "sql",
        "-d",
        dialect,
        "--rows",
        ROWS,
        "--as-of",
        AS_OF,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// `run --connect --format json`: its columns and rows; `None` when the dialect refuses
/// the report (E0300).
pub fn connect_rows(url: &str, report: &Path) -> Option<QueryResult> {
    let o = reportc(&[
        "run",
        report.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--connect",
        url,
        "--format",
        "json",
    ]);
    let t = text(&o);
    if o.status.code() == Some(1) && t.contains("E0300") {
        return None;
    }
    assert!(o.status.success(), "{}: {t}", stem(report));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let columns: Vec<String> = doc["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let rows = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| columns.iter().map(|c| r[c].clone()).collect())
        .collect();
    Some(QueryResult { columns, rows })
}

/// Every example report: the rows of `run --connect` are the runner's DuckDB rows on the
/// same demo data. Returns how many reports were compared.
pub fn agrees_with_duckdb(url: &str, dialect: &str) -> Result<usize, Skipped> {
    let anchor: jiff::civil::DateTime = AS_OF.parse().unwrap();
    let duck = reportc::sql::dialect_by_name("duckdb").unwrap();
    let opts = SqlOptions {
        as_of: Some(anchor),
    };
    let reports = examples();
    let queries: Vec<(String, String)> = reports
        .iter()
        .map(|p| (stem(p), compile(p, duck, &opts).unwrap()))
        .collect();
    let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
        Catalog::builtin(),
        ROWS.parse().unwrap(),
        42,
        anchor,
    ));
    let results = engine_result("duckdb", run_engine("duckdb", &tables, &queries))?;
    let mut compared = 0;
    let mut diffs = Vec::new();
    for (p, (id, r)) in reports.iter().zip(&results) {
        let want = r.as_ref().unwrap_or_else(|e| panic!("{id} on DuckDB: {e}"));
        let Some(got) = connect_rows(url, p) else {
            continue;
        };
        // ties of ORDER BY and collations differ between engines: compared as multisets
        if let Some(d) = compare(want, &got, false) {
            diffs.push(format!("{id} ({dialect}): {d}"));
        }
        compared += 1;
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    Ok(compared)
}
