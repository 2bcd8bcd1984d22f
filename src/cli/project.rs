//! The project config of a run: `--config FILE`, else the nearest `reportc.toml` above the
//! working directory, none with `--isolated`; its values fill in the options the command
//! line leaves out.

use super::args::Command;
use super::collect::Walk;
use super::exit::ExitStatus;
use super::output::Printer;
use reportc::config::{find_config, parse_config, Config, FILE_NAME};
use reportc::diagnostics::{Code, Diagnostic, SourceFile};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The config of the run (`None` when there is none or `--isolated`), its diagnostics
/// printed. An invalid config stops the command (exit 2): nothing was checked.
pub fn load(config: Option<&Path>, isolated: bool) -> Result<Option<Config>, ExitStatus> {
    let p = Printer::human();
    if isolated {
        return Ok(None);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = match config {
        Some(c) => c.to_path_buf(),
        None => match find_config(&cwd) {
            Some(f) => f,
            None => return Ok(None),
        },
    };
    let shown = match config {
        Some(c) => c.to_path_buf(),
        None => relative(&path, &cwd),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| p.usage(format!("cannot read config `{}`: {e}", shown.display())))?;
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let names = reportc::sql::dialect_names();
    let (mut cfg, mut diags) = parse_config(&text, &dir, &names);
    let file = SourceFile::new(shown.display().to_string(), text);
    cfg.dir = relative(&cfg.dir, &cwd);
    for e in &cfg.exclude {
        let mut b = ignore::gitignore::GitignoreBuilder::new(&cfg.dir);
        if let Err(err) = b
            .add_line(None, &e.value)
            .map(|_| ())
            .and_then(|()| b.build().map(|_| ()))
        {
            diags.push(Diagnostic::error(
                Code::Config,
                e.span,
                format!("invalid exclude glob: {err}"),
            ));
        }
    }
    let diags = reportc::diagnostics::Diagnostics(diags).sorted();
    if diags.iter().any(Diagnostic::is_error) {
        let mut p = Printer::human();
        p.diags(&file, &diags);
        p.error(format!("invalid {FILE_NAME}: nothing was checked"));
        return Err(ExitStatus::Usage);
    }
    Ok(Some(cfg))
}

/// The walk's excludes: the config's globs rooted at its (canonical) folder, and its
/// catalogue file.
pub fn walk(cfg: Option<&Config>) -> Walk {
    let Some(cfg) = cfg else {
        return Walk::default();
    };
    let root = std::fs::canonicalize(&cfg.dir).unwrap_or_else(|_| cfg.dir.clone());
    let mut b = ignore::gitignore::GitignoreBuilder::new(&root);
    for e in &cfg.exclude {
        let _ = b.add_line(None, &e.value);
    }
    Walk {
        exclude: b.build().ok().filter(|g| !g.is_empty()).map(Arc::new),
        skip: cfg
            .catalog
            .as_ref()
            .and_then(|c| std::fs::canonicalize(&c.value).ok()),
    }
}

/// Fill in what the command line left out from the config.
pub fn apply(cmd: &mut Command, cfg: Option<&Config>) {
    let walk = walk(cfg);
    let Some(cfg) = cfg else {
        return;
    };
    let catalog = cfg.catalog.as_ref().map(|c| cfg_path(&c.value));
    let fill = |c: &mut Option<PathBuf>| {
        if c.is_none() {
            c.clone_from(&catalog);
        }
    };
    let reports: Vec<String> = cfg
        .reports
        .iter()
        .map(|r| cfg_path(&r.value).display().to_string())
        .collect();
    let dialects: Vec<String> = cfg.dialects.iter().map(|d| d.value.clone()).collect();
    match cmd {
        Command::Compile(a) => {
            fill(&mut a.catalog);
            if a.files.is_empty() {
                a.files.clone_from(&reports);
            }
            if a.dialect.is_none() {
                a.dialect = dialects.first().cloned();
            }
            if a.out.is_none() && a.check.is_none() {
                a.out = cfg.out.as_ref().map(|o| cfg_path(&o.value));
            }
            a.walk = walk;
        }
        Command::Check(a) => {
            fill(&mut a.catalog);
            if a.paths.is_empty() {
                a.paths.clone_from(&reports);
            }
            if a.dialect.is_empty() {
                a.dialect = dialects;
            }
            a.walk = walk;
        }
        Command::Fmt(a) => {
            fill(&mut a.catalog);
            if a.paths.is_empty() {
                a.paths.clone_from(&reports);
            }
            a.walk = walk;
        }
        Command::Catalog(a) => fill(&mut a.catalog),
        Command::Schema(a) => fill(&mut a.catalog),
        Command::Lsp(a) => fill(&mut a.catalog),
        Command::DemoData(a) => fill(&mut a.catalog),
        Command::Run(a) => fill(&mut a.catalog),
        Command::Convert(_)
        | Command::Dialects(_)
        | Command::Explain(_)
        | Command::Completions(_)
        | Command::Man(_) => {}
    }
}

/// A path of the config as the user sees it: relative to the working directory when it can be.
fn cfg_path(p: &Path) -> PathBuf {
    relative(p, &std::env::current_dir().unwrap_or_default())
}

/// `path` relative to `base` when both are absolute (`../reports` from a subfolder), else as
/// it is; `.` components dropped.
fn relative(path: &Path, base: &Path) -> PathBuf {
    if !path.is_absolute() || !base.is_absolute() {
        return path
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
    }
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn relative_paths() {
        let r = |p: &str, b: &str| relative(Path::new(p), Path::new(b)).display().to_string();
        assert_eq!(r("/a/reports", "/a/sub"), "../reports");
        assert_eq!(r("/a/reports/x.yaml", "/a"), "reports/x.yaml");
        assert_eq!(r("/a", "/a"), ".");
        assert_eq!(r("./x/reports", "/a"), "x/reports");
    }
}
