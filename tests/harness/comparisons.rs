//! Period comparisons (`previous`, `change`, `relative_change`) on every engine, against rows
//! worked out by hand beside each report: a week whose previous week has no rows (NULL, not
//! the week before it), the first shown week's previous value read from before the date
//! filter, a NULL group key matched with NULL, day buckets across the Europe/Paris spring DST
//! change (local midnights), and one year earlier: 29 February has no year-ago day, ISO weeks
//! are compared 52 weeks back. Windows (`rolling`, `running`): a 7-day window is 7 days at
//! both ends, reaches before the range, counts empty days as empty and averages rows; a
//! running total restarts at each ISO week across the DST change, and keeps NULL keys apart.

use super::common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::{Code, SourceFile};
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::{json, Value};

/// (report stem, dialect, words of the E0300 message).
pub const COMPARISON_REFUSALS: &[(&str, &str, &str)] = &[
    ("p02_paris_days_previous", "sqlite", "time zone"),
    ("w02_paris_running_by_week", "sqlite", "time zone"),
];

/// (stem, report, expected columns, expected rows).
type Case = (
    &'static str,
    &'static str,
    Vec<&'static str>,
    Vec<Vec<Value>>,
);

fn cases() -> Vec<Case> {
    let n = Value::Null;
    vec![
        (
            // ISO weeks 2026-03-09, -16, -23 are shown (the filter starts on Monday 9 March).
            // A: week 03-02 has 2 rows (waits 10, 20) before the filter, 03-09 one (30), 03-16
            // none, 03-23 one (40): 03-23's previous is NULL, not week 03-09's 1.
            // B: 03-16 two (5, 15), 03-23 one (25). NULL queue: 03-09 one (1), 03-16 one (2).
            // The row of 03-31 lies after the filter.
            "p01_weekly_previous",
            "report: p01_weekly_previous
source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - queue
  - offered: count()
  - previous_offered: previous(offered)
  - offered_change: change(offered)
  - offered_relative: relative_change(offered)
  - avg_wait: avg(wait_time)
  - previous_avg_wait: previous(avg(wait_time))
filters:
  - distribution_date >= 2026-03-09 and distribution_date < 2026-03-30
  - queue in ('A', 'B') or (queue is null and wait_time < 5s)
group_by: [week, queue]
order_by: [week, queue]
",
            vec![
                "week",
                "queue",
                "offered",
                "previous_offered",
                "offered_change",
                "offered_relative",
                "avg_wait",
                "previous_avg_wait",
            ],
            vec![
                vec![
                    json!("2026-03-09 00:00:00"),
                    json!("A"),
                    json!(1),
                    json!(2),
                    json!(-1),
                    json!(-0.5),
                    json!(30.0),
                    json!(15.0),
                ],
                vec![
                    json!("2026-03-09 00:00:00"),
                    n.clone(),
                    json!(1),
                    n.clone(),
                    n.clone(),
                    n.clone(),
                    json!(1.0),
                    n.clone(),
                ],
                vec![
                    json!("2026-03-16 00:00:00"),
                    json!("B"),
                    json!(2),
                    n.clone(),
                    n.clone(),
                    n.clone(),
                    json!(10.0),
                    n.clone(),
                ],
                vec![
                    json!("2026-03-16 00:00:00"),
                    n.clone(),
                    json!(1),
                    json!(1),
                    json!(0),
                    json!(0.0),
                    json!(2.0),
                    json!(1.0),
                ],
                vec![
                    json!("2026-03-23 00:00:00"),
                    json!("A"),
                    json!(1),
                    n.clone(),
                    n.clone(),
                    n.clone(),
                    json!(40.0),
                    n.clone(),
                ],
                vec![
                    json!("2026-03-23 00:00:00"),
                    json!("B"),
                    json!(1),
                    json!(2),
                    json!(-1),
                    json!(-0.5),
                    json!(25.0),
                    json!(10.0),
                ],
            ],
        ),
        (
            // Paris days 28-30 March 2026 (clocks go forward on the 29th). Local times of the
            // rows: 27th 23:30 (before the filter), 28th 00:30 (UTC: the 27th), 29th 23:30
            // (UTC 21:30), 30th 00:30 (UTC: the 29th) and 12:00.
            "p02_paris_days_previous",
            "report: p02_paris_days_previous
source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
  - previous_offered: previous(offered)
  - offered_change: change(offered)
filters:
  - distribution_date >= 2026-03-28 and distribution_date < 2026-03-31
  - queue = 'P'
group_by: [day]
order_by: [day]
",
            vec!["day", "offered", "previous_offered", "offered_change"],
            vec![
                vec![json!("2026-03-28 00:00:00"), json!(1), json!(1), json!(0)],
                vec![json!("2026-03-29 00:00:00"), json!(1), json!(1), json!(0)],
                vec![json!("2026-03-30 00:00:00"), json!(2), json!(1), json!(1)],
            ],
        ),
        (
            // One year earlier, day buckets: 2027-02-28 one row, 2027-03-01 three;
            // 2028-02-28 two, 2028-02-29 one (no year-ago day: NULL), 2028-03-01 one.
            "p03_year_ago_days",
            "report: p03_year_ago_days
source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - offered: count()
  - offered_year_ago: previous(offered, year)
  - offered_yoy: relative_change(offered, year)
filters:
  - distribution_date >= 2028-02-28 and distribution_date < 2028-03-02
  - queue = 'Y'
group_by: [day]
order_by: [day]
",
            vec!["day", "offered", "offered_year_ago", "offered_yoy"],
            vec![
                vec![json!("2028-02-28 00:00:00"), json!(2), json!(1), json!(1.0)],
                vec![json!("2028-02-29 00:00:00"), json!(1), n.clone(), n.clone()],
                vec![
                    json!("2028-03-01 00:00:00"),
                    json!(1),
                    json!(3),
                    json!(-2.0 / 3.0),
                ],
            ],
        ),
        (
            // One year earlier, ISO weeks: 52 weeks back. Week 2026-03-09 (one row) against
            // week 2025-03-10 (two rows); week 2026-03-16 (one row) against 2025-03-17 (none).
            "p04_year_ago_weeks",
            "report: p04_year_ago_weeks
source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - offered: count()
  - offered_year_ago: previous(offered, year)
filters:
  - distribution_date >= 2026-03-09 and distribution_date < 2026-03-23
  - queue = 'W'
group_by: [week]
order_by: [week]
",
            vec!["week", "offered", "offered_year_ago"],
            vec![
                vec![json!("2026-03-09 00:00:00"), json!(1), json!(2)],
                vec![json!("2026-03-16 00:00:00"), json!(1), n.clone()],
            ],
        ),
        (
            // 7-day windows by day. Shown days (the filter starts on 7 March): the 7th (wait
            // 20), the 8th (30, 40), the 14th (50). The window of the 7th is 1-7 March: 100 (the
            // 1st, before the filter), 10, 20; the row of 28 February is an 8th day and does not
            // count. The window of the 14th is 8-14 March (the 7th is out): 30, 40, 50. Days
            // 9-13 have no rows and count as empty. The average is over rows, not days.
            "w01_rolling_7_days",
            "report: w01_rolling_7_days
source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - avg_wait: avg(wait_time)
  - rolling_avg_wait: rolling(avg(wait_time), 7)
  - rolling_offered: rolling(count(), 7)
  - rolling_queues: rolling(count_distinct(queue), 7)
filters:
  - distribution_date >= 2026-03-07 and distribution_date < 2026-03-15
  - queue = 'R'
group_by: [day]
order_by: [day]
",
            vec![
                "day",
                "avg_wait",
                "rolling_avg_wait",
                "rolling_offered",
                "rolling_queues",
            ],
            vec![
                vec![
                    json!("2026-03-07 00:00:00"),
                    json!(20.0),
                    json!(130.0 / 3.0),
                    json!(3),
                    json!(1),
                ],
                vec![
                    json!("2026-03-08 00:00:00"),
                    json!(35.0),
                    json!(25.0),
                    json!(4),
                    json!(1),
                ],
                vec![
                    json!("2026-03-14 00:00:00"),
                    json!(50.0),
                    json!(40.0),
                    json!(3),
                    json!(1),
                ],
            ],
        ),
        (
            // Running count by Paris day, restarting each ISO week, across the spring DST
            // change (Sunday 29 March). Local times: Mon 23rd 00:30 (UTC: the 22nd), Wed 25th,
            // Sun 29th 23:30 (UTC 21:30), Mon 30th 00:30 (UTC: the 29th), Tue 31st. The row of
            // the 20th is before the filter: a running total starts with the range.
            "w02_paris_running_by_week",
            "report: w02_paris_running_by_week
source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
  - week_to_date: running(count(), week)
filters:
  - distribution_date >= 2026-03-20 and distribution_date < 2026-04-01
  - distribution_date >= 2026-03-23
  - queue = 'S'
group_by: [day]
order_by: [day]
",
            vec!["day", "offered", "week_to_date"],
            vec![
                vec![json!("2026-03-23 00:00:00"), json!(1), json!(1)],
                vec![json!("2026-03-25 00:00:00"), json!(1), json!(2)],
                vec![json!("2026-03-29 00:00:00"), json!(1), json!(3)],
                vec![json!("2026-03-30 00:00:00"), json!(1), json!(1)],
                vec![json!("2026-03-31 00:00:00"), json!(1), json!(2)],
            ],
        ),
        (
            // Running total since the start of the range, per queue (R and a NULL queue):
            // R: 7th 1, 8th 2 more, 14th 1 more; NULL: 8th 1, 14th none shown.
            "w03_running_per_queue",
            "report: w03_running_per_queue
source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - queue
  - total_wait: running(sum(wait_time))
filters:
  - distribution_date >= 2026-03-07 and distribution_date < 2026-03-15
  - queue = 'R' or (queue is null and wait_time = 7s)
group_by: [day, queue]
order_by: [day, queue]
",
            vec!["day", "queue", "total_wait"],
            vec![
                vec![json!("2026-03-07 00:00:00"), json!("R"), json!(20)],
                vec![json!("2026-03-08 00:00:00"), json!("R"), json!(90)],
                vec![json!("2026-03-08 00:00:00"), Value::Null, json!(7)],
                vec![json!("2026-03-14 00:00:00"), json!("R"), json!(140)],
            ],
        ),
    ]
}

