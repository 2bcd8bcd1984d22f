//! `reportc demo-data`: deterministic demo data for the catalogue, one CSV per table written
//! atomically, or (with the embedded DuckDB) Parquet files or one DuckDB database file.

use super::arg_values::{as_of_or_now, dialect};
use super::args::{DemoDataArgs, DemoFormat};
use super::exit::{ExitStatus, Outcome};
use super::load_catalog::load_catalog;
use super::output::Printer;
use super::write_atomic::write_atomic;
use reportc::catalog::Catalog;
use reportc::diagnostics::Code;
use reportc::run::DataError;
use std::path::Path;

pub fn demo_data(a: DemoDataArgs) -> Outcome {
    let mut p = Printer::human();
    let cat = load_catalog(&a.catalog, &mut p)?;
    let anchor = as_of_or_now(a.as_of.as_deref(), &p)?;
    let dir = &a.out;
    let rows = a.rows as usize;
    if let Some((first, second, stem)) = reportc::demo::data_file_clash(&cat) {
        let msg = format!(
            "sources `{first}` and `{second}` would both write the data file `{stem}` in `{}`: \
             nothing is written",
            dir.display()
        );
        let catalog = a
            .catalog
            .as_ref()
            .map_or("<built-in catalogue>".into(), |c| c.display().to_string());
        let d = DataError::new(Code::DataWrite, catalog, msg);
        p.data_errors(&[d.with_help("give one of the tables another name in the catalogue")]);
        return Err(ExitStatus::Io);
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| p.usage(format!("cannot create `{}`: {e}", dir.display())))?;
    let sql_dialect = match a.format {
        DemoFormat::Csv => None,
        DemoFormat::Sql => Some(dialect(&a.dialect, &p)?),
        _ => return binary(&mut p, dir, a.format, (rows, a.seed, anchor), &cat),
    };
    // every file's text first, so that a table the dialect cannot store writes nothing
    let mut files = Vec::new();
    for t in reportc::demo::generate(&cat, rows, a.seed, anchor) {
        files.push(match sql_dialect {
            None => (
                dir.join(format!("{}.csv", t.file)),
                reportc::demo::to_csv(&t),
                t.rows.len(),
            ),
            Some(d) => match reportc::demo::to_sql(&t, d) {
                Ok(text) => (dir.join(format!("{}.sql", t.file)), text, t.rows.len()),
                Err(e) => {
                    let msg = format!("`{}`: {}; nothing is written", t.name, e.message);
                    let mut d = DataError::new(Code::DataWrite, t.file.clone(), msg);
                    if let Some(h) = e.help {
                        d = d.with_help(h);
                    }
                    p.data_errors(&[d]);
                    return Err(ExitStatus::Io);
                }
            },
        });
    }
    for (target, text, n) in files {
        if let Err(e) = write_atomic(&target, &text) {
            let shown = target.display().to_string();
            let msg = format!("cannot write `{shown}`: {e}");
            p.data_errors(&[DataError::new(Code::DataWrite, shown, msg)]);
            return Err(ExitStatus::Io);
        }
        p.note(format!("wrote {} ({n} rows)", target.display()));
    }
    Ok(ExitStatus::Ok)
}

/// `--format parquet|duckdb` without the embedded DuckDB: say how to build it.
#[cfg(not(feature = "duckdb"))]
fn binary(
    p: &mut Printer,
    _dir: &Path,
    _format: DemoFormat,
    _demo: (usize, u64, jiff::civil::DateTime),
    _cat: &Catalog,
) -> Outcome {
    Err(p.usage(super::run::needs_duckdb(
        "`reportc demo-data --format parquet|duckdb`",
    )))
}

/// `--format parquet|duckdb`: the demo data loaded into the embedded DuckDB, then written
/// out by it.
#[cfg(feature = "duckdb")]
fn binary(
    p: &mut Printer,
    dir: &Path,
    format: DemoFormat,
    (rows, seed, anchor): (usize, u64, jiff::civil::DateTime),
    cat: &Catalog,
) -> Outcome {
    use reportc::run::{Data, Engine, ExportFormat};
    use std::io::IsTerminal;
    let data = Data::Demo { rows, seed, anchor };
    let engine = Engine::open(&data, cat, std::io::stderr().is_terminal()).map_err(|e| {
        p.data_errors(&e);
        ExitStatus::Io
    })?;
    let f = match format {
        DemoFormat::Duckdb => ExportFormat::DuckDb,
        _ => ExportFormat::Parquet,
    };
    let files = engine.export(dir, f, cat).map_err(|e| {
        p.data_errors(&e);
        ExitStatus::Io
    })?;
    for f in files {
        p.note(format!("wrote {}", f.display()));
    }
    Ok(ExitStatus::Ok)
}
