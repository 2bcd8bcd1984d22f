//! DuckDB. Sources: duckdb.org/docs/stable (functions/timestamp, functions/timestamptz,
//! aggregates, pattern_matching); see docs/research/dialect-facts.md.

use super::families::{CAST_DATE, DATE_TRUNC, INTERVAL_STRING, LOWER_CASE};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "duckdb",
    display: "DuckDB",
    parser: || Box::new(sqlparser::dialect::DuckDbDialect {}),
    fold: Fold::None,
    reserved: include_str!("../reserved/duckdb.txt"),
    // a backslash is literal in DuckDB LIKE patterns unless ESCAPE is given: the BASE clause
    filter_clause: true,
    functions: FUNCTIONS,
    families: &[CAST_DATE, DATE_TRUNC, INTERVAL_STRING, LOWER_CASE],
    caches: &CACHES,
    placeholders: Placeholders::Dollar,
    list_column: Some(ListColumn {
        sql_type: "VARCHAR[]",
        literal: ListLiteral::Array {
            open: "CAST([",
            close: "] AS VARCHAR[])",
        },
    }),
    type_names: TypeNames {
        text: "VARCHAR",
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

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    // timezone(zone, timestamptz) -> local timestamp; timezone(zone, timestamp) -> timestamptz
    (
        Func::ToLocal,
        Sql("timezone(__A2__, timezone('UTC', __A1__))"),
    ),
    (
        Func::FromLocal,
        Sql("timezone('UTC', timezone(__A2__, __A1__))"),
    ),
    (Func::NowUtc, Sql("timezone('UTC', current_timestamp)")),
    (Func::NowLocal, Sql("timezone(__A1__, current_timestamp)")),
    (Func::Percentile, Sql("quantile_cont(__A1__, __A2__)")),
    (Func::ListContains, Sql("list_contains(__A1__, __A2__)")),
];
