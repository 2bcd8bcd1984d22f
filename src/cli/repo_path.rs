//! File names for code-scanning consumers. GitHub reads a workflow command's `file=` and a
//! SARIF result's `%SRCROOT%`-relative URI as a path from the repository root, whatever
//! folder reportc ran in (`cd reports/sub && reportc check` names `../sub/bad.yaml` to a
//! person, `reports/sub/bad.yaml` to GitHub).

use std::path::{Path, PathBuf};

/// The root that SARIF and GitHub paths are relative to: `GITHUB_WORKSPACE` when it is set
/// (a GitHub Actions checkout), else the nearest folder up from the working directory that
/// holds `.git`. `None` outside a repository: names stay as given.
pub fn repository_root() -> Option<PathBuf> {
    if let Some(ws) = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty()) {
        if let Ok(ws) = std::fs::canonicalize(ws) {
            return Some(ws);
        }
    }
    let cwd = std::fs::canonicalize(std::env::current_dir().ok()?).ok()?;
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `name` (as shown to a person: relative to the working directory, or absolute) relative to
/// `root` with `/` separators, when the file lies under it; else `name` unchanged.
pub fn from_root(name: &str, root: &Path) -> String {
    let Ok(abs) = std::fs::canonicalize(name) else {
        return name.to_string();
    };
    match abs.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::from_root;

    #[test]
    fn paths_from_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("reports/sub")).unwrap();
        let f = root.join("reports/sub/a b.yaml");
        std::fs::write(&f, "").unwrap();
        assert_eq!(
            from_root(f.to_str().unwrap(), &root),
            "reports/sub/a b.yaml"
        );
        // outside the root, or not a file: unchanged
        assert_eq!(
            from_root("/nonexistent/x.yaml", &root),
            "/nonexistent/x.yaml"
        );
        let other = tempfile::tempdir().unwrap();
        let g = other.path().join("x.yaml");
        std::fs::write(&g, "").unwrap();
        assert_eq!(from_root(g.to_str().unwrap(), &root), g.to_str().unwrap());
    }
}
