//! Typed parameters as a user meets them: `--param` values checked like literals and escaped
//! for the dialect, defaults, missing and unknown parameters, hostile values, `--placeholders`
//! in each style with the bind order, and YAML <-> DSL round trips of `parameters:`.

mod common;

use common::root;
use std::process::Command;

const YAML: &str = "tests/fixtures/params/waits_since.yaml";
const DSL: &str = "tests/fixtures/params/busy_queues.rpt";

/// `reportc ARGS` in the project root: exit code, stdout and stderr as one text.
fn transcript(args: &[&str]) -> String {
    common::transcript_in(&root(), args)
}

#[test]
fn parameter_transcripts() {
    let cases: &[(&str, &[&str])] = &[
        (
            "values_and_defaults",
            &["compile", YAML, "--param", "since=2026-01-05"],
        ),
        (
            "value_overrides_default",
            &[
                "compile",
                YAML,
                "--param",
                "since=2026-01-05",
                "--param",
                "channel=telegram",
                "--param",
                "min_wait=2m",
            ],
        ),
        ("missing_value", &["compile", YAML]),
        (
            "unknown_param_and_bad_values",
            &[
                "compile",
                YAML,
                "--param",
                "since=2026-02-30",
                "--param",
                "chanel=SMS",
                "--param",
                "min_count=1.5",
                "--param",
                "min_wait=-5s",
            ],
        ),
        (
            "hostile_values",
            &[
                "compile",
                YAML,
                "--param",
                "since=2026-01-05' OR 1=1 --",
                "--param",
                "channel=WhatsApp'; DROP TABLE x; --",
                "--param",
                "min_count=1; DROP TABLE x",
            ],
        ),
        (
            "hostile_text_mysql",
            &[
                "compile",
                DSL,
                "-d",
                "mysql",
                "--param",
                "team=O'Brien \\' OR 1=1 -- ?1",
            ],
        ),
        (
            "hostile_text_postgres",
            &["compile", DSL, "--param", "team=O'Brien \\' OR 1=1 -- $1"],
        ),
        ("placeholders_postgres", &["compile", DSL, "--placeholders"]),
        (
            "placeholders_mysql",
            &["compile", DSL, "--placeholders", "-d", "mysql"],
        ),
        (
            "placeholders_clickhouse",
            &["compile", DSL, "--placeholders", "-d", "clickhouse"],
        ),
        (
            "placeholders_bigquery",
            &["compile", DSL, "--placeholders", "-d", "bigquery"],
        ),
        (
            "placeholders_refused_types",
            &["compile", YAML, "--placeholders"],
        ),
        ("param_not_name_value", &["compile", DSL, "--param", "team"]),
        ("dsl_to_yaml", &["convert", DSL, "--to", "yaml"]),
        ("yaml_to_dsl", &["convert", YAML, "--to", "dsl"]),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(*name, transcript(args));
    }
}

#[test]
fn undeclared_and_badly_declared_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.rpt");
    std::fs::write(
        &path,
        "from incoming_message_distributions\n\
         parameter team txt\n\
         parameter q enum(queue)\n\
         parameter q integer\n\
         select queue\n\
         where queue = $tema\n",
    )
    .unwrap();
    let t = transcript(&["compile", path.to_str().unwrap()]);
    let t = t.replace(&dir.path().to_string_lossy().to_string(), "<DIR>");
    insta::assert_snapshot!("bad_declarations", t);
}

#[test]
fn a_repeated_text_value_in_a_positional_dialect_keeps_literal_placeholders_apart() {
    // a string literal holding `?1` is not a placeholder: only the real ones are rewritten
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.rpt");
    std::fs::write(
        &path,
        "from incoming_message_distributions\n\
         parameter team text\n\
         select queue\n\
         where queue = $team or user = '?1 $1'\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args([
            "compile",
            path.to_str().unwrap(),
            "--placeholders",
            "-d",
            "trino",
        ])
        .output()
        .unwrap();
    let sql = String::from_utf8_lossy(&out.stdout);
    assert!(sql.contains("queue = ? OR"), "{sql}");
    assert!(sql.contains("'?1 $1'"), "{sql}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1. team"));
}
