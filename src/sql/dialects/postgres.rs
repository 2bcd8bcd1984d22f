//! PostgreSQL. Sources: postgresql.org/docs/current (functions-datetime, sql-syntax-lexical,
//! queries-order, functions-aggregate); see docs/research/dialect-facts.md.

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "postgres",
    display: "PostgreSQL",
    parser: || Box::new(sqlparser::dialect::PostgreSqlDialect {}),
    ident_quote: '"',
    ident_backslash_escape: false,
    fold: Fold::Lower,
    reserved: include_str!("../reserved/postgres.txt"),
    strings: StringStyle::Standard,
    nul_escape: None,
    like_escape: LikeEscape::Clause,
    limit: LimitStyle::Limit,
    filter_clause: true,
    nulls_ordering: true,
    group_by_ordinal: true,
    boolean_literals: true,
    functions: FUNCTIONS,
    caches: &CACHES,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: &[(Func, Render)] = &[
    (Func::TruncHour, Sql("date_trunc('hour', __A1__)")),
    (Func::TruncDay, Sql("date_trunc('day', __A1__)")),
    // date_trunc('week') is the ISO week: it starts on Monday
    (Func::TruncWeek, Sql("date_trunc('week', __A1__)")),
    (Func::TruncMonth, Sql("date_trunc('month', __A1__)")),
    (Func::TruncQuarter, Sql("date_trunc('quarter', __A1__)")),
    (Func::TruncYear, Sql("date_trunc('year', __A1__)")),
    // timestamp (UTC) AT TIME ZONE 'UTC' -> timestamptz; AT TIME ZONE zone -> local timestamp
    (
        Func::ToLocal,
        Sql("__A1__ AT TIME ZONE 'UTC' AT TIME ZONE __A2__"),
    ),
    (Func::ToLocalUtc, Sql("__A1__")),
    (
        Func::FromLocal,
        Sql("__A1__ AT TIME ZONE __A2__ AT TIME ZONE 'UTC'"),
    ),
    (Func::FromLocalUtc, Sql("__A1__")),
    (Func::NowUtc, Sql("CURRENT_TIMESTAMP AT TIME ZONE 'UTC'")),
    (Func::NowLocal, Sql("CURRENT_TIMESTAMP AT TIME ZONE __A1__")),
    (Func::TimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::LocalTimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::AddHours, Sql("__A1__ + INTERVAL '{2} hours'")),
    (Func::AddDays, Sql("__A1__ + INTERVAL '{2} days'")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL '{2} months'")),
    (Func::SubHours, Sql("__A1__ - INTERVAL '{2} hours'")),
    (Func::SubDays, Sql("__A1__ - INTERVAL '{2} days'")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL '{2} months'")),
    (
        Func::Percentile,
        Sql("percentile_cont(__A2__) WITHIN GROUP (ORDER BY __A1__)"),
    ),
    (Func::ListContains, Sql("__A2__ = ANY(__A1__)")),
    (Func::ToFloat, Sql("CAST(__A1__ AS DOUBLE PRECISION)")),
    // round(double precision, int) does not exist; round(numeric, int) does
    (Func::Round, Sql("round(CAST(__A1__ AS NUMERIC), __A2__)")),
    (Func::Lower, Sql("lower(__A1__)")),
    (Func::Upper, Sql("upper(__A1__)")),
];
