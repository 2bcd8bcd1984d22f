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
    // --out` refuses each pair (E0010, tests/hostile.rs)
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

/// `reportc ARGS` with `stdin`, in the project root: its exit code, stdout and stderr as one
/// text, with `dir` (a temporary folder) replaced by `<DIR>`.
fn transcript(args: &[&str], stdin: Option<&str>, dir: Option<&std::path::Path>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let mut t = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    if let Some(d) = dir {
        t = t.replace(&d.to_string_lossy().to_string(), "<DIR>");
    }
    t
}

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

/// A report's SQL is printed as the library compiles it, one `-- file` header per file when
/// there are several.
#[test]
fn compile_prints_the_librarys_sql() {
    let one = transcript(&["compile", "reports/whatsapp_abandons.yaml"], None, None);
    assert_eq!(
        one,
        format!(
            "exit: Some(0)\n--- stdout\n{}--- stderr\n",
            library_sql("reports/whatsapp_abandons.yaml", "postgres")
        )
    );
    let two = transcript(
        &[
            "compile",
            "reports/whatsapp_abandons.yaml",
            "reports/monthly_sms_credits.rpt",
            "-d",
            "duckdb",
        ],
        None,
        None,
    );
    assert_eq!(
        two,
        format!(
            "exit: Some(0)\n--- stdout\n-- reports/whatsapp_abandons.yaml\n{}\
             -- reports/monthly_sms_credits.rpt\n{}--- stderr\n",
            library_sql("reports/whatsapp_abandons.yaml", "duckdb"),
            library_sql("reports/monthly_sms_credits.rpt", "duckdb"),
        )
    );
}

/// The library's compilation of one report.
fn library_compiled(path: &str, dialect: &str) -> reportc::compile::Compiled {
    let cat = reportc::catalog::Catalog::builtin();
    let file = common::load(&root().join(path));
    let fmt = reportc::InputFormat::from_path(path).unwrap();
    let d = reportc::sql::dialect_by_name(dialect).unwrap();
    reportc::compile::compile_report(&file, fmt, cat, d, &Default::default()).unwrap()
}

fn library_sql(path: &str, dialect: &str) -> String {
    library_compiled(path, dialect).sql
}

/// `compile --format json` read as a pipeline script reads it: one JSON document on stdout
/// (nothing else), an entry per file in the order given, the SQL exactly as `compile` prints
/// it, the output columns with their dialect types, and an invalid file's diagnostics in its
/// own entry.
#[test]
fn compile_json_is_one_document_a_script_can_read() {
    let files = [
        "reports/whatsapp_abandons.yaml",
        "tests/bad/15_enum_value_typo.yaml",
        "reports/monthly_sms_credits.rpt",
    ];
    let mut args = vec!["compile"];
    args.extend(files);
    args.extend(["-d", "snowflake", "--format", "json"]);
    let o = reportc(&args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut top = keys(&doc);
    top.sort();
    assert_eq!(top, ["diagnostics", "files", "invalid", "reports"]);
    assert_eq!(doc["files"], 3);
    assert_eq!(doc["invalid"], 1);
    let reports = doc["reports"].as_array().unwrap();
    let listed: Vec<&str> = reports
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(listed, files);
    for (entry, path) in [(&reports[0], files[0]), (&reports[2], files[2])] {
        let c = library_compiled(path, "snowflake");
        assert_eq!(entry["dialect"], "snowflake");
        assert_eq!(entry["sql"].as_str(), Some(c.sql.as_str()));
        assert_eq!(entry["name"].as_str(), c.name.as_deref());
        assert_eq!(entry["diagnostics"], serde_json::json!([]));
        let cols: Vec<(String, String, String)> = entry["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let s = |k: &str| c[k].as_str().unwrap().to_string();
                (s("name"), s("logical_type"), s("sql_type"))
            })
            .collect();
        let want: Vec<(String, String, String)> = c
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.logical_type.into(), c.sql_type.into()))
            .collect();
        assert_eq!(cols, want);
    }
    let abandons = &reports[0]["columns"];
    assert_eq!(abandons[2]["name"], "abandons");
    assert_eq!(abandons[2]["sql_type"], "BIGINT");
    let bad = &reports[1];
    assert_eq!(bad["sql"], serde_json::Value::Null);
    assert_eq!(bad["diagnostics"][0]["code"], "E0202");
    assert_eq!(bad["diagnostics"][0]["line"], 9);
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

