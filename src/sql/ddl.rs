//! SQL around a report's query, for pipelines: a name quoted for the dialect, a text literal
//! escaped for it, the head of a `CREATE ... VIEW` (`compile --template`), and the tables of
//! `demo-data --format sql` (`CREATE TABLE`, batched `INSERT`), all through the builder's own
//! escaping, so that nothing the user wrote is pasted into SQL.

use super::builder::Builder;
use super::dialect::ListLiteral;
use super::Dialect;
use crate::catalog::{Codes, ColumnType};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{Query, Ty, Value};
use crate::sql::SqlOptions;

fn builder(d: &Dialect) -> Builder<'_> {
    Builder::new(d, None, String::new(), Vec::new())
}

/// A name (a view, table or column) as the dialect reads it back: bare when it can be, else
/// quoted and escaped; a name the dialect cannot quote is refused (E0400).
pub fn quote_name(d: &Dialect, name: &str) -> Result<String, Diagnostic> {
    builder(d).ident(name, Span::empty()).map(|i| i.to_string())
}

/// An output's name as the report's query writes its alias (`"order"` on Snowflake, where
/// every output name is quoted; `order` bare or quoted as the dialect needs elsewhere), so SQL
/// around the query can select the column by it.
pub fn output_name(d: &Dialect, name: &str) -> Result<String, Diagnostic> {
    builder(d)
        .output_alias(name, Span::empty())
        .map(|i| i.to_string())
}

/// A text literal escaped for the dialect (`'it''s'`, `N'...'` where T-SQL needs it).
pub fn text_literal(d: &Dialect, text: &str) -> Result<String, Diagnostic> {
    builder(d)
        .string(text, Span::empty())
        .map(|e| e.to_string())
}

/// The query of a view of the report `q`, when it differs from the report's SQL: on a dialect
/// whose views refuse ORDER BY without a row limit ([`Dialect::view_order_needs_limit`]), a
/// report with `order_by` and no `limit` is built without its ORDER BY, after a `--` comment
/// saying why. `None`: the view's query is the report's SQL.
pub fn view_query(
    q: &Query,
    d: &Dialect,
    opts: &SqlOptions,
) -> Result<Option<String>, Vec<Diagnostic>> {
    if !d.view_order_needs_limit || q.order_by.is_empty() || q.limit.is_some() {
        return Ok(None);
    }
    let mut unordered = q.clone();
    unordered.order_by.clear();
    let (sql, _) = super::build_sql_binds(&unordered, d, opts)?;
    Ok(Some(format!(
        "-- no ORDER BY: {} refuses it in a view without TOP or OFFSET, and a view keeps no\n\
         -- order; order the rows in the query that reads the view\n{sql}",
        d.display
    )))
}

/// What comes before the query to create or replace the view `name` (quoted here).
pub fn view_head(d: &Dialect, name: &str) -> Result<String, Diagnostic> {
    Ok(d.create_view.head(&quote_name(d, name)?))
}

/// How a column is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Text,
    Integer,
    Number,
    Boolean,
    Timestamp,
    TextList,
}

impl Stored {
    /// The type's name in the engine runner's JSON and in `run`'s loading.
    pub fn name(self) -> &'static str {
        match self {
            Stored::Text => "text",
            Stored::Integer => "integer",
            Stored::Number => "number",
            Stored::Boolean => "boolean",
            Stored::Timestamp => "timestamp",
            Stored::TextList => "text_list",
        }
    }
    /// How a catalogue column of type `t` is stored by `demo-data` and `run`.
    pub fn of(t: &ColumnType) -> Stored {
        match t {
            ColumnType::Timestamp => Stored::Timestamp,
            ColumnType::Duration(_) | ColumnType::Integer | ColumnType::Enum(_, Codes::Integer) => {
                Stored::Integer
            }
            ColumnType::Number => Stored::Number,
            ColumnType::Boolean => Stored::Boolean,
            ColumnType::TextList => Stored::TextList,
            _ => Stored::Text,
        }
    }
}

