//! `reportc run`: execute a compiled report on an embedded DuckDB loaded with demo data or with
//! the user's data, and print the rows; and `demo-data`'s Parquet and DuckDB files.
//!
//! | file | job |
//! |---|---|
//! | `render.rs` | a [`ResultSet`] as an aligned table, CSV or JSON |
//! | `units.rs` | the unit of a duration (or `minutes()`...) output in the table header |
//! | `data_error.rs` | [`DataError`]: a problem with the data, as a diagnostic in the data's file |
//! | `engine.rs` | the embedded DuckDB: opening it on the data, running a query |
//! | `load.rs` | finding and reading the data files (CSV, Parquet, a DuckDB database) |
//! | `convert.rs` | converting their columns to the catalogue's types, reporting what does not convert |
//! | `locate.rs` | where a problem is in a CSV file (a record, a field), to show it |
//! | `export.rs` | writing the loaded tables as Parquet files or one DuckDB file |
//! | `timezone.rs` | the `timezone()` scalar function (the bundled DuckDB has no ICU) |
//! | `json_values.rs` | DuckDB values as JSON (the values of a [`ResultSet`]) |
//! | `quote.rs` | identifiers and string literals in the engine's own SQL |
//! | `connect/` | `run --connect URL`: the report on the user's own database (always compiled; each client behind its feature) |
//!
//! The engine part needs the cargo feature `duckdb` (off by default: the bundled DuckDB is a
//! long C++ build). Result sets, their rendering and [`DataError`] are always compiled, so they
//! are tested (and the command line built) without the feature.

pub mod connect;
mod data_error;
mod render;
mod units;

pub use data_error::DataError;
pub use render::{render, render_csv, render_json, render_table, OutputFormat};
pub use units::with_units;

#[cfg(feature = "duckdb")]
mod convert;
#[cfg(feature = "duckdb")]
mod engine;
#[cfg(feature = "duckdb")]
mod export;
#[cfg(feature = "duckdb")]
mod json_values;
#[cfg(feature = "duckdb")]
mod load;
#[cfg(any(test, feature = "duckdb"))]
mod locate;
#[cfg(feature = "duckdb")]
mod quote;
#[cfg(feature = "duckdb")]
mod timezone;

#[cfg(feature = "duckdb")]
pub use engine::{Data, Engine};
#[cfg(feature = "duckdb")]
pub use export::ExportFormat;
#[cfg(feature = "duckdb")]
pub use json_values::to_json;
#[cfg(feature = "duckdb")]
pub use timezone::TimeZoneFn;

#[cfg(all(test, feature = "duckdb"))]
mod tests;

/// The rows a query returned, with values normalised to JSON: NULL -> null, integers and
/// floats -> numbers, booleans, timestamps -> `YYYY-MM-DD HH:MM:SS[.ffffff]`, dates ->
/// `YYYY-MM-DD`, lists -> arrays, anything else -> text.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}
