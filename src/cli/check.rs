//! `reportc check`: validate reports (files or folders), and with `-d` compile them for those
//! dialects too; every diagnostic of every file, then the summary. The files are checked on
//! every core ([`super::parallel`]) and printed in sorted file order, as a serial run prints.

use super::arg_values::dialect;
use super::args::CheckArgs;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::input::load_report;
use super::load_catalog::load_catalog;
use super::output::Printer;
use super::parallel::map_ordered;
use reportc::catalog::Catalog;
use reportc::check_report;
use reportc::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use reportc::sql::{Dialect, DIALECTS};

pub fn check(a: CheckArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let dialects = dialects(&a.dialect, &p)?;
    let cat = load_catalog(&a.catalog, &mut p)?;
    let files = collect_files(&a.paths, &a.walk).map_err(|e| p.usage(e))?;
    // every file checked on every core, then printed in the files' order
    let results = map_ordered(&files, |path| check_path(path, &cat, &dialects));
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    for r in results {
        match r {
            Checked::Unreadable(file, d) => {
                status = status.max(ExitStatus::Io);
                p.diags(&file, &[d]);
            }
            // a clean file is still a file of the run (a JUnit test case, a SARIF artifact)
            Checked::Clean(name) => p.diags(&SourceFile::new(name, String::new()), &[]),
            Checked::Diagnosed(file, diags) => {
                if diags.iter().any(Diagnostic::is_error) {
                    invalid += 1;
                    status = status.max(ExitStatus::Invalid);
                }
                p.diags(&file, &diags);
            }
        }
    }
    p.finish(files.len(), invalid);
    Ok(status)
}

/// What checking one file found (a clean file keeps no text, so 10,000 files check in
/// little memory).
enum Checked {
    /// Not read, or not a report: the diagnostic and the file to show it against.
    Unreadable(SourceFile, Diagnostic),
    /// No diagnostic: only the file's name is kept.
    Clean(String),
    Diagnosed(SourceFile, Vec<Diagnostic>),
}

/// Check one file (compiled for each dialect of `-d`), printing nothing.
fn check_path(path: &str, cat: &Catalog, dialects: &[&Dialect]) -> Checked {
    let (file, fmt) = match load_report(path) {
        Ok(opened) => opened,
        Err(failed) => {
            let (file, d) = *failed;
            return Checked::Unreadable(file, d);
        }
    };
    let diags = if dialects.is_empty() {
        check_report(&file, fmt, cat, None)
    } else {
        let mut all = Diagnostics::default();
        for d in dialects {
            all.extend(check_report(&file, fmt, cat, Some(d)));
        }
        all.sorted()
    };
    if diags.is_empty() {
        Checked::Clean(file.name)
    } else {
        Checked::Diagnosed(file, diags)
    }
}

/// The dialects of `-d` (each once, in the order given); `all` is every dialect.
fn dialects(names: &[String], p: &Printer) -> Result<Vec<&'static Dialect>, ExitStatus> {
    let mut out: Vec<&'static Dialect> = Vec::new();
    for n in names {
        let ds: Vec<&'static Dialect> = if n.eq_ignore_ascii_case("all") {
            DIALECTS.to_vec()
        } else {
            vec![dialect(n, p)?]
        };
        for d in ds {
            if !out.iter().any(|o| std::ptr::eq(*o, d)) {
                out.push(d);
            }
        }
    }
    Ok(out)
}
