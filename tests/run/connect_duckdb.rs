//! `run --connect duckdb:FILE` (feature `duckdb`): the report on a DuckDB file itself,
//! read-only, gives the rows of `run --data FILE` for every example; the file is not written;
//! `--timeout` stops a slow query (E0514); a file that cannot be read is E0516.

use super::*;
use std::path::{Path, PathBuf};

/// `demo-data --format duckdb` into `dir`: the DuckDB file.
fn demo_file(dir: &Path) -> PathBuf {
    succeed(&[
        "demo-data",
        "--as-of",
        AS_OF,
        "--rows",
        "200",
        "--format",
        "duckdb",
        "--out",
        dir.to_str().unwrap(),
    ]);
    dir.join("messaging.duckdb")
}

/// `reportc run REPORT --as-of AS_OF` with `extra`: exit code, stdout, stderr.
fn run_report(report: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = reportc()
        .args(["run", report, "--as-of", AS_OF])
        .args(extra)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rows(json: &str) -> QueryResult {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
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
    QueryResult { columns, rows }
}

pub fn connect_duckdb_gives_the_rows_of_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    let before = std::fs::read(&file).unwrap();
    let path = file.to_str().unwrap();
    let url = format!("duckdb:{path}");
    let mut diffs = Vec::new();
    let reports = examples();
    for p in &reports {
        let report = p.to_str().unwrap();
        let (code, data, err) = run_report(report, &["--data", path, "--format", "json"]);
        assert_eq!(code, Some(0), "{}: --data: {err}", stem(p));
        let (code, conn, err) = run_report(report, &["--connect", &url, "--format", "json"]);
        assert_eq!(code, Some(0), "{}: --connect: {err}", stem(p));
        let (want, got) = (rows(&data), rows(&conn));
        assert_eq!(want.columns, got.columns, "{}", stem(p));
        if let Some(d) = compare(&want, &got, false) {
            diffs.push(format!("{}: {d}", stem(p)));
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
    assert!(reports.len() > 20, "{} examples", reports.len());
    // `duckdb:///abs/path` (the temp file's path is absolute) is the same file
    let report = "reports/monthly_sms_credits.yaml";
    let relative = run_report(report, &["--connect", &url, "--format", "csv"]);
    let absolute = run_report(
        report,
        &["--connect", &format!("duckdb://{path}"), "--format", "csv"],
    );
    assert_eq!(absolute.0, Some(0), "{}", absolute.2);
    assert_eq!(relative.1, absolute.1);
    assert!(relative.1.lines().count() > 1, "{}", relative.1);
    assert!(
        std::fs::read(&file).unwrap() == before,
        "the file was written"
    );
}

/// `sms` as a view that counts to ten billion first: `--timeout 1` interrupts it, E0514,
/// exit 1; a missing file is E0516 and is not created; so is a file that is not DuckDB's.
pub fn connect_duckdb_timeout_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo_file(dir.path());
    {
        let con = duckdb::Connection::open(&file).unwrap();
        con.execute_batch(
            "ALTER TABLE sms RENAME TO sms_real;
             CREATE VIEW sms AS SELECT s.* FROM sms_real s
               WHERE (SELECT count(*) FROM range(10000000000) r WHERE r.range % 7 = 3) > 0;",
        )
        .unwrap();
    }
    let url = format!("duckdb:{}", file.display());
    let start = std::time::Instant::now();
    let (code, out, err) = run_report(
        "reports/monthly_sms_credits.yaml",
        &["--connect", &url, "--timeout", "1"],
    );
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(err.contains("E0514"), "{err}");
    assert!(start.elapsed().as_secs_f64() < 6.0, "{err}");
    let missing = dir.path().join("missing.duckdb");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database\n".repeat(400)).unwrap();
    for p in [&missing, &text] {
        let url = format!("duckdb:{}", p.display());
        let (code, _, err) = run_report("reports/monthly_sms_credits.yaml", &["--connect", &url]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("E0516"), "{err}");
    }
    assert!(!missing.exists(), "a missing file was created");
}
