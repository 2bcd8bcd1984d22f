//! Demo tables as CSV (RFC 4180), as `demo-data` writes them and `run` loads its demo data;
//! and a reader of that CSV, for tests and the round trip.

use super::{Cell, Table};

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a CR or LF, or is empty
/// (an unquoted empty field is NULL, a quoted one `""` the empty string); quotes are doubled.
pub fn csv_field(s: &str) -> String {
    if s.is_empty() {
        return "\"\"".to_string();
    }
    if s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A cell as CSV text: NULL is an empty unquoted field, booleans `true`/`false`, timestamps
/// `YYYY-MM-DD HH:MM:SS` (UTC), lists a JSON array of strings.
pub fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        Cell::Text(s) => csv_field(s),
        Cell::Int(i) => i.to_string(),
        Cell::Num(f) => f.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Timestamp(t) => t.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Cell::List(l) => csv_field(&serde_json::to_string(l).unwrap_or_else(|_| "[]".into())),
    }
}

/// A table as CSV: a header row with the physical column names, then one line per row
/// (`\n` line ends; line breaks inside values are kept inside quotes).
pub fn to_csv(t: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = t.columns.iter().map(|(n, _)| csv_field(n)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(csv_cell).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Parse CSV text written by [`to_csv`] (RFC 4180) back into rows of fields; `None` is an
/// unquoted empty field (NULL). Used by tests and to check the writer round-trips.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<Option<String>>>, String> {
    let mut rows = Vec::new();
    let mut row: Vec<Option<String>> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    loop {
        // one field
        let field = if chars.peek() == Some(&'"') {
            chars.next();
            let mut f = String::new();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        f.push('"');
                    }
                    Some('"') => break,
                    Some(c) => {
                        if c == '\n' {
                            line += 1;
                        }
                        f.push(c)
                    }
                    None => return Err(format!("line {line}: unclosed quote")),
                }
            }
            Some(f)
        } else {
            let mut f = String::new();
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                if c == '"' {
                    return Err(format!("line {line}: quote inside an unquoted field"));
                }
                f.push(c);
                chars.next();
            }
            (!f.is_empty()).then_some(f)
        };
        row.push(field);
        match chars.next() {
            Some(',') => continue,
            Some('\r') if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            Some('\n') => {}
            None => {
                if !(row.len() == 1 && row[0].is_none()) {
                    rows.push(row);
                }
                return Ok(rows);
            }
            Some(c) => return Err(format!("line {line}: unexpected `{c}` after a field")),
        }
        line += 1;
        rows.push(std::mem::take(&mut row));
        if chars.peek().is_none() {
            return Ok(rows);
        }
    }
}
