//! Deterministic demo data for a catalogue: realistic rows for every source, following the
//! catalogue's physical names and stored enum codes, with NULLs in optional columns, timestamps
//! spread over ~120 days (some right around midnight and around a DST change), hostile strings
//! (quotes, backslashes, `--`, `%`, `_`, unicode) and lists for list columns.

use crate::catalog::{Catalog, ColumnType, DurationUnit};
use jiff::civil::DateTime;

/// A storage type that every engine can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreType {
    Text,
    Integer,
    Number,
    Boolean,
    Timestamp,
    TextList,
}

impl StoreType {
    pub fn name(self) -> &'static str {
        match self {
            StoreType::Text => "text",
            StoreType::Integer => "integer",
            StoreType::Number => "number",
            StoreType::Boolean => "boolean",
            StoreType::Timestamp => "timestamp",
            StoreType::TextList => "text_list",
        }
    }
    pub fn of(t: &ColumnType) -> StoreType {
        match t {
            ColumnType::Timestamp => StoreType::Timestamp,
            ColumnType::Duration(_) | ColumnType::Integer => StoreType::Integer,
            ColumnType::Number => StoreType::Number,
            ColumnType::Boolean => StoreType::Boolean,
            ColumnType::TextList => StoreType::TextList,
            _ => StoreType::Text,
        }
    }
}

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
    pub columns: Vec<(String, StoreType)>,
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

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A skewed pick, as real data is: item `i` has weight `1 / (i + 1)` (Zipf), so the first
    /// value of a list (the first status, channel, queue) is the most common and the last
    /// ones are rare but present.
    fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        const SCALE: u64 = 1 << 20;
        let weight = |i: usize| SCALE / (i as u64 + 1);
        let total: u64 = (0..items.len()).map(weight).sum();
        let mut r = self.below(total);
        for (i, item) in items.iter().enumerate() {
            let w = weight(i);
            if r < w {
                return item;
            }
            r -= w;
        }
        &items[items.len() - 1]
    }
}

/// Ordinary text values (queue, agent, template and campaign names).
pub const TEXTS: &[&str] = &[
    "Sales",
    "Sales B2C",
    "sales b2b",
    "Support",
    "Support B2C",
    "Billing",
    "Retention",
    "promo_spring_v2",
    "promo_flash_v1",
    "Alice Martin",
    "Bruno Petit",
    "test agent",
    "Helpdesk (bot)",
];

/// Hostile text values: quotes, backslashes, comment markers, LIKE wildcards, unicode.
pub const HOSTILE: &[&str] = &[
    "O'Brien & Co",
    "back\\slash",
    "50% off_now",
    "-- not a comment",
    "/* not a comment */",
    "$$dollar$$",
    "Zoë 😀 ünïcode",
    "line\nbreak",
    "tab\there",
    "]bracket[",
    "\"double\"",
];

/// Values of list columns (checkpoints).
pub const LIST_ITEMS: &[&str] = &[
    "welcome",
    "identification",
    "order_status",
    "payment_ok",
    "vip",
    "50%_promo",
    "it's done",
    "back\\slash",
];

/// Rows per table of `demo-data` and of `run` on demo data: enough for grouped reports with
/// thresholds to return rows, and loaded by the embedded DuckDB in well under a second.
pub const DEFAULT_ROWS: u64 = 5000;

