//! `reportc compile --check DIR`: committed SQL compared with what `compile --out DIR` would
//! write; equal gives exit 0, a difference a unified diff, a missing or extra file a line, and
//! exit 1.

mod common;

use common::transcript_in;

const A: &str = "report: a\nsource: sms\ncolumns: [origin]\n";
const B: &str = "from sms\nselect origin, credits\n";

#[test]
fn compile_check_compares_committed_sql() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("reports")).unwrap();
    std::fs::write(d.join("reports/a.yaml"), A).unwrap();
    std::fs::write(d.join("reports/b.rpt"), B).unwrap();
    let check = |dir: &str| transcript_in(d, &["compile", "reports", "--check", dir]);

    // the golden files written by --out are what --check expects
    let t = transcript_in(d, &["compile", "reports", "--out", "sql"]);
    assert!(t.starts_with("exit: Some(0)"), "{t}");
    assert_eq!(check("sql"), "exit: Some(0)\n--- stdout\n--- stderr\n");

    // a changed report, a deleted file and a stray one
    std::fs::write(
        d.join("reports/a.yaml"),
        A.replace("[origin]", "[origin, queue]"),
    )
    .unwrap();
    std::fs::remove_file(d.join("sql/b.sql")).unwrap();
    std::fs::write(d.join("sql/old.sql"), "SELECT 1;\n").unwrap();
    let t = check("sql");
    insta::assert_snapshot!("compile_check_differs", t);
    // nothing was written
    assert!(!d.join("sql/b.sql").exists());

    // a folder that does not exist: every file is missing
    let t = check("nowhere");
    assert!(t.starts_with("exit: Some(1)"), "{t}");
    assert!(
        t.contains("nowhere/a.sql: missing") && t.contains("nowhere/b.sql: missing"),
        "{t}"
    );

    // a report that does not compile: its diagnostics, and no comparison
    std::fs::write(d.join("reports/a.yaml"), "source: sms\ncolumns: [nope]\n").unwrap();
    let t = check("sql");
    assert!(t.starts_with("exit: Some(1)"), "{t}");
    assert!(
        t.contains("E0201") && t.contains("were not compared"),
        "{t}"
    );
    assert!(!t.contains("+++"), "{t}");

    // --check and --out together are refused
    let t = transcript_in(d, &["compile", "reports", "--check", "sql", "--out", "sql"]);
    assert!(t.starts_with("exit: Some(2)"), "{t}");
}

/// `--format json --check`: stdout is the one JSON document; the diff goes to stderr.
#[test]
fn compile_check_with_json_keeps_stdout_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("reports")).unwrap();
    std::fs::write(d.join("reports/a.yaml"), A).unwrap();
    let t = transcript_in(d, &["compile", "reports", "--out", "sql"]);
    assert!(t.starts_with("exit: Some(0)"), "{t}");
    std::fs::write(d.join("sql/a.sql"), "SELECT 1;\n").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(["compile", "reports", "--check", "sql", "--format", "json"])
        .current_dir(d)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&o.stdout)
        )
    });
    assert_eq!(doc["files"], 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("-SELECT 1;") && err.contains("differ"),
        "{err}"
    );
}
