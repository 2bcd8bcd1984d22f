//! The vendor facts behind the renderings of dialects that no engine runs here (BigQuery,
//! Snowflake beyond fakesnow, SQL Server, Trino, Athena, Oracle, Redshift). Each test pins the
//! SQL one fact of `docs/research/dialect-facts.md` requires, and checks that the fact it cites
//! (a quotation of that file) is still recorded there, so a test cannot outlive its source.

use reportc::catalog::Catalog;
use reportc::diagnostics::{render_human, Code, Diagnostic, RenderOptions, SourceFile};
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

/// The refusal of a report: every diagnostic is E0300 and the first names the dialect.
fn refused(dialect: &str, report: &str) -> Vec<Diagnostic> {
    let diags = compile_with(Catalog::builtin(), dialect, report)
        .expect_err(&format!("{dialect} should refuse:\n{report}"));
    let display = dialect_by_name(dialect).unwrap().display;
    assert!(
        diags.iter().all(|d| d.code == Code::Unsupported),
        "{dialect}: {diags:?}"
    );
    assert!(diags[0].message.contains(display), "{}", diags[0].message);
    diags
}

/// The rendered diagnostics of a refusal, for a snapshot (`tests/snapshots/facts__<name>.snap`).
fn rendered(dialect: &str, report: &str) -> String {
    let diags = refused(dialect, report);
    render_human(
        &SourceFile::new("fact.yaml", report),
        &diags,
        RenderOptions::default(),
    )
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

// ---- Redshift: one ORDER BY for every percentile of a query (finding 2) ----

/// redshift item 9: "they must all use the same ORDER BY values".
#[test]
fn redshift_percentiles_share_one_order() {
    fact(
        "redshift",
        "If a statement includes multiple calls to sort-based aggregate\n   functions (LISTAGG, PERCENTILE_CONT, or MEDIAN), they must all use the same ORDER BY\n   values",
    );
    let two = "source: messages\ncolumns:\n  - queue\n  - p_wait: percentile(wait_time, 0.9)\n  - p_exchange: percentile(exchange_time, 0.9)\n";
    let filtered = "source: messages\ncolumns:\n  - queue\n  - m: median(wait_time)\n  - m_sales: median(wait_time) where queue = 'Sales'\n";
    let in_having = "source: messages\ncolumns:\n  - queue\n  - m: median(wait_time)\nhaving:\n  - percentile(exchange_time, 0.5) > 10s\n";
    let same = "source: messages\ncolumns:\n  - queue\n  - m: median(wait_time)\n  - p: percentile(wait_time, 0.95)\n";
    insta::assert_snapshot!("redshift_two_percentiles", rendered("redshift", two));
    refused("redshift", filtered);
    refused("redshift", in_having);
    let s = sql("redshift", same);
    assert_has(
        &s,
        "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY wait_time) AS m",
    );
    assert_has(
        &s,
        "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY wait_time) AS p",
    );
    // the rule is Redshift's alone
    for d in ["postgres", "snowflake", "oracle", "duckdb"] {
        sql(d, two);
        sql(d, filtered);
    }
}

// ---- SQLite: lower()/upper() change ASCII letters only (issue 9, finding 3) ----

/// sqlite item 15: "The default built-in lower() function works for ASCII characters only".
#[test]
fn sqlite_refuses_non_ascii_case_folding() {
    fact(
        "sqlite",
        "The default built-in lower() function works for ASCII\n    characters only",
    );
    let unicode = "source: sms\ncolumns: [sms_type]\nfilters:\n  - \"content icontains '\u{dc}N\u{cf}C\u{d6}D\u{c9}' or content istarts_with 'L''\u{c9}QUIPE'\"\n";
    insta::assert_snapshot!("sqlite_unicode_icontains", rendered("sqlite", unicode));
    refused(
        "sqlite",
        "source: messages\ncolumns:\n  - q: lower(queue)\n  - n: count()\n",
    );
    refused(
        "sqlite",
        "source: messages\ncolumns: [queue]\nfilters: [\"upper(queue) = 'SALES'\"]\n",
    );
    // ASCII letters, and non-ASCII characters without case, fold alike everywhere
    let ascii = sql(
        "sqlite",
        "source: sms\ncolumns: [sms_type]\nfilters:\n  - \"content icontains 'STOP' or content iends_with '\u{20ac} \u{1f600}' or content contains '\u{c9}'\"\n",
    );
    assert_has(&ascii, "instr(lower(content), lower('STOP')) > 0");
    // the other engines fold Unicode letters
    for d in [
        "postgres",
        "duckdb",
        "mysql",
        "snowflake",
        "oracle",
        "mssql",
    ] {
        sql(d, unicode);
    }
}

// ---- output names come back as the report wrote them (issue 9, finding 4) ----

const NAMES: &str = "source: sms\ncolumns:\n  - sms_type\n  - n: count()\n  - avg_credits: avg(credits)\norder_by: [n desc, sms_type]\n";
const MIXED: &str = "source: sms\ncolumns:\n  - sms_type\n  - avgCredits: avg(credits)\n";

/// snowflake item 1 and oracle item 1: unquoted names fold to upper case, quoted ones keep
/// their case; so every output alias is quoted, and ORDER BY uses the quoted alias.
#[test]
fn upper_folding_dialects_quote_every_output() {
    fact(
        "snowflake",
        "Unquoted\n   names are **stored and resolved as UPPER case**. Quoted names are case-sensitive",
    );
    fact("oracle", "Unquoted names fold to **UPPER** case");
    for d in ["snowflake", "oracle"] {
        let s = sql(d, NAMES);
        assert_has(&s, "sms_type AS \"sms_type\"");
        assert_has(&s, "COUNT(*) AS \"n\"");
        assert_has(&s, "AS \"avg_credits\"");
        assert_has(&s, "\"n\" DESC NULLS LAST, \"sms_type\" NULLS LAST");
        assert_has(&sql(d, MIXED), "AS \"avgCredits\"");
    }
}

/// redshift item 1: quoted identifiers are lower-cased unless enable_case_sensitive_identifier;
/// trino item 1: identifiers are not case sensitive (lower-cased): a name with capitals is
/// refused there, a lower-case one compiles.
#[test]
fn lower_folding_dialects_refuse_capitals_in_output_names() {
    fact("redshift", "*quoted*\n   identifiers are also lower-cased");
    fact(
        "trino",
        "\"Identifiers are not treated as case sensitive\" (lower-cased)",
    );
    insta::assert_snapshot!("redshift_mixed_case_output", rendered("redshift", MIXED));
    for d in ["trino", "athena"] {
        refused(d, MIXED);
    }
    for d in ["redshift", "trino", "athena"] {
        let s = sql(d, NAMES);
        assert_has(&s, "COUNT(*) AS n");
        assert_lacks(&s, "\"n\"");
    }
}

/// bigquery item 1 (column names and aliases case-insensitive, emitted as given), mssql item 1
/// (names follow the collation; case kept): the alias is written as the report wrote it.
#[test]
fn case_keeping_dialects_write_output_names_as_given() {
    fact("bigquery", "Never fold; emit as given");
    assert_has(&sql("bigquery", MIXED), "AVG(credits) AS avgCredits");
    assert_has(&sql("mssql", MIXED), "AS avgCredits");
    assert_has(&sql("postgres", MIXED), "AS \"avgCredits\"");
}

/// "Creating or replacing a view": each dialect's form, as `compile --template view` writes it.
#[test]
fn view_forms_follow_the_vendor_docs() {
    const SECTION: &str =
        "Creating or replacing a view (`Dialect::create_view`, `compile --template view`, issue 14)";
    for (dialect, quote, head) in [
        (
            "mssql",
            "CREATE [ OR ALTER ] VIEW [ schema_name . ] view_name",
            "CREATE OR ALTER VIEW v AS",
        ),
        (
            "oracle",
            "CREATE [OR REPLACE] [[NO] FORCE]",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "bigquery",
            "CREATE [ OR REPLACE ] VIEW [ IF NOT EXISTS ] view_name",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "snowflake",
            "This syntax is fully supported in Snowflake",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "trino",
            "The optional OR REPLACE clause causes the view to be replaced",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "athena",
            "The optional OR REPLACE clause lets you update the existing view",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "redshift",
            "CREATE [ OR REPLACE ] VIEW name [ ( column_name [, ...] ) ] AS query",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "databricks",
            "CREATE [ OR REPLACE ] [ [ GLOBAL ] TEMPORARY ] VIEW",
            "CREATE OR REPLACE VIEW v AS",
        ),
        (
            "sqlite",
            "no `OR REPLACE`",
            "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS",
        ),
    ] {
        fact(SECTION, quote);
        let d = dialect_by_name(dialect).unwrap();
        assert_eq!(
            reportc::sql::ddl::view_head(d, "v").unwrap(),
            head,
            "{dialect}"
        );
    }
}
