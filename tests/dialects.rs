//! Dialect-level checks: every example parses with sqlglot (a second opinion beside sqlparser)
//! in every dialect; each refusal names its dialect; the capability matrix document is current.
//! sqlglot runs in the engines' Python: without it that test is ignored, saying why.

mod common;

use common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::Code;
use reportc::sql::{dialect_by_name, SqlOptions, DIALECTS};
use reportc::InputFormat;

/// sqlglot's name of each dialect.
fn sqlglot_name(d: &str) -> &str {
    match d {
        "mssql" => "tsql",
        other => other,
    }
}

fn main() {
    run_trials(vec![
        engine_trial(
            "sqlglot_parses_every_example_in_every_dialect",
            sqlglot_parses_every_example_in_every_dialect,
        ),
        trial("refusals_name_the_dialect", refusals_name_the_dialect),
        trial(
            "variants_quote_their_own_reserved_words",
            variants_quote_their_own_reserved_words,
        ),
        trial(
            "dialect_matrix_document_is_current",
            dialect_matrix_document_is_current,
        ),
        trial(
            "integer_enum_codes_are_numbers_in_every_dialect",
            integer_enum_codes_are_numbers_in_every_dialect,
        ),
    ])
}

fn sqlglot_parses_every_example_in_every_dialect() -> Result<(), Skipped> {
    let mut failures = Vec::new();
    for d in DIALECTS {
        let queries: Vec<(String, String)> = examples()
            .iter()
            .filter_map(|p| {
                compile(p, d, &SqlOptions::default())
                    .ok()
                    .map(|sql| (stem(p), sql))
            })
            .collect();
        let bad = engine_result("sqlglot", sqlglot_parse(sqlglot_name(d.name), &queries))?;
        for (id, e) in bad {
            let sql = &queries.iter().find(|(i, _)| *i == id).unwrap().1;
            failures.push(format!("{id} for {}: {e}\n{sql}", d.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}

fn compile_text(
    text: &str,
    dialect: &str,
) -> Result<String, Vec<reportc::diagnostics::Diagnostic>> {
    let file = reportc::diagnostics::SourceFile::new("t.yaml", text);
    reportc::compile_file(
        &file,
        InputFormat::Yaml,
        Catalog::builtin(),
        dialect_by_name(dialect).unwrap(),
        &SqlOptions::default(),
    )
}

/// Each construct a dialect refuses is an error that names the dialect (never different SQL).
fn refusals_name_the_dialect() {
    let percentile = "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\n";
    let percentile_linked = "source: incoming_message_distributions\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\nfilters: [message.session_start in last 30 days]\n";
    let zone = "source: messages\ntimezone: Europe/Paris\ncolumns: [{d: session_start by day}, {n: count()}]\n";
    // no Windows name is known for this zone, so SQL Server refuses it
    let rare_zone = "source: messages\ntimezone: Asia/Pyongyang\ncolumns: [{d: session_start by day}, {n: count()}]\n";
    let list = "source: messages\ncolumns: [queue]\nfilters: [\"checkpoints contains 'vip'\"]\n";
    let empty = "source: messages\ncolumns: [queue]\nfilters: [\"queue != ''\"]\n";
    let nul = "source: messages\ncolumns: [queue]\nfilters: [\"queue = 'a\\\\u{0}b'\"]\n";
    let cases: &[(&str, &[&str])] = &[
        (percentile, &["sqlite", "mysql", "trino", "athena"]),
        // a window over the rows of one table on BigQuery and SQL Server: not with links
        (
            percentile_linked,
            &["bigquery", "sqlite", "mysql", "trino", "athena", "mssql"],
        ),
        (zone, &["sqlite"]),
        (rare_zone, &["sqlite", "mssql"]),
        (list, &["redshift"]),
        (empty, &["oracle"]),
        (
            nul,
            // Databricks documents `\0` in string literals; Spark's documentation does not
            &[
                "postgres", "duckdb", "bigquery", "sqlite", "spark", "trino", "athena", "mssql",
                "oracle", "redshift",
            ],
        ),
    ];
    for (text, refusing) in cases {
        for d in DIALECTS {
            let r = compile_text(text, d.name);
            if refusing.contains(&d.name) {
                let diags = r.expect_err(&format!("{} should refuse:\n{text}", d.name));
                assert!(
                    diags.iter().all(|x| x.code == Code::Unsupported),
                    "{}: {diags:?}",
                    d.name
                );
                assert!(
                    diags[0].message.contains(d.display),
                    "{}: {}",
                    d.name,
                    diags[0].message
                );
            } else {
                r.unwrap_or_else(|e| panic!("{} should compile:\n{text}\n{e:?}", d.name));
            }
        }
    }
}

/// What a variant changes of its parent shows in the SQL: a name Databricks or Athena reserves
/// and Spark or Trino does not is quoted there only.
fn variants_quote_their_own_reserved_words() {
    let cases = [
        ("spark", "databricks", "anti", "`anti`"),
        ("spark", "databricks", "minus", "`minus`"),
        ("trino", "athena", "first", "\"first\""),
        ("trino", "athena", "execute", "\"execute\""),
    ];
    for (parent, child, word, quoted) in cases {
        let (p, c) = (
            dialect_by_name(parent).unwrap(),
            dialect_by_name(child).unwrap(),
        );
        assert!(
            std::ptr::eq(c.parent.unwrap(), p),
            "{child} is a {parent} variant"
        );
        assert!(!p.is_reserved(word) && c.is_reserved(word), "{word}");
        let catalog = format!(
            "catalog: t\nsources:\n  t:\n    table: t\n    columns:\n      {word}:\n        type: text\n"
        );
        let (cat, diags) = reportc::catalog::parse_catalog(&catalog);
        assert!(!diags.has_errors(), "{diags:?}");
        let cat = cat.unwrap();
        let file = reportc::diagnostics::SourceFile::new(
            "t.yaml",
            format!("source: t\ncolumns: [{word}]\n"),
        );
        let sql = |d| {
            reportc::compile_file(&file, InputFormat::Yaml, &cat, d, &SqlOptions::default())
                .unwrap()
        };
        assert!(sql(c).contains(quoted), "{}", sql(c));
        assert!(!sql(p).contains(quoted), "{}", sql(p));
    }
}

fn dialect_matrix_document_is_current() {
    let want = reportc::sql::matrix::markdown();
    let path = root().join("docs/dialects.md");
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/dialects.md is stale: run `cargo run -q -- dialects --format markdown > docs/dialects.md`");
}

/// A catalogue with `codes: integer` (tests/fixtures/callcentre_catalog.yaml, `priority`): the
/// codes are numeric literals in every dialect (`IN (2, 10)`, `= 10` from an enum parameter,
/// `<> -1`), never quoted text, which Trino and BigQuery refuse to compare with an integer.
fn integer_enum_codes_are_numbers_in_every_dialect() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/callcentre_catalog.yaml")).unwrap();
    let (cat, diags) = reportc::catalog::parse_catalog(&text);
    assert!(!diags.has_errors(), "{diags:?}");
    let cat = cat.unwrap();
    let report = root().join("tests/user_catalog/09_priority_codes.yaml");
    let mut all = String::new();
    for d in DIALECTS {
        let sql = reportc::compile_file(
            &load(&report),
            InputFormat::Yaml,
            &cat,
            d,
            &SqlOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{}: {e:?}", d.name));
        assert!(
            sql.contains("IN (2, 10)") && sql.contains("= 10") && sql.contains("<> -1"),
            "{}:\n{sql}",
            d.name
        );
        assert!(
            !sql.contains("'10'") && !sql.contains("'2'"),
            "{}:\n{sql}",
            d.name
        );
        all.push_str(&format!("-- {}\n{sql}\n", d.name));
    }
    insta::assert_snapshot!("integer_enum_codes_every_dialect", all);
}
