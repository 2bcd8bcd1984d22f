//! The report files under the paths a command is given: files as they are, folders walked
//! recursively (the `ignore` crate) for `.yaml`/`.yml`/`.rpt`, skipping hidden files and
//! folders, what `.gitignore`/`.ignore` files and the `exclude` globs of `reportc.toml` leave
//! out, and the config's catalogue file; each file once, in sorted order.

use ignore::gitignore::Gitignore;
use ignore::WalkBuilder;
use reportc::InputFormat;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a walk of folders leaves out besides hidden and ignored files: the config's
/// `exclude` globs (rooted at the config's folder, canonical) and its catalogue file.
#[derive(Clone, Default)]
pub struct Walk {
    pub exclude: Option<Arc<Gitignore>>,
    pub skip: Option<PathBuf>,
}

/// The paths that gave no report: each one named, one `error:` line each.
#[derive(Debug)]
pub struct NotFound(Vec<String>);

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("\nerror: "))
    }
}

/// Files under the given paths, sorted for deterministic output, each file once (by its
/// canonical path: a symbolic link back into a walked folder does not repeat a file, and a
/// link loop ends); `-` (stdin) is kept as it is. A file named on the command line is taken
/// even when an exclude matches it. A path that does not exist, a folder that holds no
/// report or cannot be read, is an error.
pub fn collect_files(paths: &[String], walk: &Walk) -> Result<Vec<String>, NotFound> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        errors.push("no path given, and no `reports` in reportc.toml".to_string());
    }
    for p in paths {
        let path = Path::new(p);
        if p == "-" {
            out.push(p.clone());
        } else if path.is_dir() {
            let found = walk_folder(path, walk, &mut errors);
            if found.is_empty() {
                errors.push(format!(
                    "`{p}` holds no report (no .yaml, .yml or .rpt file outside hidden, ignored or excluded paths)"
                ));
            }
            out.extend(found.into_iter().filter(|f| first_time(f, &mut seen)));
        } else if path.exists() {
            if first_time(p, &mut seen) {
                out.push(p.clone());
            }
        } else {
            errors.push(format!("`{p}` does not exist"));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(NotFound(errors))
    }
}

/// Whether a file was not listed yet (by canonical path).
fn first_time(path: &str, seen: &mut HashSet<PathBuf>) -> bool {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
    seen.insert(key)
}

/// The report files of one folder, sorted.
fn walk_folder(dir: &Path, walk: &Walk, errors: &mut Vec<String>) -> Vec<String> {
    let mut b = WalkBuilder::new(dir);
    b.hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(true);
    let base = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let exclude = walk.exclude.clone();
    let root = dir.to_path_buf();
    b.filter_entry(move |e| {
        if e.path_is_symlink() && !stays_inside(e.path(), &base) {
            return false;
        }
        let Some(gi) = &exclude else { return true };
        let rel = e.path().strip_prefix(&root).unwrap_or(e.path());
        let abs = base.join(rel);
        let Ok(under) = abs.strip_prefix(gi.path()) else {
            return true;
        };
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        !gi.matched_path_or_any_parents(under, is_dir).is_ignore()
    });
    let mut found = Vec::new();
    for entry in b.build() {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let Some(s) = e.path().to_str() else { continue };
                if InputFormat::from_path(s).is_none() || is_skipped(e.path(), walk) {
                    continue;
                }
                found.push(s.to_string());
            }
            Err(e) if is_loop(&e) || is_dangling_link(&e) => {}
            Err(e) => errors.push(format!("cannot read folder `{}`: {e}", dir.display())),
        }
    }
    found.sort();
    found
}

/// Whether a symbolic link met in a walk points inside the walked folder (`base`, canonical).
/// A link out of the tree, or a dangling one, is not followed: a folder's reports are the
/// files under it.
fn stays_inside(link: &Path, base: &Path) -> bool {
    std::fs::canonicalize(link).is_ok_and(|target| target.starts_with(base))
}

fn is_skipped(path: &Path, walk: &Walk) -> bool {
    walk.skip
        .as_ref()
        .is_some_and(|s| std::fs::canonicalize(path).is_ok_and(|c| &c == s))
}

/// A symbolic link back to a folder being walked: its files are listed already.
/// Whether a walk error is about a symbolic link that points nowhere (not followed, as a link
/// out of the folder is not).
fn is_dangling_link(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::WithPath { path, .. } => {
            std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                && std::fs::metadata(path).is_err()
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            is_dangling_link(err)
        }
        _ => false,
    }
}

fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        ignore::Error::Partial(errs) => errs.iter().all(is_loop),
        _ => false,
    }
}
