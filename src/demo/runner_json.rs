//! The demo tables as the JSON document the engine runner (`tests/engines/runner.py`) reads.

use super::{Cell, Table};

/// The tables as the JSON document the engine runner reads.
pub fn to_runner_json(tables: &[Table]) -> serde_json::Value {
    let cell = |c: &Cell| match c {
        Cell::Null => serde_json::Value::Null,
        Cell::Text(s) => serde_json::json!(s),
        Cell::Int(i) => serde_json::json!(i),
        Cell::Num(f) => serde_json::json!(f),
        Cell::Bool(b) => serde_json::json!(b),
        Cell::Timestamp(t) => serde_json::json!(t.strftime("%Y-%m-%d %H:%M:%S").to_string()),
        Cell::List(l) => serde_json::json!(l),
    };
    serde_json::Value::Array(
        tables
            .iter()
            .map(|t| {
                serde_json::json!({
                    "name": t.name,
                    "columns": t.columns.iter().map(|(n, ty)| serde_json::json!({"name": n, "type": ty.name()})).collect::<Vec<_>>(),
                    "rows": t.rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
