//! Integer averages, sums and counts, rounding, percentiles and shares.

use super::*;

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
    snapshot("redshift_two_percentiles", rendered("redshift", two));
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

const ROUND_AVG: &str = "source: messages\ncolumns:\n  - queue\n  - w: round(avg(wait_time), 2)\n";

/// trino "Round": the manual states no tie rule; Trino's own test suite rounds DECIMAL ties
/// half away from zero, negative ones and the long-decimal path included; Athena's functions
/// are Trino's.
#[test]
fn trino_round_ties_are_half_away_from_zero() {
    const TESTS: &str = "https://github.com/trinodb/trino/blob/master/core/trino-main/src/test/java/io/trino/operator/scalar/TestMathFunctions.java";
    cited(
        "trino",
        TESTS,
        "`assertFunction(\"round(DECIMAL '-3.5')\", createDecimalType(2, 0), SqlDecimal.of(\"-4\"))`",
    );
    cited(
        "trino",
        TESTS,
        "`assertFunction(\"round(DECIMAL '-123456789012345678.45', 1)\", createDecimalType(21, 2), SqlDecimal.of(\"-123456789012345678.50\"))`",
    );
    cited(
        "athena (Amazon Athena engine version 3, a Trino variant)",
        "https://docs.aws.amazon.com/athena/latest/ug/functions-env3.html",
        "\"Functions in Athena engine version 3 are based on\n   Trino\"",
    );
    assert!(readme().contains("Trino's own test suite does (`round(DECIMAL '-3.5')` is `-4`)"));
    for d in ["trino", "athena"] {
        assert_has(
            &sql(d, ROUND_AVG),
            "round(CAST(AVG(wait_time) AS DECIMAL(38,10)), 2) AS w",
        );
    }
}

/// mssql "Round": the current ROUND page (Japanese edition) states ties round half away from
/// zero, with `ROUND(-1.15, 1)` giving `-1.2`: the decimal is rounded as written.
#[test]
fn mssql_round_ties_are_half_away_from_zero() {
    cited(
        "mssql (SQL Server T-SQL)",
        "https://learn.microsoft.com/ja-jp/sql/t-sql/functions/round-transact-sql",
        "\"ROUND ゼロから半分の切り上げ(商業的四捨五入とも呼ばれる)ことで同点を切ります。\"",
    );
    fact(
        "mssql (SQL Server T-SQL)",
        "`ROUND(1.15, 1)` → `1.2` and `ROUND(-1.15, 1)` → `-1.2`",
    );
    assert!(
        readme().contains("SQL Server's manual states it (half away from zero, `ROUND(-1.15, 1)`")
    );
    let s = sql("mssql", ROUND_AVG);
    assert_has(
        &s,
        "ROUND(CAST(AVG(CAST(wait_time AS FLOAT)) AS DECIMAL(38,10)), 2) AS w",
    );
    assert_lacks(&s, "CASE WHEN");
}

/// redshift "Round": r_ROUND shows a positive tie only (28.05 to 28.1), so a negative value is
/// rounded as the negation of its absolute value and only the documented rule is relied on.
#[test]
fn redshift_rounds_negative_values_by_their_absolute_value() {
    cited(
        "redshift",
        "https://docs.aws.amazon.com/redshift/latest/dg/r_ROUND.html",
        "its example rounds the positive tie `28.05` to `28.1` (`ROUND(commission, 1)`)",
    );
    fact(
        "redshift",
        "no negative tie is shown (re-searched in wave 8",
    );
    assert!(readme().contains(
        "so on Redshift a\n  negative value is rounded as the negation of its absolute value"
    ));
    let s = sql("redshift", ROUND_AVG);
    assert_has(
        &s,
        "CASE WHEN AVG(CAST(wait_time AS FLOAT8)) < 0 THEN -ROUND(-CAST(AVG(CAST(wait_time AS FLOAT8)) AS DECIMAL(38,10)), 2) ELSE ROUND(CAST(AVG(CAST(wait_time AS FLOAT8)) AS DECIMAL(38,10)), 2) END AS w",
    );
    // PostgreSQL, Redshift's parent, keeps its own rendering (run on the engine here)
    assert_lacks(&sql("postgres", ROUND_AVG), "CASE WHEN");
}

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

