//! Amazon Redshift, a PostgreSQL (8) variant. A backslash escapes in string literals, so quotes
//! and backslashes are both doubled; no FILTER; CONVERT_TIMEZONE with IANA names; GETDATE()
//! is the current time in the session zone, UTC by default; standard upper-case spellings.
//! Sources: docs.aws.amazon.com/redshift/latest/dg (r_QUOTE_LITERAL, r_DATE_TRUNC,
//! CONVERT_TIMEZONE, r_PERCENTILE_CONT, r_GETDATE).

use super::families::{CONVERT_TIMEZONE, DATEADD};
use super::postgres;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table, STANDARD};

pub static DIALECT: Dialect = Dialect {
    name: "redshift",
    display: "Redshift",
    parent: Some(&postgres::DIALECT),
    parser: || Box::new(sqlparser::dialect::RedshiftSqlDialect {}),
    // quoted names are lower-cased too unless enable_case_sensitive_identifier is set
    // (r_enable_case_sensitive_identifier)
    output_names: OutputNames::LowerCase,
    reserved: include_str!("../reserved/redshift.txt"),
    strings: StringStyle::DoubledWithBackslash,
    filter_clause: false,
    // r_PERCENTILE_CONT: "If a statement includes multiple calls to sort-based aggregate
    // functions (LISTAGG, PERCENTILE_CONT, or MEDIAN), they must all use the same ORDER BY values"
    percentiles_share_order: true,
    functions: FUNCTIONS,
    families: &[STANDARD, DATEADD, CONVERT_TIMEZONE],
    caches: &CACHES,
    // TEXT is an alias of VARCHAR in Redshift: the standard names, not PostgreSQL's
    list_column: None,
    type_names: BASE.type_names,
    // r_WITH_clause documents WITH RECURSIVE but no recursion limit, and no VALUES table in
    // FROM: the numbers of one-row selects, UNION ALLed and CROSS JOINed (dialect-facts.md,
    // "Recursive CTEs")
    bucket_series: BucketSeries::Numbers(SELECT_NUMBERS),
    ..postgres::ROW
};

static CACHES: Caches = Caches::new();

/// The numbers 0 to 999 (`BucketSeries::Numbers`): each digit table is ten one-row selects
/// without FROM, `UNION ALL`ed; a derived table takes an alias.
const SELECT_NUMBERS: &str = "SELECT d0.n + 10 * d1.n + 100 * d2.n AS rc_n FROM \
    (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d0 CROSS JOIN \
    (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d1 CROSS JOIN \
    (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) AS d2";

static FUNCTIONS: Table = &[
    (Func::TruncHour, Sql("DATE_TRUNC('hour', __A1__)")),
    (Func::TruncDay, Sql("DATE_TRUNC('day', __A1__)")),
    (Func::TruncWeek, Sql("DATE_TRUNC('week', __A1__)")),
    (Func::TruncMonth, Sql("DATE_TRUNC('month', __A1__)")),
    (Func::TruncQuarter, Sql("DATE_TRUNC('quarter', __A1__)")),
    (Func::TruncYear, Sql("DATE_TRUNC('year', __A1__)")),
    (Func::NowUtc, Sql("GETDATE()")),
    (
        Func::NowLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A1__, GETDATE())"),
    ),
    (Func::TimestampLit, Sql("CAST('{1}' AS TIMESTAMP)")),
    // r_TRUNC_date: "Truncates a TIMESTAMP and returns a DATE"
    (Func::ToDate, Sql("TRUNC(__A1__)")),
    (
        Func::ListContains,
        NotYet(
            "reportc does not compile list containment for Redshift yet (lists need SUPER arrays)",
        ),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS FLOAT8)")),
    // AVG of any integer type is a BIGINT (r_AVG: `avg(qtysold)` gives 2): average doubles
    (Func::Avg, Sql("AVG(CAST(__A1__ AS FLOAT8))")),
    // r_ROUND shows only a positive tie (28.05 to 28.1): a negative value is rounded as the
    // negation of its absolute value, so a negative tie goes away from zero as everywhere
    (
        Func::Round,
        Sql("CASE WHEN __A1__ < 0 THEN -ROUND(-CAST(__A1__ AS DECIMAL(38, 10)), __A2__) ELSE ROUND(CAST(__A1__ AS DECIMAL(38, 10)), __A2__) END"),
    ),
];
