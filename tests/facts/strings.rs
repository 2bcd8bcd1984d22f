//! String literals, LIKE and its escapes, case folding, collations, empty strings, booleans.

use super::*;

/// sqlite item 15: "The default built-in lower() function works for ASCII characters only".
#[test]
fn sqlite_refuses_non_ascii_case_folding() {
    fact(
        "sqlite",
        "The default built-in lower() function works for ASCII\n    characters only",
    );
    let unicode = "source: sms\ncolumns: [sms_type]\nfilters:\n  - \"content icontains '\u{dc}N\u{cf}C\u{d6}D\u{c9}' or content istarts_with 'L''\u{c9}QUIPE'\"\n";
    snapshot("sqlite_unicode_icontains", rendered("sqlite", unicode));
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

/// mssql "Case-insensitive default collations": documented for SQL Server as for MySQL, in the
/// README and the capability matrix.
#[test]
fn collation_dialects_are_flagged_and_documented() {
    decided(
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

/// redshift, mssql and bigquery "empty string": a NULL is not an empty string, so `= ''` and
/// `contains ''` keep their meaning (Oracle, where `''` is NULL, refuses them: `empty_strings`).
#[test]
fn empty_strings_are_values() {
    cited(
        "redshift",
        "https://docs.aws.amazon.com/redshift/latest/dg/r_Nulls.html",
        "\"A null is not equivalent to the value zero or to an empty string\"",
    );
    cited(
        "mssql (SQL Server T-SQL)",
        "https://learn.microsoft.com/en-us/sql/t-sql/language-elements/null-and-unknown-transact-sql",
        "\"NULL indicates that the value is unknown. A null value is different from an empty or zero value\"",
    );
    cited(
        "bigquery",
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#ascii",
        "\"Returns `0` if `value` is empty\", with the example `SELECT ASCII('abcd') as A, ASCII('a') as B, ASCII('') as C, ASCII(NULL) as D;` giving C = `0` and D = `NULL`",
    );
    let report =
        "source: sms\ncolumns: [sms_type]\nfilters: [\"content = '' or content contains ''\"]\n";
    for d in ["redshift", "mssql", "bigquery"] {
        let s = sql(d, report);
        assert_has(&s, "content = ''");
        assert_has(&s, "content LIKE '%%'");
    }
}

/// trino "text comparisons": one binary, case-sensitive collation (the maintainers' words; the
/// manual names none): `=` is written as is, with no COLLATE and no folding.
#[test]
fn trino_text_comparisons_are_case_sensitive() {
    cited(
        "trino",
        "https://github.com/trinodb/trino/issues/7496",
        "\"Trino's default sort order (`C`/`POSIX` collation) for textual types differs from some RDBMS like MySQL (case-insensitive by default)",
    );
    cited(
        "trino",
        "https://github.com/trinodb/trino/issues/13951",
        "mostly irrelevant to Trino since it only suppports one collation\"",
    );
    for d in ["trino", "athena"] {
        let s = sql(
            d,
            "source: messages\ncolumns: [queue]\nfilters: [\"queue = 'Sales'\"]\n",
        );
        assert_has(&s, "queue = 'Sales'");
        assert_lacks(&s, "COLLATE");
        assert_lacks(&s, "lower(queue)");
    }
}