/// No fact found for a window over an aggregate on these: the groups are computed in a CTE and
/// each total is the dialect's SUM of a column with a window (`share_groups`), which each
/// vendor documents. (`share()` with `previous`, windows or `fill` is refused on every dialect,
/// E0244/E0264, before any dialect is asked.)
#[test]
fn shares_over_the_groups_where_no_fact_covers_the_window() {
    const SECTION: &str = "Shares (issue 12 item 3: `share()`)";
    cited(
        SECTION,
        "https://learn.microsoft.com/en-us/sql/t-sql/queries/select-over-clause-transact-sql",
        "\"If ORDER BY is not specified entire partition\n    is used for a window frame\"",
    );
    cited(
        SECTION,
        "https://trino.io/docs/current/functions/window.html",
        "The aggregate function is computed for each row over the rows within the\n    current row's window frame",
    );
    cited(
        SECTION,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls",
        "\"If neither the `ORDER BY` clause nor\n    window frame clause are present, the window frame includes all rows in that partition\"",
    );
    for (d, sum) in [
        (
            "mssql",
            "SUM(CAST(rc_c0 AS BIGINT)) OVER (PARTITION BY rc_k0)",
        ),
        ("bigquery", "SUM(rc_c0) OVER (PARTITION BY rc_k0)"),
        ("trino", "SUM(rc_c0) OVER (PARTITION BY rc_k0)"),
        ("athena", "SUM(rc_c0) OVER (PARTITION BY rc_k0)"),
        ("databricks", "SUM(rc_c0) OVER (PARTITION BY rc_k0)"),
    ] {
        let s = sql(d, SHARE);
        assert_has(&s, "rc_groups AS (");
        assert_has(&s, sum);
        assert_has(&s, "FROM\n  rc_groups");
        assert_lacks(&s, "SUM(COUNT(");
    }
    // where the window over the grouped rows is documented, shares stay that window
    for d in ["postgres", "redshift", "snowflake", "oracle"] {
        let s = sql(d, SHARE);
        assert_lacks(&s, "rc_groups");
        assert_has(&s, "SUM(COUNT(*)) OVER (PARTITION BY");
    }
}

/// oracle "Count*/Sum": SUM returns the argument's numeric type, so the sum of a NUMBER column
/// is a NUMBER (no fixed-width integer to overflow, unlike SQL Server's int): written as is.
#[test]
fn oracle_sums_and_counts_as_written() {
    cited(
        "oracle",
        "https://docs.oracle.com/en/database/oracle/oracle-database/23/sqlrf/SUM.html",
        "\"This function takes as an argument any numeric data type or any nonnumeric data type that can be implicitly converted to a numeric data type. The function returns the same data type as the numeric data type of the argument\"",
    );
    fact("oracle", "\"COUNT never returns null\"");
    let s = sql("oracle", SUM_COUNT);
    assert_has(&s, "SUM(credits) AS \"s\"");
    assert_has(&s, "COUNT(*) AS \"n\"");
    assert_has(&s, "COUNT(DISTINCT sms_template) AS \"d\"");
    assert_lacks(&s, "COUNT_BIG");
}

/// redshift "Min/Max on text": MIN and MAX of text follow binary UTF-8 order (code points,
/// case-sensitive), the order of the engines here; reportc writes no COLLATE.
#[test]
fn redshift_min_max_of_text_are_binary_utf8() {
    cited(
        "redshift",
        "https://docs.aws.amazon.com/redshift/latest/dg/c_collation_sequences.html",
        "\"ORDER BY expressions and functions such as MIN, MAX, and RANK return results based on binary UTF8 ordering of the data that does not take locale-specific characters into account\"",
    );
    assert!(readme().contains("Redshift takes `min`/`max` of text, and orders it, by binary UTF-8"));
    let s = sql(
        "redshift",
        "source: messages\ncolumns:\n  - messaging_type\n  - first_queue: min(queue)\n  - last_queue: max(queue)\norder_by: [first_queue]\n",
    );
    assert_has(&s, "MIN(queue) AS first_queue");
    assert_has(&s, "MAX(queue) AS last_queue");
    assert_lacks(&s, "COLLATE");
}

/// oracle "ToFloat + NullIfZero": a binary operator converts to the operand type of highest
/// precedence, and a NUMBER division is fractional anyway: `sum / count` is never an integer.
#[test]
fn oracle_division_is_fractional() {
    cited(
        "oracle",
        "https://docs.oracle.com/en/database/oracle/oracle-database/26/sqlrf/Arithmetic-Operators.html",
        "\"For binary arithmetic operators, Oracle determines the argument with the highest numeric precedence, implicitly converts the remaining arguments to that data type, and returns that data type\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ncolumns:\n  - sms_type\n  - per_message: sum(credits) / count()\n",
    );
    assert_has(
        &s,
        "CAST(SUM(credits) AS BINARY_DOUBLE) / NULLIF(COUNT(*), 0) AS \"per_message\"",
    );
}

/// Integer enum codes (`codes: integer`, issue 9 finding 5) are number literals: Trino "will
/// not convert between character and numeric types", BigQuery's STRING coerces to nothing.
#[test]
fn integer_enum_codes_are_number_literals() {
    fact(
        "trino",
        "(https://trino.io/docs/current/functions/conversion.html): \"Trino will not convert between character and numeric types\"",
    );
    fact("bigquery", "STRING's \"Coerce to\" column is empty");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text =
        std::fs::read_to_string(root.join("tests/fixtures/callcentre_catalog.yaml")).unwrap();
    let (cat, diags) = reportc::catalog::parse_catalog(&text);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    let report = "source: calls\ncolumns:\n  - priority\n  - n: count()\nfilters: [\"priority in ('normal', 'urgent')\"]\n";
    for d in [
        "trino",
        "athena",
        "bigquery",
        "redshift",
        "oracle",
        "mssql",
        "snowflake",
    ] {
        let s = compile_with(&cat, d, report).unwrap_or_else(|e| panic!("{d}: {e:?}"));
        assert_has(&s, "IN (2, 10)");
        assert_lacks(&s, "'2'");
    }
}
