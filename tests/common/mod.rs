//! Shared helpers of the integration tests: the example files, the engine runner, the
//! trials of the engine tests (`harness = false`: an engine that cannot be reached makes its
//! test *ignored*, with the reason, or under CI failed; never `ok`) and, in `rows`, the one
//! normalisation of rows for comparison.
#![allow(dead_code)]

pub mod rows;
#[allow(unused_imports)]
pub use rows::*;

use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::{Dialect, SqlOptions};
use reportc::InputFormat;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of a folder with one of the extensions, sorted.
pub fn files_in(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    v.sort();
    v
}

pub fn examples() -> Vec<PathBuf> {
    files_in("reports", &["yaml", "yml"])
}

/// `reportc ARGS` run in the project root (colour off).
pub fn reportc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Output bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

/// `reportc ARGS` with `stdin`, in the project root: its exit code, stdout and stderr as one
/// text, with `dir` (a temporary folder) replaced by `<DIR>`.
pub fn transcript(args: &[&str], stdin: Option<&str>, dir: Option<&std::path::Path>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let mut t = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    if let Some(d) = dir {
        t = t.replace(&d.to_string_lossy().to_string(), "<DIR>");
    }
    t
}

/// `reportc ARGS` run in `cwd` (colour off): its exit code, stdout and stderr as one text.
pub fn transcript_in(cwd: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().to_string()
}

pub fn load(p: &Path) -> SourceFile {
    let text = std::fs::read_to_string(p).unwrap();
    let rel = p
        .strip_prefix(root())
        .unwrap_or(p)
        .to_string_lossy()
        .to_string();
    SourceFile::new(rel, text)
}

pub fn compile(
    p: &Path,
    d: &Dialect,
    opts: &SqlOptions,
) -> Result<String, Vec<reportc::diagnostics::Diagnostic>> {
    let f = load(p);
    reportc::compile_file(
        &f,
        InputFormat::from_path(&f.name).unwrap(),
        Catalog::builtin(),
        d,
        opts,
    )
}

/// The Python that runs the engines (`scripts/engines.sh setup` makes it).
pub fn engine_python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("REPORTC_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME")?;
    let p = PathBuf::from(home).join(".cache/reportc/venv/bin/python");
    p.exists().then_some(p)
}

/// Under CI a missing engine is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false")
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Run tests/engines/runner.py with one JSON document in and one out.
fn runner(engine: &str, input: &serde_json::Value) -> Result<serde_json::Value, String> {
    let py = engine_python().ok_or("no engine Python: run `scripts/engines.sh setup`")?;
    let mut child = Command::new(&py)
        .arg(root().join("tests/engines/runner.py"))
        .arg(engine)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", py.display()))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "{engine} runner failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("bad runner output: {e}"))
}

/// One query's id and its rows or the engine's error.
pub type Outcome = (String, Result<QueryResult, String>);

