//! The command line as a user and a CI pipeline see it: exit codes, stdin, --out, JSON,
//! a user's own catalogue.

mod common;

use common::root;
use std::process::{Command, Output, Stdio};

fn reportc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn compile_prints_sql_and_exits_0() {
    let out = reportc(&[
        "compile",
        "reports/whatsapp_abandons.yaml",
        "--dialect",
        "bigquery",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sql = text(&out.stdout);
    assert!(sql.starts_with("SELECT\n") && sql.ends_with(";\n"), "{sql}");
    assert!(sql.contains("DATETIME_TRUNC"));
}

#[test]
fn exit_codes() {
    assert_eq!(
        reportc(&["compile", "tests/bad/14_unknown_column_typo.yaml"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        reportc(&["compile", "reports/whatsapp_abandons.yaml", "-d", "db2"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        reportc(&["compile", "no/such/file.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(reportc(&["check", "reports"]).status.code(), Some(0));
    assert_eq!(reportc(&["check", "tests/bad"]).status.code(), Some(1));
    assert_eq!(reportc(&["explain", "E9999"]).status.code(), Some(2));
    assert_eq!(reportc(&["catalog", "smss"]).status.code(), Some(1));
}

#[test]
fn diagnostics_name_file_line_and_column() {
    let out = reportc(&["check", "tests/bad/14_unknown_column_typo.yaml"]);
    let err = text(&out.stderr);
    assert!(
        err.contains("tests/bad/14_unknown_column_typo.yaml:7:19"),
        "{err}"
    );
    assert!(err.contains("did you mean `wait_time`?"), "{err}");
    assert!(!err.contains('\u{1b}'), "NO_COLOR output has colour codes");
}

#[test]
fn check_json_for_ci() {
    let out = reportc(&["check", "tests/bad", "--format", "json", "-d", "bigquery"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_u64().unwrap();
    assert_eq!(
        v["invalid"].as_u64().unwrap(),
        files,
        "every bad report is invalid for BigQuery"
    );
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.len() as u64 > files);
    for d in diags {
        assert!(d["code"].as_str().unwrap().starts_with('E'));
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
    }
    // deterministic
    let again = reportc(&["check", "tests/bad", "--format", "json", "-d", "bigquery"]);
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn stdin_is_a_report() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(["compile", "-", "-d", "duckdb"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"source: sms\ncolumns: [origin, {n: count()}]\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("COUNT(*) AS n"));
}

#[test]
fn out_writes_one_file_per_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = reportc(&["compile", "reports", "-d", "snowflake", "--out", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), common::examples().len(), "{names:?}");
    assert!(
        names.iter().all(|n| n.ends_with(".sql")),
        "temporary files left: {names:?}"
    );
    assert!(
        names.contains(&"whatsapp_abandons_by_queue.sql".to_string()),
        "named after `report:`"
    );
}

#[test]
fn a_users_own_catalogue() {
    let out = reportc(&[
        "compile",
        "tests/fixtures/custom_report.yaml",
        "--catalog",
        "tests/fixtures/custom_catalog.yaml",
        "-d",
        "snowflake",
        "--as-of",
        "2026-03-10T15:00:00",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("custom_catalog_snowflake", text(&out.stdout));
    let out = reportc(&[
        "catalog",
        "chats",
        "--catalog",
        "tests/fixtures/custom_catalog.yaml",
    ]);
    let listing = text(&out.stdout);
    assert!(listing.contains("'WhatsApp' (stored as 'wa')"), "{listing}");
}
