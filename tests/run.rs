//! `reportc demo-data` and `reportc run`. The `run` tests need the embedded DuckDB
//! (`cargo test --features duckdb`); without the feature, `run` must say how to get it.
//! `harness = false` (libtest-mimic): the test that compares with the runner's DuckDB is
//! *ignored*, with the reason, when the runner cannot be reached, and fails under CI.

mod common;
#[cfg(feature = "duckdb")]
#[path = "run/connect_duckdb.rs"]
mod connect_duckdb;

use common::*;
use std::process::Command;

fn main() {
    let mut trials = vec![trial(
        "demo_data_writes_one_csv_per_table",
        demo_data_writes_one_csv_per_table,
    )];
    #[cfg(not(feature = "duckdb"))]
    trials.push(trial(
        "without_the_feature_it_says_how_to_build_it",
        without_the_feature_it_says_how_to_build_it,
    ));
    #[cfg(feature = "duckdb")]
    {
        use with_duckdb::*;
        trials.push(engine_trial(
            "embedded_duckdb_agrees_with_the_runner",
            embedded_duckdb_agrees_with_the_runner,
        ));
        trials.push(trial(
            "run_prints_a_table_csv_and_json",
            run_prints_a_table_csv_and_json,
        ));
        trials.push(trial(
            "run_on_a_csv_folder_matches_the_demo_data",
            run_on_a_csv_folder_matches_the_demo_data,
        ));
        trials.push(trial(
            "run_on_a_users_catalogue_and_data_gives_the_hand_worked_rows",
            run_on_a_users_catalogue_and_data_gives_the_hand_worked_rows,
        ));
        trials.push(trial(
            "bad_data_is_reported_all_at_once",
            bad_data_is_reported_all_at_once,
        ));
        trials.push(trial(
            "parquet_and_duckdb_demo_data_give_the_same_rows",
            parquet_and_duckdb_demo_data_give_the_same_rows,
        ));
        trials.push(trial(
            "engine_errors_are_diagnostics",
            engine_errors_are_diagnostics,
        ));
        trials.push(trial("run_transcripts", run_transcripts));
        trials.push(trial(
            "connect_duckdb_gives_the_rows_of_data",
            connect_duckdb::connect_duckdb_gives_the_rows_of_data,
        ));
        trials.push(trial(
            "connect_duckdb_timeout_and_unreadable_files",
            connect_duckdb::connect_duckdb_timeout_and_unreadable_files,
        ));
    }
    run_trials(trials)
}

fn reportc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
}

const AS_OF: &str = "2026-04-15T12:00:00";

