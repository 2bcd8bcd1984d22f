//! The command line as a user and a CI pipeline see it: exit codes, stdin, --out, JSON,
//! a user's own catalogue (a project's config, threads and lint levels: `project.rs`; what
//! `compile` prints for a pipeline: `compile_output.rs`).

mod common;

use common::{reportc, root, text, transcript};
use std::process::{Command, Stdio};

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
        let code = d["code"].as_str().unwrap();
        let severity = if code.starts_with('W') {
            "warning"
        } else {
            "error"
        };
        assert_eq!(d["severity"].as_str(), Some(severity), "{code}");
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
    // the YAML examples: each `.rpt` twin has the same `report:` name, so `compile reports
    // --out` refuses each pair (E0010, tests/hostile/writes.rs)
    // (Snowflake refuses the examples following links: no vendor fact for its joins yet)
    let examples: Vec<_> = common::examples()
        .into_iter()
        .filter(|p| !std::fs::read_to_string(p).unwrap().contains("message."))
        .collect();
    let mut args = vec!["compile", "-d", "snowflake", "--out", d];
    args.extend(examples.iter().map(|p| p.to_str().unwrap()));
    let out = reportc(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), examples.len(), "{names:?}");
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

// ---- the command line's exact output: exit code, stdout and stderr ---------------------------
//
// Each case pins what a user sees, byte for byte (temporary folders shown as `<DIR>`). Outputs
// that another module owns (SQL, the capability matrix, the catalogue page) are compared with
// that module's own function instead, so the snapshots here hold only what the CLI adds.

/// The cases whose whole transcript is a snapshot.
#[test]
fn transcripts() {
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        ("help", &["--help"], None),
        ("help_compile", &["compile", "--help"], None),
        ("help_check", &["check", "--help"], None),
        ("help_catalog", &["catalog", "--help"], None),
        ("help_convert", &["convert", "--help"], None),
        ("help_fmt", &["fmt", "--help"], None),
        ("help_dialects", &["dialects", "--help"], None),
        ("help_explain", &["explain", "--help"], None),
        ("help_demo_data", &["demo-data", "--help"], None),
        ("help_run", &["run", "--help"], None),
        ("no_command", &[], None),
        (
            "check_bad_format",
            &["check", "reports", "--format", "markdown"],
            None,
        ),
        (
            "compile_invalid",
            &["compile", "tests/bad/14_unknown_column_typo.yaml"],
            None,
        ),
        (
            "compile_invalid_json",
            &[
                "compile",
                "tests/bad/14_unknown_column_typo.yaml",
                "reports/whatsapp_abandons.yaml",
                "tests/bad/15_enum_value_typo.yaml",
                "--format",
                "json",
                "--out",
                "/nonexistent/never/written",
            ],
            None,
        ),
        (
            "compile_unknown_dialect",
            &["compile", "reports/whatsapp_abandons.yaml", "-d", "db2"],
            None,
        ),
        (
            "compile_missing_file",
            &["compile", "no/such/file.yaml"],
            None,
        ),
        ("compile_not_a_report", &["compile", "Cargo.toml"], None),
        (
            "compile_bad_as_of",
            &[
                "compile",
                "reports/whatsapp_abandons.yaml",
                "--as-of",
                "yesterday",
            ],
            None,
        ),
        (
            "compile_bad_catalog",
            &[
                "compile",
                "reports/whatsapp_abandons.yaml",
                "--catalog",
                "tests/bad_catalogs/01_typos.yaml",
            ],
            None,
        ),
        (
            "compile_bad_catalog_json",
            &[
                "compile",
                "reports/whatsapp_abandons.yaml",
                "--catalog",
                "tests/bad_catalogs/01_typos.yaml",
                "--format",
                "json",
            ],
            None,
        ),
        (
            "compile_missing_catalog",
            &[
                "compile",
                "reports/whatsapp_abandons.yaml",
                "--catalog",
                "no/such/catalog.yaml",
            ],
            None,
        ),
        ("check_reports", &["check", "reports"], None),
        (
            "check_one_valid",
            &["check", "reports/whatsapp_abandons.yaml"],
            None,
        ),
        (
            "check_bad_bigquery",
            &[
                "check",
                "tests/bad/14_unknown_column_typo.yaml",
                "tests/bad/34_percentile_bigquery.yaml",
                "-d",
                "bigquery",
            ],
            None,
        ),
        (
            "check_json",
            &[
                "check",
                "reports/whatsapp_abandons.yaml",
                "tests/bad/38_several_errors_sms.yaml",
                "tests/bad/34_percentile_bigquery.yaml",
                "-d",
                "bigquery",
                "--format",
                "json",
            ],
            None,
        ),
        (
            "check_stdin",
            &["check", "-"],
            Some("source: sms\ncolumns: [orign]\n"),
        ),
        ("check_missing", &["check", "reports", "no/such"], None),
        (
            "check_unknown_dialect",
            &["check", "reports", "-d", "db2", "--format", "json"],
            None,
        ),
        ("catalog", &["catalog"], None),
        ("catalog_json", &["catalog", "--format", "json"], None),
        ("catalog_sms", &["catalog", "sms"], None),
        (
            "catalog_sms_json",
            &["catalog", "sms", "--format", "json"],
            None,
        ),
        ("catalog_unknown_source", &["catalog", "smss"], None),
        (
            "catalog_custom",
            &["catalog", "--catalog", "tests/fixtures/custom_catalog.yaml"],
            None,
        ),
        (
            "catalog_custom_source",
            &[
                "catalog",
                "chats",
                "--catalog",
                "tests/fixtures/custom_catalog.yaml",
            ],
            None,
        ),
        (
            "catalog_bad_json",
            &[
                "catalog",
                "--catalog",
                "tests/bad_catalogs/02_enum_codes.yaml",
                "--format",
                "json",
            ],
            None,
        ),
        ("dialects_json", &["dialects", "--format", "json"], None),
        ("explain", &["explain", "E0202"], None),
        ("explain_lowercase", &["explain", "e0500"], None),
        ("explain_unknown", &["explain", "E9999"], None),
        (
            "convert_to_dsl",
            &["convert", "reports/whatsapp_abandons.yaml", "--to", "dsl"],
            None,
        ),
        (
            "convert_to_yaml",
            &["convert", "reports/whatsapp_abandons.rpt", "--to", "yaml"],
            None,
        ),
        (
            "convert_not_a_report",
            &["convert", "Cargo.toml", "--to", "dsl"],
            None,
        ),
        (
            "convert_missing",
            &["convert", "no/such.yaml", "--to", "dsl"],
            None,
        ),
        (
            "convert_invalid",
            &[
                "convert",
                "tests/bad/09_incomplete_comparison.yaml",
                "--to",
                "dsl",
            ],
            None,
        ),
        (
            "convert_stdin",
            &["convert", "-", "--to", "dsl"],
            Some("source: sms\ncolumns:   [origin]\n"),
        ),
        (
            "fmt_stdin",
            &["fmt", "-"],
            Some("source:   sms\ncolumns: [origin, {n: count()}]   # kept\n"),
        ),
        (
            "fmt_stdin_invalid",
            &["fmt", "-", "--check"],
            Some("source: sms\ncolumns: [origin,\n"),
        ),
        ("fmt_missing", &["fmt", "--check", "no/such"], None),
        ("fmt_not_a_report", &["fmt", "--check", "Cargo.toml"], None),
        (
            "demo_data_bad_as_of",
            &[
                "demo-data",
                "--as-of",
                "yesterday",
                "--out",
                "/nonexistent/x",
            ],
            None,
        ),
        (
            "demo_data_too_many_rows",
            &["demo-data", "--rows", "10000001", "--out", "/nonexistent/x"],
            None,
        ),
    ];
    for (name, args, stdin) in cases {
        insta::assert_snapshot!(*name, transcript(args, *stdin, None));
    }
}

