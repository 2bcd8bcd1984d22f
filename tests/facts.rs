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

/// The README, for the tests that check a difference is documented where the user reads it.
fn readme() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
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

/// oracle "Reserved words": `case` and the other PL/SQL reserved words are quoted as
/// catalogue column names on Oracle (issue 10: `case` was left bare), `type` stays bare.
#[test]
fn oracle_quotes_plsql_reserved_words() {
    fact(
        "oracle",
        "WHEN. \"The difference between reserved words and keywords is that you cannot use reserved\nwords as identifiers\"",
    );
    let cat = "catalog: t\nsources:\n  s:\n    table: t\n    columns:\n      case:\n        type: text\n      \
               when:\n        type: text\n      type:\n        type: text\n";
    let (cat, diags) = reportc::catalog::parse_catalog(cat);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    let s = compile_with(&cat, "oracle", "source: s\ncolumns: [case, when, type]\n").unwrap();
    assert_has(&s, "\"case\" AS \"case\"");
    assert_has(&s, "\"when\" AS \"when\"");
    assert_has(&s, "  type AS \"type\"");
    // postgres: `case` is reserved there too, `when` as well
    let pg = compile_with(&cat, "postgres", "source: s\ncolumns: [case]\n").unwrap();
    assert_has(&pg, "\"case\"");
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

// ---- wave 4: the facts behind the renderings of the unrun dialects ----

/// A weekly count in Paris time of the SMS whose content is empty or holds `50%_`: time zones,
/// the ISO week, LIKE escapes, the empty string, the NULL order and the LIMIT form in one.
const WEEKS: &str = "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - w: send_date by week\n  - n: count()\norder_by: [w]\nlimit: 5\nfilters: [\"content = '' or content contains '50%_'\"]\n";
const NO_EMPTY: &str = "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - w: send_date by week\n  - n: count()\norder_by: [w]\nlimit: 5\nfilters: [\"content contains '50%_'\"]\n";

/// redshift "LIKE case": LIKE is case-sensitive, and a case-insensitive match of multibyte
/// letters is LOWER on both sides of a LIKE.
#[test]
fn redshift_like_is_case_sensitive_and_icontains_lowers_both_sides() {
    fact(
        "redshift",
        "LIKE performs a case-sensitive pattern\n    match. ILIKE performs a case-insensitive pattern match for single-byte UTF-8 (ASCII)\n    characters. To perform a case-insensitive pattern match for multibyte characters, use the\n    LOWER function on expression and pattern with a LIKE condition",
    );
    let s = sql(
        "redshift",
        "source: sms\ncolumns: [sms_type]\nfilters:\n  - \"content contains '\u{c9}'\"\n  - \"content icontains '\u{c9}t\u{e9}'\"\n",
    );
    assert_has(&s, "content LIKE '%\u{c9}%' ESCAPE '\\\\'");
    assert_has(
        &s,
        "LOWER(content) LIKE LOWER('%\u{c9}t\u{e9}%') ESCAPE '\\\\'",
    );
    assert_lacks(&s, "ILIKE");
}

/// snowflake "ToLocal": the 3-argument CONVERT_TIMEZONE on TIMESTAMP_NTZ returns TIMESTAMP_NTZ;
/// redshift item 6: CONVERT_TIMEZONE(source, target, timestamp) with IANA names.
#[test]
fn snowflake_and_redshift_convert_timezone_three_arguments() {
    fact(
        "snowflake",
        "\"For the 3-argument version, returns a value of type TIMESTAMP_NTZ\"",
    );
    fact(
        "redshift",
        "`CONVERT_TIMEZONE('UTC', 'Europe/Paris', ts)` and\n   `CONVERT_TIMEZONE('Europe/Paris', 'UTC', ts)` give naive timestamp",
    );
    for d in ["snowflake", "redshift"] {
        assert_has(
            &sql(d, NO_EMPTY),
            "CONVERT_TIMEZONE('UTC', 'Europe/Paris', send_date)",
        );
    }
}

/// oracle "Trunc*": 'IW' is the ISO week, Monday; 'D' would follow NLS_TERRITORY.
#[test]
fn oracle_weeks_are_iso_iw() {
    fact(
        "oracle",
        "\"IW: Same day of the week as the first day of the calendar week as defined by the ISO 8601 standard, which is Monday\"",
    );
    let s = sql("oracle", NO_EMPTY);
    assert_has(&s, "TRUNC(CAST(FROM_TZ(CAST(send_date AS TIMESTAMP), 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP), 'IW')");
    // the other weeks that do not depend on a session setting: BigQuery ISOWEEK, SQL Server
    // iso_week, Snowflake's DAYOFWEEKISO (not WEEK_START), Redshift's and Trino's 'week'
    fact("bigquery", "Use `ISOWEEK` or `WEEK(MONDAY)`");
    fact("mssql (SQL Server T-SQL)", "`iso_week` is Monday");
    fact(
        "redshift",
        "\"Truncate the input timestamp to the Monday of a week\"",
    );
    fact("trino", "'week'\n   is ISO Monday");
    fact(
        "snowflake",
        "\"WEEK_START および WEEK_OF_YEAR_POLICY セッションパラメーターによって制御されません\"",
    );
    assert_has(&sql("bigquery", WEEKS), ", ISOWEEK) AS w");
    assert_has(&sql("mssql", WEEKS), "DATETRUNC(iso_week, ");
    assert_has(&sql("snowflake", WEEKS), "DATEADD(DAY, 1 - DAYOFWEEKISO(");
    assert_has(&sql("redshift", WEEKS), "DATE_TRUNC('week', ");
    assert_has(&sql("trino", WEEKS), "date_trunc('week', ");
}

/// Every dialect writes the NULL order out (the defaults differ: redshift item 10, bigquery
/// item 10, trino item 10, oracle "NULL order"), or emulates it where there is no NULLS LAST
/// (mssql item 10).
#[test]
fn null_order_is_always_explicit() {
    fact("oracle", "reportc always writes `NULLS FIRST`/`NULLS LAST`");
    fact("bigquery", "ASC gives NULLS FIRST, DESC gives NULLS LAST");
    fact(
        "trino",
        "\"The default null ordering is `NULLS LAST`, regardless of the\n    ordering direction.\"",
    );
    fact(
        "mssql (SQL Server T-SQL)",
        "NULLs smallest: ASC first, DESC last. **No `NULLS FIRST/LAST`.**",
    );
    for d in ["bigquery", "snowflake", "trino", "athena", "redshift"] {
        assert_has(&sql(d, WEEKS), "NULLS LAST");
    }
    assert_has(&sql("oracle", NO_EMPTY), "\"w\" NULLS LAST");
    assert_has(&sql("mssql", WEEKS), "CASE WHEN DATETRUNC(iso_week, ");
    assert_lacks(&sql("mssql", WEEKS), "NULLS");
}

/// LIMIT forms: SQL Server TOP (item 11), Oracle FETCH FIRST (row_limiting_clause), LIMIT
/// elsewhere.
#[test]
fn limit_forms() {
    fact("oracle", "FETCH { FIRST \\| NEXT } [ { rowcount \\| percent PERCENT } ] { ROW \\| ROWS } { ONLY \\| WITH TIES } ]");
    fact(
        "mssql (SQL Server T-SQL)",
        "\"For backward compatibility, TOP expression without parentheses in SELECT statements is supported, but we do not recommend this\"",
    );
    assert_has(&sql("oracle", NO_EMPTY), "FETCH FIRST 5 ROWS ONLY");
    assert_has(&sql("mssql", WEEKS), "SELECT TOP (5)");
    for d in [
        "bigquery",
        "snowflake",
        "trino",
        "athena",
        "redshift",
        "databricks",
    ] {
        assert_has(&sql(d, WEEKS), "LIMIT 5");
    }
}

/// LIKE escapes: BigQuery has no ESCAPE clause and escapes with a backslash written `\\` in a
/// literal (item 15); Snowflake and Redshift write one backslash as `'\\'` (backslash string
/// escapes); SQL Server, Trino and Oracle take `ESCAPE '\'` literally (no default escape).
#[test]
fn like_escapes() {
    fact("bigquery", "**no ESCAPE clause**");
    fact("redshift", "\"The default is two backslashes");
    fact("trino", "No default escape");
    fact(
        "snowflake",
        "\"Performs a case-sensitive comparison to determine whether a string matches or does not match a specified pattern",
    );
    fact(
        "mssql (SQL Server T-SQL)",
        "`ESCAPE` supported. No default escape",
    );
    assert_has(&sql("bigquery", WEEKS), "content LIKE '%50\\\\%\\\\_%'");
    assert_lacks(&sql("bigquery", WEEKS), "ESCAPE");
    for d in ["snowflake", "redshift"] {
        assert_has(
            &sql(d, WEEKS),
            "content LIKE '%50\\\\%\\\\_%' ESCAPE '\\\\'",
        );
    }
    for d in ["mssql", "trino", "athena"] {
        assert_has(&sql(d, WEEKS), "content LIKE '%50\\%\\_%' ESCAPE '\\'");
    }
    assert_has(
        &sql("oracle", NO_EMPTY),
        "content LIKE '%50\\%\\_%' ESCAPE '\\'",
    );
}

/// oracle "empty string": '' is NULL, so a comparison with '' is refused; elsewhere '' is a
/// string like any other.
#[test]
fn empty_strings() {
    fact(
        "oracle",
        "Oracle Database currently treats a character value with a length of zero as null",
    );
    refused("oracle", WEEKS);
    // an empty pattern matches the empty values elsewhere, which are NULL on Oracle
    for m in ["contains", "starts_with", "ends_with", "icontains"] {
        refused(
            "oracle",
            &format!("source: sms\ncolumns: [sms_type]\nfilters: [\"content {m} ''\"]\n"),
        );
    }
    // Snowflake: an empty string is a value, not NULL
    fact(
        "snowflake",
        "(\"An empty string is a string with zero length or no characters, whereas NULL values represent an absence of data\")",
    );
    for d in ["bigquery", "snowflake", "trino", "redshift", "mssql"] {
        assert_has(&sql(d, WEEKS), "content = ''");
        assert_has(
            &sql(
                d,
                "source: sms\ncolumns: [sms_type]\nfilters: [\"content contains ''\"]\n",
            ),
            "content LIKE '%%'",
        );
    }
}

/// mssql "literals": the ISO 8601 form with `T` is read the same whatever DATEFORMAT and
/// LANGUAGE say.
#[test]
fn mssql_timestamps_are_iso_8601_with_t() {
    fact(
        "mssql (SQL Server T-SQL)",
        "\"this format is not affected by the SET DATEFORMAT or SET LANGUAGE settings\"",
    );
    let s = sql(
        "mssql",
        "source: sms\ncolumns: [sms_type]\nfilters: [\"send_date >= 2026-02-16T08:30\"]\n",
    );
    assert_has(&s, "send_date >= CAST('2026-02-16T08:30:00' AS DATETIME2)");
    assert_lacks(&s, "2026-02-16 08:30:00");
}

/// mssql "Case-insensitive default collations": documented for SQL Server as for MySQL, in the
/// README and the capability matrix.
#[test]
fn collation_dialects_are_flagged_and_documented() {
    fact(
        "mssql (SQL Server T-SQL)",
        "Decision: **documented, not written around**",
    );
    let flagged: Vec<&str> = reportc::sql::DIALECTS
        .iter()
        .filter(|d| d.text_follows_collation)
        .map(|d| d.name)
        .collect();
    assert_eq!(flagged, ["mysql", "mssql"]);
    let readme = readme();
    for needle in [
        "utf8mb4_0900_ai_ci",
        "SQL_Latin1_General_CP1_CI_AS",
        "`text comparisons`",
    ] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
    let matrix = reportc::sql::matrix::text();
    assert!(matrix.contains("text comparisons"), "{matrix}");
    // no COLLATE is written: the column's collation governs
    assert_lacks(&sql("mssql", WEEKS), "COLLATE");
}

/// oracle "Percentile": PERCENTILE_CONT ... WITHIN GROUP without OVER is an aggregate.
#[test]
fn oracle_percentile_is_an_aggregate() {
    fact(
        "oracle",
        "\"PERCENTILE_CONT(expr) WITHIN GROUP (ORDER BY expr [ DESC \\| ASC ]) [ OVER (query_partition_clause) ]\"",
    );
    let s = sql(
        "oracle",
        "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\n",
    );
    assert_has(
        &s,
        "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY wait_time) AS \"p\"",
    );
    assert_lacks(&s, "OVER");
}

/// bigquery and snowflake "icontains": LOWER folds Unicode letters, so `icontains 'ÉTÉ'` is
/// LOWER on both sides of a LIKE (redshift: r_LOWER "supports UTF-8 multibyte characters").
#[test]
fn lower_folds_unicode_letters() {
    fact(
        "bigquery",
        "Mapping between lowercase and uppercase is done according to the Unicode Character Database",
    );
    fact("snowflake", "`ÄäÖößÜü` into `ääöößüü`");
    fact("redshift", "\"LOWER supports UTF-8 multibyte characters\"");
    fact(
        "oracle",
        "\"The database sets the case of the characters based on the binary mapping defined for the underlying character set",
    );
    fact(
        "trino",
        "\"The `lower` and `upper` functions do not perform locale-sensitive, context-sensitive, or one-to-many mappings",
    );
    let report =
        "source: sms\ncolumns: [sms_type]\nfilters: [\"content icontains '\u{c9}T\u{c9}'\"]\n";
    assert_has(
        &sql("bigquery", report),
        "LOWER(content) LIKE LOWER('%\u{c9}T\u{c9}%')",
    );
    for d in ["snowflake", "redshift"] {
        assert_has(
            &sql(d, report),
            "LOWER(content) LIKE LOWER('%\u{c9}T\u{c9}%') ESCAPE '\\\\'",
        );
    }
    assert_has(
        &sql("oracle", report),
        "LOWER(content) LIKE LOWER('%\u{c9}T\u{c9}%') ESCAPE '\\'",
    );
    assert_has(
        &sql("trino", report),
        "lower(content) LIKE lower('%\u{c9}T\u{c9}%') ESCAPE '\\'",
    );
}

/// redshift "GROUP BY ordinal": ordinals reference the select list; oracle "GROUP BY":
/// GROUP_BY_POSITION_ENABLED is FALSE by default, so the expressions are repeated; mssql item
/// 17: neither alias nor ordinal.
#[test]
fn group_by_forms() {
    fact(
        "redshift",
        "\"GROUP BY 子句中的表达式也可以使用序号来引用选择列表\"",
    );
    fact("oracle", "\"Default value FALSE\"");
    fact(
        "mssql (SQL Server T-SQL)",
        "**neither** (repeat the expression",
    );
    let report = "source: sms\ncolumns:\n  - m: send_date by month\n  - n: count()\n";
    for d in ["redshift", "snowflake", "bigquery", "trino"] {
        assert_has(&sql(d, report), "GROUP BY\n  1");
    }
    assert_has(&sql("oracle", report), "GROUP BY\n  TRUNC(send_date, 'MM')");
    assert_has(
        &sql("mssql", report),
        "GROUP BY\n  DATETRUNC(month, send_date)",
    );
}

/// oracle "NowUtc": SYS_EXTRACT_UTC(SYSTIMESTAMP) is the current UTC time.
#[test]
fn oracle_now_is_utc() {
    fact(
        "oracle",
        "\"SYS_EXTRACT_UTC extracts the UTC (Coordinated Universal Time—formerly Greenwich Mean Time) from a datetime value with time zone offset or time zone region name\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ncolumns:\n  - sms_type\n  - n: count()\nfilters: [\"send_date in last 7 days\"]\n",
    );
    assert_has(
        &s,
        "send_date >= TRUNC(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'DD') - NUMTODSINTERVAL(6, 'DAY')",
    );
}

/// mssql "booleans": a yes/no column is a bit (1, 0 or NULL), compared with 1; no TRUE/FALSE.
#[test]
fn mssql_booleans_are_bits() {
    fact(
        "mssql (SQL Server T-SQL)",
        "\"An integer data type that can take a value of 1, 0, or NULL\"",
    );
    let s = sql(
        "mssql",
        "source: messages\ncolumns:\n  - queue\n  - n: count() where transferred\nfilters: [\"not transferred or transferred = true\"]\n",
    );
    assert_has(&s, "COUNT_BIG(CASE WHEN transferred = 1 THEN 1 END) AS n");
    assert_has(&s, "NOT (transferred = 1) OR transferred = 1");
    assert_lacks(&s, "TRUE");
}

/// redshift "timestamp literals": under the default MDY DateStyle `1999-01-08` is January 8.
#[test]
fn redshift_timestamps_are_year_month_day() {
    fact(
        "redshift",
        "the table reads `1999-01-08` as \"January 8, 1999\"",
    );
    let s = sql(
        "redshift",
        "source: sms\ncolumns: [sms_type]\nfilters: [\"send_date >= 2026-02-16T08:30\"]\n",
    );
    assert_has(&s, "send_date >= CAST('2026-02-16 08:30:00' AS TIMESTAMP)");
    // another DateStyle: not documented, so the default is a stated convention
    fact(
        "redshift",
        "\"Sets the display format for date and time values and also the rules for interpreting ambiguous date input values\"",
    );
    let readme = readme();
    assert!(readme.contains("the default DateStyle\n`ISO, MDY`"));
}

/// oracle "Add*": ADD_MONTHS of a day-1 start (its month-end rule never applies), and
/// NUMTODSINTERVAL(n, 'HOUR') for hours.
#[test]
fn oracle_relative_ranges() {
    fact(
        "oracle",
        "\"The return type is always DATE, regardless of the data type of date. If date is the last day of the month",
    );
    fact(
        "oracle",
        "\"NUMTODSINTERVAL converts a number to an INTERVAL DAY TO SECOND data type\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ncolumns:\n  - sms_type\n  - n: count()\nfilters: [\"send_date in last 3 months\", \"send_date in last 5 hours\"]\n",
    );
    assert_has(
        &s,
        "send_date >= ADD_MONTHS(TRUNC(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'MM'), -2)",
    );
    assert_has(&s, "- NUMTODSINTERVAL(4, 'HOUR')");
}

// ---- wave 6: the fact gaps of issue 9 item 2 ----

/// trino "strings": `''` doubles a quote and a backslash is an ordinary character (the LIKE
/// example's `ESCAPE '\'` is a one-character literal); Athena inherits it.
#[test]
fn trino_strings_double_quotes_only() {
    fact(
        "trino",
        "\"Single quotes in string literals can be escaped by using another single quote",
    );
    fact(
        "trino",
        "\"`SELECT 'South_America' LIKE 'South\\_America' ESCAPE '\\';` ... returns `true`",
    );
    let report = "source: sms\ncolumns: [sms_type]\nfilters:\n  - content = 'O''Brien' or content = 'a\\\\b' or content contains '50%'\n";
    for d in ["trino", "athena"] {
        let s = sql(d, report);
        assert_has(&s, "content = 'O''Brien'");
        assert_has(&s, "content = 'a\\b'");
        assert_lacks(&s, "a\\\\b");
        assert_has(&s, "content LIKE '%50\\%%' ESCAPE '\\'");
    }
}

/// trino "Round": the manual states no tie rule; the source rounds decimals half away from
/// zero; the uncertainty is written in the README.
#[test]
fn trino_round_ties_are_documented_as_unverified() {
    fact("trino", "no vendor sentence on ties, for Trino or Athena");
    fact("trino", "\"remainder >= rescaleFactor / 2\"");
    fact(
        "athena (Amazon Athena engine version 3, a Trino variant)",
        "`round`'s tie rule is\n   stated in neither vendor's manual",
    );
    let readme = readme();
    assert!(readme.contains("Trino's and Athena's manuals do not\n  state `round`'s tie rule"));
    fact(
        "redshift",
        "no negative example | agrees for positive ties; negative ties: **documented uncertainty**",
    );
    fact("mssql (SQL Server T-SQL)", "no negative tie shown | agrees for positive ties; negative ties: **documented uncertainty**");
    assert!(
        readme.contains("a\n  negative tie such as `-0.5` rests on the same rule unverified there")
    );
    let report = "source: messages\ncolumns:\n  - queue\n  - w: round(avg(wait_time), 2)\n";
    for d in ["trino", "athena"] {
        assert_has(
            &sql(d, report),
            "round(CAST(AVG(wait_time) AS DECIMAL(38,10)), 2) AS w",
        );
    }
}

/// oracle "NULL order": the grammar puts NULLS FIRST/LAST after an expression, a position or a
/// column alias, in either direction; reportc writes no window ORDER BY.
#[test]
fn oracle_order_by_takes_nulls_after_an_alias() {
    fact(
        "oracle",
        "\"ORDER [ SIBLINGS ] BY { expr \\| position \\| c_alias } [ ASC \\| DESC ] [ NULLS FIRST \\| NULLS LAST ]",
    );
    let s = sql("oracle", NAMES);
    assert_has(
        &s,
        "ORDER BY\n  \"n\" DESC NULLS LAST, \"sms_type\" NULLS LAST",
    );
    assert_lacks(&s, "OVER");
    let p = sql(
        "oracle",
        "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\norder_by: [p desc]\n",
    );
    assert_has(&p, "WITHIN GROUP (ORDER BY wait_time) AS \"p\"");
    assert_has(&p, "\"p\" DESC NULLS LAST");
}

/// oracle "ToLocal": FROM_TZ makes a TIMESTAMP WITH TIME ZONE of a TIMESTAMP (never a DATE),
/// AT TIME ZONE returns it in the named zone, the CAST keeps its wall clock.
#[test]
fn oracle_time_zones_from_tz_at_time_zone() {
    fact("oracle", "The DATE data type is not supported\"");
    fact(
        "oracle",
        "\"time_zone_name: Oracle returns the datetime_value_expr in the time zone indicated by time_zone_name\"",
    );
    fact(
        "oracle",
        "\"The returned OracleTimeStamp contains the date and time in the current instance, but the time zone information is truncated\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - d: send_date by day\n  - n: count()\nfilters: [\"send_date in last 2 days\"]\n",
    );
    assert_has(
        &s,
        "TRUNC(CAST(FROM_TZ(CAST(send_date AS TIMESTAMP), 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP), 'DD')",
    );
    assert_has(
        &s,
        "CAST(SYSTIMESTAMP AT TIME ZONE 'Europe/Paris' AS TIMESTAMP)",
    );
}

/// oracle "ListContains": JSON_TABLE in the FROM of an EXISTS subquery, one row per element of
/// `'$[*]'`, the element's value in a VARCHAR2(4000) column.
#[test]
fn oracle_lists_are_json_table_rows() {
    fact(
        "oracle",
        "\"column_name [ JSON_value_return_type ] PATH JSON_basic_path_expression\"",
    );
    fact(
        "oracle",
        "\"You must specify JSON_TABLE only in the FROM clause of a SELECT statement\"",
    );
    let s = sql(
        "oracle",
        "source: messages\ncolumns:\n  - messaging_type\n  - vip: count() where checkpoints contains 'vip'\n",
    );
    assert_has(
        &s,
        "EXISTS (SELECT 1 FROM JSON_TABLE(checkpoints, '$[*]' COLUMNS(v VARCHAR2(4000) PATH '$')) jt WHERE jt.v = 'vip')",
    );
}

/// redshift "booleans": TRUE/FALSE are literals; an IS test of a boolean is a WHERE predicate
/// only, so reportc compares with `= true` and uses the bare column.
#[test]
fn redshift_booleans_are_literals_not_is_tests() {
    fact(
        "redshift",
        "\"You can use an IS comparison to check a Boolean value only as a predicate in the WHERE clause",
    );
    let s = sql(
        "redshift",
        "source: messages\ncolumns:\n  - queue\n  - n: count() where transferred\nfilters: [\"not transferred or transferred = true\"]\n",
    );
    assert_has(&s, "COUNT(CASE WHEN transferred THEN 1 END) AS n");
    assert_has(&s, "NOT transferred OR transferred = true");
    assert_lacks(&s, " IS TRUE");
}

/// mssql "icontains": LOWER on both sides of a LIKE with an explicit escape: the rows do not
/// depend on the collation's case sensitivity.
#[test]
fn mssql_icontains_lowers_both_sides() {
    fact(
        "mssql (SQL Server T-SQL)",
        "\"Returns a character expression after converting uppercase character data to lowercase\"",
    );
    let s = sql(
        "mssql",
        "source: sms\ncolumns: [sms_type]\nfilters: [\"content icontains 'STOP_1' or content istarts_with '\u{c9}t\u{e9}'\"]\n",
    );
    assert_has(&s, "LOWER(content) LIKE LOWER('%STOP\\_1%') ESCAPE '\\'");
    assert_has(
        &s,
        "LOWER(content) LIKE LOWER(N'\u{c9}t\u{e9}%') ESCAPE '\\'",
    );
}

/// The matrix's "case-sensitive" text comparisons of the unrun dialects: each rests on a
/// default collation (bigquery, snowflake, oracle, redshift, databricks); reportc writes no
/// COLLATE; the README names the case-insensitive collations that change it.
#[test]
fn text_comparisons_are_case_sensitive_by_default() {
    fact(
        "bigquery",
        "\"By default, GoogleSQL sorts strings case-sensitively",
    );
    fact(
        "snowflake",
        "by default, strings are compared according to the Unicode codes that represent the characters in the string",
    );
    fact(
        "oracle",
        "\"Default value BINARY\"; \"BINARY: Normally, comparisons in the WHERE clause",
    );
    fact(
        "redshift",
        "on a `case_sensitive` column `SELECT * FROM T WHERE col1 = 'john'` returns only `john`",
    );
    fact(
        "databricks (a Spark variant)",
        "\"The system default is UTF8_BINARY\"",
    );
    let matrix = reportc::sql::matrix::text();
    for d in [
        "bigquery",
        "snowflake",
        "oracle",
        "redshift",
        "databricks",
        "trino",
        "athena",
    ] {
        let row = matrix
            .lines()
            .find(|l| l.starts_with(&format!("{d} ")))
            .unwrap_or_else(|| panic!("no {d} row in\n{matrix}"));
        assert!(row.contains("case-sensitive"), "{row}");
    }
    let readme = readme();
    assert!(readme.contains("Redshift `COLLATE case_insensitive`, BigQuery `und:ci`"));
    let report = "source: messages\ncolumns: [queue]\nfilters: [\"queue = 'Sales'\"]\n";
    for d in ["bigquery", "snowflake", "oracle", "redshift", "databricks"] {
        let s = sql(d, report);
        assert_has(&s, "queue = 'Sales'");
        assert_lacks(&s, "COLLATE");
    }
}

/// snowflake "Add*", "literals", "Percentile" and "GROUP BY ordinal": DATEADD with a negative
/// value subtracts; constants are TIMESTAMP_NTZ (wall clock, no zone), never the TIMESTAMP
/// alias; PERCENTILE_CONT ... WITHIN GROUP is an interpolating aggregate; GROUP BY takes a
/// position.
#[test]
fn snowflake_dateadd_literals_and_percentiles() {
    fact(
        "snowflake",
        "\"If you want to subtract two days, specify -2\"",
    );
    fact(
        "snowflake",
        "\"TIMESTAMP in Snowflake is a user-specified alias associated with one of the TIMESTAMP_* variations\"",
    );
    fact(
        "snowflake",
        "the result is calculated using linear interpolation of the two nearest input values. NULL values are ignored in the calculation\"",
    );
    fact(
        "snowflake",
        "\"A GROUP BY expression can be: A column name. A number referencing a position in the SELECT list",
    );
    let s = sql(
        "snowflake",
        "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\nfilters:\n  - \"distribution_date in last 3 months\"\n  - \"distribution_date >= 2026-02-16T08:30\"\n",
    );
    assert_has(&s, "DATEADD(MONTH, -2, DATE_TRUNC('MONTH', SYSDATE()))");
    assert_has(&s, "CAST('2026-02-16 08:30:00' AS TIMESTAMP_NTZ)");
    assert_lacks(&s, "AS TIMESTAMP)");
    assert_has(
        &s,
        "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY wait_time) AS \"p\"",
    );
    assert_has(&s, "GROUP BY\n  1");
}

/// mssql "identifiers": with QUOTED_IDENTIFIER ON (the default) `"..."` is an identifier, even
/// a reserved word; the README states the session convention.
#[test]
fn mssql_quotes_identifiers_with_double_quotes() {
    fact(
        "mssql (SQL Server T-SQL)",
        "\"When SET QUOTED_IDENTIFIER is ON (default), all strings delimited by double quotation marks are interpreted as object identifiers",
    );
    assert!(readme().contains("SQL Server sessions keep `QUOTED_IDENTIFIER ON`"));
    let cat = "catalog: t\nsources:\n  s:\n    table: user\n    columns:\n      order:\n        type: text\n";
    let (cat, diags) = reportc::catalog::parse_catalog(cat);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    let s = compile_with(&cat, "mssql", "source: s\ncolumns: [order]\n").unwrap();
    assert_has(&s, "\"order\"");
    assert_has(&s, "FROM\n  \"user\"");
}

const PREVIOUS: &str = "source: incoming_message_distributions
columns:
  - week: distribution_date by week
  - queue
  - offered: count()
  - offered_change: change(offered)
group_by: [week, queue]
";

const ROLLING: &str = "source: incoming_message_distributions
columns:
  - day: distribution_date by day
  - rolling_offered: rolling(count(), 7)
group_by: [day]
";

const SECTION: &str = "comparisons and windows (issue 12)";

#[test]
fn comparisons_and_windows_are_ctes_and_joins() {
    let cases: &[(&str, &str)] = &[
        ("snowflake", "The WITH\n  clause is an optional clause that precedes the body of the SELECT statement"),
        ("mssql", "Specifies a temporary named result set, known as a common table expression (CTE)."),
        ("trino", "join types include \"LEFT [ OUTER ] JOIN\""),
        ("athena", "join types include \"LEFT [ OUTER ] JOIN\""),
        ("oracle", "WITH [ plsql_declarations ] [ subquery_factoring_clause | subav_factoring_clause ]"),
        ("redshift", "A WITH\n  clause is an optional clause that precedes the SELECT list in a query."),
        ("databricks", "Syntax `WITH common_table_expression [, ...]`."),
    ];
    for (dialect, quote) in cases {
        fact(SECTION, quote);
        let s = sql(dialect, PREVIOUS);
        assert!(s.starts_with("WITH\nrc_bucketed AS ("), "{dialect}:\n{s}");
        assert_has(&s, "LEFT JOIN rc_previous ON rc_j0 = ");
        assert_has(&s, "(rc_k1 = rc_j1 OR (rc_k1 IS NULL AND rc_j1 IS NULL))");
        let s = sql(dialect, ROLLING);
        assert_has(
            &s,
            "JOIN incoming_message_distributions ON distribution_date >= ",
        );
    }
}

#[test]
fn bigquery_refuses_comparisons_and_windows() {
    fact(SECTION, "LEFT OUTER JOIN\n  cannot be used without a condition that is an equality of fields from both sides of the join");
    for report in [PREVIOUS, ROLLING] {
        let d = refused("bigquery", report);
        assert!(
            d[0].help.as_deref().unwrap_or("").contains("equality"),
            "{d:?}"
        );
    }
}

#[test]
fn clickhouse_previous_sets_join_use_nulls() {
    fact(SECTION, "`SETTINGS join_use_nulls = 1`");
    let s = sql("clickhouse", PREVIOUS);
    assert!(
        s.trim_end().ends_with("SETTINGS join_use_nulls = 1;"),
        "{s}"
    );
    assert!(!sql("clickhouse", ROLLING).contains("SETTINGS"));
}

/// A report following a link (`message.messaging_type` from `sms`).
const JOINED: &str = "source: sms\ncolumns:\n  - message.messaging_type\n  - n: count()\n";

/// SQL Server and Databricks: a derived table aliased without `AS`, LEFT JOIN on the key.
#[test]
fn joins_are_left_joins_in_a_derived_table() {
    fact("joins (issue 15)", "`derived_table [ AS ] table_alias`");
    fact("joins (issue 15)", "or appends NULL if there is no match");
    for d in ["mssql", "databricks"] {
        let s = sql(d, JOINED);
        assert_has(
            &s,
            "FROM sms r0 LEFT JOIN (SELECT interaction_id AS rc_k, messaging_type AS rc_1, 1 AS rc_m FROM messages) r1 ON r0.interaction_id = r1.rc_k) r",
        );
        assert_has(
            &s,
            "CASE WHEN r1.rc_m = 1 THEN r1.rc_1 END AS message__messaging_type",
        );
    }
}

/// BigQuery, Snowflake, Trino, Athena, Oracle and Redshift: each documents a subquery in FROM
/// with an alias and a LEFT [OUTER] JOIN ... ON; Trino documents the alias as `AS x`.
#[test]
fn joins_rest_on_each_vendors_from_clause() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "snowflake",
            &[
                "[ LATERAL ] ( <subquery> ) [ [ AS ] <alias_name> ]",
                "JOIN <object_ref2>\n  [ ON <condition> ]",
            ],
            "",
        ),
        (
            "bigquery",
            &[
                "`( query_expr ) [ [ AS ] alias ]`",
                "LEFT [OUTER]",
                "`[ expression. ]*`",
            ],
            "",
        ),
        (
            "trino",
            &["( SELECT a, MAX(b) AS b FROM t GROUP BY a ) AS x"],
            "AS ",
        ),
        ("athena", &["Athena has Trino's row"], "AS "),
        (
            "oracle",
            &[
                "`[ LATERAL ] (subquery [ subquery_restriction_clause ])`",
                "list takes `t_alias.*` beside",
            ],
            "",
        ),
        (
            "redshift",
            &[
                "`( subquery ) [ table_alias ]`",
                "The AS keyword is always optional",
            ],
            "",
        ),
    ];
    const MANY: &str = "source: messages\ncolumns:\n  - messaging_type\n  - sms_sent: count(sms)\nfilters:\n  - any(sms.origin = 'payment module')\n";
    for (d, quotes, alias) in cases {
        for q in *quotes {
            fact("joins (issue 15)", q);
        }
        let s = sql(d, JOINED);
        assert_has(&s, " LEFT JOIN (SELECT ");
        assert_has(&s, &format!(") {alias}r1 ON "));
        assert!(s.contains(&format!(") {alias}r\n")), "{d}:\n{s}");
        let s = sql(d, MANY);
        assert_has(&s, " GROUP BY interaction_id) ");
        assert_has(&s, " ELSE 0 END AS sms__n1");
    }
}