/// Run `reportc` in the project root; it must succeed: its stdout.
fn succeed(args: &[&str]) -> String {
    let out = reportc().args(args).current_dir(root()).output().unwrap();
    assert!(
        out.status.success(),
        "reportc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `reportc ARGS` in the project root, without colour: its exit code, stdout and stderr as one
/// text, with `dir` (a temporary folder) replaced by `<DIR>`.
fn transcript(args: &[&str], dir: Option<&std::path::Path>) -> String {
    let out = reportc()
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let t = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    match dir {
        Some(d) => t.replace(&d.to_string_lossy().to_string(), "<DIR>"),
        None => t,
    }
}

fn demo_data_writes_one_csv_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let again = tempfile::tempdir().unwrap();
    for d in [dir.path(), again.path()] {
        let d = d.to_string_lossy();
        succeed(&[
            "demo-data",
            "--rows",
            "30",
            "--seed",
            "7",
            "--as-of",
            AS_OF,
            "--out",
            &d,
        ]);
    }
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

/// Without the embedded DuckDB, `run` and `demo-data --format parquet|duckdb` are usage
/// errors that say how to build it.
#[cfg(not(feature = "duckdb"))]
fn without_the_feature_it_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_string_lossy().to_string();
    for args in [
        vec!["run", "reports/whatsapp_abandons.yaml"],
        vec!["demo-data", "--format", "parquet", "--out", &out_dir],
        // `--connect duckdb:FILE` reads the file with the embedded engine's crate too (E0511)
        vec![
            "run",
            "reports/whatsapp_abandons.yaml",
            "--connect",
            "duckdb:/nonexistent/x.duckdb",
        ],
    ] {
        let out = reportc().args(&args).current_dir(root()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cargo build --release --features duckdb"),
            "{args:?}: {err}"
        );
    }
    insta::assert_snapshot!(
        "run_without_duckdb",
        transcript(&["run", "reports/whatsapp_abandons.yaml"], None)
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

    /// The embedded DuckDB returns the rows the runner's DuckDB (PyPI, with its ICU extension)
    /// returns, for every example and every conformance report, those with a report time zone
    /// included (the embedded engine's `timezone()` is reportc's own, through jiff).
    pub fn embedded_duckdb_agrees_with_the_runner() -> Result<(), Skipped> {
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
        let mut reports = examples();
        reports.extend(files_in("tests/conformance", &["yaml"]));
        let mut zoned = 0;
        for p in reports {
            let sql = compile(&p, d, &opts).unwrap();
            if std::fs::read_to_string(&p).unwrap().contains("timezone:") {
                zoned += 1;
            }
            match engine.query(&sql) {
                Ok(rs) => {
                    queries.push((stem(&p), sql));
                    embedded.push(QueryResult {
                        columns: rs.columns,
                        rows: rs.rows,
                    });
                }
                Err(e) => panic!("{} failed on the embedded DuckDB: {e}\n{sql}", stem(&p)),
            }
        }
        assert!(
            embedded.len() >= 60 && zoned >= 6,
            "{} reports, {zoned} zoned",
            embedded.len()
        );
        let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
            Catalog::builtin(),
            400,
            42,
            anchor(),
        ));
        let results = engine_result("duckdb", run_engine("duckdb", &tables, &queries))?;
        for ((id, r), mine) in results.iter().zip(&embedded) {
            let r = r.as_ref().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(r.columns, mine.columns, "{id}");
            assert_eq!(
                normalized(r),
                normalized(mine),
                "{id}: the embedded DuckDB differs from the runner's"
            );
        }
        Ok(())
    }

    pub fn run_prints_a_table_csv_and_json() {
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
    pub fn run_on_a_csv_folder_matches_the_demo_data() {
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

    const ACME: &[&str] = &[
        "--catalog",
        "tests/fixtures/custom_catalog.yaml",
        "--as-of",
        "2026-03-11T12:00:00",
        "--format",
        "csv",
    ];

    /// A user's catalogue (qualified table, physical names with capitals, a space and a
    /// reserved word, stored codes, milliseconds) and a user's CSV in the shapes other tools
    /// write (CRLF, `T` and offsets in timestamps, `95000.0`, `NULL`, `[a, b]` lists, an extra
    /// column): `run` prints exactly the rows worked out by hand in tests/reference/run.
    pub fn run_on_a_users_catalogue_and_data_gives_the_hand_worked_rows() {
        let mut args = vec![
            "run",
            "tests/fixtures/acme_daily_waits.yaml",
            "--data",
            "tests/fixtures/acme_data",
        ];
        args.extend(ACME);
        let expected =
            std::fs::read_to_string(root().join("tests/reference/run/acme_daily_waits.csv"))
                .unwrap();
        assert_eq!(succeed(&args), expected);
    }

    /// Every problem of a data folder is reported at once, as a diagnostic with its code in its
    /// file, with its row and column: a missing column (with a suggestion), a value that is
    /// not a timestamp, a broken list.
    pub fn bad_data_is_reported_all_at_once() {
        let out = reportc()
            .args([
                "run",
                "tests/fixtures/acme_daily_waits.yaml",
                "--data",
                "tests/fixtures/acme_bad",
            ])
            .args(ACME)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        for want in [
            "E0502",
            "E0503",
            "╭─[tests/fixtures/acme_bad/fact_chat.csv:3:1]",
            "`fact_chat.csv` has no column `wait_ms`",
            "did you mean `wait_msec`?",
            "`fact_chat.csv`, row 2, column `START_TS`: `yesterday` is not a timestamp",
            "`fact_chat.csv`, row 3, column `tags`:",
        ] {
            assert!(err.contains(want), "missing {want:?} in:\n{err}");
        }
        assert!(!err.contains("panicked"), "{err}");
    }

    /// `demo-data --format parquet` (the same bytes every time) and `--format duckdb` write
    /// data that `run --data` reads back to the rows of the built-in demo data.
    pub fn parquet_and_duckdb_demo_data_give_the_same_rows() {
        let dir = tempfile::tempdir().unwrap();
        let again = tempfile::tempdir().unwrap();
        for (d, format) in [
            (dir.path(), "parquet"),
            (dir.path(), "duckdb"),
            (again.path(), "parquet"),
        ] {
            let d = d.to_string_lossy();
            succeed(&[
                "demo-data",
                "--as-of",
                AS_OF,
                "--format",
                format,
                "--out",
                &d,
            ]);
        }
        for t in ["messages", "sms"] {
            let a = std::fs::read(dir.path().join(format!("{t}.parquet"))).unwrap();
            let b = std::fs::read(again.path().join(format!("{t}.parquet"))).unwrap();
            assert!(a == b, "{t}.parquet differs between two runs");
        }
        let report = "reports/hourly_incoming_load_paris.yaml";
        let run = |data: Option<std::path::PathBuf>| {
            let data = data.map(|d| d.to_string_lossy().to_string());
            let mut args = vec!["run", report, "--as-of", AS_OF, "--format", "csv"];
            if let Some(d) = &data {
                args.extend(["--data", d]);
            }
            succeed(&args)
        };
        let demo = run(None);
        assert!(demo.lines().count() > 3, "{demo}");
        assert_eq!(run(Some(dir.path().join("messaging.duckdb"))), demo);
        std::fs::remove_file(dir.path().join("messaging.duckdb")).unwrap();
        assert_eq!(run(Some(dir.path().to_path_buf())), demo);
    }

    /// An engine error is a diagnostic against the report, not a panic.
    pub fn engine_errors_are_diagnostics() {
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

    /// What a user sees when `run` succeeds, and when the data cannot be loaded: every
    /// problem, with its code, the data file it is in, and its row and column.
    pub fn run_transcripts() {
        let empty = tempfile::tempdir().unwrap();
        std::fs::write(empty.path().join("unrelated.csv"), "a\n1\n").unwrap();
        let empty_dir = empty.path().to_string_lossy().to_string();
        let mut bad = vec![
            "run",
            "tests/fixtures/acme_daily_waits.yaml",
            "--data",
            "tests/fixtures/acme_bad",
        ];
        bad.extend(ACME);
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "run_table",
                vec!["run", "reports/monthly_sms_credits.yaml", "--as-of", AS_OF],
            ),
            ("run_bad_data", bad),
            (
                "run_missing_data",
                vec![
                    "run",
                    "reports/monthly_sms_credits.yaml",
                    "--data",
                    "/nonexistent/x",
                ],
            ),
            (
                "run_no_tables",
                vec![
                    "run",
                    "reports/monthly_sms_credits.yaml",
                    "--data",
                    &empty_dir,
                ],
            ),
            (
                "run_invalid_report",
                vec!["run", "tests/bad/14_unknown_column_typo.yaml"],
            ),
        ];
        for (name, args) in cases {
            insta::assert_snapshot!(name, transcript(&args, Some(empty.path())));
        }
    }
}
