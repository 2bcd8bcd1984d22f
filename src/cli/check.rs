//! `reportc check`: validate reports (files or folders), and with `-d` compile them for that
//! dialect too; every diagnostic of every file, then the summary.

use super::arg_values::dialect;
use super::args::CheckArgs;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::input::open_report;
use super::load_catalog::load_catalog;
use super::output::Printer;
use reportc::check_report;
use reportc::diagnostics::Diagnostic;

pub fn check(a: CheckArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let d = a.dialect.as_deref().map(|n| dialect(n, &p)).transpose()?;
    let cat = load_catalog(&a.catalog, &mut p)?;
    let files = collect_files(&a.paths).map_err(|e| p.usage(e))?;
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        let diags = check_report(&file, fmt, &cat, d);
        if diags.iter().any(Diagnostic::is_error) {
            invalid += 1;
            status = status.max(ExitStatus::Invalid);
        }
        if !diags.is_empty() {
            p.diags(&file, &diags);
        }
    }
    p.finish(files.len(), invalid);
    Ok(status)
}
