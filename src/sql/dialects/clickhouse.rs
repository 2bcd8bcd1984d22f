//! ClickHouse. Stored timestamps are DateTime/DateTime64 in UTC. Backslash string escapes,
//! LIKE without an ESCAPE clause (the backslash escapes), `quantileExactInclusive` for exact
//! interpolated percentiles (`quantileExact` does not interpolate). Sources:
//! clickhouse.com/docs/sql-reference (syntax, functions/date-time-functions,
//! aggregate-functions/reference/quantileexact, functions/array-functions#has).

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render, Render::*};

pub static DIALECT: Dialect = Dialect {
    name: "clickhouse",
    display: "ClickHouse",
    parser: || Box::new(sqlparser::dialect::ClickHouseDialect {}),
    ident_quote: '`',
    ident_backslash_escape: true,
    fold: Fold::None,
    reserved: include_str!("../reserved/clickhouse.txt"),
    strings: StringStyle::Backslash,
    nul_escape: Some("\\0"),
    like_escape: LikeEscape::DefaultBackslash,
    functions: FUNCTIONS,
    caches: &CACHES,
    ..BASE
};

static CACHES: Caches = Caches::new();

const TZ_LATER: &str = "reportc does not compile report time zones for ClickHouse yet";

static FUNCTIONS: &[(Func, Render)] = &[
    (Func::TruncHour, Sql("toStartOfHour(__A1__)")),
    (Func::TruncDay, Sql("toStartOfDay(__A1__)")),
    (Func::TruncWeek, Sql("toDateTime(toMonday(__A1__), 'UTC')")),
    (
        Func::TruncMonth,
        Sql("toDateTime(toStartOfMonth(__A1__), 'UTC')"),
    ),
    (
        Func::TruncQuarter,
        Sql("toDateTime(toStartOfQuarter(__A1__), 'UTC')"),
    ),
    (
        Func::TruncYear,
        Sql("toDateTime(toStartOfYear(__A1__), 'UTC')"),
    ),
    (Func::ToLocal, NotYet(TZ_LATER)),
    (Func::ToLocalUtc, Sql("__A1__")),
    (Func::FromLocal, NotYet(TZ_LATER)),
    (Func::FromLocalUtc, Sql("__A1__")),
    (Func::NowUtc, Sql("now('UTC')")),
    (Func::NowLocal, NotYet(TZ_LATER)),
    (Func::TimestampLit, Sql("toDateTime('{1}', 'UTC')")),
    (Func::LocalTimestampLit, Sql("toDateTime('{1}', 'UTC')")),
    (Func::AddHours, Sql("__A1__ + INTERVAL __A2__ HOUR")),
    (Func::AddDays, Sql("__A1__ + INTERVAL __A2__ DAY")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL __A2__ MONTH")),
    (Func::SubHours, Sql("__A1__ - INTERVAL __A2__ HOUR")),
    (Func::SubDays, Sql("__A1__ - INTERVAL __A2__ DAY")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL __A2__ MONTH")),
    (
        Func::Percentile,
        Sql("quantileExactInclusive(__A2__)(__A1__)"),
    ),
    (Func::ListContains, Sql("has(__A1__, __A2__)")),
    (Func::ToFloat, Sql("toFloat64(__A1__)")),
    (Func::Round, Sql("round(__A1__, __A2__)")),
    // lower()/upper() are ASCII-only in ClickHouse
    (Func::Lower, Sql("lowerUTF8(__A1__)")),
    (Func::Upper, Sql("upperUTF8(__A1__)")),
];
