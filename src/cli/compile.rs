//! `reportc compile`: each report's SQL on stdout (a `-- file` header between several), or
//! one `<report>.sql` per report in `--out`, written atomically, or (`--check DIR`) those
//! files compared with the ones in DIR.

use super::arg_values::{dialect, parse_as_of};
use super::args::{CompileArgs, DiagnosticsFormat};
use super::collect::collect_files;
use super::exit::{ExitStatus, Outcome};
use super::golden;
use super::input::open_report;
use super::load_catalog::load_catalog;
use super::output::{out, Printer};
use super::write_atomic::write_atomic;
use reportc::compile::{compile_report_with, ParamArgs};
use reportc::sql::SqlOptions;
use std::collections::BTreeMap;
use std::path::Path;

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
    let files = collect_files(&a.files, &a.walk).map_err(|e| p.usage(e))?;
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir)
            .map_err(|e| p.usage(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    let mut status = ExitStatus::Ok;
    let mut invalid = 0;
    let mut golden: BTreeMap<String, String> = BTreeMap::new();
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut p) else {
            status = status.max(ExitStatus::Io);
            continue;
        };
        match compile_report_with(&file, fmt, &cat, d, &opts, &params) {
            Ok(c) if a.check.is_some() => {
                golden.insert(format!("{}.sql", output_name(path, c.name)), c.sql);
            }
            Ok(c) => match &a.out {
                Some(dir) => {
                    let target = dir.join(format!("{}.sql", output_name(path, c.name)));
                    if let Err(e) = write_atomic(&target, &c.sql) {
                        status = status
                            .max(p.io_error(format!("cannot write `{}`: {e}", target.display())));
                    }
                }
                None => {
                    if files.len() > 1 {
                        out(&format!("-- {path}\n"));
                    }
                    out(&c.sql);
                    if a.placeholders {
                        p.note(bind_note(path, &c.binds));
                    }
                }
            },
            Err(diags) => {
                invalid += 1;
                status = status.max(ExitStatus::Invalid);
                p.diags(&file, &diags);
            }
        }
    }
    if let Some(dir) = &a.check {
        if invalid == 0 && status == ExitStatus::Ok {
            status = golden::compare(dir, &golden);
        } else {
            p.note(format!(
                "the SQL files of `{}` were not compared: a report did not compile",
                dir.display()
            ));
        }
    }
    if a.format == DiagnosticsFormat::Json {
        p.finish(files.len(), invalid);
    }
    Ok(status)
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
