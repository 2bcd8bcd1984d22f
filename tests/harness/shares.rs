//! `share()` on every engine against rows worked out by hand: shares of the report total and
//! within each week add up to 1, a `limit` keeps the total of every group, and an integer count
//! divides without truncating.

use super::common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::dialect::Dialect;
use reportc::sql::dialects::families::NO_SHARE_FACT;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::{json, Value};

/// The report's columns, with their expressions (the DSL/YAML line `- name: expr`).
const COLUMNS: &[(&str, &str)] = &[
    ("week", "distribution_date by week"),
    ("queue", "queue"),
    ("offered", "count()"),
    ("of_week", "share(count(), week)"),
    ("of_all", "share(count())"),
    ("talk_of_week", "share(sum(exchange_time), week)"),
];

fn report(limit: Option<u32>) -> String {
    let mut r = String::from("report: shares\nsource: incoming_message_distributions\ncolumns:\n");
    for (n, e) in COLUMNS {
        r.push_str(&format!("  - {n}: {e}\n"));
    }
    r.push_str("order_by: [week, queue]\n");
    if let Some(n) = limit {
        r.push_str(&format!("limit: {n}\n"));
    }
    r
}

/// (distribution date, queue, exchange time)
const ROWS: &[(&str, &str, Option<i64>)] = &[
    // week of 2026-04-13: Sales 2 rows (exchange 30 + 10), Support 1 row (exchange 60)
    ("2026-04-14 09:00:00", "Sales", Some(30)),
    ("2026-04-15 09:00:00", "Sales", Some(10)),
    ("2026-04-19 23:00:00", "Support", Some(60)),
    // week of 2026-04-20: Sales 1 row (no exchange: a NULL sum, all the week's sum is NULL ->
    // share NULL, never a division error), Support 0 rows
    ("2026-04-20 00:00:00", "Sales", None),
];

fn expected(limit: Option<usize>) -> QueryResult {
    let mut rows = vec![
        // week 1 total 3 rows, exchange 100; report total 4 rows
        vec![
            json!("2026-04-13 00:00:00"),
            json!("Sales"),
            json!(2),
            json!(2.0 / 3.0),
            json!(0.5),
            json!(0.4),
        ],
        vec![
            json!("2026-04-13 00:00:00"),
            json!("Support"),
            json!(1),
            json!(1.0 / 3.0),
            json!(0.25),
            json!(0.6),
        ],
        vec![
            json!("2026-04-20 00:00:00"),
            json!("Sales"),
            json!(1),
            json!(1.0),
            json!(0.25),
            Value::Null,
        ],
    ];
    if let Some(n) = limit {
        rows.truncate(n);
    }
    QueryResult {
        columns: COLUMNS.iter().map(|(n, _)| n.to_string()).collect(),
        rows,
    }
}

fn tables() -> Value {
    let col = |n: &str, t: &str| json!({"name": n, "type": t});
    json!([{
        "name": "incoming_message_distributions",
        "columns": [
            col("distribution_date", "timestamp"),
            col("queue", "text"),
            col("exchange_time", "integer"),
        ],
        "rows": ROWS.iter().map(|r| json!([r.0, r.1, r.2])).collect::<Vec<_>>(),
    }])
}

/// The share report on `engine` (compiled for `dialect`), with and without a limit, gives the
/// hand-worked rows; the shares of each week and of the report add up to 1.
pub fn shares_match_hand_worked_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    shares_rows_for(engine, reportc::sql::dialect_by_name(dialect).unwrap())
}

/// The same with the groups computed in a CTE and each total a window over its columns
/// (`builder::share_groups`, as SQL Server, BigQuery, Trino, Athena and Databricks write shares):
/// the engine's dialect with `NO_SHARE_FACT` among its families, so the same rows must come back.
pub fn shares_over_groups_match_hand_worked_rows(
    engine: &str,
    dialect: &str,
) -> Result<(), Skipped> {
    let parent = reportc::sql::dialect_by_name(dialect).unwrap();
    let mut families = vec![NO_SHARE_FACT];
    families.extend_from_slice(parent.families);
    let over_groups = variant(parent, |d| {
        d.families = Box::leak(families.into_boxed_slice());
    });
    let sql = compile(over_groups, None);
    // the groups' CTE, and no aggregate inside a window
    assert!(
        sql.contains("rc_groups AS (") && !sql.contains("SUM(COUNT(") && !sql.contains("SUM(SUM("),
        "{engine}: not the groups' shape:\n{sql}"
    );
    shares_rows_for(engine, over_groups)
}

fn compile(d: &Dialect, limit: Option<u32>) -> String {
    let file = SourceFile::new("shares.yaml", report(limit));
    reportc::compile_file(
        &file,
        InputFormat::Yaml,
        Catalog::builtin(),
        d,
        &SqlOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn shares_rows_for(engine: &str, d: &Dialect) -> Result<(), Skipped> {
    let mut queries = Vec::new();
    for (id, limit) in [("all", None), ("limited", Some(1))] {
        queries.push((id.to_string(), compile(d, limit)));
    }
    let results = engine_result(engine, run_engine(engine, &tables(), &queries))?;
    for ((id, r), limit) in results.iter().zip([None, Some(1)]) {
        let sql = &queries.iter().find(|q| &q.0 == id).unwrap().1;
        let got = r
            .as_ref()
            .unwrap_or_else(|e| panic!("{engine}: {e}\n{sql}"));
        let want = expected(limit);
        if let Some(diff) = compare(got, &want, true) {
            panic!("{engine} ({id}): the shares differ from the hand-worked rows: {diff}\n{sql}");
        }
        if limit.is_none() {
            // the sums, from the engine's own numbers
            let sum = |col: usize, rows: &[&Vec<Value>]| -> f64 {
                rows.iter().filter_map(|r| r[col].as_f64()).sum()
            };
            let all: Vec<&Vec<Value>> = got.rows.iter().collect();
            assert!(
                close(sum(4, &all), 1.0),
                "{engine}: of_all sums to {}",
                sum(4, &all)
            );
            let week1: Vec<&Vec<Value>> = got.rows.iter().take(2).collect();
            assert!(
                close(sum(3, &week1), 1.0),
                "{engine}: week 1 sums to {}",
                sum(3, &week1)
            );
        }
    }
    Ok(())
}
