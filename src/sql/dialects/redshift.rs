//! Amazon Redshift (PostgreSQL 8 heritage). A backslash escapes in string literals, so quotes
//! and backslashes are both doubled; no FILTER; CONVERT_TIMEZONE with IANA names; GETDATE()
//! is the current time in the session zone, UTC by default. Sources:
//! docs.aws.amazon.com/redshift/latest/dg (r_QUOTE_LITERAL, r_DATE_TRUNC, CONVERT_TIMEZONE,
//! r_PERCENTILE_CONT, r_GETDATE).

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "redshift",
    display: "Redshift",
    parser: || Box::new(sqlparser::dialect::RedshiftSqlDialect {}),
    reserved: include_str!("../reserved/redshift.txt"),
    strings: StringStyle::DoubledWithBackslash,
    functions: FUNCTIONS,
    caches: &CACHES,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: &[(Func, Render)] = &[
    (Func::TruncHour, Sql("DATE_TRUNC('hour', __A1__)")),
    (Func::TruncDay, Sql("DATE_TRUNC('day', __A1__)")),
    (Func::TruncWeek, Sql("DATE_TRUNC('week', __A1__)")),
    (Func::TruncMonth, Sql("DATE_TRUNC('month', __A1__)")),
    (Func::TruncQuarter, Sql("DATE_TRUNC('quarter', __A1__)")),
    (Func::TruncYear, Sql("DATE_TRUNC('year', __A1__)")),
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
    (Func::NowUtc, Sql("GETDATE()")),
    (
        Func::NowLocal,
        Sql("CONVERT_TIMEZONE('UTC', __A1__, GETDATE())"),
    ),
    (Func::TimestampLit, Sql("CAST('{1}' AS TIMESTAMP)")),
    (Func::LocalTimestampLit, Sql("CAST('{1}' AS TIMESTAMP)")),
    (Func::AddHours, Sql("DATEADD(hour, __A2__, __A1__)")),
    (Func::AddDays, Sql("DATEADD(day, __A2__, __A1__)")),
    (Func::AddMonths, Sql("DATEADD(month, __A2__, __A1__)")),
    (Func::SubHours, Sql("DATEADD(hour, -__A2__, __A1__)")),
    (Func::SubDays, Sql("DATEADD(day, -__A2__, __A1__)")),
    (Func::SubMonths, Sql("DATEADD(month, -__A2__, __A1__)")),
    (
        Func::Percentile,
        Sql("PERCENTILE_CONT(__A2__) WITHIN GROUP (ORDER BY __A1__)"),
    ),
    (
        Func::ListContains,
        NotYet(
            "reportc does not compile list containment for Redshift yet (lists need SUPER arrays)",
        ),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS FLOAT8)")),
    (
        Func::Round,
        Sql("ROUND(CAST(__A1__ AS DECIMAL(38, 10)), __A2__)"),
    ),
    (Func::Lower, Sql("LOWER(__A1__)")),
    (Func::Upper, Sql("UPPER(__A1__)")),
];
