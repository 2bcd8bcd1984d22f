//! Databricks SQL (Databricks Runtime 13.3 LTS and above), a Spark SQL variant: Spark's row
//! and renderings, with Databricks' own reserved words and its documented `\0` escape for a
//! NUL in a string literal. Sources: docs.databricks.com/sql/language-manual
//! (sql-ref-reserved-words, data-types/string-type, functions/convert_timezone,
//! functions/date_trunc); see docs/research/dialect-facts.md.

use super::families::NO_SHARE_FACT;
use super::spark;
use crate::sql::dialect::*;

pub static DIALECT: Dialect = Dialect {
    name: "databricks",
    display: "Databricks",
    parent: Some(&spark::DIALECT),
    // Spark's words, and those Databricks lists (table aliases, words of expressions)
    reserved: concat!(
        include_str!("../reserved/spark.txt"),
        include_str!("../reserved/databricks.txt")
    ),
    nul_escape: Some("\\0"),
    functions: &[],
    families: &[NO_SHARE_FACT],
    caches: &CACHES,
    // a recursive CTE stops at 100 levels unless it says MAX RECURSION LEVEL: the numbers of
    // a VALUES cross join instead
    bucket_series: BucketSeries::Numbers(VALUES_NUMBERS),
    ..spark::ROW
};

static CACHES: Caches = Caches::new();
