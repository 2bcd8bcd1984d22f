//! `reportc run`: execute a compiled report on an embedded DuckDB loaded with demo data or with
//! the user's data, and print the rows.
//!
//! The engine part needs the cargo feature `duckdb` (off by default: the bundled DuckDB is a
//! long C++ build). Result sets and their rendering (aligned table, CSV, JSON) are always
//! compiled, so they are tested without the feature.

use serde_json::Value;

/// The rows a query returned, with values normalised to JSON: NULL -> null, integers and
/// floats -> numbers, booleans, timestamps -> `YYYY-MM-DD HH:MM:SS[.ffffff]`, dates ->
/// `YYYY-MM-DD`, lists -> arrays, anything else -> text.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

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

#[cfg(feature = "duckdb")]
pub use engine::*;

#[cfg(feature = "duckdb")]
mod engine {
    use super::ResultSet;
    use crate::catalog::Catalog;
    use crate::demo::{generate, to_csv, StoreType};
    use duckdb::types::Value as DValue;
    use serde_json::Value;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// Where the data comes from.
    #[derive(Debug, Clone)]
    pub enum Data {
        /// Demo data generated for the catalogue (see [`crate::demo`]).
        Demo {
            rows: usize,
            seed: u64,
            anchor: jiff::civil::DateTime,
        },
        /// A folder of `<table>.csv` / `<table>.parquet` files named after the tables.
        Folder(PathBuf),
        /// A DuckDB database file, opened read-only.
        DuckDbFile(PathBuf),
    }

    /// An embedded DuckDB holding the catalogue's tables.
    pub struct Engine {
        con: duckdb::Connection,
        /// Tables loaded (physical names), for messages.
        pub tables: Vec<String>,
    }

    fn qident(s: &str) -> String {
        format!("\"{}\"", s.replace('"', "\"\""))
    }

    fn qstr(s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }

