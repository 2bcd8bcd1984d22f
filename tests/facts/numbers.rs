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
