//! Loading the data into the engine: the files of a `--data` folder (found by the tables'
//! names), each CSV or Parquet file, and the tables of a DuckDB database file.

use super::data_error::DataError;
use super::locate::CsvFile;
use super::quote::{qident, qstr};
use super::Engine;
use crate::catalog::{Catalog, Source};
use crate::demo::{data_file_stem, file_stem};
use crate::diagnostics::Code;
use std::path::{Path, PathBuf};

/// Where a relation being converted comes from: the file a problem is reported in (as the user
/// named it), and how messages name the relation (a file's name, or a DuckDB file's table).
pub(super) struct Origin<'a> {
    pub file: String,
    pub label: String,
    /// The file, when it is CSV text (to show where a problem is).
    pub csv: Option<CsvFile<'a>>,
}

impl Engine {
    /// Load every source of the catalogue whose file is in the folder: `<table>.csv`
    /// (also `.csv.gz`, `.tsv`) or `<table>.parquet`, named after the physical table (its
    /// last part) or the source id, ignoring case. See [`Engine::load_file`].
    pub fn load_folder(&mut self, dir: &Path, catalog: &Catalog) -> Result<(), Vec<DataError>> {
        let folder = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            vec![DataError::new(
                Code::DataUnreadable,
                &folder,
                format!("cannot read `{folder}`: {e}"),
            )]
        })?;
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
            return Err(errors);
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
            return Err(vec![DataError::new(
                Code::DataNoTables,
                &folder,
                format!("`{folder}` holds none of the catalogue's tables"),
            )
            .with_help(format!(
                "expected files named after them, {} (or `.parquet`)",
                expected.join(", ")
            ))]);
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
    pub fn load_file(&self, path: &Path, source: &Source) -> Result<(), Vec<DataError>> {
        let label = path
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let lower = label.to_lowercase();
        let mut origin = Origin {
            file: path.display().to_string(),
            label,
            csv: None,
        };
        let p = qstr(&path.to_string_lossy());
        let relation = if lower.ends_with(".parquet") {
            format!("read_parquet({p})")
        } else {
            let delim = if lower.ends_with(".tsv") {
                '\t'
            } else {
                sniff_delimiter(path)
            };
            if !lower.ends_with(".gz") {
                origin.csv = Some(CsvFile {
                    path,
                    delimiter: delim,
                });
            }
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
        let one = |e: duckdb::Error| {
            vec![DataError::new(
                Code::DataUnreadable,
                &origin.file,
                format!("cannot read `{}`: {e}", origin.label),
            )]
        };
        self.con
            .execute_batch(&format!(
                "CREATE OR REPLACE TEMP TABLE {raw} AS \
             SELECT row_number() OVER () AS __reportc_row, * FROM {relation}"
            ))
            .map_err(one)?;
        let result = self.convert(raw, raw, &origin, source);
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
    pub fn attach_database(
        &mut self,
        path: &Path,
        catalog: &Catalog,
    ) -> Result<(), Vec<DataError>> {
        let file = path.display().to_string();
        let label = path
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let unreadable = |e: duckdb::Error| {
            vec![DataError::new(
                Code::DataUnreadable,
                &file,
                format!("cannot open DuckDB file `{file}`: {e}"),
            )]
        };
        self.con
            .execute_batch(&format!(
                "ATTACH {} AS __reportc_src (READ_ONLY)",
                qstr(&path.to_string_lossy())
            ))
            .map_err(unreadable)?;
        let have: Vec<(String, String)> = self
            .con
            .prepare(
                "SELECT table_schema, table_name FROM information_schema.tables \
             WHERE table_catalog = '__reportc_src' ORDER BY 1, 2",
            )
            .and_then(|mut stmt| {
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                    .and_then(|rows| rows.collect())
            })
            .map_err(unreadable)?;
        let mut errors = Vec::new();
        for s in &catalog.sources {
            let table = s.table.last().cloned().unwrap_or_default();
            let schema = (s.table.len() > 1).then(|| s.table[s.table.len() - 2].clone());
            let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
            let exact = have
                .iter()
                .find(|(sc, t)| same(t, &table) && schema.as_deref().is_none_or(|x| same(sc, x)));
            let by_name: Vec<_> = have.iter().filter(|(_, t)| same(t, &table)).collect();
            let Some((sc, t)) = exact.or((by_name.len() == 1).then(|| by_name[0])) else {
                continue;
            };
            let from = format!("__reportc_src.{}.{}", qident(sc), qident(t));
            let numbered =
                format!("(SELECT row_number() OVER () AS __reportc_row, * FROM {from}) AS __r");
            let origin = Origin {
                file: file.clone(),
                label: format!("{label}: {sc}.{t}"),
                csv: None,
            };
            match self.convert(&numbered, &from, &origin, s) {
                Ok(()) => self.tables.push(s.table.join(".")),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if self.tables.is_empty() {
            let found: Vec<String> = have.iter().map(|(s, t)| format!("{s}.{t}")).collect();
            let wanted: Vec<String> = catalog.sources.iter().map(|s| s.table.join(".")).collect();
            return Err(vec![DataError::new(
                Code::DataNoTables,
                &file,
                format!(
                    "`{file}` holds none of the catalogue's tables ({})",
                    wanted.join(", ")
                ),
            )
            .with_help(format!(
                "its tables: {}",
                if found.is_empty() {
                    "none".to_string()
                } else {
                    found.join(", ")
                }
            ))]);
        }
        Ok(())
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
