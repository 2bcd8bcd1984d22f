//! Filled time buckets (`fill: yes`) on every engine, against rows worked out by hand: empty
//! days inside the range (0 for counts and sums, NULL for averages and maximums), the
//! Europe/Paris spring DST change (29 March 2026, a 23-hour day: one bucket, local midnights),
//! rows on both edges of the range (the first and last instants in, the next one out), week
//! buckets of a `between` range with `order_by ... desc` and `limit` applied after filling, and
//! month buckets of a relative range (`--as-of`). Buckets as dates (`bucket_as: date`): Paris
//! days filled across the DST change come out as `YYYY-MM-DD`, and months with their previous
//! month's value (the comparison's join stays on timestamps). Other group keys: every queue
//! with rows in the range (a NULL queue too) gets every day. Buckets as dates (`bucket_as: date`): Paris
//! days filled across the DST change come out as `YYYY-MM-DD`, and ISO weeks with their
//! previous week's value (the comparison's join stays on timestamps).

use super::common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::{Code, SourceFile};
use reportc::sql::dialect::{BucketSeries, Dialect, VALUES_NUMBERS};
use reportc::sql::functions::{Func, Render, Table};
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::{json, Value};

/// (report stem, dialect, words of the E0300 message).
pub const FILL_REFUSALS: &[(&str, &str, &str)] = &[
    ("f01_paris_days_filled", "sqlite", "time zone"),
    ("d01_paris_days_as_dates", "sqlite", "time zone"),
];

/// (stem, report, `--as-of`, expected columns, expected rows).
type Case = (
    &'static str,
    &'static str,
    Option<jiff::civil::DateTime>,
    Vec<&'static str>,
    Vec<Vec<Value>>,
);

