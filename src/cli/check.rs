//! `reportc check`: validate reports (files or folders), and with `-d` compile them for those
//! dialects too; every diagnostic of every file, then the summary. The files are checked on
//! every core ([`super::parallel`]) and printed in sorted file order, as a serial run prints.

use super::arg_values::dialect;
use super::args::CheckArgs;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::input::load_report;
use super::lint_policy::LintPolicy;
use super::load_catalog::load_catalog;
use super::output::Printer;
use super::parallel::map_ordered;
use reportc::catalog::Catalog;
use reportc::compile::check_for_dialects;
use reportc::diagnostics::{Diagnostic, Diagnostics, SourceFile, Span};
use reportc::lint::{apply_allow_comments, SeenNames};
use reportc::sql::{Dialect, DIALECTS};

pub fn check(a: CheckArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let dialects = dialects(&a.dialect, &p)?;
    let policy = LintPolicy::new(&a.lint, &p)?;
    let mut names = SeenNames::default();
    let cat = load_catalog(&a.catalog, &mut p)?;
    let files = collect_files(&a.paths, &a.walk).map_err(|e| p.usage(e))?;
    // every file checked on every core, then printed in the files' order
    let results = map_ordered(&files, |path| check_path(path, &cat, &dialects, &policy));
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    for (path, r) in files.iter().zip(results) {
        // W0104 looks across the files, so it is found here, in the files' order
        let r = match r {
            Checked::Clean(name, Some(n)) => match names.see(&n.0, path, n.1) {
                Some(d) => match load_report(path) {
                    Ok((file, _)) => with_duplicate(file, Vec::new(), d, &policy),
                    Err(_) => Checked::Clean(name, None),
                },
                None => Checked::Clean(name, None),
            },
            Checked::Diagnosed(file, diags, Some(n)) => match names.see(&n.0, path, n.1) {
                Some(d) => with_duplicate(file, diags, d, &policy),
                None => Checked::Diagnosed(file, diags, None),
            },
            r => r,
        };
        match r {
            Checked::Unreadable(file, d) => {
                status = status.max(ExitStatus::Io);
                p.diags(&file, &[d]);
            }
            // a clean file is still a file of the run (a JUnit test case, a SARIF artifact)
            Checked::Clean(name, _) => p.diags(&SourceFile::new(name, String::new()), &[]),
            Checked::Diagnosed(file, diags, _) => {
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
    /// No diagnostic: only the file's name is kept (and the report's name, for W0104).
    Clean(String, Option<(String, Span)>),
    Diagnosed(SourceFile, Vec<Diagnostic>, Option<(String, Span)>),
}

/// A file's diagnostics with a W0104, unless a comment or the policy allows it.
fn with_duplicate(
    file: SourceFile,
    mut diags: Vec<Diagnostic>,
    d: Diagnostic,
    policy: &LintPolicy,
) -> Checked {
    diags.extend(policy.apply(apply_allow_comments(&file, vec![d])));
    let diags = Diagnostics(diags).sorted();
    if diags.is_empty() {
        Checked::Clean(file.name, None)
    } else {
        Checked::Diagnosed(file, diags, None)
    }
}

/// The name W0104 compares: the `report:` name (at its span), else the file's stem.
pub(super) fn report_name(name: Option<(String, Span)>, path: &str) -> (String, Span) {
    name.unwrap_or_else(|| {
        let stem = std::path::Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report");
        (stem.to_string(), Span::empty())
    })
}

/// W0104 when an earlier file of the run gave this report's name (`name` as written, if any).
pub(super) fn duplicate_name(
    name: Option<(String, Span)>,
    path: &str,
    names: &mut SeenNames,
) -> Option<Diagnostic> {
    let (name, span) = report_name(name, path);
    names.see(&name, path, span)
}

/// Check one file (compiled for each dialect of `-d`), printing nothing.
fn check_path(path: &str, cat: &Catalog, dialects: &[&Dialect], policy: &LintPolicy) -> Checked {
    let (file, fmt) = match load_report(path) {
        Ok(opened) => opened,
        Err(failed) => {
            let (file, d) = *failed;
            return Checked::Unreadable(file, d);
        }
    };
    let checked = check_for_dialects(&file, fmt, cat, dialects);
    let diags = policy.apply(checked.diagnostics);
    let name = Some(report_name(checked.name.map(|n| (n.value, n.span)), path));
    if diags.is_empty() {
        Checked::Clean(file.name, name)
    } else {
        Checked::Diagnosed(file, diags, name)
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
