//! `reportc compile`: each report's SQL on stdout (a `-- file` header between several), or
//! one `<report>.sql` per report in `--out`, written atomically once every report is compiled;
//! reports that would write the same file are refused (E0010), none of them written
//! (`out_files`). With `--check DIR`, nothing is written: those files are compared with the
//! ones in DIR (`golden`). `--template` renders each report through a template, `--format
//! json` prints one document (`compile_json`).

use super::arg_values::{dialect, parse_as_of};
use super::args::{CompileArgs, DiagnosticsFormat};
use super::check::duplicate_name;
use super::collect::collect_files;
use super::compile_json::{CompileDocument, ReportEntry};
use super::exit::{ExitStatus, Outcome};
use super::golden;
use super::input::{open_report, read_input};
use super::lint_policy::LintPolicy;
use super::load_catalog::load_catalog;
use super::out_files::{clashes, Output};
use super::output::{out, out_json, Printer};
use super::write_atomic::write_atomic;
use reportc::catalog::Catalog;
use reportc::compile::{compile_report_with, Compiled, ParamArgs};
use reportc::diagnostics::{Diagnostic, SourceFile};
use reportc::lint::{apply_allow_comments, SeenNames};
use reportc::sql::{Dialect, SqlOptions};
use std::collections::BTreeMap;
use std::path::Path;

pub fn compile(a: CompileArgs) -> Outcome {
    let json = a.format == DiagnosticsFormat::Json;
    let mut p = Printer::new(a.format).compile_document();
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
    let template = match a.template.as_deref() {
        None => None,
        Some(t) => match reportc::template::builtin(t) {
            Some(b) => Some(b),
            None => Some(read_input(t).map_err(|d| {
                p.diags(&SourceFile::new(t.to_string(), ""), &[d]);
                p.stopped();
                ExitStatus::Io
            })?),
        },
    };
    let files = collect_files(&a.files, &a.walk).map_err(|e| p.usage(e))?;
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| p.usage(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    let mut status = ExitStatus::Ok;
    let mut reports = Vec::new();
    let job = Job {
        a: &a,
        d,
        cat: &cat,
        opts: &opts,
        params: &params,
        policy: &policy,
        template: template.as_ref(),
        several: files.len() > 1,
    };
    let mut outputs = Vec::new();
    let mut invalid = 0;
    for (entry, path) in files.iter().enumerate() {
        let compiled = job.compile_one(path, entry, &mut names, &mut outputs, &mut p, &mut status);
        invalid += usize::from(compiled.is_none());
        if json {
            reports.push(ReportEntry::new(
                path,
                d.name,
                compiled.as_ref(),
                p.take_json(),
            ));
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
            if let Some(r) = reports.get_mut(o.entry) {
                r.diagnostics.extend(p.take_json());
            }
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
            status = golden::compare(dir, &golden, json || a.format.is_machine());
        } else {
            p.note(format!(
                "the SQL files of `{}` were not compared: a report did not compile",
                dir.display()
            ));
        }
    }
    if json {
        out_json(&CompileDocument {
            files: files.len(),
            invalid,
            reports,
            diagnostics: p.take_json(),
        });
    } else if a.format.is_machine() {
        p.finish(files.len(), invalid);
    }
    Ok(status)
}

/// A format whose stdout holds diagnostics only, so the SQL must go to `--out`. (`json` is not
/// one of them: `compile --format json` has a document of its own, which holds the SQL.)
fn machine_only(f: DiagnosticsFormat) -> bool {
    matches!(
        f,
        DiagnosticsFormat::Sarif | DiagnosticsFormat::Github | DiagnosticsFormat::Junit
    )
}

/// What every report of one `compile` shares.
struct Job<'a> {
    a: &'a CompileArgs,
    d: &'static Dialect,
    cat: &'a Catalog,
    opts: &'a SqlOptions,
    params: &'a ParamArgs,
    /// `--deny`/`--allow` and the config's `[lint]`.
    policy: &'a LintPolicy,
    /// `--template`: each report's SQL is rendered through it.
    template: Option<&'a SourceFile>,
    /// More than one file: each SQL gets a `-- file` header.
    several: bool,
}

impl Job<'_> {
    /// Compile one report file: its SQL kept for `--out` (or `--check`) or, in human form,
    /// printed; its diagnostics given to the printer.
    fn compile_one(
        &self,
        path: &str,
        entry: usize,
        names: &mut SeenNames,
        outputs: &mut Vec<Output>,
        p: &mut Printer,
        status: &mut ExitStatus,
    ) -> Option<Compiled> {
        let a = self.a;
        let Some((file, fmt)) = open_report(path, p) else {
            *status = (*status).max(ExitStatus::Io);
            return None;
        };
        let result = compile_report_with(&file, fmt, self.cat, self.d, self.opts, self.params)
            .and_then(|mut c| {
                // with --out, two reports of one name are E0010 (below), not also W0104
                if a.out.is_none() {
                    let name = c.name.clone().map(|n| (n, c.name_span));
                    c.warnings.extend(duplicate_name(name, path, names));
                }
                let warnings = self
                    .policy
                    .apply(apply_allow_comments(&file, std::mem::take(&mut c.warnings)));
                if warnings.iter().any(Diagnostic::is_error) {
                    return Err(warnings);
                }
                c.warnings = warnings;
                Ok(c)
            });
        match result {
            Ok(mut c) => {
                if let Some(t) = self.template {
                    let name = output_name(path, c.name.clone());
                    match reportc::template::render(t, &c, &name, path, self.d) {
                        Ok(text) => c.sql = text,
                        Err(e) => {
                            *status = (*status).max(ExitStatus::Invalid);
                            p.diags(t, &[e]);
                            return None;
                        }
                    }
                }
                match a.check.as_ref().or(a.out.as_ref()) {
                    Some(dir) => outputs.push(Output {
                        target: dir.join(format!("{}.sql", output_name(path, c.name.clone()))),
                        sql: c.sql.clone(),
                        warnings: c.warnings.clone(),
                        file,
                        entry,
                    }),
                    None if a.format == DiagnosticsFormat::Json => p.diags(&file, &c.warnings),
                    None => {
                        if self.several {
                            out(&format!("-- {path}\n"));
                        }
                        out(&c.sql);
                        if a.placeholders {
                            p.note(bind_note(path, &c.binds));
                        }
                        p.diags(&file, &c.warnings);
                    }
                }
                Some(c)
            }
            Err(diags) => {
                *status = (*status).max(ExitStatus::Invalid);
                p.diags(&file, &self.policy.apply(diags));
                None
            }
        }
    }
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
