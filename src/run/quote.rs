//! Names and strings in the SQL the engine runs for itself (loading, converting, exporting),
//! quoted for DuckDB. (Reports' SQL is quoted by the dialect layer.)

/// A DuckDB identifier: `"name"`, inner quotes doubled.
pub(super) fn qident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A DuckDB string literal: `'text'`, inner quotes doubled.
pub(super) fn qstr(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
