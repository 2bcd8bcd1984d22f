//! A result set as `run` prints it: an aligned table for a person, CSV or JSON for a program.

use super::ResultSet;
use serde_json::Value;

/// How `run` prints a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Csv,
    Json,
}

/// A value as text for the table and CSV renderings (NULL is `None`).
fn value_text(v: &Value, round: bool) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_f64() && round => {
            let f = n.as_f64().unwrap_or(0.0);
            let s = format!("{f:.6}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            Some(if s == "-0" { "0".into() } else { s })
        }
        other => Some(other.to_string()),
    }
}

/// An aligned text table: a header, a rule, the rows (numbers right-aligned, NULL shown as
/// `NULL`, line breaks inside values shown as `\n`), and the row count.
pub fn render_table(rs: &ResultSet) -> String {
    let cells: Vec<Vec<String>> = rs
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| {
                    value_text(v, true)
                        .unwrap_or_else(|| "NULL".into())
                        .replace('\r', "\\r")
                        .replace('\n', "\\n")
                        .replace('\t', "\\t")
                })
                .collect()
        })
        .collect();
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = rs.columns.iter().map(|c| width(c)).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(c));
            }
        }
    }
    let numeric: Vec<bool> = (0..rs.columns.len())
        .map(|i| {
            rs.rows
                .iter()
                .any(|r| r.get(i).is_some_and(Value::is_number))
                && rs
                    .rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(|v| v.is_number() || v.is_null()))
        })
        .collect();
    let pad = |s: &str, w: usize, right: bool| {
        let fill = " ".repeat(w.saturating_sub(width(s)));
        if right {
            format!("{fill}{s}")
        } else {
            format!("{s}{fill}")
        }
    };
    let mut out = String::new();
    let line = |items: Vec<String>| items.join(" | ").trim_end().to_string();
    out.push_str(&line(
        rs.columns
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, widths[i], numeric[i]))
            .collect(),
    ));
    out.push('\n');
    out.push_str(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-"),
    );
    out.push('\n');
    for row in &cells {
        out.push_str(&line(
            row.iter()
                .enumerate()
                .map(|(i, c)| pad(c, widths.get(i).copied().unwrap_or(0), numeric[i]))
                .collect(),
        ));
        out.push('\n');
    }
    let n = rs.rows.len();
    out.push_str(&format!("({n} row{})\n", if n == 1 { "" } else { "s" }));
    out
}

/// CSV (RFC 4180): a header row, NULL as an empty field, the empty string as `""`, lists as
/// JSON arrays.
pub fn render_csv(rs: &ResultSet) -> String {
    use crate::demo::csv_field;
    let mut out = rs
        .columns
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in &rs.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                Value::String(s) => csv_field(s),
                other => csv_field(&value_text(other, false).unwrap_or_default()),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// JSON: `{"columns": [...], "rows": [{"column": value, ...}, ...]}`, rows in order and keys
/// in column order, one row per line.
pub fn render_json(rs: &ResultSet) -> String {
    let j = |v: &Value| serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    let cols: Vec<String> = rs
        .columns
        .iter()
        .map(|c| j(&Value::from(c.as_str())))
        .collect();
    let mut out = format!("{{\n  \"columns\": [{}],\n  \"rows\": [", cols.join(", "));
    for (i, row) in rs.rows.iter().enumerate() {
        let fields: Vec<String> = cols
            .iter()
            .zip(row)
            .map(|(c, v)| format!("{c}: {}", j(v)))
            .collect();
        out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
        out.push_str(&fields.join(", "));
        out.push('}');
    }
    out.push_str(if rs.rows.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

pub fn render(rs: &ResultSet, f: OutputFormat) -> String {
    match f {
        OutputFormat::Table => render_table(rs),
        OutputFormat::Csv => render_csv(rs),
        OutputFormat::Json => render_json(rs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rs() -> ResultSet {
        ResultSet {
            columns: vec!["queue".into(), "n".into(), "avg".into()],
            rows: vec![
                vec![json!("Sales"), json!(12), json!(1.0 / 3.0)],
                vec![json!("O'Brien, \"Co\"\nx"), json!(3), Value::Null],
                vec![Value::Null, json!(100), json!(2.5)],
            ],
        }
    }

    #[test]
    fn table_is_aligned() {
        let t = render_table(&rs());
        assert_eq!(
            t,
            "queue            |   n |      avg\n\
             -----------------+-----+---------\n\
             Sales            |  12 | 0.333333\n\
             O'Brien, \"Co\"\\nx |   3 |     NULL\n\
             NULL             | 100 |      2.5\n\
             (3 rows)\n"
        );
    }

    #[test]
    fn csv_and_json() {
        let c = render_csv(&rs());
        assert_eq!(
            c,
            "queue,n,avg\nSales,12,0.3333333333333333\n\"O'Brien, \"\"Co\"\"\nx\",3,\n,100,2.5\n"
        );
        let j: Value = serde_json::from_str(&render_json(&rs())).unwrap();
        assert_eq!(j["rows"][1]["avg"], Value::Null);
        assert_eq!(j["rows"][2]["n"], json!(100));
        assert_eq!(j["columns"][0], json!("queue"));
        // keys in column order, not sorted
        let text = render_json(&rs());
        assert!(text.contains(r#"{"queue": "Sales", "n": 12, "avg": 0.3333333333333333}"#));
        let empty = ResultSet {
            columns: vec!["a".into()],
            rows: vec![],
        };
        let e: Value = serde_json::from_str(&render_json(&empty)).unwrap();
        assert_eq!(e["rows"], json!([]));
    }
}
