//! DuckDB. Sources: duckdb.org/docs/stable (functions/timestamp, functions/timestamptz,
//! aggregates, pattern_matching); see docs/research/dialect-facts.md.

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "duckdb",
    display: "DuckDB",
    parser: || Box::new(sqlparser::dialect::DuckDbDialect {}),
    ident_quote: '"',
    ident_backslash_escape: false,
    fold: Fold::None,
    reserved: include_str!("../reserved/duckdb.txt"),
    strings: StringStyle::Standard,
    nul_escape: None,
    // a backslash is literal in DuckDB LIKE patterns unless ESCAPE is given
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
    // DuckDB weeks are ISO weeks, starting on Monday
    (Func::TruncWeek, Sql("date_trunc('week', __A1__)")),
    (Func::TruncMonth, Sql("date_trunc('month', __A1__)")),
    (Func::TruncQuarter, Sql("date_trunc('quarter', __A1__)")),
    (Func::TruncYear, Sql("date_trunc('year', __A1__)")),
    // timezone(zone, timestamptz) -> local timestamp; timezone(zone, timestamp) -> timestamptz
    (
        Func::ToLocal,
        Sql("timezone(__A2__, timezone('UTC', __A1__))"),
    ),
    (Func::ToLocalUtc, Sql("__A1__")),
    (
        Func::FromLocal,
        Sql("timezone('UTC', timezone(__A2__, __A1__))"),
    ),
    (Func::FromLocalUtc, Sql("__A1__")),
    (Func::NowUtc, Sql("timezone('UTC', current_timestamp)")),
    (Func::NowLocal, Sql("timezone(__A1__, current_timestamp)")),
    (Func::TimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::LocalTimestampLit, Sql("TIMESTAMP '{1}'")),
    (Func::AddHours, Sql("__A1__ + INTERVAL '{2} hours'")),
    (Func::AddDays, Sql("__A1__ + INTERVAL '{2} days'")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL '{2} months'")),
    (Func::SubHours, Sql("__A1__ - INTERVAL '{2} hours'")),
    (Func::SubDays, Sql("__A1__ - INTERVAL '{2} days'")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL '{2} months'")),
    (Func::Percentile, Sql("quantile_cont(__A1__, __A2__)")),
    (Func::ListContains, Sql("list_contains(__A1__, __A2__)")),
    (Func::ToFloat, Sql("CAST(__A1__ AS DOUBLE)")),
    // round the decimal value (10 places), half away from zero, like every dialect
    (
        Func::Round,
        Sql("round(CAST(__A1__ AS DECIMAL(38, 10)), __A2__)"),
    ),
    (Func::Lower, Sql("lower(__A1__)")),
    (Func::Upper, Sql("upper(__A1__)")),
];