    /// A progress line on stderr while `f` runs, shown only after `delay` and only when
    /// `show` (the caller checks that stderr is a terminal).
    fn with_progress<T>(show: bool, what: &str, f: impl FnOnce() -> T) -> T {
        if !show {
            return f();
        }
        let done = Arc::new(AtomicBool::new(false));
        let flag = done.clone();
        let what = what.to_string();
        let handle = std::thread::spawn(move || {
            let frames = ['|', '/', '-', '\\'];
            let mut i = 0usize;
            let mut shown = false;
            let start = std::time::Instant::now();
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(80));
                if start.elapsed() >= Duration::from_millis(300) {
                    eprint!(
                        "\r{} {what} ({:.1} s)",
                        frames[i % 4],
                        start.elapsed().as_secs_f32()
                    );
                    shown = true;
                    i += 1;
                }
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        });
        let r = f();
        done.store(true, Ordering::Relaxed);
        let _ = handle.join();
        r
    }

    impl Engine {
        /// Open an engine on the data; `progress` shows a progress line on stderr when
        /// loading takes more than a moment.
        pub fn open(data: &Data, catalog: &Catalog, progress: bool) -> Result<Engine, String> {
            match data {
                Data::DuckDbFile(p) => {
                    let cfg = duckdb::Config::default()
                        .access_mode(duckdb::AccessMode::ReadOnly)
                        .map_err(|e| e.to_string())?;
                    let con = duckdb::Connection::open_with_flags(p, cfg)
                        .map_err(|e| format!("cannot open DuckDB file `{}`: {e}", p.display()))?;
                    let e = Engine {
                        con,
                        tables: Vec::new(),
                    };
                    e.setup();
                    Ok(e)
                }
                Data::Folder(dir) => {
                    let mut e = Engine::memory()?;
                    with_progress(progress, "loading data", || e.load_folder(dir, catalog))?;
                    Ok(e)
                }
                Data::Demo { rows, seed, anchor } => {
                    let mut e = Engine::memory()?;
                    with_progress(progress, "loading demo data", || -> Result<(), String> {
                        let dir = std::env::temp_dir().join(format!(
                            "reportc-demo-{}-{}",
                            std::process::id(),
                            jiff::Timestamp::now().as_nanosecond()
                        ));
                        std::fs::create_dir_all(&dir)
                            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
                        let r = (|| {
                            for t in generate(catalog, *rows, *seed, *anchor) {
                                let p = dir.join(format!("{}.csv", t.name));
                                std::fs::write(&p, to_csv(&t))
                                    .map_err(|e| format!("cannot write `{}`: {e}", p.display()))?;
                            }
                            e.load_folder(&dir, catalog)
                        })();
                        let _ = std::fs::remove_dir_all(&dir);
                        r
                    })?;
                    Ok(e)
                }
            }
        }

        fn memory() -> Result<Engine, String> {
            let con = duckdb::Connection::open_in_memory().map_err(|e| e.to_string())?;
            let e = Engine {
                con,
                tables: Vec::new(),
            };
            e.setup();
            Ok(e)
        }

        /// Session settings. Named time zones need DuckDB's ICU extension, which the bundled
        /// build does not include: loaded when it is installed or can be installed, else
        /// reports with a `timezone` fail with DuckDB's message.
        fn setup(&self) {
            let _ = self.con.execute_batch("LOAD icu");
            let _ = self.con.execute_batch("SET TimeZone = 'UTC'");
        }

        /// Load `<table>.csv` or `<table>.parquet` for every source of the catalogue whose file
        /// is in the folder. CSV columns are read as text and cast to the catalogue's types.
        pub fn load_folder(&mut self, dir: &Path, catalog: &Catalog) -> Result<(), String> {
            if !dir.is_dir() {
                return Err(format!("`{}` is not a folder", dir.display()));
            }
            for s in &catalog.sources {
                let name = s.table.last().cloned().unwrap_or_else(|| s.id.clone());
                let csv = dir.join(format!("{name}.csv"));
                let parquet = dir.join(format!("{name}.parquet"));
                let sql = if csv.is_file() {
                    let cols: Vec<String> = s
                        .columns
                        .iter()
                        .map(|c| {
                            let q = qident(&c.physical);
                            let e = match StoreType::of(&c.ty) {
                                StoreType::Text => q.clone(),
                                StoreType::Integer => format!("CAST({q} AS BIGINT)"),
                                StoreType::Number => format!("CAST({q} AS DOUBLE)"),
                                StoreType::Boolean => format!("CAST({q} AS BOOLEAN)"),
                                StoreType::Timestamp => format!("CAST({q} AS TIMESTAMP)"),
                                StoreType::TextList => format!("from_json({q}, '[\"VARCHAR\"]')"),
                            };
                            format!("{e} AS {q}")
                        })
                        .collect();
                    format!(
                        "CREATE TABLE {} AS SELECT {} FROM read_csv({}, header = true, all_varchar = true, \
                         allow_quoted_nulls = false, delim = ',', quote = '\"', escape = '\"')",
                        qident(&name),
                        cols.join(", "),
                        qstr(&csv.to_string_lossy())
                    )
                } else if parquet.is_file() {
                    format!(
                        "CREATE TABLE {} AS SELECT * FROM read_parquet({})",
                        qident(&name),
                        qstr(&parquet.to_string_lossy())
                    )
                } else {
                    continue;
                };
                self.con
                    .execute_batch(&sql)
                    .map_err(|e| format!("cannot load table `{name}`: {e}"))?;
                self.tables.push(name);
            }
            if self.tables.is_empty() {
                return Err(format!(
                    "`{}` holds none of the catalogue's tables (expected files such as `{}.csv` or `.parquet`)",
                    dir.display(),
                    catalog
                        .sources
                        .first()
                        .and_then(|s| s.table.last().cloned())
                        .unwrap_or_default()
                ));
            }
            Ok(())
        }

        /// Run one query; the engine's message on error.
        pub fn query(&self, sql: &str) -> Result<ResultSet, String> {
            let mut stmt = self.con.prepare(sql).map_err(|e| e.to_string())?;
            let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
            let columns: Vec<String> = rows.as_ref().map(|s| s.column_names()).unwrap_or_default();
            let n = columns.len();
            let mut out = Vec::new();
            while let Some(row) = rows.next().map_err(|e| e.to_string())? {
                let mut r = Vec::with_capacity(n);
                for i in 0..n {
                    let v: DValue = row.get(i).map_err(|e| e.to_string())?;
                    r.push(to_json(v));
                }
                out.push(r);
            }
            Ok(ResultSet { columns, rows: out })
        }
    }

    fn timestamp_text(micros: i64) -> String {
        match jiff::Timestamp::from_microsecond(micros) {
            Ok(ts) => {
                let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
                let mut s = dt.strftime("%Y-%m-%d %H:%M:%S").to_string();
                let us = micros.rem_euclid(1_000_000);
                if us != 0 {
                    s.push_str(format!(".{us:06}").trim_end_matches('0'));
                }
                s
            }
            Err(_) => micros.to_string(),
        }
    }

    fn float(f: f64) -> Value {
        serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or_else(|| {
                Value::String(if f.is_nan() {
                    "NaN".into()
                } else if f > 0.0 {
                    "Infinity".into()
                } else {
                    "-Infinity".into()
                })
            })
    }

    /// A DuckDB value as JSON (see [`ResultSet`]).
    pub fn to_json(v: DValue) -> Value {
        use serde_json::json;
        match v {
            DValue::Null => Value::Null,
            DValue::Boolean(b) => json!(b),
            DValue::TinyInt(i) => json!(i),
            DValue::SmallInt(i) => json!(i),
            DValue::Int(i) => json!(i),
            DValue::BigInt(i) => json!(i),
            DValue::HugeInt(i) => i64::try_from(i)
                .map(|x| json!(x))
                .unwrap_or_else(|_| float(i as f64)),
            DValue::UHugeInt(i) => i64::try_from(i)
                .map(|x| json!(x))
                .unwrap_or_else(|_| float(i as f64)),
            DValue::UTinyInt(i) => json!(i),
            DValue::USmallInt(i) => json!(i),
            DValue::UInt(i) => json!(i),
            DValue::UBigInt(i) => json!(i),
            DValue::Float(f) => float(f as f64),
            DValue::Double(f) => float(f),
            DValue::Decimal(d) => float(d.value() as f64 / 10f64.powi(d.scale() as i32)),
            DValue::Timestamp(unit, n) => json!(timestamp_text(unit.to_micros(n))),
            DValue::Text(s) | DValue::Enum(s) => json!(s),
            DValue::Blob(b) | DValue::Geometry(b) => json!(String::from_utf8_lossy(&b)),
            DValue::Date32(days) => {
                let d = jiff::civil::date(1970, 1, 1)
                    .checked_add(jiff::Span::new().days(days as i64))
                    .map(|d| d.to_string())
                    .unwrap_or_else(|_| days.to_string());
                json!(d)
            }
            DValue::Time64(unit, n) => {
                let us = unit.to_micros(n);
                let secs = us.div_euclid(1_000_000);
                json!(format!(
                    "{:02}:{:02}:{:02}",
                    secs / 3600,
                    (secs / 60) % 60,
                    secs % 60
                ))
            }
            DValue::Interval {
                months,
                days,
                nanos,
            } => {
                let secs = (months as f64) * 30.0 * 86_400.0
                    + (days as f64) * 86_400.0
                    + nanos as f64 / 1e9;
                if secs.fract() == 0.0 {
                    json!(secs as i64)
                } else {
                    float(secs)
                }
            }
            DValue::List(items) | DValue::Array(items) => {
                Value::Array(items.into_iter().map(to_json).collect())
            }
            DValue::Union(b) => to_json(*b),
            other => json!(format!("{other:?}")),
        }
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
