//! Filled time buckets (`fill: yes`) and buckets as dates (`bucket_as: date`): the recursive
//! CTE, the numbers that stand for it where recursion stops short, and the cast to a date.

use super::*;

const RECURSIVE: &str = "Recursive CTEs (issue 12 item 6: `fill`)";
const DATES: &str = "Buckets as dates (issue 12 item 7: `bucket_as: date`)";

const FILL: &str = "source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
filters:
  - distribution_date >= 2026-03-27 and distribution_date < 2026-04-01
fill: yes
";

/// A weekly fill with another group key: the weeks step 7 days, the keys are cross joined.
const FILL_WEEKS_BY_TYPE: &str = "source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - week: distribution_date by week
  - messaging_type
  - offered: count()
filters:
  - distribution_date >= 2026-03-02 and distribution_date < 2026-04-27
fill: yes
";

/// A quarterly fill: the quarters step 3 months.
const FILL_QUARTERS: &str = "source: incoming_message_distributions
columns:
  - quarter: distribution_date by quarter
  - offered: count()
filters:
  - distribution_date >= 2025-01-01 and distribution_date < 2026-01-01
fill: yes
";

const BUCKET_DATES: &str = "source: incoming_message_distributions
timezone: Europe/Paris
columns:
  - day: distribution_date by day
  - offered: count()
bucket_as: date
";

