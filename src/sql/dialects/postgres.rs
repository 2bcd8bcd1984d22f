//! PostgreSQL. Sources: postgresql.org/docs/current (functions-datetime, sql-syntax-lexical,
//! queries-order, functions-aggregate); see docs/research/dialect-facts.md.

use super::families::{CAST_DATE, DATE_TRUNC, INTERVAL_STRING, LOWER_CASE};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

/// The row Redshift is built from.
pub const ROW: Dialect = Dialect {
    name: "postgres",
    display: "PostgreSQL",
    parser: || Box::new(sqlparser::dialect::PostgreSqlDialect {}),
    reserved: include_str!("../reserved/postgres.txt"),
    filter_clause: true,
    functions: FUNCTIONS,
    families: &[CAST_DATE, DATE_TRUNC, INTERVAL_STRING, LOWER_CASE],
    caches: &CACHES,
    placeholders: Placeholders::Dollar,
    list_column: Some(ListColumn {
        sql_type: "TEXT[]",
        literal: ListLiteral::Array {
            open: "CAST(ARRAY[",
            close: "] AS TEXT[])",
        },
    }),
    type_names: TypeNames {
        text: "TEXT",
        integer: "BIGINT",
        number: "DOUBLE PRECISION",
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
    // timestamp (UTC) AT TIME ZONE 'UTC' -> timestamptz; AT TIME ZONE zone -> local timestamp
    (
        Func::ToLocal,
        Sql("__A1__ AT TIME ZONE 'UTC' AT TIME ZONE __A2__"),
    ),
    (
        Func::FromLocal,
        Sql("__A1__ AT TIME ZONE __A2__ AT TIME ZONE 'UTC'"),
    ),
    (Func::NowUtc, Sql("CURRENT_TIMESTAMP AT TIME ZONE 'UTC'")),
    (Func::NowLocal, Sql("CURRENT_TIMESTAMP AT TIME ZONE __A1__")),
    (
        Func::Percentile,
        Sql("percentile_cont(__A2__) WITHIN GROUP (ORDER BY __A1__)"),
    ),
    (Func::ListContains, Sql("__A2__ = ANY(__A1__)")),
    (Func::ToFloat, Sql("CAST(__A1__ AS DOUBLE PRECISION)")),
    // round(double precision, int) does not exist; round(numeric, int) does
    (Func::Round, Sql("round(CAST(__A1__ AS NUMERIC), __A2__)")),
];
