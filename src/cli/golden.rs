//! `reportc compile --check DIR`: golden SQL in a repository. The SQL files committed in DIR
//! are compared with what `compile --out DIR` would write: a unified diff per file that
//! differs, and the files that are missing or that no report writes.

use super::diff::unified_diff;
use super::exit::ExitStatus;
use super::output::{err, out};
use std::collections::BTreeMap;
use std::path::Path;

/// Compare `expected` (file name -> SQL, what `--out DIR` would write) with the `.sql` files
/// of `dir`; prints the differences on stdout (on stderr when `stdout_is_json`: stdout then
/// holds one JSON document, which a diff must not break) and a summary on stderr. `Invalid`
/// when any.
pub fn compare(
    dir: &Path,
    expected: &BTreeMap<String, String>,
    stdout_is_json: bool,
) -> ExitStatus {
    let out = |s: &str| if stdout_is_json { err(s) } else { out(s) };
    let committed = sql_files(dir);
    let show = |name: &str| dir.join(name).display().to_string();
    let mut differ = 0;
    for (name, sql) in expected {
        match committed.get(name) {
            Some(old) if old == sql => {}
            Some(old) => {
                differ += 1;
                out(&unified_diff(&show(name), old, sql));
            }
            None => {
                differ += 1;
                out(&format!(
                    "{}: missing (`compile --out` would write it)\n",
                    show(name)
                ));
            }
        }
    }
    for name in committed.keys().filter(|n| !expected.contains_key(*n)) {
        differ += 1;
        out(&format!(
            "{}: extra (no report compiles to it)\n",
            show(name)
        ));
    }
    if differ == 0 {
        return ExitStatus::Ok;
    }
    err(&format!(
        "{differ} SQL file(s) of `{}` differ from what `compile --out` would write; run it to \
         update them\n",
        dir.display()
    ));
    ExitStatus::Invalid
}

/// The `.sql` files directly in `dir` (file name -> text; a file that is not UTF-8 is read
/// lossily, so it differs); none when the folder does not exist.
fn sql_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let sql = name.ends_with(".sql") && !name.starts_with('.');
            sql.then(|| {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                (name, String::from_utf8_lossy(&bytes).into_owned())
            })
        })
        .collect()
}
