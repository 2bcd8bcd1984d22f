//! `reportc fmt`: rewrite report files (or folders) in canonical layout, atomically, keeping
//! each file's line endings and BOM; with `--check`, change nothing and list the files that
//! would change; with `--diff`, print what would change as a unified diff. A file with errors
//! (the parser's or the checker's against the catalogue) is refused, with its diagnostics.

use super::args::FmtArgs;
use super::collect::collect_files;
use super::diff::unified_diff;
use super::exit::{ExitStatus, Outcome};
use super::input::open_report;
use super::load_catalog::load_catalog;
use super::output::{out, Printer};
use super::write_atomic::write_atomic;
use reportc::compile::format_report;
use std::path::Path;

pub fn fmt(a: FmtArgs) -> Outcome {
    let mut p = Printer::human();
    let cat = load_catalog(&a.catalog, &mut p)?;
    let files = collect_files(&a.paths, &a.walk).map_err(|e| p.usage(e))?;
    let mut status = ExitStatus::Ok;
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        let text = match format_report(&file, fmt, &cat) {
            Ok(t) => t,
            Err(diags) => {
                status = status.max(ExitStatus::Invalid);
                p.diags(&file, &diags);
                continue;
            }
        };
        if text == file.text {
            if path == "-" && !a.check && !a.diff {
                out(&text);
            }
            continue;
        }
        if a.diff {
            status = status.max(ExitStatus::Invalid);
            out(&unified_diff(path, &file.text, &text));
        } else if a.check {
            status = status.max(ExitStatus::Invalid);
            out(&format!("{path}\n"));
        } else if path == "-" {
            out(&text);
        } else if let Err(e) = write_atomic(Path::new(path), &text) {
            status = status.max(p.io_error(format!("cannot write `{path}`: {e}")));
        }
    }
    Ok(status)
}
