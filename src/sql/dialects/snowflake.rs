//! Snowflake. Stored timestamps are TIMESTAMP_NTZ in UTC. Week start and NULL ordering depend on
//! session parameters (WEEK_START, DEFAULT_NULL_ORDERING), so both are written out explicitly.
//! Sources: docs.snowflake.com/en/sql-reference (functions/date_trunc, convert_timezone,
//! sysdate, dayofweekiso, percentile_cont, array_contains, functions/like).

use super::families::{AVG_DOUBLE, CONVERT_TIMEZONE, TIMESTAMP_NTZ};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "snowflake",
    display: "Snowflake",
    parser: || Box::new(sqlparser::dialect::SnowflakeDialect {}),
    fold: Fold::Upper,
    // unquoted names are stored and resolved upper case; quoted ones keep their case
    // (identifiers-syntax): an alias `n` would come back `N`
    output_names: OutputNames::Quoted,
    reserved: include_str!("../reserved/snowflake.txt"),
    strings: StringStyle::Backslash,
    nul_escape: Some("\\0"),
    functions: FUNCTIONS,
    families: &[CONVERT_TIMEZONE, TIMESTAMP_NTZ, AVG_DOUBLE],
    caches: &CACHES,
    // "WITH [ RECURSIVE ] <cte_name1> ( <cte_column_list> ) AS ( anchorClause UNION ALL
    // recursiveClause )" (docs/research/dialect-facts.md, "Recursive CTEs"); fakesnow runs it
    bucket_series: BucketSeries::RecursiveCte,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    // TO_DATE: "For a TIMESTAMP expression, the date from the timestamp"
    // (docs/research/dialect-facts.md, "Buckets as dates")
    (Func::ToDate, Sql("TO_DATE(__A1__)")),
    (Func::TruncHour, Sql("DATE_TRUNC('HOUR', __A1__)")),
    (Func::TruncDay, Sql("DATE_TRUNC('DAY', __A1__)")),
    // independent of WEEK_START: go back to the ISO Monday
    (
        Func::TruncWeek,
        Sql("DATEADD(DAY, 1 - DAYOFWEEKISO(__A1__), DATE_TRUNC('DAY', __A1__))"),
    ),
    (Func::TruncMonth, Sql("DATE_TRUNC('MONTH', __A1__)")),
    (Func::TruncQuarter, Sql("DATE_TRUNC('QUARTER', __A1__)")),
    (Func::TruncYear, Sql("DATE_TRUNC('YEAR', __A1__)")),
    // SYSDATE() is the current time in UTC as TIMESTAMP_NTZ
    (Func::NowUtc, Sql("SYSDATE()")),
    (
        Func::NowLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A1__, SYSDATE())"),
    ),
    (Func::AddHours, Sql("DATEADD(HOUR, __A2__, __A1__)")),
    (Func::AddDays, Sql("DATEADD(DAY, __A2__, __A1__)")),
    (Func::AddMonths, Sql("DATEADD(MONTH, __A2__, __A1__)")),
    (Func::SubHours, Sql("DATEADD(HOUR, -__A2__, __A1__)")),
    (Func::SubDays, Sql("DATEADD(DAY, -__A2__, __A1__)")),
    (Func::SubMonths, Sql("DATEADD(MONTH, -__A2__, __A1__)")),
    (
        Func::ListContains,
        Sql("ARRAY_CONTAINS(CAST(__A2__ AS VARIANT), __A1__)"),
    ),
    (
        Func::Round,
        Sql("ROUND(CAST(__A1__ AS NUMBER(38, 10)), __A2__)"),
    ),
];
