//! What `compile` gives a pipeline: the library's SQL unchanged, one `-- file` header per file,
//! `--format json` as one document a script reads (entries in order, keys in the documented
//! order), and `--out` files holding exactly the printed SQL.

mod common;

use common::{reportc, root, text, transcript};

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
    // Snowflake quotes every output name: the alias the query writes, which selects the column
    assert_eq!(abandons[2]["sql_name"], "\"abandons\"");
    assert!(reports[0]["sql"]
        .as_str()
        .unwrap()
        .contains(" AS \"abandons\""));
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