fn tables() -> Value {
    let col = |n: &str, t: &str| json!({"name": n, "type": t});
    // (UTC time, queue, wait)
    let rows: &[(&str, Option<&str>, i64)] = &[
        ("2026-03-04 10:00:00", Some("A"), 10),
        ("2026-03-05 10:00:00", Some("A"), 20),
        ("2026-03-10 10:00:00", Some("A"), 30),
        ("2026-03-24 10:00:00", Some("A"), 40),
        ("2026-03-31 10:00:00", Some("A"), 99),
        ("2026-03-17 10:00:00", Some("B"), 5),
        ("2026-03-18 10:00:00", Some("B"), 15),
        ("2026-03-25 10:00:00", Some("B"), 25),
        ("2026-03-11 10:00:00", None, 1),
        ("2026-03-18 11:00:00", None, 2),
        ("2026-03-27 22:30:00", Some("P"), 1),
        ("2026-03-27 23:30:00", Some("P"), 1),
        ("2026-03-29 21:30:00", Some("P"), 1),
        ("2026-03-29 22:30:00", Some("P"), 1),
        ("2026-03-30 10:00:00", Some("P"), 1),
        ("2027-02-28 12:00:00", Some("Y"), 1),
        ("2027-03-01 12:00:00", Some("Y"), 1),
        ("2027-03-01 13:00:00", Some("Y"), 1),
        ("2027-03-01 14:00:00", Some("Y"), 1),
        ("2028-02-28 12:00:00", Some("Y"), 1),
        ("2028-02-28 13:00:00", Some("Y"), 1),
        ("2028-02-29 12:00:00", Some("Y"), 1),
        ("2028-03-01 12:00:00", Some("Y"), 1),
        ("2025-03-10 12:00:00", Some("W"), 1),
        ("2025-03-16 12:00:00", Some("W"), 1),
        ("2025-03-24 12:00:00", Some("W"), 1),
        ("2026-03-12 12:00:00", Some("W"), 1),
        ("2026-03-20 12:00:00", Some("W"), 1),
        ("2026-02-28 10:00:00", Some("R"), 1000),
        ("2026-03-01 10:00:00", Some("R"), 100),
        ("2026-03-02 10:00:00", Some("R"), 10),
        ("2026-03-07 10:00:00", Some("R"), 20),
        ("2026-03-08 10:00:00", Some("R"), 30),
        ("2026-03-08 11:00:00", Some("R"), 40),
        ("2026-03-14 10:00:00", Some("R"), 50),
        ("2026-03-08 12:00:00", None, 7),
        ("2026-03-20 10:00:00", Some("S"), 1),
        ("2026-03-22 23:30:00", Some("S"), 1),
        ("2026-03-25 10:00:00", Some("S"), 1),
        ("2026-03-29 21:30:00", Some("S"), 1),
        ("2026-03-29 22:30:00", Some("S"), 1),
        ("2026-03-31 10:00:00", Some("S"), 1),
    ];
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

/// Every comparison case on `engine` (compiled for `dialect`) gives its hand-worked rows, or
/// is refused where [`COMPARISON_REFUSALS`] says so.
pub fn comparison_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    let d = reportc::sql::dialect_by_name(dialect).unwrap();
    let mut failures = Vec::new();
    let mut queries = Vec::new();
    let cases = cases();
    for (stem, text, _, _) in &cases {
        let file = SourceFile::new(format!("{stem}.yaml"), *text);
        let refusal = COMPARISON_REFUSALS
            .iter()
            .find(|(s, x, _)| s == stem && *x == dialect);
        let compiled = reportc::compile_file(
            &file,
            InputFormat::Yaml,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
        );
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
            let (_, _, columns, rows) = cases.iter().find(|c| c.0 == id).unwrap();
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
