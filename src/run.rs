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
    use crate::catalog::{Catalog, Source};
    use crate::demo::{data_file_stem, file_stem, generate, to_csv, StoreType};
    use crate::diagnostics::did_you_mean;
    use duckdb::arrow;
    use duckdb::arrow::array::{Array, AsArray, RecordBatch};
    use duckdb::arrow::datatypes::{DataType, TimeUnit};
    use duckdb::types::Value as DValue;
    use duckdb::vscalar::{ArrowFunctionSignature, VArrowScalar};
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

    /// The binary formats `demo-data` writes through the engine.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ExportFormat {
        Parquet,
        DuckDb,
    }

    /// An embedded DuckDB holding the catalogue's tables.
    pub struct Engine {
        con: duckdb::Connection,
        /// Tables loaded (physical names, qualified as in the catalogue).
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
                    let mut e = Engine::in_memory()?;
                    with_progress(progress, "opening data", || e.attach_database(p, catalog))?;
                    Ok(e)
                }
                Data::Folder(dir) => {
                    let mut e = Engine::in_memory()?;
                    with_progress(progress, "loading data", || e.load_folder(dir, catalog))?;
                    Ok(e)
                }
                Data::Demo { rows, seed, anchor } => {
                    let mut e = Engine::in_memory()?;
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
                                let p = dir.join(format!("{}.csv", t.file));
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

        /// An empty in-memory engine, with reportc's session settings.
        pub fn in_memory() -> Result<Engine, String> {
            let con = duckdb::Connection::open_in_memory().map_err(|e| e.to_string())?;
            let e = Engine {
                con,
                tables: Vec::new(),
            };
            e.setup()?;
            Ok(e)
        }

        /// Session settings. The engine never reaches for the network (no extension is
        /// installed or autoloaded), and the report time zones are [`TimeZoneFn`]: the bundled
        /// build has no ICU extension, so `timezone(zone, ts)` is provided by reportc itself,
        /// with the same time-zone database the compiler uses.
        fn setup(&self) -> Result<(), String> {
            self.con
                .execute_batch(
                    "SET autoinstall_known_extensions = false; \
                     SET autoload_known_extensions = false",
                )
                .map_err(|e| format!("cannot configure DuckDB: {e}"))?;
            self.con
                .register_scalar_function::<TimeZoneFn>("timezone")
                .map_err(|e| format!("cannot register the time-zone functions: {e}"))
        }

        /// Load every source of the catalogue whose file is in the folder: `<table>.csv`
        /// (also `.csv.gz`, `.tsv`) or `<table>.parquet`, named after the physical table (its
        /// last part) or the source id, ignoring case. See [`Engine::load_file`].
        pub fn load_folder(&mut self, dir: &Path, catalog: &Catalog) -> Result<(), String> {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
            let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            let mut errors = Vec::new();
            for s in &catalog.sources {
                let table = s.table.last().cloned().unwrap_or_else(|| s.id.clone());
                let stem = data_file_stem(catalog, s);
                let Some(path) = find_data_file(&files, &[&stem, &table, &s.id]) else {
                    continue;
                };
                match self.load_file(&path, s) {
                    Ok(()) => self.tables.push(s.table.join(".")),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            if !errors.is_empty() {
                return Err(errors.join("\n"));
            }
            if self.tables.is_empty() {
                let expected: Vec<String> = catalog
                    .sources
                    .iter()
                    .map(|s| {
                        format!(
                            "`{}.csv`",
                            s.table.last().cloned().unwrap_or_else(|| s.id.clone())
                        )
                    })
                    .collect();
                return Err(format!(
                    "`{}` holds none of the catalogue's tables: expected files named after them, \
                     {} (or `.parquet`)",
                    dir.display(),
                    expected.join(", ")
                ));
            }
            Ok(())
        }

        /// Load one file as the table of `source`, under its physical (possibly qualified)
        /// name. CSV is RFC 4180 with a header row (its delimiter is the header's: `,`, `;`,
        /// tab or `|`), read as text (an unquoted empty field is
        /// NULL, `""` the empty string) and converted to the catalogue's types, leniently:
        /// `NULL` and `\N` are NULL in non-text columns; booleans `true/false`, `t/f`,
        /// `yes/no`, `1/0`; timestamps ISO 8601 with `T` or a space, optionally fractional,
        /// with `Z` or an offset (converted to UTC), or a bare date; lists a JSON array or
        /// `[a, b]`; an integer or duration column holding fractions stays fractional. Parquet
        /// columns keep their types (timestamps are converted to UTC timestamps). Every value
        /// that does not convert, and every missing column, is reported, with its row.
        pub fn load_file(&self, path: &Path, source: &Source) -> Result<(), Vec<String>> {
            let file = path
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            let lower = file.to_lowercase();
            let p = qstr(&path.to_string_lossy());
            let relation = if lower.ends_with(".parquet") {
                format!("read_parquet({p})")
            } else {
                let delim = if lower.ends_with(".tsv") {
                    '\t'
                } else {
                    sniff_delimiter(path)
                };
                let delim = if delim == '\t' {
                    "\\t".to_string()
                } else {
                    delim.to_string()
                };
                format!(
                    "read_csv({p}, header = true, all_varchar = true, allow_quoted_nulls = false, \
                     delim = '{delim}', quote = '\"', escape = '\"')"
                )
            };
            let raw = "__reportc_raw";
            let one = |e: duckdb::Error| vec![format!("cannot read `{file}`: {e}")];
            self.con
                .execute_batch(&format!(
                    "CREATE OR REPLACE TEMP TABLE {raw} AS \
                     SELECT row_number() OVER () AS __reportc_row, * FROM {relation}"
                ))
                .map_err(one)?;
            let result = self.convert(raw, raw, &file, source);
            let _ = self
                .con
                .execute_batch(&format!("DROP TABLE IF EXISTS {raw}"));
            result
        }

        /// Open a DuckDB database file read-only and make each catalogue table found in it
        /// (by its qualified physical name, else by its name in any schema, ignoring case) a
        /// view under the catalogue's physical name, converting columns as [`Engine::load_file`]
        /// does. Columns that already have the catalogue's type are passed through as they
        /// are, so nothing is copied or scanned for them.
        pub fn attach_database(&mut self, path: &Path, catalog: &Catalog) -> Result<(), String> {
            let label = path
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            self.con
                .execute_batch(&format!(
                    "ATTACH {} AS __reportc_src (READ_ONLY)",
                    qstr(&path.to_string_lossy())
                ))
                .map_err(|e| format!("cannot open DuckDB file `{}`: {e}", path.display()))?;
            let mut stmt = self
                .con
                .prepare(
                    "SELECT table_schema, table_name FROM information_schema.tables \
                     WHERE table_catalog = '__reportc_src' ORDER BY 1, 2",
                )
                .map_err(|e| e.to_string())?;
            let have: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .and_then(|rows| rows.collect())
                .map_err(|e| e.to_string())?;
            let mut errors = Vec::new();
            for s in &catalog.sources {
                let table = s.table.last().cloned().unwrap_or_default();
                let schema = (s.table.len() > 1).then(|| s.table[s.table.len() - 2].clone());
                let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
                let exact = have.iter().find(|(sc, t)| {
                    same(t, &table) && schema.as_deref().is_none_or(|x| same(sc, x))
                });
                let by_name: Vec<_> = have.iter().filter(|(_, t)| same(t, &table)).collect();
                let Some((sc, t)) = exact.or((by_name.len() == 1).then(|| by_name[0])) else {
                    continue;
                };
                let from = format!("__reportc_src.{}.{}", qident(sc), qident(t));
                let numbered =
                    format!("(SELECT row_number() OVER () AS __reportc_row, * FROM {from}) AS __r");
                match self.convert(&numbered, &from, &format!("{label}: {sc}.{t}"), s) {
                    Ok(()) => self.tables.push(s.table.join(".")),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            if !errors.is_empty() {
                return Err(errors.join("\n"));
            }
            if self.tables.is_empty() {
                let found: Vec<String> = have.iter().map(|(s, t)| format!("{s}.{t}")).collect();
                return Err(format!(
                    "`{}` holds none of the catalogue's tables ({}); its tables: {}",
                    path.display(),
                    catalog
                        .sources
                        .iter()
                        .map(|s| s.table.join("."))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if found.is_empty() {
                        "none".to_string()
                    } else {
                        found.join(", ")
                    }
                ));
            }
            Ok(())
        }

        /// The raw table's columns, as (name, DuckDB type).
        fn columns_of(&self, table: &str) -> Result<Vec<(String, String)>, String> {
            let mut stmt = self
                .con
                .prepare(&format!("DESCRIBE SELECT * FROM {table}"))
                .map_err(|e| e.to_string())?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(|e| e.to_string())?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())
        }

        /// Make `source`'s table from `raw` (a relation with a `__reportc_row` column
        /// numbering its rows): a table copied from `from` when `from` is `raw` (a temporary
        /// table of a file), else a view over `from` (a table of an attached database).
        fn convert(
            &self,
            raw: &str,
            from: &str,
            file: &str,
            source: &Source,
        ) -> Result<(), Vec<String>> {
            let have = self.columns_of(raw).map_err(|e| vec![e])?;
            let names: Vec<&str> = have
                .iter()
                .map(|(n, _)| n.as_str())
                .filter(|n| *n != "__reportc_row")
                .collect();
            let mut errors = Vec::new();
            // (catalogue column, its column in the file, the file's type)
            let mut found = Vec::new();
            for c in &source.columns {
                let hit = have.iter().find(|(n, _)| *n == c.physical).or_else(|| {
                    have.iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case(&c.physical))
                });
                match hit {
                    Some((name, raw_type)) => found.push((c, name.as_str(), raw_type.as_str())),
                    None => {
                        let hint = match did_you_mean(&c.physical, names.iter().copied()) {
                            Some(s) => format!("; did you mean `{s}`?"),
                            None => format!("; its columns: {}", names.join(", ")),
                        };
                        errors.push(format!(
                            "`{file}` has no column `{}` (column `{}` of source `{}`){hint}",
                            c.physical, c.id, source.id
                        ));
                    }
                }
            }
            // one scan: which integer columns of text hold only whole numbers
            let text_ints: Vec<&str> = found
                .iter()
                .filter(|(c, _, t)| *t == "VARCHAR" && StoreType::of(&c.ty) == StoreType::Integer)
                .map(|(_, n, _)| *n)
                .collect();
            let whole = self.whole_numbers(raw, &text_ints).map_err(|e| vec![e])?;
            let exprs: Vec<(String, String)> = found
                .iter()
                .map(|(c, name, raw_type)| {
                    let x = qident(name);
                    let ty = StoreType::of(&c.ty);
                    let e = if *raw_type == "VARCHAR" {
                        let w = text_ints
                            .iter()
                            .position(|n| n == name)
                            .is_some_and(|i| whole[i]);
                        text_conversion(&x, ty, w)
                    } else {
                        typed_conversion(&x, ty, raw_type)
                    };
                    (x, e)
                })
                .collect();
            // one more scan: the first value of each column that does not convert
            let bad = self.first_bad(raw, &exprs).map_err(|e| vec![e])?;
            let mut select = Vec::new();
            for (((c, name, _), (_, expr)), bad) in found.iter().zip(&exprs).zip(bad) {
                if let Some((row, value)) = bad {
                    errors.push(format!(
                        "`{file}`, row {row}, column `{name}`: `{value}` is not {}",
                        expected_value(StoreType::of(&c.ty))
                    ));
                }
                select.push(format!("{expr} AS {}", qident(&c.physical)));
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            let target: Vec<String> = source.table.iter().map(|t| qident(t)).collect();
            let mut sql = String::new();
            match target.len() {
                3 => sql.push_str(&format!(
                    "ATTACH IF NOT EXISTS ':memory:' AS {}; CREATE SCHEMA IF NOT EXISTS {}.{}; ",
                    target[0], target[0], target[1]
                )),
                2 => sql.push_str(&format!("CREATE SCHEMA IF NOT EXISTS {}; ", target[0])),
                _ => {}
            }
            sql.push_str(&if from == raw {
                format!(
                    "CREATE TABLE {} AS SELECT {} FROM {raw} ORDER BY __reportc_row",
                    target.join("."),
                    select.join(", ")
                )
            } else {
                format!(
                    "CREATE VIEW {} AS SELECT {} FROM {from}",
                    target.join("."),
                    select.join(", ")
                )
            });
            self.con
                .execute_batch(&sql)
                .map_err(|e| vec![format!("cannot load `{file}`: {e}")])
        }

        /// For each `(column, conversion)` whose conversion is not the column itself, the first
        /// row whose value does not convert, as (row number, value), in one scan of `raw`.
        fn first_bad(
            &self,
            raw: &str,
            exprs: &[(String, String)],
        ) -> Result<Vec<Option<(i64, String)>>, String> {
            let checked: Vec<usize> = (0..exprs.len())
                .filter(|&i| exprs[i].0 != exprs[i].1)
                .collect();
            let mut out = vec![None; exprs.len()];
            if checked.is_empty() {
                return Ok(out);
            }
            let firsts: Vec<String> = checked
                .iter()
                .map(|&i| {
                    let (x, e) = &exprs[i];
                    format!(
                        "min(__reportc_row) FILTER (WHERE {x} IS NOT NULL AND ({e}) IS NULL AND NOT ({}))",
                        null_token(x)
                    )
                })
                .collect();
            let rows: Vec<Option<i64>> = self
                .con
                .query_row(
                    &format!("SELECT {} FROM {raw}", firsts.join(", ")),
                    [],
                    |r| (0..checked.len()).map(|k| r.get(k)).collect(),
                )
                .map_err(|e| e.to_string())?;
            for (&i, row) in checked.iter().zip(rows) {
                let Some(row) = row else { continue };
                let value: String = self
                    .con
                    .query_row(
                        &format!(
                            "SELECT CAST({} AS VARCHAR) FROM {raw} WHERE __reportc_row = {row}",
                            exprs[i].0
                        ),
                        [],
                        |r| r.get(0),
                    )
                    .map_err(|e| e.to_string())?;
                out[i] = Some((row, value));
            }
            Ok(out)
        }

        /// For each integer column of text, whether all its values are whole numbers (`12`,
        /// `12.0`), in one scan.
        fn whole_numbers(&self, raw: &str, columns: &[&str]) -> Result<Vec<bool>, String> {
            if columns.is_empty() {
                return Ok(Vec::new());
            }
            let tests: Vec<String> = columns
                .iter()
                .map(|n| {
                    let d = format!("TRY_CAST({} AS DOUBLE)", cleaned(&qident(n)));
                    format!("coalesce(bool_and({d} = floor({d})), true)")
                })
                .collect();
            self.con
                .query_row(
                    &format!("SELECT {} FROM {raw}", tests.join(", ")),
                    [],
                    |r| (0..columns.len()).map(|k| r.get(k)).collect(),
                )
                .map_err(|e| e.to_string())
        }

        /// Write every loaded table to `dir` as `<table>.parquet`, or all of them into one
        /// DuckDB database file `<name>.duckdb` (tables under their qualified names, so `run
        /// --data` opens it as it is). Each file is written under a temporary name and renamed
        /// into place. Returns the files written.
        pub fn export(
            &self,
            dir: &Path,
            format: ExportFormat,
            catalog: &Catalog,
        ) -> Result<Vec<PathBuf>, String> {
            let tmp_of = |p: &Path| {
                p.with_file_name(format!(
                    ".{}.{}.tmp",
                    p.file_name()
                        .map(|f| f.to_string_lossy())
                        .unwrap_or_default(),
                    std::process::id()
                ))
            };
            let qualified = |t: &str| t.split('.').map(qident).collect::<Vec<_>>().join(".");
            let finish = |tmp: &Path, target: &Path, r: Result<(), duckdb::Error>| {
                r.map_err(|e| format!("cannot write `{}`: {e}", target.display()))
                    .and_then(|()| {
                        std::fs::rename(tmp, target)
                            .map_err(|e| format!("cannot write `{}`: {e}", target.display()))
                    })
                    .inspect_err(|_| {
                        let _ = std::fs::remove_file(tmp);
                    })
            };
            let mut written = Vec::new();
            match format {
                ExportFormat::Parquet => {
                    for s in &catalog.sources {
                        let t = s.table.join(".");
                        if !self.tables.contains(&t) {
                            continue;
                        }
                        let target = dir.join(format!("{}.parquet", data_file_stem(catalog, s)));
                        let tmp = tmp_of(&target);
                        let r = self.con.execute_batch(&format!(
                            "COPY {} TO {} (FORMAT parquet)",
                            qualified(&t),
                            qstr(&tmp.to_string_lossy())
                        ));
                        finish(&tmp, &target, r)?;
                        written.push(target);
                    }
                }
                ExportFormat::DuckDb => {
                    if let Some(t) = self.tables.iter().find(|t| t.split('.').count() > 2) {
                        return Err(format!(
                            "table `{t}` names a database; a DuckDB file holds one (write CSV or Parquet instead)"
                        ));
                    }
                    let target = dir.join(format!("{}.duckdb", file_stem(&catalog.name)));
                    let tmp = tmp_of(&target);
                    let _ = std::fs::remove_file(&tmp);
                    let mut sql =
                        format!("ATTACH {} AS __reportc_out; ", qstr(&tmp.to_string_lossy()));
                    for t in &self.tables {
                        if let Some((schema, _)) = t.split_once('.') {
                            sql.push_str(&format!(
                                "CREATE SCHEMA IF NOT EXISTS __reportc_out.{}; ",
                                qident(schema)
                            ));
                        }
                        sql.push_str(&format!(
                            "CREATE TABLE __reportc_out.{} AS SELECT * FROM {}; ",
                            qualified(t),
                            qualified(t)
                        ));
                    }
                    sql.push_str("DETACH __reportc_out");
                    let r = self.con.execute_batch(&sql);
                    finish(&tmp, &target, r)?;
                    written.push(target);
                }
            }
            Ok(written)
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

    /// `timezone(zone, timestamp)` and `timezone(zone, timestamptz)` as DuckDB's ICU extension
    /// defines them: a wall-clock time in `zone` to the instant (TIMESTAMPTZ), and an instant to
    /// the wall-clock time in `zone` (TIMESTAMP). A wall-clock time that a DST change skips is
    /// moved forward and one that it repeats is the earlier instant (jiff's "compatible"
    /// disambiguation, which is ICU's and PostgreSQL's too).
    pub struct TimeZoneFn;

    /// Microseconds since the epoch <-> jiff, in UTC.
    fn civil(us: i64) -> Result<jiff::civil::DateTime, String> {
        jiff::Timestamp::from_microsecond(us)
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).datetime())
            .map_err(|e| e.to_string())
    }

    fn micros(t: jiff::Timestamp) -> i64 {
        t.as_microsecond()
    }

    impl VArrowScalar for TimeZoneFn {
        type State = ();

        fn invoke(
            _: &(),
            input: RecordBatch,
        ) -> Result<Arc<dyn Array>, Box<dyn std::error::Error>> {
            let zones = input.column(0).as_string::<i32>();
            let times = input
                .column(1)
                .as_primitive::<arrow::datatypes::TimestampMicrosecondType>();
            let to_local = matches!(input.column(1).data_type(), DataType::Timestamp(_, Some(_)));
            let mut cache: Vec<(String, jiff::tz::TimeZone)> = Vec::new();
            let mut out: Vec<Option<i64>> = Vec::with_capacity(input.num_rows());
            for i in 0..input.num_rows() {
                if zones.is_null(i) || times.is_null(i) {
                    out.push(None);
                    continue;
                }
                let name = zones.value(i);
                let tz = match cache.iter().find(|(n, _)| n == name) {
                    Some((_, tz)) => tz.clone(),
                    None => {
                        let tz = jiff::tz::db()
                            .get(name)
                            .map_err(|_| format!("Unknown TimeZone '{name}'"))?;
                        cache.push((name.to_string(), tz.clone()));
                        tz
                    }
                };
                let us = times.value(i);
                let v = if to_local {
                    let t = jiff::Timestamp::from_microsecond(us).map_err(|e| e.to_string())?;
                    let local = t.to_zoned(tz).datetime();
                    micros(
                        local
                            .to_zoned(jiff::tz::TimeZone::UTC)
                            .map_err(|e| e.to_string())?
                            .timestamp(),
                    )
                } else {
                    let local = civil(us)?;
                    micros(
                        tz.to_ambiguous_zoned(local)
                            .compatible()
                            .map_err(|e| e.to_string())?
                            .timestamp(),
                    )
                };
                out.push(Some(v));
            }
            let arr = arrow::array::TimestampMicrosecondArray::from(out);
            Ok(Arc::new(if to_local {
                arr
            } else {
                arr.with_timezone("UTC")
            }))
        }

        fn signatures() -> Vec<ArrowFunctionSignature> {
            let plain = DataType::Timestamp(TimeUnit::Microsecond, None);
            let instant = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
            vec![
                ArrowFunctionSignature::exact(vec![DataType::Utf8, plain.clone()], instant.clone()),
                ArrowFunctionSignature::exact(vec![DataType::Utf8, instant], plain),
            ]
        }
    }

    /// The file of a table in a `--data` folder: `<name>.csv`, `.csv.gz`, `.tsv` or
    /// `.parquet` for the first of `names` that has one, ignoring case.
    fn find_data_file(files: &[PathBuf], names: &[&str]) -> Option<PathBuf> {
        const EXTENSIONS: &[&str] = &["csv", "csv.gz", "tsv", "parquet"];
        names.iter().find_map(|n| {
            EXTENSIONS.iter().find_map(|ext| {
                let want = format!("{}.{ext}", file_stem(n)).to_lowercase();
                files
                    .iter()
                    .find(|f| {
                        f.is_file()
                            && f.file_name()
                                .is_some_and(|x| x.to_string_lossy().to_lowercase() == want)
                    })
                    .cloned()
            })
        })
    }

    /// A text value with NULL spelled out (`NULL`, `\N`, blank) made NULL, and trimmed.
    fn cleaned(x: &str) -> String {
        format!("(CASE WHEN {} THEN NULL ELSE trim({x}) END)", null_token(x))
    }

    /// The conversion of a text column to the catalogue's type. An integer column whose
    /// values are not all whole numbers (`whole`) is loaded as DOUBLE, so no fraction is lost.
    fn text_conversion(x: &str, ty: StoreType, whole: bool) -> String {
        let v = cleaned(x);
        match ty {
            StoreType::Text => x.to_string(),
            StoreType::Number => format!("TRY_CAST({v} AS DOUBLE)"),
            StoreType::Integer if whole => format!(
                "coalesce(TRY_CAST({v} AS BIGINT), CAST(TRY_CAST({v} AS DOUBLE) AS BIGINT))"
            ),
            StoreType::Integer => format!("TRY_CAST({v} AS DOUBLE)"),
            StoreType::Boolean => format!(
                "(CASE WHEN lower({v}) IN ('true', 't', 'yes', 'y', '1', '1.0') THEN TRUE \
                 WHEN lower({v}) IN ('false', 'f', 'no', 'n', '0', '0.0') THEN FALSE END)"
            ),
            StoreType::Timestamp => format!(
                "coalesce(TRY_CAST(TRY_CAST({v} AS TIMESTAMPTZ) AS TIMESTAMP), TRY_CAST({v} AS TIMESTAMP))"
            ),
            StoreType::TextList => format!(
                "(CASE WHEN json_valid({v}) AND json_type({v}) = 'ARRAY' \
                 THEN from_json({v}, '[\"VARCHAR\"]') ELSE TRY_CAST({v} AS VARCHAR[]) END)"
            ),
        }
    }

    /// The delimiter of a CSV file: the one of `,`, `;`, tab and `|` that its header line
    /// (outside quotes) holds most, `,` when it holds none (or the file is compressed).
    fn sniff_delimiter(path: &Path) -> char {
        use std::io::BufRead;
        let mut header = String::new();
        if let Ok(f) = std::fs::File::open(path) {
            let _ = std::io::BufReader::new(f).read_line(&mut header);
        }
        let mut counts = [0usize; 4];
        let mut quoted = false;
        for c in header.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                '|' if !quoted => counts[3] += 1,
                _ => {}
            }
        }
        let best = (0..4).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
        if counts[best] == 0 {
            ','
        } else {
            [',', ';', '\t', '|'][best]
        }
    }

    /// A NULL spelled out in a text file (`NULL`, `null`, `\N`, blank): NULL in every column
    /// but a text one.
    fn null_token(x: &str) -> String {
        format!("lower(trim(CAST({x} AS VARCHAR))) IN ('', 'null', '\\n')")
    }

    /// The conversion of a typed (Parquet) column to the catalogue's type.
    fn typed_conversion(x: &str, ty: StoreType, raw_type: &str) -> String {
        let numeric = [
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "FLOAT",
            "DOUBLE",
        ]
        .contains(&raw_type)
            || raw_type.starts_with("DECIMAL");
        let same = matches!(
            (ty, raw_type),
            (StoreType::Boolean, "BOOLEAN")
                | (StoreType::Timestamp, "TIMESTAMP")
                | (StoreType::TextList, "VARCHAR[]")
        );
        match ty {
            _ if same => x.to_string(),
            StoreType::Text => format!("CAST({x} AS VARCHAR)"),
            StoreType::Integer | StoreType::Number if numeric => x.to_string(),
            StoreType::Integer => format!("TRY_CAST({x} AS BIGINT)"),
            StoreType::Number => format!("TRY_CAST({x} AS DOUBLE)"),
            StoreType::Boolean => format!("TRY_CAST({x} AS BOOLEAN)"),
            StoreType::Timestamp => format!("TRY_CAST({x} AS TIMESTAMP)"),
            StoreType::TextList => format!("TRY_CAST({x} AS VARCHAR[])"),
        }
    }

    fn expected_value(ty: StoreType) -> &'static str {
        match ty {
            StoreType::Text => "text",
            StoreType::Integer => "a number",
            StoreType::Number => "a number",
            StoreType::Boolean => "a boolean (true/false, yes/no, 1/0)",
            StoreType::Timestamp => "a timestamp (such as `2026-04-15 12:00:00`)",
            StoreType::TextList => "a list (a JSON array such as `[\"a\", \"b\"]`)",
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

#[cfg(all(test, feature = "duckdb"))]
mod engine_tests {
    use super::*;
    use crate::catalog::parse_catalog;
    use serde_json::json;

    fn engine() -> Engine {
        Engine::open(
            &Data::Demo {
                rows: 1,
                seed: 1,
                anchor: jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0),
            },
            crate::catalog::Catalog::builtin(),
            false,
        )
        .unwrap()
    }

    /// A catalogue from its text; it must be valid.
    fn catalog(text: &str) -> crate::catalog::Catalog {
        let (cat, diags) = parse_catalog(text);
        assert!(!diags.has_errors(), "{diags:?}");
        cat.unwrap()
    }

    /// A new engine with the folder's files loaded.
    fn loaded(dir: &std::path::Path, cat: &crate::catalog::Catalog) -> Engine {
        let mut e = Engine::in_memory().unwrap();
        e.load_folder(dir, cat).unwrap();
        e
    }

    fn one(e: &Engine, sql: &str) -> Value {
        let rs = e.query(sql).unwrap_or_else(|err| panic!("{sql}: {err}"));
        rs.rows[0][0].clone()
    }

    /// reportc's `timezone()`: instants to wall-clock time and back, across both DST changes
    /// of Paris, with ICU's choices for skipped (moved forward) and repeated (the earlier)
    /// wall-clock times; NULL in, NULL out; an unknown zone is an error.
    #[test]
    fn time_zones_without_icu() {
        let e = engine();
        // `to_local`: the zone's wall-clock time of a UTC instant; else the UTC instant of a
        // wall-clock time in the zone
        let convert = |to_local: bool, ts: &str| {
            let (outer, inner) = if to_local {
                ("Europe/Paris", "UTC")
            } else {
                ("UTC", "Europe/Paris")
            };
            let sql = format!("SELECT timezone('{outer}', timezone('{inner}', TIMESTAMP '{ts}'))");
            one(&e, &sql)
        };
        let local = |ts: &str| convert(true, ts);
        let utc = |ts: &str| convert(false, ts);
        assert_eq!(local("2026-03-29 00:59:59"), json!("2026-03-29 01:59:59"));
        assert_eq!(local("2026-03-29 01:00:00"), json!("2026-03-29 03:00:00"));
        assert_eq!(local("2026-10-25 00:30:00"), json!("2026-10-25 02:30:00"));
        assert_eq!(local("2026-10-25 01:30:00"), json!("2026-10-25 02:30:00"));
        assert_eq!(
            local("2026-01-15 12:00:00.25"),
            json!("2026-01-15 13:00:00.25")
        );
        assert_eq!(utc("2026-03-29 02:30:00"), json!("2026-03-29 01:30:00"));
        assert_eq!(utc("2026-10-25 02:30:00"), json!("2026-10-25 00:30:00"));
        assert_eq!(utc("2026-07-01 00:00:00"), json!("2026-06-30 22:00:00"));
        assert_eq!(
            one(
                &e,
                "SELECT timezone('Asia/Kolkata', timezone('UTC', TIMESTAMP '2026-01-01 00:00:00'))"
            ),
            json!("2026-01-01 05:30:00")
        );
        assert_eq!(
            one(
                &e,
                "SELECT timezone('Europe/Paris', CAST(NULL AS TIMESTAMP))"
            ),
            Value::Null
        );
        let err = e
            .query("SELECT timezone('Mars/Olympus', TIMESTAMP '2026-01-01 00:00:00')")
            .unwrap_err();
        assert!(err.contains("Mars/Olympus"), "{err}");
    }

    /// A DuckDB file's tables become views: typed columns pass through, a TIMESTAMPTZ column
    /// becomes a UTC timestamp, text columns are converted as CSV is; a table is found in
    /// another schema when its name is unique; bad values are reported with their row.
    #[test]
    fn duckdb_files_are_converted_too() {
        let cat = "catalog: t\nsources:\n  s:\n    table: x.events\n    columns:\n      \
                   at:\n        type: timestamp\n      n:\n        type: integer\n      \
                   ok:\n        type: boolean\n";
        let cat = catalog(cat);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data.duckdb");
        {
            let con = duckdb::Connection::open(&file).unwrap();
            con.execute_batch(
                "CREATE TABLE main.Events (\"AT\" TIMESTAMPTZ, n VARCHAR, ok BOOLEAN); \
                 INSERT INTO main.Events VALUES ('2026-01-02 03:04:05+00', '7', true), \
                 (NULL, ' 8 ', NULL)",
            )
            .unwrap();
        }
        let mut e = Engine::in_memory().unwrap();
        e.attach_database(&file, &cat).unwrap();
        let rs = e
            .query("SELECT \"at\", n, ok, typeof(\"at\") FROM x.events ORDER BY n")
            .unwrap();
        assert_eq!(
            rs.rows,
            vec![
                vec![
                    json!("2026-01-02 03:04:05"),
                    json!(7),
                    json!(true),
                    json!("TIMESTAMP")
                ],
                vec![Value::Null, json!(8), Value::Null, json!("TIMESTAMP")],
            ]
        );
        {
            let con = duckdb::Connection::open(&file).unwrap();
            con.execute_batch("INSERT INTO main.Events VALUES (NULL, 'eight', NULL)")
                .unwrap();
        }
        let mut e = Engine::in_memory().unwrap();
        let err = e.attach_database(&file, &cat).unwrap_err();
        assert!(
            err.contains("row 3, column `n`: `eight` is not a number"),
            "{err}"
        );
    }

    /// Two tables of the same name in two schemas: two files, two tables, and Parquet
    /// export keeps them apart too.
    #[test]
    fn same_table_name_in_two_schemas() {
        let text = "catalog: t\nsources:\n  a:\n    table: sales.calls\n    columns:\n      \
                    id:\n        type: identifier\n  b:\n    table: support.calls\n    columns:\n      \
                    id:\n        type: identifier\n";
        let cat = catalog(text);
        let data = Data::Demo {
            rows: 3,
            seed: 1,
            anchor: jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0),
        };
        let e = Engine::open(&data, &cat, false).unwrap();
        let ids =
            |t: &str| e.query(&format!("SELECT min(id) FROM {t}")).unwrap().rows[0][0].clone();
        assert_eq!(ids("sales.calls"), json!("a-000001"));
        assert_eq!(ids("support.calls"), json!("b-000001"));
        let dir = tempfile::tempdir().unwrap();
        let files = e.export(dir.path(), ExportFormat::Parquet, &cat).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["sales.calls.parquet", "support.calls.parquet"]);
        assert_eq!(
            loaded(dir.path(), &cat).tables,
            ["sales.calls", "support.calls"]
        );
    }

    /// The delimiter of a CSV file is the header's (`,`, `;`, tab, `|`); `.tsv` is tab.
    #[test]
    fn delimiters() {
        let cat = "catalog: t\nsources:\n  a:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n  b:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n  c:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n";
        let cat = catalog(cat);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x;n\n\"p;q\";1\n").unwrap();
        std::fs::write(dir.path().join("b.tsv"), "x\tn\nr,s\t2\n").unwrap();
        std::fs::write(dir.path().join("c.csv"), "x|n\nt|3\n").unwrap();
        let e = loaded(dir.path(), &cat);
        let rs = e
            .query("SELECT x, n FROM a UNION ALL SELECT x, n FROM b UNION ALL SELECT x, n FROM c ORDER BY n")
            .unwrap();
        assert_eq!(
            rs.rows,
            vec![
                vec![json!("p;q"), json!(1)],
                vec![json!("r,s"), json!(2)],
                vec![json!("t"), json!(3)]
            ]
        );
    }

    /// CSV in the shapes other tools write is converted to the catalogue's types.
    #[test]
    fn lenient_csv() {
        let cat = "catalog: t\nsources:\n  s:\n    table: x.events\n    columns:\n      \
                   at:\n        type: timestamp\n      ok:\n        type: boolean\n      \
                   n:\n        type: integer\n      d:\n        type: duration\n        unit: seconds\n      \
                   tags:\n        type: text_list\n      note:\n        type: text\n";
        let cat = catalog(cat);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("EVENTS.csv"),
            "AT,ok,n,d,tags,note\r\n\
             2026-01-02T03:04:05Z,yes,1,2.5,\"[\"\"a\"\"]\",NULL\r\n\
             2026-01-02 03:04:05+01:00,F,2.0,3,\"[b, c]\",\r\n\
             2026-01-02,1,NULL,\\N,[],\"\"\r\n",
        )
        .unwrap();
        let e = loaded(dir.path(), &cat);
        let rs = e
            .query("SELECT \"at\", ok, n, d, tags, note, typeof(n), typeof(d) FROM x.events")
            .unwrap();
        assert_eq!(
            rs.rows,
            vec![
                vec![
                    json!("2026-01-02 03:04:05"),
                    json!(true),
                    json!(1),
                    json!(2.5),
                    json!(["a"]),
                    json!("NULL"),
                    json!("BIGINT"),
                    json!("DOUBLE")
                ],
                vec![
                    json!("2026-01-02 02:04:05"),
                    json!(false),
                    json!(2),
                    json!(3.0),
                    json!(["b", "c"]),
                    Value::Null,
                    json!("BIGINT"),
                    json!("DOUBLE")
                ],
                vec![
                    json!("2026-01-02 00:00:00"),
                    json!(true),
                    Value::Null,
                    Value::Null,
                    json!([]),
                    json!(""),
                    json!("BIGINT"),
                    json!("DOUBLE")
                ],
            ]
        );
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
