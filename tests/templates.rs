//! `compile --template`: the built-in templates on several dialects, a custom template, and
//! hostile templates (an endless loop, a flood of output, an undefined name, an `include`, a
//! syntax error), each stopped with a diagnostic in the template file.

mod common;

use common::root;
use std::process::Command;

fn reportc(args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("reportc runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The SQL `compile` prints for the report and dialect.
fn sql(report: &str, dialect: &str) -> String {
    let (code, out, err) = reportc(&["compile", report, "-d", dialect]);
    assert_eq!(code, Some(0), "{err}");
    out
}

const REPORT: &str = "reports/whatsapp_abandons.yaml";

#[test]
fn view_is_the_dialects_create_or_replace_around_the_sql() {
    for (dialect, head) in [
        (
            "postgres",
            "CREATE OR REPLACE VIEW whatsapp_abandons_by_queue AS\n",
        ),
        ("mssql", "CREATE OR ALTER VIEW whatsapp_abandons_by_queue AS\n"),
        (
            "sqlite",
            "DROP VIEW IF EXISTS whatsapp_abandons_by_queue;\nCREATE VIEW whatsapp_abandons_by_queue AS\n",
        ),
        ("oracle", "CREATE OR REPLACE VIEW whatsapp_abandons_by_queue AS\n"),
        ("bigquery", "CREATE OR REPLACE VIEW whatsapp_abandons_by_queue AS\n"),
    ] {
        let (code, out, err) = reportc(&["compile", REPORT, "--template", "view", "-d", dialect]);
        assert_eq!(code, Some(0), "{dialect}: {err}");
        assert_eq!(out, format!("{head}{}", sql(REPORT, dialect)), "{dialect}");
    }
    let (_, out, _) = reportc(&["compile", REPORT, "--template", "view", "-d", "mssql"]);
    insta::assert_snapshot!("view_mssql", out);
}

/// SQL Server refuses ORDER BY in a view without TOP: the view of a report with `order_by` and
/// no `limit` is the query without it, after a comment; PostgreSQL's keeps it.
#[test]
fn an_mssql_view_without_a_limit_has_no_order_by() {
    let report = "reports/monthly_sms_credits.yaml";
    let (code, out, err) = reportc(&["compile", report, "--template", "view", "-d", "mssql"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(sql(report, "mssql").contains("\nORDER BY\n"));
    assert!(!out.contains("\nORDER BY\n"), "{out}");
    assert!(
        out.contains("-- no ORDER BY: SQL Server refuses it"),
        "{out}"
    );
    insta::assert_snapshot!("view_mssql_unordered", out);
    let (code, out, _) = reportc(&["compile", report, "--template", "view", "-d", "postgres"]);
    assert_eq!(code, Some(0));
    assert!(out.ends_with(&sql(report, "postgres")), "{out}");
    assert!(out.contains("\nORDER BY\n"), "{out}");
    // a dbt model is materialized as a view: the same body, without the final `;`
    let (code, out, err) = reportc(&["compile", report, "--template", "dbt", "-d", "mssql"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("\nORDER BY\n"), "{out}");
    assert!(
        out.contains("-- no ORDER BY: SQL Server refuses it"),
        "{out}"
    );
    assert!(!out.trim_end().ends_with(';'), "{out}");
}

#[test]
fn a_view_name_is_quoted_by_the_dialect() {
    let dir = tempfile::tempdir().unwrap();
    // without `report:`, the view is named after the file's stem, whatever it holds
    let f = dir.path().join("Daily \"Abandons\"; DROP TABLE sms.yaml");
    std::fs::write(&f, "source: sms\ncolumns: [origin]\n").unwrap();
    let f = f.to_str().unwrap();
    let (_, pg, err) = reportc(&["compile", f, "--template", "view"]);
    assert!(
        pg.starts_with("CREATE OR REPLACE VIEW \"Daily \"\"Abandons\"\"; DROP TABLE sms\" AS\n"),
        "{pg}{err}"
    );
    let (_, my, _) = reportc(&["compile", f, "--template", "view", "-d", "mysql"]);
    assert!(
        my.starts_with("CREATE OR REPLACE VIEW `Daily \"Abandons\"; DROP TABLE sms` AS\n"),
        "{my}"
    );
    // a reserved word is quoted too
    let g = dir.path().join("r.yaml");
    std::fs::write(&g, "report: order\nsource: sms\ncolumns: [origin]\n").unwrap();
    let (_, ms, err) = reportc(&[
        "compile",
        g.to_str().unwrap(),
        "--template",
        "view",
        "-d",
        "mssql",
    ]);
    assert!(
        ms.starts_with("CREATE OR ALTER VIEW \"order\" AS\n"),
        "{ms}{err}"
    );
}

#[test]
fn dbt_is_a_model_file_with_config_and_description() {
    for dialect in ["postgres", "bigquery", "snowflake"] {
        let (code, out, err) = reportc(&["compile", REPORT, "--template", "dbt", "-d", dialect]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            out.starts_with("{{ config(materialized='view') }}\n"),
            "{out}"
        );
        let body = sql(REPORT, dialect);
        let query = body.trim_end().trim_end_matches(';');
        assert!(out.ends_with(&format!("{query}\n")), "{dialect}: {out}");
        assert!(!out.contains(';'), "a dbt model has no `;`: {out}");
    }
    let (_, out, _) = reportc(&["compile", REPORT, "--template", "dbt", "-d", "snowflake"]);
    insta::assert_snapshot!("dbt_snowflake", out);
}

/// dbt renders the model with Jinja: a `{{` in the report's text (a string literal, the
/// description) is escaped so that dbt prints it instead of evaluating it.
#[test]
fn dbt_escapes_jinja_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.yaml");
    std::fs::write(
        &f,
        "report: r\ndescription: \"uses {{ var('x') }}\\nand {% if %}\"\nsource: sms\ncolumns: [origin]\nfilters:\n  - content = '{{ secret }}'\n",
    )
    .unwrap();
    let (code, out, err) = reportc(&["compile", f.to_str().unwrap(), "--template", "dbt"]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("dbt_escaped", out);
    let unescaped = out.replace("{{ \"{\" }}", "");
    assert_eq!(
        unescaped.matches("{{").count(),
        1,
        "only the config block opens Jinja: {out}"
    );
    assert!(!unescaped.contains("{%"), "{out}");
}

#[test]
fn a_custom_template_sees_columns_types_and_filters() {
    for dialect in ["postgres", "clickhouse"] {
        let (code, out, err) = reportc(&[
            "compile",
            REPORT,
            "--template",
            "tests/templates/columns.j2",
            "-d",
            dialect,
        ]);
        assert_eq!(code, Some(0), "{err}");
        insta::assert_snapshot!(format!("custom_{dialect}"), out);
    }
}

/// `sql_name` is each output's alias as the query writes it: quoted as written on Snowflake and
/// Oracle (which fold unquoted names to upper case), even a reserved word, so an outer SELECT
/// names the query's columns; `ident` quotes a catalogue name instead (`"ORDER"` there).
#[test]
fn sql_names_select_the_querys_columns() {
    let report = "tests/templates/reserved_outputs.yaml";
    for (dialect, want) in [
        ("snowflake", "SELECT \"week\", \"order\", \"n\""),
        ("oracle", "SELECT \"week\", \"order\", \"n\""),
        ("postgres", "SELECT week, \"order\", n"),
    ] {
        let (code, out, err) = reportc(&[
            "compile",
            report,
            "--catalog",
            "tests/fixtures/custom_catalog.yaml",
            "--template",
            "tests/templates/select_columns.j2",
            "-d",
            dialect,
        ]);
        assert_eq!(code, Some(0), "{err}");
        assert!(out.starts_with(want), "{dialect}:\n{out}");
        // every name selected is an alias of the query, spelt the same
        let first = out.lines().next().unwrap().trim_start_matches("SELECT ");
        for name in first.split(", ") {
            assert!(
                out.contains(&format!(" AS {name}")) || out.contains(&format!("\n  {name},")),
                "{dialect}: {name} is not an output of the query:\n{out}"
            );
        }
    }
}

/// Each hostile template is stopped quickly with its diagnostic, exit 1, nothing on stdout.
#[test]
fn hostile_templates_are_stopped_with_diagnostics() {
    for name in ["endless", "huge", "undefined", "include", "syntax"] {
        let t = format!("tests/templates/{name}.j2");
        let start = std::time::Instant::now();
        let (code, out, err) = reportc(&["compile", REPORT, "--template", &t]);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{name} took {:?}",
            start.elapsed()
        );
        assert_eq!(code, Some(1), "{name}: {err}");
        assert_eq!(out, "", "{name}");
        insta::assert_snapshot!(format!("hostile_{name}"), err);
    }
}

#[test]
fn a_missing_template_file_is_an_io_error() {
    let (code, out, err) = reportc(&["compile", REPORT, "--template", "no/such.j2"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(out, "");
    assert!(err.contains("no/such.j2"), "{err}");
}
