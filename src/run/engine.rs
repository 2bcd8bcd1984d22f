//! The embedded DuckDB: an engine opened on the data (demo data, a folder of files, or a
//! DuckDB database file), with reportc's session settings, that runs a query.

use super::data_error::{DataError, ENGINE};
use super::{to_json, ResultSet, TimeZoneFn};
use crate::catalog::Catalog;
use crate::demo::{generate, to_csv};
use crate::diagnostics::Code;
use duckdb::types::Value as DValue;
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
    pub(super) con: duckdb::Connection,
    /// Tables loaded (physical names, qualified as in the catalogue).
    pub tables: Vec<String>,
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
        use std::io::Write as _;
        let frames = ['|', '/', '-', '\\'];
        let mut i = 0usize;
        let mut shown = false;
        let start = std::time::Instant::now();
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(80));
            if start.elapsed() >= Duration::from_millis(300) {
                // a closed stderr is ignored (`eprint!` would panic)
                let _ = write!(
                    std::io::stderr(),
                    "\r{} {what} ({:.1} s)",
                    frames[i % 4],
                    start.elapsed().as_secs_f32()
                );
                shown = true;
                i += 1;
            }
        }
        if shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    });
    let r = f();
    done.store(true, Ordering::Relaxed);
    let _ = handle.join();
    r
}

impl Engine {
    /// Open an engine on the data; `progress` shows a progress line on stderr when loading
    /// takes more than a moment. Every problem of the data, of every file, is reported.
    pub fn open(data: &Data, catalog: &Catalog, progress: bool) -> Result<Engine, Vec<DataError>> {
        let mut e = Engine::in_memory()?;
        match data {
            Data::DuckDbFile(p) => {
                with_progress(progress, "opening data", || e.attach_database(p, catalog))?
            }
            Data::Folder(dir) => {
                with_progress(progress, "loading data", || e.load_folder(dir, catalog))?
            }
            Data::Demo { rows, seed, anchor } => {
                with_progress(progress, "loading demo data", || {
                    e.load_demo(catalog, *rows, *seed, *anchor)
                })?
            }
        }
        Ok(e)
    }

    /// Demo data for the catalogue, through the same path as a user's folder: CSV files
    /// written to a temporary folder, loaded, and the folder removed.
    fn load_demo(
        &mut self,
        catalog: &Catalog,
        rows: usize,
        seed: u64,
        anchor: jiff::civil::DateTime,
    ) -> Result<(), Vec<DataError>> {
        let dir = std::env::temp_dir().join(format!(
            "reportc-demo-{}-{}",
            std::process::id(),
            jiff::Timestamp::now().as_nanosecond()
        ));
        let cannot = |verb: &str, p: &PathBuf, e: std::io::Error| {
            vec![DataError::new(
                Code::DataWrite,
                p.display().to_string(),
                format!("cannot {verb} `{}`: {e}", p.display()),
            )]
        };
        std::fs::create_dir_all(&dir).map_err(|e| cannot("create", &dir, e))?;
        let r = (|| {
            for t in generate(catalog, rows, seed, anchor) {
                let p = dir.join(format!("{}.csv", t.file));
                std::fs::write(&p, to_csv(&t)).map_err(|e| cannot("write", &p, e))?;
            }
            self.load_folder(&dir, catalog)
        })();
        let _ = std::fs::remove_dir_all(&dir);
        r
    }

    /// An empty in-memory engine, with reportc's session settings.
    pub fn in_memory() -> Result<Engine, Vec<DataError>> {
        let con = duckdb::Connection::open_in_memory().map_err(|e| {
            vec![DataError::new(
                Code::EngineStart,
                ENGINE,
                format!("cannot open DuckDB: {e}"),
            )]
        })?;
        let e = Engine {
            con,
            tables: Vec::new(),
        };
        e.setup()?;
        Ok(e)
    }

    /// An engine on a DuckDB database file itself, opened read-only (`run --connect
    /// duckdb:FILE`: the file's own tables, no conversion views), with the session settings.
    /// `Err` holds DuckDB's message and whether it is about the file (else the settings).
    pub fn open_read_only(path: &Path) -> Result<Engine, (bool, String)> {
        let config = duckdb::Config::default()
            .access_mode(duckdb::AccessMode::ReadOnly)
            .map_err(|e| (false, e.to_string()))?;
        let con =
            duckdb::Connection::open_with_flags(path, config).map_err(|e| (true, e.to_string()))?;
        let e = Engine {
            con,
            tables: Vec::new(),
        };
        e.setup().map_err(|errs| {
            let msg: Vec<String> = errs.iter().map(|d| d.diagnostic.message.clone()).collect();
            (false, msg.join("; "))
        })?;
        Ok(e)
    }

    /// A handle that stops the query running (from another thread).
    pub fn interrupt_handle(&self) -> Arc<duckdb::InterruptHandle> {
        self.con.interrupt_handle()
    }

    /// Session settings. The engine never reaches for the network (no extension is installed
    /// or autoloaded), and the report time zones are [`TimeZoneFn`]: the bundled build has no
    /// ICU extension, so `timezone(zone, ts)` is provided by reportc itself, with the same
    /// time-zone database the compiler uses.
    fn setup(&self) -> Result<(), Vec<DataError>> {
        let failed = |what: &str, e: duckdb::Error| {
            vec![DataError::new(
                Code::EngineStart,
                ENGINE,
                format!("cannot {what}: {e}"),
            )]
        };
        self.con
            .execute_batch(
                "SET autoinstall_known_extensions = false; \
                 SET autoload_known_extensions = false",
            )
            .map_err(|e| failed("configure DuckDB", e))?;
        self.con
            .register_scalar_function::<TimeZoneFn>("timezone")
            .map_err(|e| failed("register the time-zone functions", e))
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