/// Run queries on an engine through tests/engines/runner.py. `Err` when the engine is not
/// reachable; per-query errors are in the map's values.
pub fn run_engine(
    engine: &str,
    tables: &serde_json::Value,
    queries: &[(String, String)],
) -> Result<Vec<Outcome>, String> {
    let input = serde_json::json!({
        "tables": tables,
        "queries": queries.iter().map(|(id, sql)| serde_json::json!({"id": id, "sql": sql})).collect::<Vec<_>>(),
    });
    let doc = runner(engine, &input)?;
    let mut results = Vec::new();
    for r in doc["results"].as_array().ok_or("no results")? {
        let id = r["id"].as_str().unwrap_or("").to_string();
        if let Some(err) = r.get("error").and_then(|e| e.as_str()) {
            results.push((id, Err(err.to_string())));
            continue;
        }
        let columns = r["columns"]
            .as_array()
            .map(|c| {
                c.iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default();
        let rows = r["rows"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|row| row.as_array().cloned().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        results.push((id, Ok(QueryResult { columns, rows })));
    }
    Ok(results)
}

/// Why an engine test did not run: its engine could not be reached.
#[derive(Debug)]
pub struct Skipped(pub String);

/// The engine's results; `Err(Skipped)` (locally) or a panic (in CI) when the engine cannot be
/// reached. Engine tests return it with `?` and are built with [`engine_trial`].
pub fn engine_result<T>(engine: &str, r: Result<T, String>) -> Result<T, Skipped> {
    match r {
        Ok(v) => Ok(v),
        Err(e) if in_ci() => panic!("engine {engine} is required in CI: {e}"),
        Err(e) => Err(Skipped(format!("engine {engine} not reached: {e}"))),
    }
}

/// A test that needs an engine: *ignored*, with the reason, when it returns `Err(Skipped)`.
pub fn engine_trial(
    name: impl Into<String>,
    test: impl FnOnce() -> Result<(), Skipped> + Send + 'static,
) -> libtest_mimic::Trial {
    libtest_mimic::Trial::ignorable_test(name, move || match test() {
        Ok(()) => Ok(libtest_mimic::Completion::Completed),
        Err(Skipped(why)) => Ok(libtest_mimic::Completion::ignored_with(why)),
    })
}

/// A variant of `parent` for a test, as a dialect file writes one: `edit` states its
/// differences; it has caches of its own (a dialect caches what it parsed), and is leaked for
/// the `'static` a dialect is.
pub fn variant(parent: &'static Dialect, edit: impl FnOnce(&mut Dialect)) -> &'static Dialect {
    let mut d = Dialect {
        parent: Some(parent),
        caches: Box::leak(Box::new(reportc::sql::dialect::Caches::new())),
        ..*parent
    };
    edit(&mut d);
    Box::leak(Box::new(d))
}

/// A test that needs no engine (it fails by panicking, as a `#[test]` does).
pub fn trial(name: &str, test: fn()) -> libtest_mimic::Trial {
    libtest_mimic::Trial::test(name, move || {
        test();
        Ok(())
    })
}

/// Run the trials of a `harness = false` test file (the arguments are libtest's).
pub fn run_trials(trials: Vec<libtest_mimic::Trial>) -> ! {
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit()
}

/// A value rendered for a stable, readable snapshot: floats rounded to 6 decimals. For
/// snapshots only: rows are compared through [`rows::compare`] (the one normalisation).
pub fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "NULL".into(),
        serde_json::Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.0);
            let s = format!("{f:.6}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            if s == "-0" {
                "0".into()
            } else {
                s
            }
        }
        serde_json::Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

fn cmp_json(a: &serde_json::Value, b: &serde_json::Value) -> std::cmp::Ordering {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => x
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&y.as_f64().unwrap_or(0.0)),
        (V::String(x), V::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        (V::Bool(x), V::Bool(y)) => x.cmp(y),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Check that rows respect the report's ORDER BY (ties may come in any order).
pub fn check_order(r: &QueryResult, q: &reportc::ir::Query) -> Result<(), String> {
    use std::cmp::Ordering;
    for w in r.rows.windows(2) {
        for o in &q.order_by {
            let (a, b) = (&w[0][o.output], &w[1][o.output]);
            let ord = match (a.is_null(), b.is_null()) {
                (true, true) => Ordering::Equal,
                (true, false) => {
                    if o.nulls_first {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }
                }
                (false, true) => {
                    if o.nulls_first {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                }
                (false, false) => {
                    let c = cmp_json(a, b);
                    if o.descending {
                        c.reverse()
                    } else {
                        c
                    }
                }
            };
            match ord {
                Ordering::Less => break,
                Ordering::Equal => continue,
                Ordering::Greater => {
                    return Err(format!(
                        "rows out of order on `{}`: {:?} before {:?}",
                        q.outputs[o.output].name, w[0], w[1]
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Rows as text, sorted, for a snapshot that does not depend on the order of ties.
pub fn sorted_table_text(r: &QueryResult) -> String {
    let mut rows: Vec<String> = r
        .rows
        .iter()
        .map(|row| row.iter().map(cell_text).collect::<Vec<_>>().join(" | "))
        .collect();
    rows.sort();
    let mut out = r.columns.join(" | ");
    out.push('\n');
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// Parse SQL with PyPI sqlglot (`read=dialect`) through the runner: a second opinion for the
/// dialects with no engine here. Returns the failures as (id, error).
pub fn sqlglot_parse(
    dialect: &str,
    queries: &[(String, String)],
) -> Result<Vec<(String, String)>, String> {
    let input = serde_json::json!({
        "dialect": dialect,
        "queries": queries.iter().map(|(id, sql)| serde_json::json!({"id": id, "sql": sql})).collect::<Vec<_>>(),
    });
    let doc = runner("sqlglot-parse", &input)?;
    Ok(doc["results"]
        .as_array()
        .ok_or("no results")?
        .iter()
        .filter(|r| r["ok"] != serde_json::Value::Bool(true))
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("").to_string(),
                r["error"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect())
}

/// The diagnostic codes named on the first line of a known-bad file (`# E0201 + E0202: ...`).
pub fn expected_codes(text: &str) -> std::collections::BTreeSet<String> {
    let first = text.lines().next().unwrap_or("");
    first
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.len() == 5 && w.starts_with('E') && w[1..].chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}