/// `dialects` and `catalog --format markdown` print the library's text unchanged.
#[test]
fn listings_are_the_librarys() {
    let ok = |stdout: String| format!("exit: Some(0)\n--- stdout\n{stdout}--- stderr\n");
    assert_eq!(
        transcript(&["dialects"], None, None),
        ok(reportc::sql::matrix::text())
    );
    assert_eq!(
        transcript(&["dialects", "--format", "markdown"], None, None),
        ok(reportc::sql::matrix::markdown())
    );
    let custom = root().join("tests/fixtures/custom_catalog.yaml");
    let (cat, _) = reportc::catalog::parse_catalog(&std::fs::read_to_string(&custom).unwrap());
    assert_eq!(
        transcript(
            &[
                "catalog",
                "--format",
                "markdown",
                "--catalog",
                "tests/fixtures/custom_catalog.yaml"
            ],
            None,
            None
        ),
        ok(reportc::catalog::catalog_markdown(&cat.unwrap()).unwrap())
    );
}

/// `fmt` rewrites a folder's files and `--check` lists them; `demo-data` names what it wrote.
#[test]
fn fmt_and_demo_data_transcripts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "source:   sms\ncolumns: [origin]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.rpt"), "from sms\nselect origin\n").unwrap();
    std::fs::write(dir.path().join("c.yaml"), "source: sms\ncolumns: [nope]\n").unwrap();
    std::fs::write(
        dir.path().join("d.yaml"),
        "source: sms\ncolumns: [origin,\n",
    )
    .unwrap();
    let check = transcript(&["fmt", "--check", d], None, Some(dir.path()));
    insta::assert_snapshot!("fmt_check_folder", check);
    let write = transcript(&["fmt", d], None, Some(dir.path()));
    insta::assert_snapshot!("fmt_folder", write);
    let demo = tempfile::tempdir().unwrap();
    let out = transcript(
        &[
            "demo-data",
            "--rows",
            "3",
            "--seed",
            "1",
            "--as-of",
            "2026-04-15T12:00:00",
            "--out",
            demo.path().to_str().unwrap(),
        ],
        None,
        Some(demo.path()),
    );
    insta::assert_snapshot!("demo_data_csv", out);
}