/// Generate `rows` rows per source, with timestamps in the ~120 days before `anchor` (UTC).
pub fn generate(catalog: &Catalog, rows: usize, seed: u64, anchor: DateTime) -> Vec<Table> {
    let mut out = Vec::new();
    for (si, source) in catalog.sources.iter().enumerate() {
        let mut rng = Rng(seed ^ ((si as u64 + 1) * 0x1000_0000_01B3));
        let columns: Vec<(String, StoreType)> = source
            .columns
            .iter()
            .map(|c| (c.physical.clone(), StoreType::of(&c.ty)))
            .collect();
        // `present_when` and `after` name columns listed earlier (checked by the loader)
        let index = |name: &Option<String>| {
            name.as_ref()
                .and_then(|n| source.columns.iter().position(|c| &c.id == n))
        };
        let links: Vec<(Option<usize>, Option<usize>)> = source
            .columns
            .iter()
            .map(|c| (index(&c.present_when), index(&c.after)))
            .collect();
        let mut table_rows = Vec::with_capacity(rows);
        for r in 0..rows {
            let mut row: Vec<Cell> = Vec::with_capacity(columns.len());
            for (c, &(when, after)) in source.columns.iter().zip(&links) {
                let present = match when.and_then(|i| row.get(i)) {
                    Some(Cell::Bool(b)) => Some(*b),
                    Some(Cell::Null) => Some(false),
                    Some(_) => Some(true),
                    None => None,
                };
                let base = after.and_then(|i| row.get(i));
                // a column with `present_when` is set exactly when its condition holds; an
                // optional one `after` a missing timestamp is missing too (unless
                // `present_when` says it is there); any other optional column is NULL in
                // about one row in seven
                if present == Some(false)
                    || (present.is_none() && c.nullable && base == Some(&Cell::Null))
                    || (present.is_none() && c.nullable && rng.chance(15))
                {
                    row.push(Cell::Null);
                    continue;
                }
                let base = match base {
                    Some(Cell::Timestamp(t)) => Some(*t),
                    _ => None,
                };
                row.push(match &c.ty {
                    ColumnType::Timestamp => Cell::Timestamp(match base {
                        // up to two hours later, to the second
                        Some(t) => t
                            .checked_add(jiff::Span::new().seconds(rng.below(7200) as i64))
                            .unwrap_or(t),
                        None => timestamp(&mut rng, r, anchor),
                    }),
                    ColumnType::Duration(u) => {
                        let secs = rng.below(2400) as i64;
                        Cell::Int(match u {
                            DurationUnit::Seconds => secs,
                            DurationUnit::Milliseconds => secs * 1000 + rng.below(1000) as i64,
                        })
                    }
                    ColumnType::Integer => Cell::Int(rng.below(12) as i64),
                    ColumnType::Number => Cell::Num((rng.below(10_000) as f64) / 100.0),
                    ColumnType::Boolean => Cell::Bool(rng.chance(30)),
                    ColumnType::Enum(values) => Cell::Text(rng.pick_skewed(values).code.clone()),
                    ColumnType::Phone => Cell::Text(phone(&mut rng)),
                    ColumnType::PhoneOrId => Cell::Text(if rng.chance(70) {
                        phone(&mut rng)
                    } else {
                        format!("tg:{}", 10_000 + rng.below(90_000))
                    }),
                    ColumnType::Identifier => Cell::Text(format!(
                        "{}-{:06}",
                        &source.id[..3.min(source.id.len())],
                        r + 1
                    )),
                    ColumnType::Text => Cell::Text(if rng.chance(20) {
                        rng.pick(HOSTILE).to_string()
                    } else {
                        rng.pick_skewed(TEXTS).to_string()
                    }),
                    ColumnType::TextList => {
                        let n = rng.below(5) as usize;
                        let mut items: Vec<String> = Vec::new();
                        for _ in 0..n {
                            let it = rng.pick_skewed(LIST_ITEMS).to_string();
                            if !items.contains(&it) {
                                items.push(it);
                            }
                        }
                        Cell::List(items)
                    }
                });
            }
            table_rows.push(row);
        }
        out.push(Table {
            file: data_file_stem(catalog, source),
            name: source
                .table
                .last()
                .cloned()
                .unwrap_or_else(|| source.id.clone()),
            columns,
            rows: table_rows,
        });
    }
    out
}

/// Phone numbers come from a pool of 24 customers, so counts of distinct customers mean
/// something; the first is the one the documentation's examples use.
fn phone(rng: &mut Rng) -> String {
    let i = rng.below(24);
    if i == 0 {
        return "+33612345678".to_string();
    }
    let cc = ["33", "44", "1", "49", "34"][(i % 5) as usize];
    format!("+{cc}6{:08}", 10_000_000 + i * 1_234_567)
}

