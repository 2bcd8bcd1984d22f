//! Databricks SQL (Databricks Runtime 13.3 LTS and above), a Spark SQL variant: Spark's row
//! and renderings, with Databricks' own reserved words and its documented `\0` escape for a
//! NUL in a string literal. Sources: docs.databricks.com/sql/language-manual
//! (sql-ref-reserved-words, data-types/string-type, functions/convert_timezone,
//! functions/date_trunc); see docs/research/dialect-facts.md.

use super::spark;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::NotYet};

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
    functions: &[(Func::TotalOver, NotYet("no vendor statement that an aggregate may stand inside a window function (`SUM(COUNT(*)) OVER (...)`) was found for this dialect (docs/research/dialect-facts.md, Shares)"))],
    families: &[],
    caches: &CACHES,
    ..spark::ROW
};

static CACHES: Caches = Caches::new();