fn cases() -> Vec<Case> {
    let n = Value::Null;
    vec![
        (
            // Paris days 27-31 March 2026 (clocks go forward on Sunday the 29th). Local times
            // of queue F's rows: 26th 23:59 (out: before the range), 27th 00:00 (the first
            // instant of the range: in), 28th 00:30 (UTC: the 27th) and 12:00, 29th 23:30 (UTC
            // 21:30: still the 29th), nothing on the 30th, 31st 23:59 (the last minute: in),
            // 1 April 00:00 (out).
            "f01_paris_days_filled",
            "report: f01_paris_days_filled
source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
  - total_wait: sum(wait_time)
  - avg_wait: avg(wait_time)
  - max_wait: max(wait_time)
filters:
  - distribution_date >= 2026-03-27 and distribution_date < 2026-04-01
  - queue = 'F'
fill: yes
order_by: [day]
",
            None,
            vec!["day", "offered", "total_wait", "avg_wait", "max_wait"],
            vec![
                vec![
                    json!("2026-03-27 00:00:00"),
                    json!(1),
                    json!(10),
                    json!(10.0),
                    json!(10),
                ],
                vec![
                    json!("2026-03-28 00:00:00"),
                    json!(2),
                    json!(60),
                    json!(30.0),
                    json!(40),
                ],
                vec![
                    json!("2026-03-29 00:00:00"),
                    json!(1),
                    json!(30),
                    json!(30.0),
                    json!(30),
                ],
                vec![
                    json!("2026-03-30 00:00:00"),
                    json!(0),
                    json!(0),
                    n.clone(),
                    n.clone(),
                ],
                vec![
                    json!("2026-03-31 00:00:00"),
                    json!(1),
                    json!(50),
                    json!(50.0),
                    json!(50),
                ],
            ],
        ),
        (
            // ISO weeks of 4-24 March 2026 (UTC): the range starts on a Wednesday, so the first
            // bucket is Monday 2 March; `between` dates include all of the 24th. Queue G: the
            // 3rd (out), the 5th (week 03-02), the 24th 23:00 (week 03-23), the 25th 00:00
            // (out). Weeks 03-09 and 03-16 are empty. Newest first, 3 rows: the limit applies to
            // the filled weeks.
            "f02_weeks_between_filled",
            "report: f02_weeks_between_filled
source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - offered: count()
  - queues: count_distinct(queue)
  - avg_wait: avg(wait_time)
filters:
  - distribution_date between 2026-03-04 and 2026-03-24
  - queue = 'G'
fill: yes
order_by: [week desc]
limit: 3
",
            None,
            vec!["week", "offered", "queues", "avg_wait"],
            vec![
                vec![json!("2026-03-23 00:00:00"), json!(1), json!(1), json!(7.0)],
                vec![json!("2026-03-16 00:00:00"), json!(0), json!(0), n.clone()],
                vec![json!("2026-03-09 00:00:00"), json!(0), json!(0), n.clone()],
            ],
        ),
        (
            // `last 3 months` at 15 May 2026 (UTC): March, April, May. Queue H: 28 February
            // (out), 31 March 23:59, 1 May 00:00 and 12:00; April is empty. The abandon share
            // is NULL where there were no rows (0 / 0), not 0.
            "f03_months_last_3_filled",
            "report: f03_months_last_3_filled
source: incoming_message_distributions
columns:
  - month: distribution_date by month
  - offered: count()
  - long_waits: count() where wait_time > 10s
  - long_share: long_waits / offered
filters:
  - distribution_date in last 3 months
  - queue = 'H'
fill: yes
order_by: [month]
",
            Some(jiff::civil::datetime(2026, 5, 15, 12, 0, 0, 0)),
            vec!["month", "offered", "long_waits", "long_share"],
            vec![
                vec![json!("2026-03-01 00:00:00"), json!(1), json!(1), json!(1.0)],
                vec![json!("2026-04-01 00:00:00"), json!(0), json!(0), n.clone()],
                vec![json!("2026-05-01 00:00:00"), json!(2), json!(0), json!(0.0)],
            ],
        ),
        (
            // f01's rows, the days as dates: the 29th (23 hours) is one date, the empty 30th
            // is shown.
            "d01_paris_days_as_dates",
            "report: d01_paris_days_as_dates
source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
filters:
  - distribution_date >= 2026-03-28 and distribution_date < 2026-04-01
  - queue = 'F'
fill: yes
bucket_as: date
order_by: [day]
",
            None,
            vec!["day", "offered"],
            vec![
                vec![json!("2026-03-28"), json!(2)],
                vec![json!("2026-03-29"), json!(1)],
                vec![json!("2026-03-30"), json!(0)],
                vec![json!("2026-03-31"), json!(1)],
            ],
        ),
        (
            // f03's rows by month as dates (UTC), with the previous month's count, not filled:
            // March (one row; February's, before the filter, is its previous) and May (two
            // rows; April has none: NULL).
            "d02_months_as_dates_previous",
            "report: d02_months_as_dates_previous
source: incoming_message_distributions
columns:
  - month: distribution_date by month
  - offered: count()
  - previous_offered: previous(offered)
filters:
  - distribution_date >= 2026-03-01 and distribution_date < 2026-06-01
  - queue = 'H'
bucket_as: date
order_by: [month]
",
            None,
            vec!["month", "offered", "previous_offered"],
            vec![
                vec![json!("2026-03-01"), json!(1), json!(1)],
                vec![json!("2026-05-01"), json!(2), n.clone()],
            ],
        ),
        (
            // Every queue with rows in the range, for every day (UTC, 6-8 April): K on the 6th,
            // L twice on the 8th, a NULL queue on the 7th; nine rows, the missing ones 0.
            "k01_queues_by_day_filled",
            "report: k01_queues_by_day_filled
source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - queue
  - offered: count()
  - total_wait: sum(wait_time)
filters:
  - distribution_date between 2026-04-06 and 2026-04-08
  - queue in ('K', 'L') or (queue is null and wait_time = 3s)
fill: yes
order_by: [day, queue]
",
            None,
            vec!["day", "queue", "offered", "total_wait"],
            vec![
                vec![json!("2026-04-06 00:00:00"), json!("K"), json!(1), json!(1)],
                vec![json!("2026-04-06 00:00:00"), json!("L"), json!(0), json!(0)],
                vec![json!("2026-04-06 00:00:00"), n.clone(), json!(0), json!(0)],
                vec![json!("2026-04-07 00:00:00"), json!("K"), json!(0), json!(0)],
                vec![json!("2026-04-07 00:00:00"), json!("L"), json!(0), json!(0)],
                vec![json!("2026-04-07 00:00:00"), n.clone(), json!(1), json!(3)],
                vec![json!("2026-04-08 00:00:00"), json!("K"), json!(0), json!(0)],
                vec![json!("2026-04-08 00:00:00"), json!("L"), json!(2), json!(6)],
                vec![json!("2026-04-08 00:00:00"), n.clone(), json!(0), json!(0)],
            ],
        ),
    ]
}

