//! Rows normalised for comparison across engines, in one place: every test that compares the
//! rows of two engines (or of the runner and the embedded DuckDB) goes through [`compare`] or
//! [`normalized`]. The runner (tests/engines/runner.py) only encodes each engine's values as
//! JSON (its docstring says how); what still differs between engines without changing the
//! meaning is folded here: booleans as 0/1 (SQLite, MariaDB), integers and floats as numbers
//! equal within a relative 1e-9, lists given as JSON text (SQLite, MariaDB, SQL Server) parsed,
//! timestamps without zero fractions and dates as midnight.

use super::QueryResult;
use serde_json::Value;

/// A value normalised across engines.
#[derive(Debug, Clone, PartialEq)]
pub enum Norm {
    Null,
    Num(f64),
    Text(String),
    List(Vec<Norm>),
    Other(String),
}

pub fn is_timestamp_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || ((b[10] == b' ' || b[10] == b'T') && b.len() >= 19 && b[13] == b':'))
}

/// Timestamps as `YYYY-MM-DD HH:MM:SS[.f]` without trailing zero fractions; a date alone is
/// midnight.
pub fn norm_timestamp(s: &str) -> String {
    let mut t = s.replacen('T', " ", 1);
    if t.len() == 10 {
        t.push_str(" 00:00:00");
    }
    if let Some(dot) = t.find('.') {
        let frac = t[dot + 1..].trim_end_matches('0').to_string();
        t.truncate(dot);
        if !frac.is_empty() {
            t.push('.');
            t.push_str(&frac);
        }
    }
    t
}

pub fn norm(v: &Value) -> Norm {
    match v {
        Value::Null => Norm::Null,
        Value::Bool(b) => Norm::Num(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => Norm::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) if is_timestamp_like(s) => Norm::Text(norm_timestamp(s)),
        Value::String(s) if s.starts_with('[') && s.ends_with(']') => {
            match serde_json::from_str::<Vec<Value>>(s) {
                Ok(items) => Norm::List(items.iter().map(norm).collect()),
                Err(_) => Norm::Text(s.clone()),
            }
        }
        Value::String(s) => Norm::Text(s.clone()),
        Value::Array(items) => Norm::List(items.iter().map(norm).collect()),
        other => Norm::Other(other.to_string()),
    }
}

pub fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a - b).abs() < 1e-12
}

pub fn same(a: &Norm, b: &Norm) -> bool {
    match (a, b) {
        (Norm::Num(x), Norm::Num(y)) => close(*x, *y),
        (Norm::List(x), Norm::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

pub fn same_row(a: &[Norm], b: &[Norm]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// A sort key for multiset comparison (floats to 9 significant digits, so values equal within
/// the tolerance sort together).
pub fn key(row: &[Norm]) -> String {
    fn k(v: &Norm) -> String {
        match v {
            Norm::Null => "\u{0}NULL".into(),
            Norm::Num(f) => format!("{f:.8e}"),
            Norm::Text(s) => format!("t{s}"),
            Norm::List(l) => format!("[{}]", l.iter().map(k).collect::<Vec<_>>().join(",")),
            Norm::Other(s) => format!("o{s}"),
        }
    }
    row.iter().map(k).collect::<Vec<_>>().join("\u{1}")
}

pub fn show(row: &[Norm]) -> String {
    row.iter()
        .map(|v| match v {
            Norm::Null => "NULL".to_string(),
            Norm::Num(f) => format!("{f}"),
            Norm::Text(s) => format!("{s:?}"),
            Norm::List(l) => format!(
                "[{}]",
                l.iter()
                    .map(|x| show(std::slice::from_ref(x)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Norm::Other(s) => s.clone(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `None` when equal, else a description of the differing rows.
pub fn compare(a: &QueryResult, b: &QueryResult, ordered: bool) -> Option<String> {
    let na: Vec<Vec<Norm>> = a
        .rows
        .iter()
        .map(|r| r.iter().map(norm).collect())
        .collect();
    let nb: Vec<Vec<Norm>> = b
        .rows
        .iter()
        .map(|r| r.iter().map(norm).collect())
        .collect();
    // names as well as their number: an engine that folds `avgCredits` to `avgcredits` or
    // `AVGCREDITS` returns a different result
    if a.columns != b.columns {
        return Some(format!(
            "columns differ: {:?} vs {:?}",
            a.columns, b.columns
        ));
    }
    let (mut xa, mut xb) = (na.clone(), nb.clone());
    if !ordered {
        xa.sort_by_key(|r| key(r));
        xb.sort_by_key(|r| key(r));
    }
    let mut diffs = Vec::new();
    for i in 0..xa.len().max(xb.len()) {
        match (xa.get(i), xb.get(i)) {
            (Some(x), Some(y)) if same_row(x, y) => {}
            (x, y) => diffs.push(format!(
                "  row {i}:\n    < {}\n    > {}",
                x.map(|r| show(r)).unwrap_or_else(|| "(none)".into()),
                y.map(|r| show(r)).unwrap_or_else(|| "(none)".into())
            )),
        }
        if diffs.len() >= 12 {
            diffs.push("  ...".into());
            break;
        }
    }
    if diffs.is_empty() {
        None
    } else {
        Some(format!(
            "{} rows vs {} rows ({}):\n{}",
            xa.len(),
            xb.len(),
            if ordered { "in order" } else { "sorted" },
            diffs.join("\n")
        ))
    }
}

/// Rows as one text, sorted, normalised (numbers to 9 significant digits): equal for two
/// results that [`compare`] finds equal as multisets, up to the float tolerance.
pub fn normalized(r: &QueryResult) -> String {
    let mut rows: Vec<String> = r
        .rows
        .iter()
        .map(|row| key(&row.iter().map(norm).collect::<Vec<_>>()))
        .collect();
    rows.sort();
    rows.join("\n")
}
