//! `reportc compile`: each report's SQL on stdout (a `-- file` header between several), or
//! one `<report>.sql` per report in `--out`, written atomically once every report is compiled;
//! reports that would write the same file are refused (E0010), none of them written. With
//! `--check DIR`, nothing is written: those files are compared with the ones in DIR.

use super::arg_values::{dialect, parse_as_of};
use super::args::{CompileArgs, DiagnosticsFormat};
use super::check::duplicate_name;
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::golden;
use super::input::open_report;
use super::lint_policy::LintPolicy;
use super::load_catalog::load_catalog;
use super::output::{out, Printer};
use super::write_atomic::write_atomic;
use reportc::compile::{compile_report_with, ParamArgs};
use reportc::diagnostics::{Code, Diagnostic, SourceFile, Span};
use reportc::lint::{apply_allow_comments, SeenNames};
use reportc::sql::SqlOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn compile(a: CompileArgs) -> Outcome {
    let mut p = Printer::new(a.format);
    let d = dialect(a.dialect.as_deref().unwrap_or("postgres"), &p)?;
    let cat = load_catalog(&a.catalog, &mut p)?;
    let opts = SqlOptions {
        as_of: a.as_of.as_deref().map(|s| parse_as_of(s, &p)).transpose()?,
    };
    let params = ParamArgs {
        given: a
            .params
            .iter()
            .map(|kv| {
                param_value(kv).ok_or_else(|| p.usage(format!("`--param {kv}`: write NAME=VALUE")))
            })
            .collect::<Result<_, _>>()?,
        placeholders: a.placeholders,
    };
    if a.out.is_none() && a.check.is_none() && machine_only(a.format) {
        return Err(p.usage(
            "`--format sarif|github|junit` prints diagnostics on stdout: give `--out DIR` (or \
             `out` in reportc.toml) for the SQL",
        ));
    }
    let policy = LintPolicy::new(&a.lint, &p)?;
    let mut names = SeenNames::default();
    let files = collect_files(&a.files, &a.walk).map_err(|e| p.usage(e))?;
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| p.usage(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    let mut outputs = Vec::new();
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        let result = compile_report_with(&file, fmt, &cat, d, &opts, &params).and_then(|mut c| {
            // with --out, two reports of one name are E0010 (below), not also W0104
            if a.out.is_none() {
                c.warnings
                    .extend(duplicate_name(&file, fmt, path, &mut names));
            }
            let warnings =
                policy.apply(apply_allow_comments(&file, std::mem::take(&mut c.warnings)));
            if warnings.iter().any(Diagnostic::is_error) {
                return Err(warnings);
            }
            c.warnings = warnings;
            Ok(c)
        });
        match result {
            Ok(c) => match a.check.as_ref().or(a.out.as_ref()) {
                Some(dir) => {
                    let target = dir.join(format!("{}.sql", output_name(path, c.name)));
                    outputs.push(Output {
                        file,
                        target,
                        sql: c.sql,
                        warnings: c.warnings,
                    });
                }
                None => {
                    if files.len() > 1 {
                        out(&format!("-- {path}\n"));
                    }
                    out(&c.sql);
                    if a.placeholders {
                        p.note(bind_note(path, &c.binds));
                    }
                    p.diags(&file, &c.warnings);
                }
            },
            Err(diags) => {
                invalid += 1;
                status = status.max(ExitStatus::Invalid);
                p.diags(&file, &policy.apply(diags));
            }
        }
    }
    let clashes = clashes(&outputs);
    let mut golden = BTreeMap::new();
    for (i, o) in outputs.iter().enumerate() {
        if let Some(d) = clashes.get(&i) {
            invalid += 1;
            status = status.max(ExitStatus::Invalid);
            let mut all = o.warnings.clone();
            all.push(d.clone());
            p.diags(&o.file, &all);
        } else {
            p.diags(&o.file, &o.warnings);
            if a.check.is_some() {
                let name = o
                    .target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                golden.insert(name.unwrap_or_default(), o.sql.clone());
            } else if let Err(e) = write_atomic(&o.target, &o.sql) {
                status =
                    status.max(p.io_error(format!("cannot write `{}`: {e}", o.target.display())));
            }
        }
    }
    if let Some(dir) = &a.check {
        if status == ExitStatus::Ok {
            status = golden::compare(dir, &golden);
        } else {
            p.note(format!(
                "the SQL files of `{}` were not compared: a report did not compile",
                dir.display()
            ));
        }
    }
    if a.format.is_machine() {
        p.finish(files.len(), invalid);
    }
    Ok(status)
}

/// A format whose stdout holds diagnostics only, so the SQL must go to `--out`. (`json` is not
/// one of them: `compile --format json` has a document of its own, which can hold the SQL.)
fn machine_only(f: DiagnosticsFormat) -> bool {
    matches!(
        f,
        DiagnosticsFormat::Sarif | DiagnosticsFormat::Github | DiagnosticsFormat::Junit
    )
}

/// A compiled report waiting for its `--out` file.
struct Output {
    file: SourceFile,
    target: PathBuf,
    sql: String,
    warnings: Vec<Diagnostic>,
}

/// The reports that would write the same `--out` file (its name compared ignoring case, as a
/// case-insensitive file system would): an E0010 for each of them, by index, naming all.
fn clashes(outputs: &[Output]) -> BTreeMap<usize, Diagnostic> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in outputs.iter().enumerate() {
        let key = o.target.to_string_lossy().to_lowercase();
        by_name.entry(key).or_default().push(i);
    }
    let mut out = BTreeMap::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        let names: Vec<String> = group
            .iter()
            .map(|&i| format!("`{}`", outputs[i].file.name))
            .collect();
        let (last, rest) = names.split_last().unwrap_or((&names[0], &[]));
        let (all, none) = match rest.len() {
            1 => (format!("{} and {last} both", rest[0]), "neither is written"),
            _ => (
                format!("{} and {last} all", rest.join(", ")),
                "none is written",
            ),
        };
        for &i in group {
            let d = Diagnostic::error(
                Code::OutputClash,
                Span::empty(),
                format!("{all} write `{}`: {none}", outputs[i].target.display()),
            )
            .with_help("give each report its own `report:` name (the file is named after it)");
            out.insert(i, d);
        }
    }
    out
}

/// `NAME=VALUE` split at the first `=`; the name must not be empty.
fn param_value(kv: &str) -> Option<(String, String)> {
    let (k, v) = kv.split_once('=')?;
    let k = k.trim();
    (!k.is_empty()).then(|| (k.to_string(), v.to_string()))
}

/// What `--placeholders` tells the user: the parameters in the order the driver binds them.
fn bind_note(path: &str, binds: &[String]) -> String {
    if binds.is_empty() {
        return format!("{path}: no placeholders");
    }
    let list: Vec<String> = binds
        .iter()
        .enumerate()
        .map(|(i, b)| format!("{}. {b}", i + 1))
        .collect();
    format!("{path}: bind in this order: {}", list.join(", "))
}

/// The name of a report's `.sql` file: its `report:` name, else the file's stem.
fn output_name(path: &str, name: Option<String>) -> String {
    name.unwrap_or_else(|| {
        Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report")
            .to_string()
    })
}
