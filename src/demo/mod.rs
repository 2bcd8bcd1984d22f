//! Deterministic demo data for a catalogue: realistic rows for every source, following the
//! catalogue's physical names and stored enum codes, with NULLs in optional columns, timestamps
//! spread over ~120 days (some right around midnight and around a DST change), hostile strings
//! (quotes, backslashes, `--`, `%`, `_`, unicode) and lists for list columns.

//!
//! | file | job |
//! |---|---|
//! | `generate.rs` | the rows: [`generate`], seeded and anchored at a time |
//! | `csv.rs` | a table as CSV (`demo-data`'s files, `run`'s demo data) and a CSV reader |
//! | `runner_json.rs` | the tables as the JSON document the test engine runner reads |
//! | `sql.rs` | a table as CREATE TABLE and INSERT statements for a dialect |

mod csv;
mod generate;
mod runner_json;
mod sql;

pub use csv::{csv_cell, csv_field, parse_csv, to_csv};
pub use generate::{generate, DEFAULT_ROWS, HOSTILE, LIST_ITEMS, TEXTS};
pub use runner_json::to_runner_json;
pub use sql::{to_sql, BATCH};

use crate::catalog::Catalog;
pub use crate::sql::ddl::Stored;
use jiff::civil::DateTime;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    Timestamp(DateTime),
    List(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Physical table name (last part of a qualified name).
    pub name: String,
    /// Its data file's name without extension ([`data_file_stem`]).
    pub file: String,
    pub columns: Vec<(String, Stored)>,
    pub rows: Vec<Vec<Cell>>,
}

/// The file name (without extension) of a table's data file: the table's name with path
/// separators and NUL replaced by `_`, so that a catalogue cannot make `demo-data` write
/// outside its folder; `.` and `..` become `_`.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        "_".to_string()
    } else {
        s
    }
}

/// The file name (without extension) of a source's data file in a folder (`demo-data`, `run
/// --data`): its table's name, or its qualified name (`sales.calls`) when another source of
/// the catalogue has a table of the same name in another schema.
pub fn data_file_stem(catalog: &Catalog, source: &crate::catalog::Source) -> String {
    let last = source
        .table
        .last()
        .cloned()
        .unwrap_or_else(|| source.id.clone());
    let clash = catalog.sources.iter().any(|o| {
        o.id != source.id
            && o.table
                .last()
                .is_some_and(|t| t.eq_ignore_ascii_case(&last))
    });
    file_stem(&if clash { source.table.join(".") } else { last })
}

/// Two sources whose data files would have one name ([`data_file_stem`], compared ignoring
/// case, as `run --data` and case-insensitive file systems compare them), such as tables
/// `x/y` and `x_y`: the first such pair of source ids, with the file stem. `demo-data`
/// refuses such a catalogue instead of writing one file over the other.
pub fn data_file_clash(catalog: &Catalog) -> Option<(String, String, String)> {
    let mut seen = std::collections::HashMap::new();
    for s in &catalog.sources {
        let stem = data_file_stem(catalog, s);
        if let Some(first) = seen.insert(stem.to_lowercase(), s.id.clone()) {
            return Some((first, s.id.clone(), stem));
        }
    }
    None
}

#[cfg(test)]
mod tests;
