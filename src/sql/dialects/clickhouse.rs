//! ClickHouse. Stored timestamps are DateTime/DateTime64 in UTC. A DateTime carries its zone:
//! local values are the same instants shown in the report zone (toTimeZone), and buckets are
//! computed in the value's own zone (`timeZoneOf`), so they fall on local midnights. Backslash string escapes,
//! LIKE without an ESCAPE clause (the backslash escapes), `quantileExactInclusive` for exact
//! interpolated percentiles (`quantileExact` does not interpolate). Sources:
//! clickhouse.com/docs/sql-reference (syntax, functions/date-time-functions,
//! aggregate-functions/reference/quantileexact, functions/array-functions#has).

use super::families::INTERVAL_UNIT;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

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
    families: &[INTERVAL_UNIT],
    caches: &CACHES,
    placeholders: Placeholders::Braced,
    // "join_use_nulls ... 0 — The empty cells are filled with the default value of the
    // corresponding field type" and "1 — JOIN behaves the same way as in standard SQL"
    // (docs/research/dialect-facts.md, "Unmatched LEFT JOIN rows"): `previous()` sets it
    null_join_setting: Some("join_use_nulls"),
    type_names: TypeNames {
        text: "String",
        integer: "Int64",
        number: "Float64",
        boolean: "Bool",
        timestamp: "DateTime64(3)",
        date: "Date",
    },
    // recursive CTEs: docs/research/dialect-facts.md, "Recursive CTEs"; run here on the engine
    bucket_series: BucketSeries::RecursiveCte,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    (Func::TruncHour, Sql("toStartOfHour(__A1__)")),
    (Func::TruncDay, Sql("toStartOfDay(__A1__)")),
    // toMonday & co. return a Date: back to a DateTime at midnight in the value's own zone
    (
        Func::TruncWeek,
        Sql("toDateTime(toMonday(__A1__), timeZoneOf(__A1__))"),
    ),
    (
        Func::TruncMonth,
        Sql("toDateTime(toStartOfMonth(__A1__), timeZoneOf(__A1__))"),
    ),
    (
        Func::TruncQuarter,
        Sql("toDateTime(toStartOfQuarter(__A1__), timeZoneOf(__A1__))"),
    ),
    (
        Func::TruncYear,
        Sql("toDateTime(toStartOfYear(__A1__), timeZoneOf(__A1__))"),
    ),
    // the date in the value's own zone (a bucket is a DateTime of the report zone)
    (Func::ToDate, Sql("toDate(__A1__)")),
    (Func::ToLocal, Sql("toTimeZone(__A1__, __A2__)")),
    (Func::FromLocal, Sql("toTimeZone(__A1__, 'UTC')")),
    (Func::NowUtc, Sql("now('UTC')")),
    (Func::NowLocal, Sql("toTimeZone(now('UTC'), __A1__)")),
    (Func::TimestampLit, Sql("toDateTime('{1}', 'UTC')")),
    // a wall-clock constant of the report zone (the zone is the second argument)
    (Func::LocalTimestampLit, Sql("toDateTime('{1}', __A2__)")),
    (
        Func::Percentile,
        Sql("quantileExactInclusive(__A2__)(__A1__)"),
    ),
    (Func::ListContains, Sql("has(__A1__, __A2__)")),
    (Func::ToFloat, Sql("toFloat64(__A1__)")),
    // round() of a float is banker's rounding: round the decimal value, half away from zero.
    // The value goes to 10 places first, as a cast to DECIMAL(38, 10) does elsewhere: toString
    // of a float one ulp below a tie (50.714999999999996) would otherwise be truncated to
    // 50.7149999999 and round down where every other engine rounds up.
    (
        Func::Round,
        Sql("round(toDecimal128OrNull(toString(round(__A1__, 10)), 10), __A2__)"),
    ),
    // lower()/upper() are ASCII-only in ClickHouse
    (Func::Lower, Sql("lowerUTF8(__A1__)")),
    (Func::Upper, Sql("upperUTF8(__A1__)")),
];
