//! `reportc run`: compile a report for DuckDB (relative ranges at `--as-of`, or now), load the
//! data (demo data, or `--data`) into the embedded DuckDB and print the rows. Needs a build
//! with `--features duckdb`; without it, says how to get one. `--connect URL` runs on the
//! user's own database instead (`run_connect.rs`).

use super::args::RunArgs;
use super::exit::Outcome;

/// What a build without the embedded DuckDB says when asked for it.
#[cfg(not(feature = "duckdb"))]
pub fn needs_duckdb(what: &str) -> String {
    format!(
        "{what} needs the embedded DuckDB, which this build does not include; \
         build it with `cargo build --release --features duckdb` (a one-time C++ build of \
         about 12 minutes), then run `target/release/reportc ...`"
    )
}

#[cfg(not(feature = "duckdb"))]
pub fn run(a: RunArgs) -> Outcome {
    if a.connect.is_some() {
        return super::run_connect::run_connect(a);
    }
    let p = super::output::Printer::human();
    Err(p.usage(needs_duckdb("`reportc run`")))
}

/// An engine error is a diagnostic against the report (E0500, exit 1), with the SQL; a
/// problem of the data is a diagnostic in its data file (E0501..., exit 2).
#[cfg(feature = "duckdb")]
pub fn run(a: RunArgs) -> Outcome {
    if a.connect.is_some() {
        return super::run_connect::run_connect(a);
    }
    use super::arg_values::{as_of_or_now, dialect};
    use super::exit::ExitStatus;
    use super::input::{format_of, read_or_report};
    use super::load_catalog::load_catalog;
    use super::output::{out, Printer};
    use reportc::diagnostics::{Code, Diagnostic, Span};
    use reportc::run::{render, Data, DataError, Engine};
    use reportc::sql::SqlOptions;
    use std::io::IsTerminal;

    let mut p = Printer::human();
    let cat = load_catalog(&a.catalog, &mut p)?;
    let anchor = as_of_or_now(a.as_of.as_deref(), &p)?;
    let file = read_or_report(&a.report, &mut p).ok_or(ExitStatus::Io)?;
    let fmt = format_of(&a.report)
        .ok_or_else(|| p.usage(format!("`{}` is not a report file", a.report)))?;
    let duck = dialect("duckdb", &p)?;
    let opts = SqlOptions {
        as_of: Some(anchor),
    };
    let (sql, schema) = match reportc::compile_report(&file, fmt, &cat, duck, &opts) {
        Ok(c) => (c.sql, c.columns),
        Err(diags) => {
            p.diags(&file, &diags);
            return Ok(ExitStatus::Invalid);
        }
    };
    let source = match a.data {
        None => Data::Demo {
            rows: a.rows as usize,
            seed: a.seed,
            anchor,
        },
        Some(path) if path.is_dir() => Data::Folder(path),
        Some(path) if path.is_file() => Data::DuckDbFile(path),
        Some(path) => {
            let shown = path.display().to_string();
            let msg = format!("--data `{shown}` does not exist");
            p.data_errors(&[DataError::new(Code::DataUnreadable, shown, msg)
                .with_help("give a folder of data files, or a DuckDB database file")]);
            return Err(ExitStatus::Io);
        }
    };
    let engine = Engine::open(&source, &cat, std::io::stderr().is_terminal()).map_err(|e| {
        p.data_errors(&e);
        ExitStatus::Io
    })?;
    match engine.query(&sql) {
        Ok(rs) => {
            let format: reportc::run::OutputFormat = a.format.into();
            // the table says each duration's unit in its header (`wait_time (s)`)
            let rs = if format == reportc::run::OutputFormat::Table {
                reportc::run::with_units(rs, &schema)
            } else {
                rs
            };
            out(&render(&rs, format));
            if rs.rows.is_empty() {
                if let Data::Demo { anchor, .. } = &source {
                    p.note(format!(
                        "note: no rows: the demo data covers the ~120 days before {anchor} UTC; \
                         for a report on fixed dates, move it with --as-of (e.g. \
                         --as-of 2026-04-15T12:00:00), or raise --rows"
                    ));
                }
            }
            Ok(ExitStatus::Ok)
        }
        Err(e) => {
            let d = Diagnostic::error(
                Code::EngineError,
                Span::empty(),
                format!("DuckDB could not run this report: {e}"),
            )
            .with_help(format!("the SQL that DuckDB was given:\n{sql}"));
            p.diags(&file, &[d]);
            Ok(ExitStatus::Invalid)
        }
    }
}