fn tables() -> Value {
    // (UTC time, queue, wait)
    let rows: &[(&str, Option<&str>, i64)] = &[
        ("2026-03-26 22:59:00", Some("F"), 99),
        ("2026-03-26 23:00:00", Some("F"), 10),
        ("2026-03-27 23:30:00", Some("F"), 20),
        ("2026-03-28 11:00:00", Some("F"), 40),
        ("2026-03-29 21:30:00", Some("F"), 30),
        ("2026-03-31 21:59:00", Some("F"), 50),
        ("2026-03-31 22:00:00", Some("F"), 99),
        ("2026-03-03 10:00:00", Some("G"), 99),
        ("2026-03-05 10:00:00", Some("G"), 5),
        ("2026-03-24 23:00:00", Some("G"), 7),
        ("2026-03-25 00:00:00", Some("G"), 99),
        ("2026-02-28 10:00:00", Some("H"), 99),
        ("2026-03-31 23:59:00", Some("H"), 20),
        ("2026-05-01 00:00:00", Some("H"), 1),
        ("2026-05-01 12:00:00", Some("H"), 2),
        ("2026-04-06 10:00:00", Some("K"), 1),
        ("2026-04-08 10:00:00", Some("L"), 2),
        ("2026-04-08 11:00:00", Some("L"), 4),
        ("2026-04-07 12:00:00", None, 3),
    ];
    let col = |n: &str, t: &str| json!({"name": n, "type": t});
    json!([{
        "name": "incoming_message_distributions",
        "columns": [
            col("distribution_date", "timestamp"),
            col("queue", "text"),
            col("wait_time", "integer"),
        ],
        "rows": rows.iter().map(|r| json!([r.0, r.1, r.2])).collect::<Vec<_>>(),
    }])
}

/// Every fill case on `engine` (compiled for `dialect`) gives its hand-worked rows, or is
/// refused where [`FILL_REFUSALS`] says so.
pub fn fill_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    fill_rows_for(engine, reportc::sql::dialect_by_name(dialect).unwrap())
}

/// DuckDB's steps with a column count (its `Add*` write the count inside a string literal).
static DUCKDB_STEPS: Table = &[
    (
        Func::StepHours,
        Render::Sql("__A1__ + __A2__ * INTERVAL '1 hour'"),
    ),
    (
        Func::StepDays,
        Render::Sql("__A1__ + __A2__ * INTERVAL '1 day'"),
    ),
    (
        Func::StepMonths,
        Render::Sql("__A1__ + __A2__ * INTERVAL '1 month'"),
    ),
];

/// The fill cases on `engine` with the dialect's series made of numbers
/// (`BucketSeries::Numbers`, as SQL Server, Trino, Athena and Databricks write it) instead of
/// its recursive CTE: the same rows. On Spark, Databricks' parent, this is Databricks' SQL.
pub fn numbers_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    let parent = reportc::sql::dialect_by_name(dialect).unwrap();
    let own_steps = parent.name == "duckdb";
    let numbers = variant(parent, |d| {
        d.functions = if own_steps { DUCKDB_STEPS } else { &[] };
        d.bucket_series = BucketSeries::Numbers(VALUES_NUMBERS);
    });
    fill_rows_for(engine, numbers)
}

fn fill_rows_for(engine: &str, d: &'static Dialect) -> Result<(), Skipped> {
    let dialect = d.name;
    let mut failures = Vec::new();
    let mut queries = Vec::new();
    let cases = cases();
    for (stem, text, as_of, _, _) in &cases {
        let file = SourceFile::new(format!("{stem}.yaml"), *text);
        let refusal = FILL_REFUSALS
            .iter()
            .find(|(s, x, _)| s == stem && *x == dialect);
        let opts = SqlOptions { as_of: *as_of };
        let compiled =
            reportc::compile_file(&file, InputFormat::Yaml, Catalog::builtin(), d, &opts);
        match (compiled, refusal) {
            (Ok(sql), None) => queries.push((stem.to_string(), sql)),
            (Err(e), Some((_, _, words)))
                if e.iter().any(|x| {
                    x.code == Code::Unsupported && x.message.contains(words)
                        || x.help.iter().any(|h| h.contains(words))
                }) => {}
            (r, _) => failures.push(format!("{stem} for {dialect}: got {r:?}")),
        }
    }
    if !queries.is_empty() {
        let results = engine_result(engine, run_engine(engine, &tables(), &queries))?;
        for ((id, got), (_, sql)) in results.iter().zip(&queries) {
            let (_, _, _, columns, rows) = cases.iter().find(|c| c.0 == id).unwrap();
            let want = QueryResult {
                columns: columns.iter().map(|c| c.to_string()).collect(),
                rows: rows.clone(),
            };
            failures.extend(super::hand_worked::differs(engine, id, got, &want, sql));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}