/// The ten digits three times: the numbers 0 to 999, no recursion.
const NUMBERS: &str = "rc_numbers AS (
  SELECT
    d0.n + 10 * d1.n + 100 * d2.n AS rc_n
  FROM
    (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d0 (n)
    CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d1 (n)
    CROSS JOIN (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d2 (n)
)";

/// The shape every numbers series shares: a plain WITH, the numbers, the first bucket always.
fn assert_numbers_series(s: &str) {
    assert!(s.starts_with("WITH\nrc_numbers AS ("), "{s}");
    assert_has(s, NUMBERS);
    assert_has(s, "rc_series AS (");
    assert_has(s, "FROM\n    rc_numbers\n  WHERE\n    rc_n = 0 OR ");
    assert_has(s, "LEFT JOIN rc_bucketed ON rc_k0 = rc_b");
    assert_lacks(s, "RECURSIVE");
    assert_lacks(s, "rc_series (rc_b)");
}

/// Snowflake: a recursive CTE names its columns, then `anchor UNION ALL recursive`.
#[test]
fn snowflake_fills_buckets_with_a_recursive_cte() {
    fact(
        RECURSIVE,
        "[ WITH [ RECURSIVE ] <cte_name1> ( <cte_column_list> ) AS ( anchorClause UNION ALL\n  recursiveClause )",
    );
    let s = sql("snowflake", FILL);
    assert_has(&s, "WITH RECURSIVE\nrc_series (rc_b) AS (");
    assert_has(&s, "UNION ALL\n");
    assert_has(&s, "LEFT JOIN rc_bucketed ON rc_k0 = rc_b");
}

/// Athena stops a recursive CTE at 10 levels: the numbers of three VALUES tables, each bucket
/// `date_add` of the first.
#[test]
fn athena_fills_buckets_from_numbers() {
    cited(
        RECURSIVE,
        "https://docs.aws.amazon.com/athena/latest/ug/select.html",
        "The\n  maximum recursion depth is 10.",
    );
    cited(
        RECURSIVE,
        "https://docs.aws.amazon.com/athena/latest/ug/values-statement.html",
        "AS t (id, name)",
    );
    let s = sql("athena", FILL);
    assert_numbers_series(&s);
    assert_has(&s, "date_add('day', rc_n, date_trunc('day', ");
}

/// Trino: recursion defaults to 10 levels; VALUES with column aliases, CROSS JOIN and
/// `date_add(unit, value, timestamp)` (the INTERVAL literal holds only a constant).
#[test]
fn trino_fills_buckets_from_numbers() {
    cited(
        RECURSIVE,
        "https://trino.io/docs/current/sql/select.html",
        "recursion depth is\n  fixed, defaults to `10`",
    );
    fact(RECURSIVE, "\"`CROSS JOIN`\"");
    cited(
        RECURSIVE,
        "https://trino.io/docs/current/sql/values.html",
        "the table and columns can be named using an AS clause with column aliases",
    );
    cited(
        RECURSIVE,
        "https://trino.io/docs/current/functions/datetime.html",
        "\"date_add(unit, value, timestamp) ->\n  [same as input]\"",
    );
    let s = sql("trino", FILL_WEEKS_BY_TYPE);
    assert_numbers_series(&s);
    assert_has(&s, "date_add('day', rc_n * 7, ");
    assert_has(&s, "FROM\n  rc_series\n  CROSS JOIN rc_keys\n");
    assert_lacks(&s, "INTERVAL 'rc_n");
}

/// SQL Server: 100 levels of recursion unless `OPTION (MAXRECURSION n)`: the numbers of a
/// table value constructor in FROM, each bucket a DATEADD of a column count.
#[test]
fn mssql_fills_buckets_from_numbers() {
    cited(
        RECURSIVE,
        "https://learn.microsoft.com/sql/t-sql/queries/table-value-constructor-transact-sql",
        "or as a derived table in either the USING clause of the MERGE statement or\n  the FROM clause.",
    );
    cited(
        RECURSIVE,
        "https://learn.microsoft.com/sql/t-sql/queries/from-transact-sql",
        "\"derived_table [ [ AS ] table_alias ] [ ( column_alias [ , ...n ] ) ]\"",
    );
    fact(RECURSIVE, "\"<table_source> CROSS JOIN <table_source>\"");
    cited(
        RECURSIVE,
        "https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql?view=sql-server-ver16",
        "\"An expression that can resolve to an int that DATEADD adds to a datepart of date\"",
    );
    let s = sql("mssql", FILL);
    assert_numbers_series(&s);
    assert_has(&s, "DATEADD(day, rc_n, DATETRUNC(day, ");
    assert_lacks(&s, "MAXRECURSION");
    let weeks = sql("mssql", FILL_WEEKS_BY_TYPE);
    assert_has(&weeks, "DATEADD(day, rc_n * 7, ");
}

/// Databricks: `MAX RECURSION LEVEL` defaults to 100; VALUES is a query, timestampadd takes
/// "a numeric expression" of units.
#[test]
fn databricks_fills_buckets_from_numbers() {
    fact(
        RECURSIVE,
        "The default value is 100.\" A month of hours would stop short",
    );
    cited(
        RECURSIVE,
        "https://docs.databricks.com/sql/language-manual/sql-ref-syntax-qry-select-values.html",
        "\"Produces an inline temporary table for use within the query\"",
    );
    cited(
        RECURSIVE,
        "https://docs.databricks.com/sql/language-manual/functions/dateadd.html",
        "\"value: A numeric expression with the number of units to\n  add to expr\"",
    );
    let s = sql("databricks", FILL_QUARTERS);
    assert_numbers_series(&s);
    assert_has(&s, "timestampadd(MONTH, rc_n * 3, date_trunc('QUARTER', ");
}

/// Oracle: no VALUES table: ten one-row selects of DUAL per digit, cross joined, an alias with
/// no AS; the steps are NUMTODSINTERVAL and ADD_MONTHS of a column count.
#[test]
fn oracle_fills_buckets_from_dual_numbers() {
    cited(
        RECURSIVE,
        "https://docs.oracle.com/cd/B19306_01/server.102/b14200/queries009.htm",
        "Because DUAL has only one row, the constant is returned only once.",
    );
    cited(
        RECURSIVE,
        "https://docs.oracle.com/cd/F32587_01/sqlrf/img_text/inner_cross_join_clause.html",
        "\"{ CROSS\n  | NATURAL [ INNER ] } JOIN table_reference\"",
    );
    let digits = "(SELECT 0 AS n FROM dual UNION ALL SELECT 1 FROM dual UNION ALL SELECT 2 FROM dual UNION ALL SELECT 3 FROM dual UNION ALL SELECT 4 FROM dual UNION ALL SELECT 5 FROM dual UNION ALL SELECT 6 FROM dual UNION ALL SELECT 7 FROM dual UNION ALL SELECT 8 FROM dual UNION ALL SELECT 9 FROM dual)";
    let weeks = sql("oracle", FILL_WEEKS_BY_TYPE);
    assert!(weeks.starts_with("WITH\nrc_numbers AS ("), "{weeks}");
    assert_has(
        &weeks,
        &format!("    {digits} d0\n    CROSS JOIN {digits} d1\n"),
    );
    assert_has(&weeks, "+ NUMTODSINTERVAL(rc_n * 7, 'DAY') AS rc_b");
    assert_has(&weeks, "rc_n = 0 OR ");
    assert_has(&weeks, "CROSS JOIN rc_keys");
    assert_lacks(&weeks, "RECURSIVE");
    let quarters = sql("oracle", FILL_QUARTERS);
    assert_has(&quarters, "ADD_MONTHS(TRUNC(");
    assert_has(&quarters, "rc_n * 3) AS rc_b");
}

/// BigQuery: no VALUES table and no pinned recursion limit: the numbers of GENERATE_ARRAY
/// (inclusive bounds), UNNESTed under an alias that names the column; each bucket a
/// DATETIME_ADD of a column count.
#[test]
fn bigquery_fills_buckets_from_unnested_numbers() {
    cited(
        RECURSIVE,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions#generate_array",
        "\"Returns an array of values. The `start_expression`\n  and `end_expression` parameters determine the inclusive start and end of the array.\"",
    );
    cited(
        RECURSIVE,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator",
        "\"`as_alias`: If specified, defines the explicit name of the\n  value table column containing the array element values.",
    );
    cited(
        RECURSIVE,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions#datetime_add",
        "\"Adds `int64_expression` units of `part` to the `DATETIME` object\"",
    );
    let s = sql("bigquery", FILL);
    assert!(s.starts_with("WITH\nrc_numbers AS ("), "{s}");
    assert_has(
        &s,
        "rc_numbers AS (\n  SELECT\n    n AS rc_n\n  FROM\n    UNNEST(GENERATE_ARRAY(0, 999)) AS n\n)",
    );
    assert_has(&s, "FROM\n    rc_numbers\n  WHERE\n    rc_n = 0 OR ");
    assert_has(
        &s,
        "DATETIME_ADD(DATETIME_TRUNC(DATETIME(TIMESTAMP '2026-03-26 23:00:00', 'Europe/Paris'), DAY), INTERVAL (rc_n) DAY) AS rc_b",
    );
    assert_has(&s, "LEFT JOIN rc_bucketed ON rc_k0 = rc_b");
    assert_lacks(&s, "RECURSIVE");
    let weeks = sql("bigquery", FILL_WEEKS_BY_TYPE);
    assert_has(&weeks, "INTERVAL (rc_n * 7) DAY");
    assert_has(&weeks, "CROSS JOIN rc_keys");
    let quarters = sql("bigquery", FILL_QUARTERS);
    assert_has(&quarters, "INTERVAL (rc_n * 3) MONTH");
}

/// Redshift: no VALUES table and no documented recursion limit: ten one-row selects without
/// FROM per digit, UNION ALLed, the three CROSS JOINed; each bucket a DATEADD of a column count.
#[test]
fn redshift_fills_buckets_from_selected_numbers() {
    cited(
        RECURSIVE,
        "awsdocs/amazon-redshift-developer-guide",
        "\"The ALL keyword retains any duplicate rows that are produced by UNION\"",
    );
    fact(
        RECURSIVE,
        "\"Cross-joins are\n  unqualified joins; they return the Cartesian product of the two tables\"",
    );
    cited(
        RECURSIVE,
        "https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html",
        "\"*interval* An\n  integer that specified the interval (number of days, for example) to add to the target\n  expression\"",
    );
    let digits = "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
    let weeks = sql("redshift", FILL_WEEKS_BY_TYPE);
    assert!(weeks.starts_with("WITH\nrc_numbers AS ("), "{weeks}");
    assert_has(
        &weeks,
        &format!(
            "    {digits} AS d0\n    CROSS JOIN {digits} AS d1\n    CROSS JOIN {digits} AS d2\n"
        ),
    );
    assert_has(&weeks, "DATEADD(day, rc_n * 7, DATE_TRUNC('week', ");
    assert_has(&weeks, "FROM\n    rc_numbers\n  WHERE\n    rc_n = 0 OR ");
    assert_has(&weeks, "CROSS JOIN rc_keys");
    assert_lacks(&weeks, "RECURSIVE");
    assert_lacks(&weeks, "VALUES");
    let quarters = sql("redshift", FILL_QUARTERS);
    assert_has(&quarters, "DATEADD(month, rc_n * 3, DATE_TRUNC('quarter', ");
}

/// SQL Server: `CONVERT (date, SYSDATETIME())` of a datetime2(7) is its date.
#[test]
fn mssql_buckets_as_dates_convert_to_date() {
    cited(
        DATES,
        "https://learn.microsoft.com/cs-cz/previous-versions/sql/sql-server-2008/bb630353(v=sql.100)",
        "`SELECT CONVERT (date, SYSDATETIME())`",
    );
    let s = sql("mssql", BUCKET_DATES);
    assert_has(&s, "CONVERT(DATE, DATETRUNC(day, ");
}

/// Trino and Athena: `date(x)` is an alias for `CAST(x AS date)`.
#[test]
fn trino_buckets_as_dates_cast_to_date() {
    cited(
        DATES,
        "https://trino.io/docs/current/functions/datetime.html",
        "This\n  is an alias for CAST(x AS date).",
    );
    for d in ["trino", "athena"] {
        let s = sql(d, BUCKET_DATES);
        assert_has(&s, "CAST(date_trunc('day', ");
        assert_has(&s, " AS DATE) AS day");
    }
}

/// Redshift: TRUNC of a TIMESTAMP is a DATE.
#[test]
fn redshift_buckets_as_dates_are_trunc() {
    cited(
        DATES,
        "https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNC_date.html",
        "\"Truncates a TIMESTAMP and returns a DATE\"",
    );
    let s = sql("redshift", BUCKET_DATES);
    assert_has(&s, "TRUNC(DATE_TRUNC('day', ");
}

/// Databricks: `date(expr)` is a synonym of the cast, which returns a DATE.
#[test]
fn databricks_buckets_as_dates_cast_to_date() {
    cited(
        DATES,
        "https://docs.databricks.com/sql/language-manual/functions/date.html",
        "\"Casts the value expr to DATE\"",
    );
    let s = sql("databricks", BUCKET_DATES);
    assert_has(&s, "CAST(date_trunc('DAY', ");
    assert_has(&s, " AS DATE) AS day");
}

/// Snowflake: TO_DATE of a timestamp is its date.
#[test]
fn snowflake_buckets_as_dates_are_to_date() {
    fact(
        DATES,
        "For a TIMESTAMP expression, the date\n  from the timestamp.",
    );
    let s = sql("snowflake", BUCKET_DATES);
    assert_has(
        &s,
        "TO_DATE(DATE_TRUNC('DAY', CONVERT_TIMEZONE('UTC', 'Europe/Paris', distribution_date))) AS \"day\"",
    );
}

/// BigQuery: `DATE(datetime_expression)` is the date of a DATETIME, which a bucket is.
#[test]
fn bigquery_buckets_as_dates_are_date() {
    cited(
        DATES,
        "https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date",
        "\"`datetime_expression`: A `DATETIME` expression that contains the date.\"",
    );
    fact(
        DATES,
        "`DATE(DATETIME '2016-12-25 23:59:59') AS date_dt` giving\n  `2016-12-25`",
    );
    let s = sql("bigquery", BUCKET_DATES);
    assert_has(
        &s,
        "DATE(DATETIME_TRUNC(DATETIME(distribution_date, 'Europe/Paris'), DAY)) AS day",
    );
}

/// No fact yet for Oracle: buckets as dates are refused, naming the dialect.
#[test]
fn buckets_as_dates_refused_without_a_fact() {
    fact(
        DATES,
        "- **Oracle**: not yet (E0300): an Oracle DATE holds a time of day too",
    );
    refused("oracle", BUCKET_DATES);
}
