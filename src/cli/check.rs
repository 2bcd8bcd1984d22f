//! `reportc check`: validate reports (files or folders), and with `-d` compile them for those
//! dialects too; every diagnostic of every file, then the summary.

use super::arg_values::dialect;
use super::args::CheckArgs;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::input::open_report;
use super::load_catalog::load_catalog;
use super::output::Printer;
use reportc::check_report;
use reportc::diagnostics::{Diagnostic, Diagnostics};
use reportc::sql::{Dialect, DIALECTS};

pub fn check(a: CheckArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let dialects = dialects(&a.dialect, &p)?;
    let cat = load_catalog(&a.catalog, &mut p)?;
    let files = collect_files(&a.paths, &a.walk).map_err(|e| p.usage(e))?;
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        let diags = if dialects.is_empty() {
            check_report(&file, fmt, &cat, None)
        } else {
            let mut all = Diagnostics::default();
            for d in &dialects {
                all.extend(check_report(&file, fmt, &cat, Some(d)));
            }
            all.sorted()
        };
        if diags.iter().any(Diagnostic::is_error) {
            invalid += 1;
            status = status.max(ExitStatus::Invalid);
        }
        p.diags(&file, &diags);
    }
    p.finish(files.len(), invalid);
    Ok(status)
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
