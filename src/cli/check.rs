//! `reportc check`: validate reports (files or folders), and with `-d` compile them for those
//! dialects too; every diagnostic of every file, then the summary.

use super::arg_values::dialect;
use super::args::CheckArgs;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::input::open_report;
use super::lint_policy::LintPolicy;
use super::load_catalog::load_catalog;
use super::output::Printer;
use reportc::diagnostics::{Diagnostic, Diagnostics, SourceFile, Span};
use reportc::lint::{apply_allow_comments, SeenNames};
use reportc::sql::{Dialect, DIALECTS};
use reportc::{check_report, parse_file, InputFormat};

pub fn check(a: CheckArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let dialects = dialects(&a.dialect, &p)?;
    let policy = LintPolicy::new(&a.lint, &p)?;
    let mut names = SeenNames::default();
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
        let mut diags = diags;
        if let Some(d) = duplicate_name(&file, fmt, path, &mut names) {
            diags.extend(apply_allow_comments(&file, vec![d]));
            diags = Diagnostics(diags).sorted();
        }
        let diags = policy.apply(diags);
        if diags.iter().any(Diagnostic::is_error) {
            invalid += 1;
            status = status.max(ExitStatus::Invalid);
        }
        p.diags(&file, &diags);
    }
    p.finish(files.len(), invalid);
    Ok(status)
}

/// W0104 when an earlier file of the run gave this report's name (its `report:` name, else
/// the file's stem).
pub(super) fn duplicate_name(
    file: &SourceFile,
    fmt: InputFormat,
    path: &str,
    names: &mut SeenNames,
) -> Option<Diagnostic> {
    let (name, span) = match parse_file(file, fmt).0.and_then(|r| r.name) {
        Some(n) => (n.value, n.span),
        None => (stem(path), Span::empty()),
    };
    names.see(&name, path, span)
}

/// A file's name without folder and extension.
fn stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report")
        .to_string()
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
