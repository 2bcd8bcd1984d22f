//! Writing the engine's tables out (`demo-data --format parquet|duckdb`): one Parquet file per
//! table, or one DuckDB database file holding them all, each written atomically.

use super::data_error::DataError;
use super::quote::{qident, qstr};
use super::Engine;
use crate::catalog::Catalog;
use crate::demo::{data_file_stem, file_stem};
use crate::diagnostics::Code;
use std::path::{Path, PathBuf};

/// The binary formats `demo-data` writes through the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Parquet,
    DuckDb,
}

impl Engine {
    /// Write every loaded table to `dir` as `<table>.parquet`, or all of them into one
    /// DuckDB database file `<name>.duckdb` (tables under their qualified names, so `run
    /// --data` opens it as it is). Each file is written under a temporary name and renamed
    /// into place. Returns the files written, or the problem (one).
    pub fn export(
        &self,
        dir: &Path,
        format: ExportFormat,
        catalog: &Catalog,
    ) -> Result<Vec<PathBuf>, Vec<DataError>> {
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
        let cannot = |target: &Path, e: &dyn std::fmt::Display| {
            vec![DataError::new(
                Code::DataWrite,
                target.display().to_string(),
                format!("cannot write `{}`: {e}", target.display()),
            )]
        };
        let finish = |tmp: &Path, target: &Path, r: Result<(), duckdb::Error>| {
            r.map_err(|e| cannot(target, &e))
                .and_then(|()| std::fs::rename(tmp, target).map_err(|e| cannot(target, &e)))
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
                let target = dir.join(format!("{}.duckdb", file_stem(&catalog.name)));
                if let Some(t) = self.tables.iter().find(|t| t.split('.').count() > 2) {
                    return Err(vec![DataError::new(
                        Code::DataWrite,
                        target.display().to_string(),
                        format!("table `{t}` names a database; a DuckDB file holds one"),
                    )
                    .with_help("write CSV or Parquet instead")]);
                }
                let tmp = tmp_of(&target);
                let _ = std::fs::remove_file(&tmp);
                let mut sql = format!("ATTACH {} AS __reportc_out; ", qstr(&tmp.to_string_lossy()));
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
}
