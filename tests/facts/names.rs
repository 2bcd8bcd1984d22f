//! Identifiers: output names and their case, reserved words, quoting, view heads.

use super::*;

/// snowflake item 1 and oracle item 1: unquoted names fold to upper case, quoted ones keep
/// their case; so every output alias is quoted, and ORDER BY uses the quoted alias.
#[test]
fn upper_folding_dialects_quote_every_output() {
    fact(
        "snowflake",
        "Unquoted\n   names are **stored and resolved as UPPER case**. Quoted names are case-sensitive",
    );
    fact("oracle", "Unquoted names fold to **UPPER** case");
    // Oracle's own examples: an unquoted alias comes back upper-case, a quoted one as written
    cited(
        "oracle",
        "https://docs.oracle.com/en/database/oracle/oracle-database/23/sqlrf/SUM.html",
        "its analytic example's unquoted alias `l_csum` (`SUM(salary) OVER (PARTITION BY manager_id ...) l_csum`) prints as `L_CSUM`",
    );
    fact(
        "oracle",
        "`SELECT SUM(salary) \"Total\" FROM employees;` prints the heading `Total`",
    );
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
/// catalogue column names on Oracle (issue 10: `case` was left bare), in upper case, the
/// spelling Oracle stores for the unquoted name; `type` stays bare; output names as written.
#[test]
fn oracle_quotes_plsql_reserved_words() {
    fact(
        "oracle",
        "WHEN. \"The difference between reserved words and keywords is that you cannot use reserved\nwords as identifiers\"",
    );
    let cat = "catalog: t\nsources:\n  s:\n    table: t\n    columns:\n      case:\n        type: text\n      \
               when:\n        type: text\n      type:\n        type: text\n";
    let cat = catalog(cat);
    let s = compile_with(&cat, "oracle", "source: s\ncolumns: [case, when, type]\n").unwrap();
    fact(
        "oracle",
        "Since stop 24 a reserved catalogue\nname is quoted in upper case (`case` is written `\"CASE\"`)",
    );
    assert_has(&s, "\"CASE\" AS \"case\"");
    assert_has(&s, "\"WHEN\" AS \"when\"");
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
    snapshot("redshift_mixed_case_output", rendered("redshift", MIXED));
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
    // BigQuery's own sample table: a mixed-case alias comes back as written
    cited(
        "bigquery",
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#sample_tables",
        "`SELECT 'Adams' as LastName, 50 as SchoolID` and show `SELECT * FROM Roster` with the header `| LastName   | SchoolID |`",
    );
    assert_has(&sql("bigquery", MIXED), "AVG(credits) AS avgCredits");
    assert_has(&sql("mssql", MIXED), "AS avgCredits");
    assert_has(&sql("postgres", MIXED), "AS \"avgCredits\"");
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
    let cat = catalog(cat);
    let s = compile_with(&cat, "mssql", "source: s\ncolumns: [order]\n").unwrap();
    assert_has(&s, "\"order\"");
    assert_has(&s, "FROM\n  \"user\"");
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

/// snowflake "reserved words": the table of the Reserved & limited keywords page, A to E, and
/// the words its introduction names (ASC, DESC, OUTER) are quoted; `status` is not.
#[test]
fn snowflake_reserved_words_follow_the_table() {
    cited(
        "snowflake",
        "https://docs.snowflake.com/en/sql-reference/reserved-keywords",
        "yet its table lists neither ASC nor DESC (AS is followed by BETWEEN, DATABASE by DELETE)",
    );
    fact(
        "snowflake",
        "prohibits the use of keywords such\nas LEFT, OUTER, JOIN, etc. as table names or aliases in the FROM list",
    );
    let cat = "catalog: t\nsources:\n  s:\n    table: outer\n    columns:\n      case:\n        type: text\n      \
               exists:\n        type: text\n      desc:\n        type: text\n      asc:\n        type: text\n      \
               status:\n        type: text\n";
    let cat = catalog(cat);
    let s = compile_with(
        &cat,
        "snowflake",
        "source: s\ncolumns: [case, exists, desc, asc, status]\n",
    )
    .unwrap();
    assert_has(&s, "\"CASE\" AS \"case\"");
    assert_has(&s, "\"EXISTS\" AS \"exists\"");
    assert_has(&s, "\"DESC\" AS \"desc\"");
    assert_has(&s, "\"ASC\" AS \"asc\"");
    assert_has(&s, "  status AS \"status\"");
    assert_has(&s, "FROM\n  \"OUTER\"");
}

/// snowflake item 1 ("an unquoted identifier is equivalent to a capitalized double-quoted
/// identifier with the same name") and oracle item 1: a catalogue name that would be bare but
/// for a reserved word is quoted as the engine stores the bare name, so quoting never changes
/// which column a name means; a name with capitals keeps them; output names come back as
/// written (the alias `order` is `"order"`, even though the column `order` is `"ORDER"`).
/// PostgreSQL folds to lower case: its quoted reserved names are lower case.
#[test]
fn reserved_names_are_quoted_as_the_engine_stores_them() {
    cited(
        "snowflake",
        "https://docs.snowflake.com/sql-reference/identifiers-syntax",
        "Therefore, an unquoted identifier is equivalent to a\n   capitalized double-quoted identifier with the same name",
    );
    let cat = "catalog: t\nsources:\n  s:\n    table: select\n    columns:\n      order:\n        type: integer\n      \
               Order:\n        type: text\n      ORDER_NO:\n        type: text\n";
    let cat = catalog(cat);
    let report = "source: s\ncolumns:\n  - Order\n  - ORDER_NO\n  - order: sum(order)\norder_by: [order desc]\n";
    for d in ["snowflake", "oracle"] {
        let s = compile_with(&cat, d, report).unwrap();
        assert_has(&s, "SUM(\"SELECT\".\"ORDER\") AS \"order\"");
        assert_has(&s, "\"Order\" AS \"Order\"");
        assert_has(&s, "  ORDER_NO AS \"ORDER_NO\"");
        assert_has(&s, "FROM\n  \"SELECT\"");
        assert_has(&s, "\"order\" DESC NULLS LAST");
        assert_lacks(&s, "\"select\"");
    }
    let pg = compile_with(&cat, "postgres", report).unwrap();
    assert_has(&pg, "SUM(\"select\".\"order\") AS \"order\"");
    assert_has(&pg, "FROM\n  \"select\"");
    assert_has(&pg, "\"ORDER_NO\"");
}
