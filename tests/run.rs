//! `reportc demo-data` and `reportc run`. The `run` tests need the embedded DuckDB
//! (`cargo test --features duckdb`); without the feature, `run` must say how to get it.

mod common;

use common::*;
use std::process::Command;

fn reportc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
}

const AS_OF: &str = "2026-04-15T12:00:00";

#[test]
fn demo_data_writes_one_csv_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = reportc()
        .args([
            "demo-data",
            "--rows",
            "30",
            "--seed",
            "7",
            "--as-of",
            AS_OF,
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "incoming_message_distributions.csv",
            "messages.csv",
            "outgoing_message_distributions.csv",
            "sms.csv"
        ]
    );
    let text = std::fs::read_to_string(dir.path().join("sms.csv")).unwrap();
    let rows = reportc::demo::parse_csv(&text).unwrap();
    assert_eq!(rows.len(), 31);
    assert_eq!(rows[0][0].as_deref(), Some("sms_id"));
    // deterministic: the same arguments give the same bytes
    let again = tempfile::tempdir().unwrap();
    let out = reportc()
        .args([
            "demo-data",
            "--rows",
            "30",
            "--seed",
            "7",
            "--as-of",
            AS_OF,
            "--out",
        ])
        .arg(again.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(again.path().join("sms.csv")).unwrap(),
        text
    );
    // a bad --as-of is a usage error
    let out = reportc()
        .args(["demo-data", "--as-of", "yesterday", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(not(feature = "duckdb"))]
#[test]
fn run_without_the_feature_says_how_to_build_it() {
    let out = reportc()
        .args(["run", "reports/whatsapp_abandons.yaml"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cargo build --release --features duckdb"),
        "{err}"
    );
}

#[cfg(feature = "duckdb")]
mod with_duckdb {
    use super::*;
    use reportc::catalog::Catalog;
    use reportc::run::{Data, Engine};
    use reportc::sql::SqlOptions;

    fn anchor() -> jiff::civil::DateTime {
        jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0)
    }

    /// The embedded DuckDB returns the rows the runner's DuckDB (PyPI) returns, for every
    /// example; reports with a time zone need DuckDB's ICU extension, which the bundled build
    /// lacks: they fail with DuckDB's message unless ICU could be loaded.
    #[test]
    fn embedded_duckdb_agrees_with_the_runner() {
        let d = reportc::sql::dialect_by_name("duckdb").unwrap();
        let opts = SqlOptions {
            as_of: Some(anchor()),
        };
        let data = Data::Demo {
            rows: 400,
            seed: 42,
            anchor: anchor(),
        };
        let engine = Engine::open(&data, Catalog::builtin(), false).unwrap();
        let mut queries = Vec::new();
        let mut embedded = Vec::new();
        for p in examples() {
            let sql = compile(&p, d, &opts).unwrap();
            let text = std::fs::read_to_string(&p).unwrap();
            match engine.query(&sql) {
                Ok(rs) => {
                    queries.push((stem(&p), sql));
                    embedded.push(QueryResult {
                        columns: rs.columns,
                        rows: rs.rows,
                    });
                }
                Err(e) if text.contains("timezone:") => {
                    eprintln!("{}: needs ICU: {e}", stem(&p));
                }
                Err(e) => panic!("{} failed on the embedded DuckDB: {e}\n{sql}", stem(&p)),
            }
        }
        assert!(embedded.len() >= 10);
        let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
            Catalog::builtin(),
            400,
            42,
            anchor(),
        ));
        let Some(results) = engine_or_skip("duckdb", run_engine("duckdb", &tables, &queries))
        else {
            return;
        };
        for ((id, r), mine) in results.iter().zip(&embedded) {
            let r = r.as_ref().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(r.columns, mine.columns, "{id}");
            assert_eq!(
                normalized(r),
                normalized(mine),
                "{id}: the embedded DuckDB differs from the runner's"
            );
        }
    }

    #[test]
    fn run_prints_a_table_csv_and_json() {
        let base = ["run", "reports/monthly_sms_credits.yaml", "--as-of", AS_OF];
        let table = reportc().args(base).current_dir(root()).output().unwrap();
        assert!(
            table.status.success(),
            "{}",
            String::from_utf8_lossy(&table.stderr)
        );
        let t = String::from_utf8(table.stdout).unwrap();
        assert!(t.contains("-+-") && t.trim_end().ends_with("rows)"), "{t}");
        let csv = reportc()
            .args(base)
            .args(["--format", "csv"])
            .current_dir(root())
            .output()
            .unwrap();
        assert!(csv.status.success());
        let rows = reportc::demo::parse_csv(&String::from_utf8(csv.stdout).unwrap()).unwrap();
        assert!(rows.len() > 1);
        let json = reportc()
            .args(base)
            .args(["--format", "json"])
            .current_dir(root())
            .output()
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(doc["rows"].as_array().unwrap().len(), rows.len() - 1);
    }

    /// `--data DIR` with the files `demo-data` writes gives what the built-in demo data gives.
    #[test]
    fn run_on_a_csv_folder_matches_the_demo_data() {
        let dir = tempfile::tempdir().unwrap();
        let out = reportc()
            .args(["demo-data", "--as-of", AS_OF, "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        for report in [
            "reports/sms_to_customer_listing.yaml",
            "reports/chatbot_checkpoint_funnel.yaml",
            "reports/weekly_queue_service_level.yaml",
        ] {
            let a = reportc()
                .args(["run", report, "--as-of", AS_OF, "--format", "csv"])
                .current_dir(root())
                .output()
                .unwrap();
            let b = reportc()
                .args(["run", report, "--as-of", AS_OF, "--format", "csv", "--data"])
                .arg(dir.path())
                .current_dir(root())
                .output()
                .unwrap();
            assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
            assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
            // the same rows; ties of a partial ORDER BY may come in any order
            let lines = |o: &[u8]| {
                let mut v: Vec<String> = String::from_utf8_lossy(o)
                    .lines()
                    .map(String::from)
                    .collect();
                v.sort();
                v
            };
            assert_eq!(lines(&a.stdout), lines(&b.stdout), "{report}");
        }
    }

    /// An engine error is a diagnostic against the report, not a panic.
    #[test]
    fn engine_errors_are_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        // a folder with only the sms table: a report on messages cannot run
        let out = reportc()
            .args(["demo-data", "--rows", "5", "--as-of", AS_OF, "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        std::fs::remove_file(dir.path().join("messages.csv")).unwrap();
        let out = reportc()
            .args([
                "run",
                "reports/chatbot_checkpoint_funnel.yaml",
                "--as-of",
                AS_OF,
                "--data",
            ])
            .arg(dir.path())
            .current_dir(root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("E0500") && err.contains("DuckDB could not run"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        // a missing --data path is a usage error
        let out = reportc()
            .args([
                "run",
                "reports/chatbot_checkpoint_funnel.yaml",
                "--data",
                "/nonexistent/x",
            ])
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
}
