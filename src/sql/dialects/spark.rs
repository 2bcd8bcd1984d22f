//! Spark SQL 3.4+ (Databricks is its own dialect, a Spark variant). Stored timestamps are
//! TIMESTAMP_NTZ in UTC. Backslash string escapes (`''` is not reliably an escape across
//! versions). Sources:
//! spark.apache.org/docs/latest/sql-ref-literals.html, sql-ref-functions-builtin.html
//! (date_trunc, convert_timezone, timestampadd, percentile, array_contains).

use super::families::{CAST_DATE, LOWER_CASE, TIMESTAMP_NTZ};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

/// The row Databricks is built from.
pub const ROW: Dialect = Dialect {
    name: "spark",
    display: "Spark SQL",
    // sqlparser's Databricks dialect knows Spark's backslash string escapes
    parser: || Box::new(sqlparser::dialect::DatabricksDialect {}),
    ident_quote: '`',
    fold: Fold::None,
    reserved: include_str!("../reserved/spark.txt"),
    strings: StringStyle::Backslash,
    filter_clause: true,
    functions: FUNCTIONS,
    families: &[TIMESTAMP_NTZ, LOWER_CASE, CAST_DATE],
    caches: &CACHES,
    placeholders: Placeholders::ColonName,
    type_names: TypeNames {
        text: "STRING",
        integer: "BIGINT",
        number: "DOUBLE",
        boolean: "BOOLEAN",
        timestamp: "TIMESTAMP",
        date: "DATE",
    },
    // recursive CTEs: docs/research/dialect-facts.md, "Recursive CTEs"; run here on the engine
    bucket_series: BucketSeries::RecursiveCte,
    ..BASE
};

pub static DIALECT: Dialect = ROW;

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    (Func::TruncHour, Sql("date_trunc('HOUR', __A1__)")),
    (Func::TruncDay, Sql("date_trunc('DAY', __A1__)")),
    // Spark weeks start on Monday
    (Func::TruncWeek, Sql("date_trunc('WEEK', __A1__)")),
    (Func::TruncMonth, Sql("date_trunc('MONTH', __A1__)")),
    (Func::TruncQuarter, Sql("date_trunc('QUARTER', __A1__)")),
    (Func::TruncYear, Sql("date_trunc('YEAR', __A1__)")),
    (
        Func::ToLocal,
        Sql("convert_timezone('UTC', __A2__, __A1__)"),
    ),
    (
        Func::FromLocal,
        Sql("convert_timezone(__A2__, 'UTC', __A1__)"),
    ),
    (
        Func::NowUtc,
        Sql("convert_timezone(current_timezone(), 'UTC', localtimestamp())"),
    ),
    (
        Func::NowLocal,
        Sql("convert_timezone(current_timezone(), __A1__, localtimestamp())"),
    ),
    (Func::AddHours, Sql("timestampadd(HOUR, __A2__, __A1__)")),
    (Func::AddDays, Sql("timestampadd(DAY, __A2__, __A1__)")),
    (Func::AddMonths, Sql("timestampadd(MONTH, __A2__, __A1__)")),
    (Func::SubHours, Sql("timestampadd(HOUR, -__A2__, __A1__)")),
    (Func::SubDays, Sql("timestampadd(DAY, -__A2__, __A1__)")),
    (Func::SubMonths, Sql("timestampadd(MONTH, -__A2__, __A1__)")),
    // percentile() is exact, with linear interpolation
    (Func::Percentile, Sql("percentile(__A1__, __A2__)")),
    (Func::ListContains, Sql("array_contains(__A1__, __A2__)")),
];