/// Spread over 120 days, denser in the last two days; every 7th row sits within a minute of midnight, every 11th near the
/// European spring DST change (last Sunday of March) of the anchor's year.
fn timestamp(rng: &mut Rng, r: usize, anchor: DateTime) -> DateTime {
    // a third of the rows fall in the last two days, so "today" and "last 24 hours" have data
    let window = if rng.chance(33) {
        2 * 86_400
    } else {
        120 * 86_400
    };
    let secs = rng.below(window) as i64;
    let base = anchor
        .checked_sub(jiff::Span::new().seconds(secs))
        .unwrap_or(anchor);
    let base = base.with().subsec_nanosecond(0).build().unwrap_or(base);
    if r % 7 == 3 {
        let near = if rng.chance(50) {
            (23, 59, 30)
        } else {
            (0, 0, 30)
        };
        return base.date().at(near.0, near.1, near.2, 0);
    }
    if r % 11 == 5 {
        let year = anchor.year();
        let mut d = jiff::civil::date(year, 3, 31);
        while d.weekday() != jiff::civil::Weekday::Sunday {
            d = d.yesterday().unwrap_or(d);
        }
        let hour = rng.below(4) as i8; // 00:00-03:59 UTC: both sides of 01:00 UTC
        return d.at(hour, rng.below(60) as i8, 0, 0);
    }
    base
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_follows_the_catalogue() {
        let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
        let a = generate(Catalog::builtin(), 50, 7, anchor);
        let b = generate(Catalog::builtin(), 50, 7, anchor);
        assert_eq!(to_runner_json(&a), to_runner_json(&b));
        assert_eq!(a.len(), 4);
        let imd = &a[0];
        let mt = imd
            .columns
            .iter()
            .position(|(n, _)| n == "messaging_type")
            .unwrap();
        for row in &imd.rows {
            if let Cell::Text(v) = &row[mt] {
                assert!(["chat", "WhatsApp", "Telegram", "Messenger"].contains(&v.as_str()));
            }
        }
        assert!(imd.rows.iter().any(|r| r.contains(&Cell::Null)));
    }
    /// `present_when` and `after` of the built-in catalogue: no transfer date without a
    /// transfer, always one with it, never before the distribution; no release without a
    /// transfer; end dates after start dates.
    #[test]
    fn related_columns_follow_the_catalogue() {
        let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
        let tables = generate(Catalog::builtin(), 400, 42, anchor);
        let mut checked = 0;
        for t in &tables {
            let col = |n: &str| t.columns.iter().position(|(c, _)| c == n);
            let (Some(tr), Some(td), Some(rel), Some(dd), Some(end)) = (
                col("transferred"),
                col("transfer_date"),
                col("transfer_release_date"),
                col("distribution_date"),
                col("distribution_end_date"),
            ) else {
                continue;
            };
            let (mut with, mut released) = (0, 0);
            for r in &t.rows {
                match (&r[tr], &r[td]) {
                    (Cell::Bool(true), Cell::Timestamp(at)) => {
                        with += 1;
                        if let Cell::Timestamp(d) = &r[dd] {
                            assert!(at >= d, "{}: transfer before distribution", t.name);
                        }
                    }
                    (Cell::Bool(true), other) => panic!("{}: transferred, date {other:?}", t.name),
                    (_, Cell::Null) => {}
                    (_, other) => panic!("{}: not transferred, date {other:?}", t.name),
                }
                match (&r[td], &r[rel]) {
                    (Cell::Null, Cell::Null) => {}
                    (Cell::Null, other) => {
                        panic!("{}: release {other:?} without a transfer", t.name)
                    }
                    (Cell::Timestamp(a), Cell::Timestamp(b)) => {
                        assert!(b >= a);
                        released += 1;
                    }
                    _ => {}
                }
                if let (Cell::Timestamp(a), Cell::Timestamp(b)) = (&r[dd], &r[end]) {
                    assert!(b >= a, "{}: ends before it starts", t.name);
                }
            }
            assert!(
                with > 50 && released > 30 && released < with,
                "{}: {with} transfers, {released} released",
                t.name
            );
            checked += 1;
        }
        assert_eq!(checked, 3, "three sources have transfers");
    }

    #[test]
    fn tables_of_the_same_name_get_their_own_files() {
        let text = "catalog: t\nsources:\n  a:\n    table: sales.calls\n    columns:\n      x:\n        type: text\n  \
                    b:\n    table: support.Calls\n    columns:\n      x:\n        type: text\n  \
                    c:\n    table: dw.sms\n    columns:\n      x:\n        type: text\n";
        let (cat, _) = crate::catalog::parse_catalog(text);
        let cat = cat.unwrap();
        let stems: Vec<String> = cat
            .sources
            .iter()
            .map(|s| data_file_stem(&cat, s))
            .collect();
        assert_eq!(stems, ["sales.calls", "support.Calls", "sms"]);
        let files: Vec<String> = generate(&cat, 1, 1, jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0))
            .into_iter()
            .map(|t| t.file)
            .collect();
        assert_eq!(files, stems);
    }

    #[test]
    fn file_names_stay_in_their_folder() {
        assert_eq!(file_stem("sms"), "sms");
        assert_eq!(file_stem("Call Log"), "Call Log");
        assert_eq!(file_stem("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(file_stem("a\\b"), "a_b");
        assert_eq!(file_stem(".."), "_");
        assert_eq!(file_stem(""), "_");
    }

    #[test]
    fn csv_quotes_hostile_strings_and_round_trips() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "\"\"");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(csv_field(" padded "), "\" padded \"");
        assert_eq!(csv_field("O'Brien"), "O'Brien");
        assert_eq!(csv_field("back\\slash"), "back\\slash");
        let mut values: Vec<&str> = HOSTILE.to_vec();
        values.extend(["", ",", "\"", "\"\"", "a\r\nb", "😀", "NULL", " "]);
        let t = Table {
            name: "t".into(),
            file: "t".into(),
            columns: vec![
                ("text col".into(), StoreType::Text),
                ("n".into(), StoreType::Integer),
                ("list".into(), StoreType::TextList),
            ],
            rows: values
                .iter()
                .map(|v| {
                    vec![
                        Cell::Text(v.to_string()),
                        Cell::Null,
                        Cell::List(vec![v.to_string(), "x".into()]),
                    ]
                })
                .collect(),
        };
        let text = to_csv(&t);
        let rows = parse_csv(&text).unwrap();
        assert_eq!(rows.len(), values.len() + 1);
        assert_eq!(
            rows[0],
            vec![
                Some("text col".into()),
                Some("n".into()),
                Some("list".into())
            ]
        );
        for (v, row) in values.iter().zip(&rows[1..]) {
            assert_eq!(row[0].as_deref(), Some(*v));
            assert_eq!(row[1], None, "NULL is an unquoted empty field");
            let list: Vec<String> = serde_json::from_str(row[2].as_deref().unwrap()).unwrap();
            assert_eq!(list, vec![v.to_string(), "x".to_string()]);
        }
        // empty lists, booleans and timestamps
        let c = Cell::Timestamp(jiff::civil::date(2026, 3, 29).at(1, 2, 3, 0));
        assert_eq!(csv_cell(&c), "2026-03-29 01:02:03");
        assert_eq!(csv_cell(&Cell::List(vec![])), "[]");
        assert_eq!(csv_cell(&Cell::Bool(false)), "false");
        assert_eq!(csv_cell(&Cell::Num(12.5)), "12.5");
    }

    #[test]
    fn csv_of_the_demo_data_parses() {
        let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
        for t in generate(Catalog::builtin(), 200, 3, anchor) {
            let rows = parse_csv(&to_csv(&t)).unwrap();
            assert_eq!(rows.len(), t.rows.len() + 1, "{}", t.name);
            assert!(
                rows.iter().all(|r| r.len() == t.columns.len()),
                "{}",
                t.name
            );
        }
    }
}
