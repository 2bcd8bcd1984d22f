//! `reportc run --connect URL`: the example reports on the running PostgreSQL and MariaDB
//! (`scripts/engines.sh start`; `.ci/run` starts them) and on a SQLite file (no server),
//! loaded with `demo-data --format sql`, give the same rows as the runner's DuckDB on the
//! same demo data (the embedded engine needs the `duckdb` feature; tests/run.rs pins it to
//! the runner's rows, and tests `duckdb:FILE`); and no message shows a password. Needs the
//! cargo feature `connect` (`cargo test --features connect --test connect`); without it,
//! `--connect` must say how to build it. `harness = false`: a test whose server (or the
//! runner) cannot be reached is *ignored*, with the reason, and fails under CI.
//!
//! | file | tests |
//! |---|---|
//! | `main.rs` | URLs, `-d`, a build without the clients |
//! | `compare.rs` | (shared) the demo data as SQL, `run --connect`'s rows, the comparison |
//! | `servers.rs` | PostgreSQL and MariaDB |
//! | `sqlite.rs` | SQLite files |

#[path = "../common/mod.rs"]
mod common;
#[cfg(any(all(feature = "postgres", feature = "mysql"), feature = "sqlite"))]
mod compare;
#[cfg(all(feature = "postgres", feature = "mysql"))]
mod servers;
#[cfg(feature = "sqlite")]
mod sqlite;

use common::*;
use std::process::{Command, Output};

fn main() {
    let mut trials = vec![
        trial("bad_urls_are_refused_without_the_password", bad_urls),
        trial("a_dialect_that_disagrees_is_refused", dialect_disagrees),
    ];
    #[cfg(not(all(feature = "postgres", feature = "sqlite")))]
    trials.push(trial(
        "without_the_feature_it_says_how_to_build_it",
        without_the_feature,
    ));
    #[cfg(feature = "sqlite")]
    {
        use sqlite::*;
        trials.push(engine_trial(
            "sqlite_gives_the_runners_duckdb_rows",
            sqlite_gives_the_runners_duckdb_rows,
        ));
        trials.push(trial(
            "sqlite_urls_relative_and_absolute",
            sqlite_urls_relative_and_absolute,
        ));
        trials.push(trial(
            "sqlite_timeout_stops_a_slow_query",
            sqlite_timeout_stops_a_slow_query,
        ));
        trials.push(trial(
            "sqlite_file_that_cannot_be_read_is_e0516",
            sqlite_file_that_cannot_be_read_is_e0516,
        ));
    }
    #[cfg(all(feature = "postgres", feature = "mysql"))]
    {
        use servers::*;
        trials.push(engine_trial(
            "postgres_gives_the_runners_duckdb_rows",
            postgres_gives_the_runners_duckdb_rows,
        ));
        trials.push(engine_trial(
            "mariadb_gives_the_runners_duckdb_rows",
            mariadb_gives_the_runners_duckdb_rows,
        ));
        trials.push(engine_trial(
            "the_statement_timeout_stops_a_slow_query",
            the_statement_timeout_stops_a_slow_query,
        ));
        trials.push(engine_trial(
            "connection_and_query_errors_hide_the_password",
            errors_hide_the_password,
        ));
    }
    run_trials(trials)
}

#[cfg(any(all(feature = "postgres", feature = "mysql"), feature = "sqlite"))]
const AS_OF: &str = "2026-03-01T12:00:00";
const SECRET: &str = "Hunter2-s3cr3t";

fn reportc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("reportc runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn bad_urls() {
    for (url, code) in [
        (format!("oracle://ann:{SECRET}@h/dw"), "E0510"),
        (format!("postgres://ann:{SECRET}@h:70000/dw"), "E0510"),
        (format!("postgres:ann:{SECRET}@h"), "E0510"),
        // the client checks its parameters: a build without it says it has none
        (
            format!("mysql://ann:{SECRET}@h/dw?ssl=1"),
            if cfg!(feature = "mysql") {
                "E0510"
            } else {
                "E0511"
            },
        ),
    ] {
        let o = reportc(&["run", "reports/monthly_sms_credits.yaml", "--connect", &url]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{url}: {t}");
        assert!(t.contains(code), "{url}: {t}");
        assert!(!t.contains(SECRET), "{url}: the password is shown: {t}");
    }
}

fn dialect_disagrees() {
    let o = reportc(&[
        "run",
        "reports/monthly_sms_credits.yaml",
        "--connect",
        &format!("mysql://ann:{SECRET}@127.0.0.1:1/dw"),
        "-d",
        "postgres",
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("E0515") && t.contains("mysql"), "{t}");
    assert!(!t.contains(SECRET), "{t}");
}

/// A build without a client: E0511, naming the feature to build with.
#[cfg(not(all(feature = "postgres", feature = "sqlite")))]
fn without_the_feature() {
    let mut cases = Vec::new();
    if !cfg!(feature = "postgres") {
        cases.push((
            format!("postgres://ann:{SECRET}@127.0.0.1:1/dw"),
            "postgres",
        ));
    }
    if !cfg!(feature = "sqlite") {
        cases.push(("sqlite:/nonexistent/demo.db".to_string(), "sqlite"));
    }
    for (url, feature) in cases {
        let o = reportc(&["run", "reports/monthly_sms_credits.yaml", "--connect", &url]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(
            t.contains("E0511") && t.contains(&format!("--features {feature}")),
            "{t}"
        );
        assert!(!t.contains(SECRET), "{t}");
    }
}