/// The keys of `compile --format json` come in the documented order (serde field order).
#[test]
fn compile_json_keys_in_documented_order() {
    let o = reportc(&[
        "compile",
        "reports/whatsapp_abandons.yaml",
        "--format",
        "json",
    ]);
    let s = text(&o.stdout);
    let at = |k: &str| {
        s.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k}"))
    };
    let order = [
        "files",
        "invalid",
        "reports",
        "file",
        "name",
        "dialect",
        "sql",
        "columns",
        "parameters",
        "binds",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }
    assert!(s.rfind("\"diagnostics\":").unwrap() > at("binds"));
}

/// `--out`: each file holds exactly the printed SQL, named after `report:` or else the file.
#[test]
fn out_files_hold_the_printed_sql() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let stdin_report = "source: sms\ncolumns: [origin]\n";
    let t = transcript(
        &["compile", "-", "--out", d],
        Some(stdin_report),
        Some(dir.path()),
    );
    assert_eq!(t, "exit: Some(0)\n--- stdout\n--- stderr\n");
    let printed = transcript(&["compile", "-"], Some(stdin_report), None);
    let written = std::fs::read_to_string(dir.path().join("<stdin>.sql"))
        .or_else(|_| std::fs::read_to_string(dir.path().join("-.sql")))
        .unwrap_or_else(|_| {
            let names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            panic!("{names:?}")
        });
    assert_eq!(
        printed,
        format!("exit: Some(0)\n--- stdout\n{written}--- stderr\n")
    );
    let t = transcript(
        &["compile", "reports/whatsapp_abandons.yaml", "--out", d],
        None,
        None,
    );
    assert_eq!(t, "exit: Some(0)\n--- stdout\n--- stderr\n");
    let printed = transcript(&["compile", "reports/whatsapp_abandons.yaml"], None, None);
    let written =
        std::fs::read_to_string(dir.path().join("whatsapp_abandons_by_queue.sql")).unwrap();
    assert_eq!(
        printed,
        format!("exit: Some(0)\n--- stdout\n{written}--- stderr\n")
    );
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

/// `reportc ARGS` run in `cwd`: the transcript, with `dir` shown as `<DIR>`.
fn transcript_in(cwd: &std::path::Path, args: &[&str], dir: &std::path::Path) -> String {
    common::transcript_in(cwd, args).replace(&dir.to_string_lossy().to_string(), "<DIR>")
}

/// A repository as CI sees one: a `reportc.toml` at its root (catalogue, dialects, report
/// folders, excludes), hidden folders, a `.gitignore`, a symbolic link back to its own folder,
/// a catalogue that is no report; checked from a subfolder, and with `--isolated`.
fn project_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for d in [
        "reports/sub",
        ".github/workflows",
        "drafts",
        "tools/deep",
        "empty",
    ] {
        std::fs::create_dir_all(r.join(d)).unwrap();
    }
    let write = |p: &str, t: &str| std::fs::write(r.join(p), t).unwrap();
    write(
        "reportc.toml",
        "# the project's config\ncatalog = \"catalog.yaml\"\ndialects = [\"duckdb\"]\nreports = [\".\"]\nexclude = [\"drafts/\", \"*.tmp.yaml\"]\n",
    );
    std::fs::copy(
        root().join("catalog/messaging.yaml"),
        r.join("catalog.yaml"),
    )
    .unwrap();
    write("reports/a.yaml", "source: sms\ncolumns: [origin]\n");
    write(
        "reports/sub/b.rpt",
        "from sms\nselect origin\nwhere origin = 'x'\n",
    );
    write("reports/sub/c.yaml", "source: sms\ncolumns: [orign]\n");
    write("reports/sub/d.tmp.yaml", "not: a report\n");
    write(".github/workflows/ci.yaml", "on: push\n");
    write(".pre-commit-config.yaml", "repos: []\n");
    write("drafts/e.yaml", "source: nope\n");
    write(".gitignore", "generated/\nignored.yaml\n");
    write("reports/ignored.yaml", "source: nope\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", r.join("reports/self")).unwrap();
    dir
}

