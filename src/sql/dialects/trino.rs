//! Trino (also Presto; Athena is its own dialect, a Trino variant). `AT TIME ZONE` on a plain
//! timestamp reads it in the session zone, so time zones go through with_timezone(). Only
//! approximate percentiles. Sources: trino.io/docs/current (functions/datetime,
//! functions/aggregate, language).

use super::families::{CAST_DATE, DATE_TRUNC, LOWER_CASE, NO_SHARE_FACT};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

/// The row Athena is built from.
pub const ROW: Dialect = Dialect {
    name: "trino",
    display: "Trino",
    parser: || Box::new(sqlparser::dialect::GenericDialect {}),
    // identifiers are lower-cased "aggressively across the engine" (trinodb/trino wiki,
    // Delimited Identifiers; issue #17)
    output_names: OutputNames::LowerCase,
    reserved: include_str!("../reserved/trino.txt"),
    filter_clause: true,
    functions: FUNCTIONS,
    families: &[DATE_TRUNC, LOWER_CASE, NO_SHARE_FACT, CAST_DATE],
    // Athena (this row) stops a recursive CTE at 10 levels: the numbers of a VALUES cross join
    bucket_series: BucketSeries::Numbers(VALUES_NUMBERS),
    caches: &CACHES,
    type_names: TypeNames {
        text: "VARCHAR",
        integer: "BIGINT",
        number: "DOUBLE",
        boolean: "BOOLEAN",
        timestamp: "TIMESTAMP(3)",
        date: "DATE",
    },
    // "SELECT a, b FROM ( SELECT a, MAX(b) AS b FROM t GROUP BY a ) AS x" (SELECT, WITH
    // clause): the documented form of a derived table's alias
    derived_alias_as: true,
    ..BASE
};

pub static DIALECT: Dialect = ROW;

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    (
        Func::ToLocal,
        Sql("CAST(with_timezone(__A1__, 'UTC') AT TIME ZONE __A2__ AS TIMESTAMP)"),
    ),
    (
        Func::FromLocal,
        Sql("CAST(with_timezone(__A1__, __A2__) AT TIME ZONE 'UTC' AS TIMESTAMP)"),
    ),
    (
        Func::NowUtc,
        Sql("CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)"),
    ),
    (
        Func::NowLocal,
        Sql("CAST(current_timestamp AT TIME ZONE __A1__ AS TIMESTAMP)"),
    ),
    (Func::AddHours, Sql("__A1__ + INTERVAL '{2}' HOUR")),
    (Func::AddDays, Sql("__A1__ + INTERVAL '{2}' DAY")),
    (Func::AddMonths, Sql("__A1__ + INTERVAL '{2}' MONTH")),
    (Func::SubHours, Sql("__A1__ - INTERVAL '{2}' HOUR")),
    (Func::SubDays, Sql("__A1__ - INTERVAL '{2}' DAY")),
    (Func::SubMonths, Sql("__A1__ - INTERVAL '{2}' MONTH")),
    // an INTERVAL literal holds a constant: a count that is an expression goes to date_add
    (Func::StepHours, Sql("date_add('hour', __A2__, __A1__)")),
    (Func::StepDays, Sql("date_add('day', __A2__, __A1__)")),
    (Func::StepMonths, Sql("date_add('month', __A2__, __A1__)")),
    (
        Func::Percentile,
        Unsupported("Trino has only approx_percentile, which is approximate"),
    ),
    (Func::ListContains, Sql("contains(__A1__, __A2__)")),
];
