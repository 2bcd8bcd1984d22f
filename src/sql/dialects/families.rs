//! Renderings that several unrelated dialects write byte for byte alike, declared once here.
//! A dialect lists the families it belongs to (`families: &[DATE_TRUNC, ...]`); `render`
//! searches them after the dialect's own rows and before its parent's. The families of one
//! dialect never render the same function (a test checks it), so their order does not matter.
//! What one dialect alone writes stays in its own file; what is standard SQL is in
//! `functions::STANDARD`.

use crate::sql::functions::{Func, Render::*, Table};

/// `date_trunc('unit', ts)` with lower-case unit names (PostgreSQL, DuckDB, Trino). `'week'`
/// is the ISO week: it starts on Monday.
pub static DATE_TRUNC: Table = &[
    (Func::TruncHour, Sql("date_trunc('hour', __A1__)")),
    (Func::TruncDay, Sql("date_trunc('day', __A1__)")),
    (Func::TruncWeek, Sql("date_trunc('week', __A1__)")),
    (Func::TruncMonth, Sql("date_trunc('month', __A1__)")),
    (Func::TruncQuarter, Sql("date_trunc('quarter', __A1__)")),
    (Func::TruncYear, Sql("date_trunc('year', __A1__)")),
];

/// Intervals whose count and unit are one string literal: `ts + INTERVAL '3 hours'`
/// (PostgreSQL, DuckDB).
pub static INTERVAL_STRING: Table = &[
    (Func::AddHours, Sql("__A1__ + INTERVAL '{2} hours'")),
    (Func::AddDays, Sql("__A1__ + INTERVAL '{2} days'")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL '{2} months'")),
    (Func::SubHours, Sql("__A1__ - INTERVAL '{2} hours'")),
    (Func::SubDays, Sql("__A1__ - INTERVAL '{2} days'")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL '{2} months'")),
];

/// Intervals of an expression count and a bare unit: `ts + INTERVAL n HOUR` (MySQL,
/// ClickHouse).
pub static INTERVAL_UNIT: Table = &[
    (Func::AddHours, Sql("__A1__ + INTERVAL __A2__ HOUR")),
    (Func::AddDays, Sql("__A1__ + INTERVAL __A2__ DAY")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL __A2__ MONTH")),
    (Func::SubHours, Sql("__A1__ - INTERVAL __A2__ HOUR")),
    (Func::SubDays, Sql("__A1__ - INTERVAL __A2__ DAY")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL __A2__ MONTH")),
];

/// `DATEADD(unit, n, ts)` with lower-case units (SQL Server, Redshift).
pub static DATEADD: Table = &[
    (Func::AddHours, Sql("DATEADD(hour, __A2__, __A1__)")),
    (Func::AddDays, Sql("DATEADD(day, __A2__, __A1__)")),
    (Func::AddMonths, Sql("DATEADD(month, __A2__, __A1__)")),
    (Func::SubHours, Sql("DATEADD(hour, -__A2__, __A1__)")),
    (Func::SubDays, Sql("DATEADD(day, -__A2__, __A1__)")),
    (Func::SubMonths, Sql("DATEADD(month, -__A2__, __A1__)")),
];

/// `CONVERT_TIMEZONE(from, to, ts)` on naive timestamps, with IANA zone names (Redshift,
/// Snowflake).
pub static CONVERT_TIMEZONE: Table = &[
    (
        Func::ToLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A2__, __A1__)"),
    ),
    (
        Func::FromLocal,
        Sql("CONVERT_TIMEZONE(__A2__, 'UTC', __A1__)"),
    ),
];

/// Stored timestamps are `TIMESTAMP_NTZ` holding UTC (Snowflake, Spark); a wall-clock
/// constant is written the same way (`Func::LocalTimestampLit` falls back to this).
pub static TIMESTAMP_NTZ: Table = &[(Func::TimestampLit, Sql("CAST('{1}' AS TIMESTAMP_NTZ)"))];

/// The common functions spelled in lower case (PostgreSQL, DuckDB, Spark, Trino, SQLite;
/// `functions::STANDARD` has the upper-case spelling). `round` goes through a decimal of 10
/// places and rounds half away from zero, as on every dialect (PostgreSQL and SQLite write
/// their own).
pub static LOWER_CASE: Table = &[
    (Func::Lower, Sql("lower(__A1__)")),
    (Func::Upper, Sql("upper(__A1__)")),
    (
        Func::Round,
        Sql("round(CAST(__A1__ AS DECIMAL(38, 10)), __A2__)"),
    ),
];

/// The average of doubles (MySQL, Snowflake), so that the average of integers is not an
/// integer or a decimal of a few places: MySQL's AVG of integers is a DECIMAL of 4 decimals
/// (div_precision_increment), Snowflake's a NUMBER of 6 (docs/research/dialect-facts.md,
/// snowflake "Avg"). A cast of a float to a double changes nothing.
pub static AVG_DOUBLE: Table = &[(Func::Avg, Sql("AVG(CAST(__A1__ AS DOUBLE))"))];

/// Every family, for the tests that keep them honest.
/// `share()` where no vendor fact says an aggregate may stand inside a window aggregate: the
/// window over the grouped rows is not yet written, and a report with shares is computed over
/// a CTE of the groups instead (`builder::share_groups`; docs/research/dialect-facts.md, Shares).
pub static NO_SHARE_FACT: Table = &[(
    Func::TotalOver,
    NotYet("no vendor statement that an aggregate may stand inside a window function (`SUM(COUNT(*)) OVER (...)`) was found for this dialect (docs/research/dialect-facts.md, Shares)"),
)];

/// A local bucket start as a date: `CAST(ts AS DATE)` (PostgreSQL, DuckDB, MySQL/MariaDB,
/// Spark; run on their engines).
pub static CAST_DATE: Table = &[(Func::ToDate, Sql("CAST(__A1__ AS DATE)"))];

pub static ALL: &[(&str, Table)] = &[
    ("DATE_TRUNC", DATE_TRUNC),
    ("INTERVAL_STRING", INTERVAL_STRING),
    ("INTERVAL_UNIT", INTERVAL_UNIT),
    ("DATEADD", DATEADD),
    ("CONVERT_TIMEZONE", CONVERT_TIMEZONE),
    ("TIMESTAMP_NTZ", TIMESTAMP_NTZ),
    ("LOWER_CASE", LOWER_CASE),
    ("AVG_DOUBLE", AVG_DOUBLE),
    ("NO_SHARE_FACT", NO_SHARE_FACT),
    ("CAST_DATE", CAST_DATE),
];