// ---- shares (issue 12 item 3) ----

const SHARE: &str = "source: incoming_message_distributions\ncolumns:\n  - week: distribution_date by week\n  - queue\n  - s: share(count(), week)\n";

/// Redshift: windows run after GROUP BY, and an aggregate may stand inside window SUM.
#[test]
fn redshift_shares_are_windows_over_aggregates() {
    fact(
        "Shares (issue 12 item 3: `share()`)",
        "All joins and all WHERE, GROUP BY, and HAVING clauses\n  are completed before the window functions are processed.",
    );
    fact(
        "Shares (issue 12 item 3: `share()`)",
        "the aggregate function SUM can appear\n  inside the window function SUM",
    );
    let s = sql("redshift", SHARE);
    assert_has(
        &s,
        "CAST(COUNT(*) AS FLOAT8) / NULLIF(SUM(COUNT(*)) OVER (PARTITION BY ",
    );
}

/// Oracle: analytic functions run after GROUP BY and HAVING.
#[test]
fn oracle_shares_are_analytic_functions_over_aggregates() {
    fact(
        "Shares (issue 12 item 3: `share()`)",
        "All joins and all WHERE, GROUP BY, and HAVING\n  clauses are completed before the analytic functions are processed.",
    );
    let s = sql("oracle", SHARE);
    assert_has(&s, "/ NULLIF(SUM(COUNT(*)) OVER (PARTITION BY ");
}

/// Snowflake: windows are evaluated after GROUP BY and HAVING.
#[test]
fn snowflake_shares_are_windows_over_aggregates() {
    fact(
        "Shares (issue 12 item 3: `share()`)",
        "FROM, WHERE, GROUP BY, HAVING, WINDOW, QUALIFY, DISTINCT, ORDER BY, LIMIT",
    );
    let s = sql("snowflake", SHARE);
    assert_has(&s, "/ NULLIF(SUM(COUNT(*)) OVER (PARTITION BY ");
}

/// No fact found for these: `share()` is refused, naming the dialect.
#[test]
fn shares_refused_without_a_fact() {
    fact(
        "Shares (issue 12 item 3: `share()`)",
        "**SQL Server, BigQuery, Trino, Athena, Databricks: open.**",
    );
    for d in ["mssql", "bigquery", "trino", "athena", "databricks"] {
        refused(d, SHARE);
    }
}
