//! Trino (also Presto and Athena). `AT TIME ZONE` on a plain timestamp reads it in the
//! session zone, so time zones go through with_timezone(). Only approximate percentiles.
//! Sources: trino.io/docs/current (functions/datetime, functions/aggregate, language).

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "trino",
    display: "Trino",
    parser: || Box::new(sqlparser::dialect::GenericDialect {}),
    reserved: include_str!("../reserved/trino.txt"),
    filter_clause: true,
    functions: FUNCTIONS,
    caches: &CACHES,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: &[(Func, Render)] = &[
    (Func::TruncHour, Sql("date_trunc('hour', __A1__)")),
    (Func::TruncDay, Sql("date_trunc('day', __A1__)")),
    (Func::TruncWeek, Sql("date_trunc('week', __A1__)")),
    (Func::TruncMonth, Sql("date_trunc('month', __A1__)")),
    (Func::TruncQuarter, Sql("date_trunc('quarter', __A1__)")),
    (Func::TruncYear, Sql("date_trunc('year', __A1__)")),
    (
        Func::ToLocal,
        Sql("CAST(with_timezone(__A1__, 'UTC') AT TIME ZONE __A2__ AS TIMESTAMP)"),
    ),
    (Func::ToLocalUtc, Sql("__A1__")),
    (
        Func::FromLocal,
        Sql("CAST(with_timezone(__A1__, __A2__) AT TIME ZONE 'UTC' AS TIMESTAMP)"),
    ),
    (Func::FromLocalUtc, Sql("__A1__")),
    (
        Func::NowUtc,
        Sql("CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)"),
    ),
    (
        Func::NowLocal,
        Sql("CAST(current_timestamp AT TIME ZONE __A1__ AS TIMESTAMP)"),
    ),
    (Func::TimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::LocalTimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::AddHours, Sql("__A1__ + INTERVAL '{2}' HOUR")),
    (Func::AddDays, Sql("__A1__ + INTERVAL '{2}' DAY")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL '{2}' MONTH")),
    (Func::SubHours, Sql("__A1__ - INTERVAL '{2}' HOUR")),
    (Func::SubDays, Sql("__A1__ - INTERVAL '{2}' DAY")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL '{2}' MONTH")),
    (
        Func::Percentile,
        Unsupported("Trino has only approx_percentile, which is approximate"),
    ),
    (Func::ListContains, Sql("contains(__A1__, __A2__)")),
    (Func::ToFloat, Sql("CAST(__A1__ AS DOUBLE)")),
    (
        Func::Round,
        Sql("round(CAST(__A1__ AS DECIMAL(38, 10)), __A2__)"),
    ),
    (Func::Lower, Sql("lower(__A1__)")),
    (Func::Upper, Sql("upper(__A1__)")),
];