#[test]
fn a_project_config_found_from_a_subfolder() {
    let repo = project_repo();
    let r = repo.path();
    let deep = r.join("tools/deep");
    insta::assert_snapshot!("project_check", transcript_in(&deep, &["check"], r));
    insta::assert_snapshot!(
        "project_check_paths",
        transcript_in(
            &deep,
            &[
                "check",
                "../../empty",
                "../../nowhere",
                "../../reports/a.yaml"
            ],
            r
        )
    );
    // --isolated: the built-in catalogue, no dialect, the path given
    insta::assert_snapshot!(
        "project_isolated",
        transcript_in(&deep, &["--isolated", "check", "../../reports"], r)
    );
    let isolated_no_path = transcript_in(&deep, &["--isolated", "check"], r);
    assert!(
        isolated_no_path.starts_with("exit: Some(2)") && isolated_no_path.contains("no path given"),
        "{isolated_no_path}"
    );
}

#[test]
fn a_bad_project_config_is_diagnosed() {
    let repo = project_repo();
    let r = repo.path();
    std::fs::write(
        r.join("reportc.toml"),
        "catalog = \"missing.yaml\"\ndialect = [\"duckdb\"]\ndialects = [\"postgress\", 7]\nexclude = [\"a/{b\", \"c/[\"]\n[lint]\ndeny = [\"warning\"]\n",
    )
    .unwrap();
    insta::assert_snapshot!(
        "project_bad_config",
        transcript_in(&r.join("reports"), &["check"], r)
    );
    // --config names another file; --isolated ignores the broken one
    std::fs::write(r.join("other.toml"), "reports = [\"reports/a.yaml\"]\n").unwrap();
    let other = transcript_in(r, &["--config", "other.toml", "check"], r);
    assert!(other.starts_with("exit: Some(0)"), "{other}");
    let isolated = transcript_in(r, &["--isolated", "check", "reports/a.yaml"], r);
    assert!(isolated.starts_with("exit: Some(0)"), "{isolated}");
}

/// `check` on many files uses every core, and prints what one thread prints, byte for byte
/// (diagnostics in sorted file order, then the summary), in both formats.
#[test]
fn check_on_threads_prints_what_one_thread_prints() {
    let run = |threads: &str, format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
            .args(["check", "--format", format, "-d", "all"])
            .args(["reports", "tests/bad", "tests/bad_dsl", "tests/conformance"])
            .current_dir(root())
            .env("NO_COLOR", "1")
            .env("REPORTC_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    for format in ["human", "json"] {
        let serial = run("1", format);
        assert_eq!(serial.0, Some(1), "{format}: tests/bad has invalid reports");
        assert!(
            serial.1.len() + serial.2.len() > 10_000,
            "{format}: {serial:?}"
        );
        for threads in ["2", "7"] {
            assert!(
                run(threads, format) == serial,
                "{format}, {threads} threads"
            );
        }
    }
}

/// Lint warnings exit 0; `--deny` (a code or `warnings`) and reportc.toml's `[lint] deny` make
/// them fail (exit 1); an allow comment or `--allow` silences them.
#[test]
fn lint_warnings_exit_codes() {
    let f = "tests/lint/w0103_limit.yaml";
    let code = |args: &[&str]| reportc(args).status.code();
    assert_eq!(code(&["check", "--isolated", f]), Some(0));
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0103", f]),
        Some(1)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "warnings", f]),
        Some(1)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0101", f]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "check",
            "--isolated",
            "--deny",
            "warnings",
            "--allow",
            "W0103",
            f
        ]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W9999", f]),
        Some(2)
    );
    // W0101 is allowed by its line's comment; the file's W0103 is not
    let allowed = "tests/lint/w0101_allowed.rpt";
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0101", allowed]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0103", allowed]),
        Some(1)
    );
    // the config's [lint] deny
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("reportc.toml");
    std::fs::write(&toml, "[lint]\ndeny = ['warnings']\n").unwrap();
    let cfg = toml.to_str().unwrap();
    assert_eq!(code(&["check", "--config", cfg, f]), Some(1));
    // two files of one report name: W0104 on the second, naming the first
    let two = tempfile::tempdir().unwrap();
    for n in ["a.yaml", "b.yaml"] {
        std::fs::copy(f, two.path().join(n)).unwrap();
    }
    let (a, b) = (two.path().join("a.yaml"), two.path().join("b.yaml"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = reportc(&[
        "check",
        "--isolated",
        "--allow",
        "W0103",
        "--deny",
        "W0104",
        a,
        b,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("W0104") && err.contains("a.yaml"), "{err}");
    assert_eq!(
        code(&["check", "--isolated", "--allow", "W0103", a, b]),
        Some(0)
    );
}
