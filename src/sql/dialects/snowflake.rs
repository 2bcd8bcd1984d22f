//! Snowflake. Stored timestamps are TIMESTAMP_NTZ in UTC. Week start and NULL ordering depend on
//! session parameters (WEEK_START, DEFAULT_NULL_ORDERING), so both are written out explicitly.
//! Sources: docs.snowflake.com/en/sql-reference (functions/date_trunc, convert_timezone,
//! sysdate, dayofweekiso, percentile_cont, array_contains, functions/like).

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "snowflake",
    display: "Snowflake",
    parser: || Box::new(sqlparser::dialect::SnowflakeDialect {}),
    ident_quote: '"',
    ident_backslash_escape: false,
    fold: Fold::Upper,
    reserved: include_str!("../reserved/snowflake.txt"),
    strings: StringStyle::Backslash,
    nul_escape: Some("\\0"),
    like_escape: LikeEscape::Clause,
    limit: LimitStyle::Limit,
    filter_clause: false,
    nulls_ordering: true,
    group_by_ordinal: true,
    boolean_literals: true,
    functions: FUNCTIONS,
    caches: &CACHES,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: &[(Func, Render)] = &[
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
    (
        Func::ToLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A2__, __A1__)"),
    ),
    (Func::ToLocalUtc, Sql("__A1__")),
    (
        Func::FromLocal,
        Sql("CONVERT_TIMEZONE(__A2__, 'UTC', __A1__)"),
    ),
    (Func::FromLocalUtc, Sql("__A1__")),
    // SYSDATE() is the current time in UTC as TIMESTAMP_NTZ
    (Func::NowUtc, Sql("SYSDATE()")),
    (
        Func::NowLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A1__, SYSDATE())"),
    ),
    (Func::TimestampLit, Sql("CAST('{1}' AS TIMESTAMP_NTZ)")),
    (Func::LocalTimestampLit, Sql("CAST('{1}' AS TIMESTAMP_NTZ)")),
    (Func::AddHours, Sql("DATEADD(HOUR, __A2__, __A1__)")),
    (Func::AddDays, Sql("DATEADD(DAY, __A2__, __A1__)")),
    (Func::AddMonths, Sql("DATEADD(MONTH, __A2__, __A1__)")),
    (Func::SubHours, Sql("DATEADD(HOUR, -__A2__, __A1__)")),
    (Func::SubDays, Sql("DATEADD(DAY, -__A2__, __A1__)")),
    (Func::SubMonths, Sql("DATEADD(MONTH, -__A2__, __A1__)")),
    (
        Func::Percentile,
        Sql("PERCENTILE_CONT(__A2__) WITHIN GROUP (ORDER BY __A1__)"),
    ),
    (
        Func::ListContains,
        Sql("ARRAY_CONTAINS(CAST(__A2__ AS VARIANT), __A1__)"),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS DOUBLE)")),
    (
        Func::Round,
        Sql("ROUND(CAST(__A1__ AS NUMBER(38, 10)), __A2__)"),
    ),
    (Func::Lower, Sql("LOWER(__A1__)")),
    (Func::Upper, Sql("UPPER(__A1__)")),
];
