//! The built-in KPI measures on a tiny fixture, on every engine, against rows worked out by
//! hand (below each queue's rows). A measure inlined wrong (a filter lost, an integer
//! division, a zero denominator) gives a different number here.

use super::common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::{json, Value};

const REPORT: &str = "\
report: kpis_by_queue
source: incoming_message_distributions
columns:
  - queue
  - offered
  - handled
  - abandoned
  - abandon_rate
  - service_level_20s
  - service_level_60s
  - avg_speed_of_answer
  - handle_time
  - avg_handle_time
  - transfers
  - transfer_rate
  - video_escalation_rate
order_by: [queue]
";

/// (queue, interaction_status, detailed_interaction_status, wait, exchange, post, transferred,
/// switched to video)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
    Option<i64>,
    bool,
    bool,
);

const ROWS: &[Row] = &[
    // Billing: offered 1, handled 0: every ratio over handled is NULL, not an error
    (
        "Billing",
        "canceled",
        "dissuaded",
        0,
        None,
        None,
        false,
        false,
    ),
    // Sales: offered 5, handled 3 (10 s, 30 s, 60 s), abandoned 1 -> 1/5; within 20 s: 1 ->
    // 1/5; within 60 s (inclusive): 3 -> 3/5; ASA (10+30+60)/3; handle time (100+200+50) +
    // (20+10) = 380 (a NULL post-interaction adds nothing), AHT 380/3; transfers 1 -> 1/3;
    // video 1 -> 1/3. The abandon after 45 s and the missed one count as offered only.
    (
        "Sales",
        "treated",
        "successfully completed",
        10,
        Some(100),
        Some(20),
        false,
        false,
    ),
    (
        "Sales",
        "treated",
        "accepted",
        30,
        Some(200),
        None,
        true,
        false,
    ),
    (
        "Sales",
        "treated",
        "processed",
        60,
        Some(50),
        Some(10),
        false,
        true,
    ),
    (
        "Sales",
        "dissuaded",
        "abandoned",
        45,
        None,
        None,
        false,
        false,
    ),
    ("Sales", "canceled", "missed", 5, None, None, false, false),
    // Support: offered 3, handled 1 (20 s: within 20 s, inclusive), abandoned 2 -> 2/3;
    // handle time 300 + 30; transfers 1 -> 1/1
    (
        "Support",
        "treated",
        "accepted",
        20,
        Some(300),
        Some(30),
        true,
        false,
    ),
    (
        "Support",
        "pending",
        "abandoned",
        90,
        None,
        None,
        false,
        false,
    ),
    (
        "Support",
        "pending",
        "abandoned",
        3,
        None,
        None,
        false,
        false,
    ),
];

fn expected() -> QueryResult {
    let third = 1.0 / 3.0;
    QueryResult {
        columns: REPORT
            .lines()
            .filter_map(|l| l.strip_prefix("  - "))
            .map(str::to_string)
            .collect(),
        rows: vec![
            vec![
                json!("Billing"),
                json!(1),
                json!(0),
                json!(0),
                json!(0.0),
                json!(0.0),
                json!(0.0),
                Value::Null,
                Value::Null,
                Value::Null,
                json!(0),
                Value::Null,
                Value::Null,
            ],
            vec![
                json!("Sales"),
                json!(5),
                json!(3),
                json!(1),
                json!(0.2),
                json!(0.2),
                json!(0.6),
                json!(100.0 / 3.0),
                json!(380),
                json!(380.0 / 3.0),
                json!(1),
                json!(third),
                json!(third),
            ],
            vec![
                json!("Support"),
                json!(3),
                json!(1),
                json!(2),
                json!(2.0 / 3.0),
                json!(third),
                json!(third),
                json!(20.0),
                json!(330),
                json!(330.0),
                json!(1),
                json!(1.0),
                json!(0.0),
            ],
        ],
    }
}

fn tables() -> Value {
    let col = |n: &str, t: &str| json!({"name": n, "type": t});
    json!([{
        "name": "incoming_message_distributions",
        "columns": [
            col("distribution_date", "timestamp"),
            col("queue", "text"),
            col("interaction_status", "text"),
            col("detailed_interaction_status", "text"),
            col("wait_time", "integer"),
            col("exchange_time", "integer"),
            col("post_interaction_time", "integer"),
            col("transferred", "boolean"),
            col("call_switched_to_video", "boolean"),
        ],
        "rows": ROWS.iter().map(|r| json!([
            "2026-04-14 09:00:00", r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7
        ])).collect::<Vec<_>>(),
    }])
}

/// The KPI report on `engine` (compiled for `dialect`) gives the hand-worked rows.
pub fn kpis_match_hand_worked_rows(engine: &str, dialect: &str) -> Result<(), Skipped> {
    let d = reportc::sql::dialect_by_name(dialect).unwrap();
    let file = SourceFile::new("kpis_by_queue.yaml", REPORT);
    let sql = reportc::compile_file(
        &file,
        InputFormat::Yaml,
        Catalog::builtin(),
        d,
        &SqlOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let results = engine_result(
        engine,
        run_engine(engine, &tables(), &[("kpis".to_string(), sql.clone())]),
    )?;
    let got = results[0]
        .1
        .as_ref()
        .unwrap_or_else(|e| panic!("{engine}: {e}\n{sql}"));
    let want = expected();
    assert_eq!(got.columns, want.columns, "{engine}");
    if let Some(diff) = compare(got, &want, true) {
        panic!("{engine}: the KPIs differ from the hand-worked rows: {diff}\n{sql}");
    }
    Ok(())
}
