//! `top` on every engine against rows worked out by hand: ties exactly at the N boundary
//! (broken by the ranked key ascending, NULL last), a NULL group inside the top and one in the
//! rest, averages rebuilt from sums and counts (the rest's average is over all its rows, not
//! the average of its groups' averages), min/max, shares, a rest label holding a quote, and
//! ranking within each week (`per`) with a tie there too.

use super::common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::{json, Value};

/// (distribution date, queue, exchange time)
const ROWS: &[(&str, Option<&str>, Option<i64>)] = &[
    // week of 2026-04-13
    ("2026-04-14 09:00:00", Some("A"), Some(10)),
    ("2026-04-14 10:00:00", Some("A"), Some(20)),
    ("2026-04-15 09:00:00", Some("A"), Some(30)),
    ("2026-04-15 10:00:00", Some("B"), Some(5)),
    ("2026-04-16 09:00:00", Some("C"), Some(40)),
    ("2026-04-16 10:00:00", Some("C"), Some(50)),
    ("2026-04-17 09:00:00", None, Some(1)),
    ("2026-04-19 23:00:00", None, Some(2)),
    // week of 2026-04-20
    ("2026-04-20 00:00:00", Some("B"), None),
    ("2026-04-21 09:00:00", Some("D"), Some(100)),
];

const OVERALL: &str = "report: top_rest
source: incoming_message_distributions
columns:
  - queue
  - offered: count()
  - talk: sum(exchange_time)
  - avg_talk: avg(exchange_time)
  - shortest: min(exchange_time)
  - longest: max(exchange_time)
  - of_all: share(count())
";

/// The cases: (id, report, expected rows).
fn cases() -> Vec<(&'static str, String, Vec<Vec<Value>>)> {
    let n = Value::Null;
    // over both weeks: A 3 rows (10, 20, 30); B, C and the NULL queue 2 rows each (a tie);
    // D 1 row. 10 rows in all.
    let a = vec![
        json!("A"),
        json!(3),
        json!(60),
        json!(20.0),
        json!(10),
        json!(30),
        json!(0.3),
    ];
    let b = vec![
        json!("B"),
        json!(2),
        json!(5),
        json!(5.0),
        json!(5),
        json!(5),
        json!(0.2),
    ];
    vec![
        (
            // n = 2: the tie B/C/NULL at the boundary keeps B (keys ascending); the rest is
            // C, NULL and D: 5 rows, talk 40 + 50 + 1 + 2 + 100 = 193, average 193 / 5 (not
            // the average of the groups' averages, (45 + 1.5 + 100) / 3)
            "two",
            format!("{OVERALL}top:\n  n: 2\n  by: offered\n"),
            vec![
                a.clone(),
                b.clone(),
                vec![
                    json!("Other"),
                    json!(5),
                    json!(193),
                    json!(38.6),
                    json!(1),
                    json!(100),
                    json!(0.5),
                ],
            ],
        ),
        (
            // n = 4: the NULL queue is shown (rank 4, after C), D alone is the rest
            "four",
            format!("{OVERALL}top:\n  n: 4\n  by: offered\n  rest: the rest's\n"),
            vec![
                a,
                b,
                vec![
                    json!("C"),
                    json!(2),
                    json!(90),
                    json!(45.0),
                    json!(40),
                    json!(50),
                    json!(0.2),
                ],
                vec![
                    n.clone(),
                    json!(2),
                    json!(3),
                    json!(1.5),
                    json!(1),
                    json!(2),
                    json!(0.2),
                ],
                vec![
                    json!("the rest's"),
                    json!(1),
                    json!(100),
                    json!(100.0),
                    json!(100),
                    json!(100),
                    json!(0.1),
                ],
            ],
        ),
        (
            // the top 1 per week: week 1 A (3 of 8 rows), the rest B, C, NULL (5 rows, talk
            // 5 + 40 + 50 + 1 + 2 = 98); week 2 ties B and D at 1 row: B is shown (its
            // average is NULL: no exchange time), D is the rest
            "per_week",
            "report: top_rest_per_week
source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - queue
  - offered: count()
  - avg_talk: avg(exchange_time)
  - of_week: share(count(), week)
order_by: [week desc]
top: {n: 1, by: offered, per: [week], rest: Other}
"
            .to_string(),
            vec![
                vec![
                    json!("2026-04-20 00:00:00"),
                    json!("B"),
                    json!(1),
                    n.clone(),
                    json!(0.5),
                ],
                vec![
                    json!("2026-04-20 00:00:00"),
                    json!("Other"),
                    json!(1),
                    json!(100.0),
                    json!(0.5),
                ],
                vec![
                    json!("2026-04-13 00:00:00"),
                    json!("A"),
                    json!(3),
                    json!(20.0),
                    json!(0.375),
                ],
                vec![
                    json!("2026-04-13 00:00:00"),
                    json!("Other"),
                    json!(5),
                    json!(19.6),
                    json!(0.625),
                ],
            ],
        ),
    ]
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

fn columns(report: &str) -> Vec<String> {
    let cols = report.split("columns:\n").nth(1).unwrap_or("");
    cols.lines()
        .take_while(|l| l.starts_with("  - "))
        .map(|l| {
            let item = &l[4..];
            item.split(':').next().unwrap_or(item).trim().to_string()
        })
        .collect()
}

/// Each top report on `engine` (compiled for `dialect`) gives the hand-worked rows, in order.
pub fn top_rest_matches_hand_worked_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    let d = reportc::sql::dialect_by_name(dialect).unwrap();
    let cases = cases();
    let mut queries = Vec::new();
    for (id, report, _) in &cases {
        let file = SourceFile::new("top_rest.yaml", report.clone());
        let sql = reportc::compile_file(
            &file,
            InputFormat::Yaml,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{id}: {e:?}"));
        queries.push((id.to_string(), sql));
    }
    let results = engine_result(engine, run_engine(engine, &tables(), &queries))?;
    for ((id, r), (_, report, rows)) in results.iter().zip(&cases) {
        let sql = &queries.iter().find(|q| &q.0 == id).unwrap().1;
        let got = r
            .as_ref()
            .unwrap_or_else(|e| panic!("{engine}: {e}\n{sql}"));
        let want = QueryResult {
            columns: columns(report),
            rows: rows.clone(),
        };
        if let Some(diff) = compare(got, &want, true) {
            panic!("{engine} ({id}): the top rows differ from the hand-worked rows: {diff}\n{sql}");
        }
    }
    Ok(())
}
