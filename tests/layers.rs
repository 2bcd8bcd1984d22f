//! The stages of the library import only the stages below them (ARCHITECTURE.md, "What each
//! stage may import"). This test reads every `crate::` and `super::` path in the non-test code
//! of `src/` and fails on a path that leaves a stage for a module it may not use.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each stage and the modules (or module paths) it may import, besides itself. Modules not
/// listed here (compile, demo, run, the binary) drive the stages: they may import any of them,
/// and no stage may import them.
const RULES: &[(&str, &[&str])] = &[
    ("vocab", &[]),
    ("diagnostics", &[]),
    ("yaml", &["diagnostics"]),
    ("config", &["diagnostics"]),
    ("syntax", &["vocab", "yaml", "diagnostics"]),
    (
        "catalog",
        &[
            "vocab",
            "yaml",
            "diagnostics",
            "syntax::ast",
            "syntax::expr",
        ],
    ),
    ("ir", &["vocab", "catalog", "diagnostics"]),
    (
        "check",
        &["syntax::ast", "catalog", "ir", "vocab", "diagnostics"],
    ),
    ("sql", &["ir", "vocab", "catalog", "diagnostics"]),
];

/// Re-exports at the crate root, by the module that defines them.
const ROOT_ALIASES: &[(&str, &str)] = &[
    ("ast", "syntax::ast"),
    ("check_file", "compile"),
    ("compile_file", "compile"),
    ("parse_file", "compile"),
    ("InputFormat", "compile"),
];

/// The module path of a file: `src/sql/builder/expr.rs` is `sql::builder::expr`, a `mod.rs` is
/// its folder.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The code of a file without its comments and its `#[cfg(test)] mod tests`.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        if l.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|n| n.trim_start().starts_with("mod tests"))
        {
            break;
        }
        let code = match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The paths from the crate root (`a::b::c`) that `code` names through `crate::` or `super::`,
/// for a file of module `module`. A group `crate::x::{a, b::c}` gives `x::a` and `x::b::c`.
fn crate_paths(code: &str, module: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let (base, skip): (Vec<String>, usize) = if boundary && rest.starts_with("crate::") {
            (Vec::new(), "crate::".len())
        } else if boundary && rest.starts_with("super::") {
            let mut n = 0;
            let mut s = rest;
            while let Some(r) = s.strip_prefix("super::") {
                n += 1;
                s = r;
            }
            let keep = module.len().saturating_sub(n);
            (module[..keep].to_vec(), rest.len() - s.len())
        } else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let tail = &rest[skip..];
        for p in expand(tail) {
            let mut full = base.clone();
            full.extend(p.split("::").map(str::to_string));
            out.push(full.join("::"));
        }
        i += skip;
    }
    out
}

/// `a::b::{c, d::e}` -> [`a::b::c`, `a::b::d::e`]; `a::b` -> [`a::b`].
fn expand(tail: &str) -> Vec<String> {
    let mut prefix = Vec::new();
    let mut s = tail;
    loop {
        let id = ident_at(s);
        if id.is_empty() {
            break;
        }
        prefix.push(id.to_string());
        s = &s[id.len()..];
        match s.strip_prefix("::") {
            Some(r) => s = r,
            None => return vec![prefix.join("::")],
        }
    }
    let Some(group) = s.strip_prefix('{') else {
        return vec![prefix.join("::")];
    };
    let mut depth = 0;
    let mut end = group.len();
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                end = k;
                break;
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for item in split_top(&group[..end]) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        for p in expand(item) {
            let mut full = prefix.clone();
            if p != "self" && !p.is_empty() {
                full.push(p);
            }
            out.push(full.join("::"));
        }
    }
    out
}

fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn resolve_alias(path: &str) -> String {
    let first = path.split("::").next().unwrap_or("");
    match ROOT_ALIASES.iter().find(|(a, _)| *a == first) {
        Some((_, to)) => format!("{to}{}", &path[first.len()..]),
        None => path.to_string(),
    }
}

/// Whether a file of stage `stage` may name `path` (from the crate root).
fn allowed(stage: &str, path: &str) -> bool {
    let path = resolve_alias(path);
    let segs: Vec<&str> = path.split("::").collect();
    if segs.first() == Some(&stage) || segs.first().is_none_or(|s| s.is_empty()) {
        return true;
    }
    let Some((_, may)) = RULES.iter().find(|(s, _)| *s == stage) else {
        return true;
    };
    may.iter().any(|m| {
        let want: Vec<&str> = m.split("::").collect();
        segs.len() >= want.len() && segs[..want.len()] == want[..]
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every import of a stage that its row does not allow, as `file: path`.
fn violations(src: &Path) -> (Vec<String>, BTreeSet<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut bad = Vec::new();
    let mut stages = BTreeSet::new();
    for f in files {
        let rel = f.strip_prefix(src).expect("under src");
        if rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let module = module_of(rel);
        let Some(stage) = module.first().cloned() else {
            continue; // lib.rs
        };
        if !RULES.iter().any(|(s, _)| *s == stage) {
            continue;
        }
        stages.insert(stage.clone());
        let text = std::fs::read_to_string(&f).expect("readable");
        for p in crate_paths(&code_of(&text), &module) {
            if !allowed(&stage, &p) {
                bad.push(format!("{}: crate::{p}", rel.display()));
            }
        }
    }
    bad.sort();
    bad.dedup();
    (bad, stages)
}

#[test]
fn stages_import_only_the_stages_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (bad, stages) = violations(&src);
    // every stage of the table exists, so a renamed module cannot silently escape the rule
    for (s, _) in RULES {
        assert!(
            stages.contains(*s),
            "stage `{s}` of the table has no file in src/"
        );
    }
    assert!(
        bad.is_empty(),
        "imports that break the stage rules (ARCHITECTURE.md):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scanner_sees_every_form_of_import() {
    let m = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    let code = code_of(
        "use crate::syntax::{ast::Expr, yaml};\nuse super::super::ir::Query; // crate::x\n\
         fn f() { crate::ast::for_each_child(); }\n#[cfg(test)]\nmod tests { use crate::run; }\n",
    );
    let paths = crate_paths(&code, &m("sql::builder::expr"));
    assert_eq!(
        paths,
        vec![
            "syntax::ast::Expr",
            "syntax::yaml",
            "sql::ir::Query",
            "ast::for_each_child"
        ]
    );
    let paths = crate_paths("use super::ir::Query;", &m("sql"));
    assert_eq!(paths, vec!["ir::Query"]);
    assert!(allowed("check", "ast::Expr"));
    assert!(allowed("check", "syntax::ast::Expr"));
    assert!(!allowed("check", "syntax::yaml::Node"));
    assert!(!allowed("sql", "syntax::ast::BinOp"));
    assert!(!allowed("catalog", "syntax::report_yaml::fields"));
    assert!(!allowed("ir", "check"));
    assert!(allowed("sql", "sql::lower::Plan"));
    assert!(allowed("compile", "anything"));
}
