//! `reportc fmt`: rewrite report files (or folders) in canonical layout, atomically; with
//! `--check`, change nothing and list the files that would change.

use super::collect::{collect_files, Walk};
use super::exit::{ExitStatus, Outcome};
use super::input::open_report;
use super::output::{out, Printer};
use super::write_atomic::write_atomic;
use std::path::Path;

pub fn fmt(paths: &[String], check: bool, walk: &Walk) -> Outcome {
    let mut p = Printer::human();
    let files = collect_files(paths, walk).map_err(|e| p.usage(e))?;
    let mut status = ExitStatus::Ok;
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        let text = match reportc::syntax::print::reprint(&file.text, fmt, fmt) {
            Ok(t) => t,
            Err(diags) => {
                status = status.max(ExitStatus::Invalid);
                p.diags(&file, &diags);
                continue;
            }
        };
        if path == "-" {
            out(&text);
        } else if text != file.text {
            if check {
                status = status.max(ExitStatus::Invalid);
                out(&format!("{path}\n"));
            } else if let Err(e) = write_atomic(Path::new(path), &text) {
                status = status.max(p.io_error(format!("cannot write `{path}`: {e}")));
            }
        }
    }
    Ok(status)
}