/// A value of a row to insert.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal<'a> {
    Null,
    Text(&'a str),
    Integer(i64),
    Number(f64),
    Boolean(bool),
    /// Naive UTC.
    Timestamp(jiff::civil::DateTime),
    List(&'a [String]),
}

/// `DROP TABLE IF EXISTS t;` and `CREATE TABLE t (...)`, with the dialect's storage types.
pub fn create_table(
    d: &Dialect,
    table: &str,
    columns: &[(&str, Stored)],
) -> Result<String, Diagnostic> {
    let t = quote_name(d, table)?;
    let mut cols = Vec::with_capacity(columns.len());
    for (name, stored) in columns {
        let ty = match stored {
            Stored::Text => d.type_names.text,
            Stored::Integer => d.type_names.integer,
            Stored::Number => d.type_names.number,
            Stored::Boolean => d.type_names.boolean,
            Stored::Timestamp => d.type_names.timestamp,
            Stored::TextList => match d.list_column {
                Some(l) => l.sql_type,
                None => {
                    return Err(Diagnostic::error(
                        Code::Unsupported,
                        Span::empty(),
                        format!(
                            "{} has no column type for the list column `{name}` of `{table}`",
                            d.display
                        ),
                    )
                    .with_help("load the demo data into postgres, duckdb, mysql or sqlite"))
                }
            },
        };
        cols.push(format!("  {} {ty}", quote_name(d, name)?));
    }
    Ok(format!(
        "{}DROP TABLE IF EXISTS {t};\nCREATE TABLE {t} (\n{}\n){};\n",
        d.load_prelude,
        cols.join(",\n"),
        d.table_options
    ))
}

/// `INSERT INTO t (...) VALUES` with the rows, `batch` rows per statement.
pub fn insert_rows(
    d: &Dialect,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Literal<'_>>],
    batch: usize,
) -> Result<String, Diagnostic> {
    let b = builder(d);
    let head = format!(
        "INSERT INTO {} ({}) VALUES\n",
        quote_name(d, table)?,
        columns
            .iter()
            .map(|c| quote_name(d, c))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ")
    );
    let mut out = String::new();
    for chunk in rows.chunks(batch.max(1)) {
        out.push_str(&head);
        for (i, row) in chunk.iter().enumerate() {
            let values = row
                .iter()
                .map(|v| literal(&b, v))
                .collect::<Result<Vec<_>, _>>()?;
            out.push_str("  (");
            out.push_str(&values.join(", "));
            out.push_str(if i + 1 == chunk.len() { ");\n" } else { "),\n" });
        }
    }
    Ok(out)
}

fn literal(b: &Builder<'_>, v: &Literal<'_>) -> Result<String, Diagnostic> {
    let sp = Span::empty();
    let e = match v {
        Literal::Null => b.value(&Value::Null, Ty::Null, sp)?,
        Literal::Text(s) => b.string(s, sp)?,
        Literal::Integer(i) => b.value(&Value::Number(i.to_string()), Ty::Integer, sp)?,
        Literal::Number(n) if n.is_finite() => {
            b.value(&Value::Number(format!("{n:?}")), Ty::Number, sp)?
        }
        Literal::Number(_) => b.value(&Value::Null, Ty::Null, sp)?,
        Literal::Boolean(x) => b.value(&Value::Bool(*x), Ty::Boolean, sp)?,
        Literal::Timestamp(t) => {
            b.value(&Value::Timestamp(*t), Ty::Timestamp { local: false }, sp)?
        }
        Literal::List(items) => {
            return match b.d.list_column.map(|l| l.literal) {
                Some(ListLiteral::Array { open, close }) => {
                    let parts = items
                        .iter()
                        .map(|s| b.string(s, sp).map(|e| e.to_string()))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(format!("{open}{}{close}", parts.join(", ")))
                }
                Some(ListLiteral::JsonText) | None => {
                    let json = serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
                    Ok(b.string(&json, sp)?.to_string())
                }
            }
        }
    };
    Ok(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::dialect_by_name;

    #[test]
    fn names_are_quoted_only_when_needed_and_escaped() {
        let pg = dialect_by_name("postgres").unwrap();
        assert_eq!(quote_name(pg, "daily").unwrap(), "daily");
        assert_eq!(quote_name(pg, "Daily").unwrap(), "\"Daily\"");
        assert_eq!(quote_name(pg, "a\"b").unwrap(), "\"a\"\"b\"");
        assert_eq!(quote_name(pg, "select").unwrap(), "\"select\"");
        let my = dialect_by_name("mysql").unwrap();
        assert_eq!(quote_name(my, "a`b c").unwrap(), "`a``b c`");
        assert!(quote_name(pg, "").is_err());
    }

    #[test]
    fn literals_use_the_dialects_escaping() {
        let pg = dialect_by_name("postgres").unwrap();
        assert_eq!(text_literal(pg, "it's").unwrap(), "'it''s'");
        let my = dialect_by_name("mysql").unwrap();
        assert_eq!(text_literal(my, "a\\'b").unwrap(), "'a\\\\\\'b'");
    }

    #[test]
    fn view_heads_follow_the_dialect() {
        let head = |d: &str| view_head(dialect_by_name(d).unwrap(), "v").unwrap();
        assert_eq!(head("postgres"), "CREATE OR REPLACE VIEW v AS");
        assert_eq!(head("mssql"), "CREATE OR ALTER VIEW v AS");
        assert_eq!(head("sqlite"), "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS");
    }
}
