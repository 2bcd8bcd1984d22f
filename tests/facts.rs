//! The vendor facts behind the renderings of dialects that no engine runs here (BigQuery,
//! Snowflake beyond fakesnow, SQL Server, Trino, Athena, Oracle, Redshift). Each test pins the
//! SQL one fact of `docs/research/dialect-facts.md` requires, and checks that the fact it cites
//! (a quotation of that file) is still recorded there, so a test cannot outlive its source.

use reportc::catalog::Catalog;
use reportc::diagnostics::{Diagnostic, SourceFile};
use reportc::sql::{dialect_by_name, SqlOptions};
use reportc::InputFormat;

/// The report compiled for a dialect, against a catalogue (the built-in one by default).
fn compile_with(cat: &Catalog, dialect: &str, report: &str) -> Result<String, Vec<Diagnostic>> {
    let file = SourceFile::new("fact.yaml", report);
    let d = dialect_by_name(dialect).unwrap_or_else(|| panic!("no dialect {dialect}"));
    reportc::compile_file(&file, InputFormat::Yaml, cat, d, &SqlOptions::default())
}

fn sql(dialect: &str, report: &str) -> String {
    compile_with(Catalog::builtin(), dialect, report)
        .unwrap_or_else(|e| panic!("{dialect} should compile:\n{report}\n{e:?}"))
}

/// The fact a test rests on, quoted from docs/research/dialect-facts.md (section, words).
fn fact(section: &str, quote: &str) {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research/dialect-facts.md"),
    )
    .expect("docs/research/dialect-facts.md");
    let start = text
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("no section `## {section}` in dialect-facts.md"));
    let end = text[start + 1..]
        .find("\n## ")
        .map_or(text.len(), |e| start + 1 + e);
    assert!(
        text[start..end].contains(quote),
        "dialect-facts.md, section {section}, no longer says: {quote}"
    );
}

fn assert_has(sql: &str, want: &str) {
    assert!(sql.contains(want), "expected `{want}` in:\n{sql}");
}

fn assert_lacks(sql: &str, unwanted: &str) {
    assert!(
        !sql.contains(unwanted),
        "unexpected `{unwanted}` in:\n{sql}"
    );
}

const AVG_INT: &str = "source: sms\ncolumns:\n  - sms_type\n  - a: avg(credits)\n  - f: avg(credits) where sms_type = 'basic'\n";
const SUM_COUNT: &str = "source: sms\ncolumns:\n  - sms_type\n  - s: sum(credits)\n  - n: count()\n  - t: count(sms_template)\n  - d: count_distinct(sms_template)\n";

/// `avg(credits)`, plain and filtered, averages the column cast to `float`.
fn assert_averages(dialect: &str, float: &str) {
    let s = sql(dialect, AVG_INT);
    assert_has(&s, &format!("AVG(CAST(credits AS {float}))"));
    assert_has(
        &s,
        &format!("AVG(CAST(CASE WHEN sms_type = 'basic' THEN credits END AS {float}))"),
    );
}

// ---- integer averages, sums and counts (issue 9, finding 1) ----

/// mssql item 13: AVG's return type is its argument's, int -> int.
#[test]
fn mssql_averages_floats() {
    fact(
        "mssql (SQL Server T-SQL)",
        "**AVG of an int is an int** (return types: tinyint/smallint/int → int",
    );
    assert_averages("mssql", "FLOAT");
}

/// mssql item 13 and "SUM and COUNT" of issue9-findings: SUM int -> int, COUNT -> int;
/// COUNT_BIG "works like the COUNT function", returning bigint.
#[test]
fn mssql_sums_and_counts_in_bigint() {
    fact("mssql (SQL Server T-SQL)", "SUM: int → int");
    fact(
        "mssql (SQL Server T-SQL)",
        "COUNT_BIG always returns a bigint data type value",
    );
    let s = sql("mssql", SUM_COUNT);
    assert_has(&s, "SUM(CAST(credits AS BIGINT)) AS s");
    assert_has(&s, "COUNT_BIG(*) AS n");
    assert_has(&s, "COUNT_BIG(sms_template) AS t");
    assert_has(&s, "COUNT_BIG(DISTINCT sms_template) AS d");
    // a sum of a non-integer is not cast to an integer
    let d = sql(
        "mssql",
        "source: messages\ncolumns:\n  - queue\n  - w: sum(wait_time)\n",
    );
    assert_lacks(&d, "BIGINT");
}

/// redshift item 13: AVG is "BIGINT for any integer type argument".
#[test]
fn redshift_averages_doubles() {
    fact(
        "redshift",
        "\"BIGINT for any integer type argument\" (r_AVG",
    );
    assert_averages("redshift", "FLOAT8");
    // SUM of SMALLINT/INTEGER/BIGINT is BIGINT: nothing to widen
    fact(
        "redshift",
        "SUM of\n    SMALLINT/INTEGER/BIGINT is BIGINT (r_SUM)",
    );
    assert_has(&sql("redshift", SUM_COUNT), "SUM(credits) AS s");
}

/// snowflake "Avg" row: AVG of integers is a NUMBER with 6 decimals.
#[test]
fn snowflake_averages_doubles() {
    fact("snowflake", "(NUMBER, 6 decimals)");
    assert_averages("snowflake", "DOUBLE");
}

/// oracle "Avg" row: AVG returns the argument's numeric data type.
#[test]
fn oracle_averages_doubles() {
    fact(
        "oracle",
        "returns the same data type as the numeric data type of the argument",
    );
    assert_averages("oracle", "BINARY_DOUBLE");
}

/// bigquery and trino "Avg" rows: AVG of INT64 is FLOAT64, Trino's `avg(x) -> double`.
#[test]
fn bigquery_and_trino_average_as_written() {
    fact("bigquery", "INT64 → DOUBLE (FLOAT64)");
    fact("trino", "`avg(x) -> double`");
    for d in ["bigquery", "trino", "athena"] {
        assert_has(&sql(d, AVG_INT), "AVG(credits) AS a");
    }
}
