//! A demo table as SQL for one dialect (`demo-data --format sql`): `DROP TABLE IF EXISTS`,
//! `CREATE TABLE` with the dialect's storage types, then `INSERT`s of [`BATCH`] rows, every
//! name and value written through the dialect's escaping (`sql::ddl`). Loadable with the
//! database's own client (`psql -f`, `mariadb <`, `sqlite3 <`, `duckdb <`).

use super::{Cell, Table};
use crate::diagnostics::Diagnostic;
use crate::sql::ddl::{create_table, insert_rows, Literal, Stored};
use crate::sql::Dialect;

/// Rows per `INSERT` statement.
pub const BATCH: usize = 500;

/// The statements that create and fill `t` in `d`.
pub fn to_sql(t: &Table, d: &Dialect) -> Result<String, Diagnostic> {
    let columns: Vec<(&str, Stored)> = t.columns.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let mut out = create_table(d, &t.name, &columns)?;
    if !t.rows.is_empty() {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let rows: Vec<Vec<Literal<'_>>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(literal).collect())
            .collect();
        out.push_str(&insert_rows(d, &t.name, &names, &rows, BATCH)?);
    }
    Ok(out)
}

fn literal(c: &Cell) -> Literal<'_> {
    match c {
        Cell::Null => Literal::Null,
        Cell::Text(s) => Literal::Text(s),
        Cell::Int(i) => Literal::Integer(*i),
        Cell::Num(n) => Literal::Number(*n),
        Cell::Bool(b) => Literal::Boolean(*b),
        Cell::Timestamp(t) => Literal::Timestamp(*t),
        Cell::List(l) => Literal::List(l),
    }
}
