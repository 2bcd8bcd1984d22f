//! Writing a file atomically (`compile --out`, `fmt`, `demo-data`), so that an interrupted or
//! failed run never leaves half a file, nor a temp file:
//!
//! - the text goes to a temp file in the same folder, created by `tempfile`: a random name
//!   (`.NAME.XXXXXX.tmp`) opened with `O_EXCL`, so a file or symlink planted at any name cannot
//!   redirect the write; then a rename puts it in place;
//! - the temp file is removed on every error path (and on SIGINT/SIGTERM/SIGHUP, by
//!   [`super::interrupt`]; a SIGKILL cannot be caught);
//! - it takes the permissions of the file it replaces (a new file gets 0666 less the umask,
//!   as with any created file); its owner is the user running reportc;
//! - a symlink is followed: the file it points to is replaced, the link stays a link.

use super::interrupt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `text` to `path` atomically (see the module doc).
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let target = follow_symlinks(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let replaced = match std::fs::metadata(&target) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    interrupt::install();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if replaced.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = {
        let mut live = interrupt::lock();
        let tmp = builder.tempfile_in(dir)?;
        live.push(tmp.path().to_path_buf());
        Tracked(Some(tmp))
    };
    tmp.fill(text, replaced)?;
    tmp.persist(&target)
}

/// A registered temp file: removed and forgotten when dropped before [`Tracked::persist`].
struct Tracked(Option<tempfile::NamedTempFile>);

impl Tracked {
    fn fill(&self, text: &str, mode: Option<std::fs::Permissions>) -> std::io::Result<()> {
        let Some(t) = &self.0 else { return Ok(()) };
        let mut f = t.as_file();
        if let Some(m) = mode {
            f.set_permissions(m)?;
        }
        f.write_all(text.as_bytes())?;
        f.sync_all()
    }

    /// Rename into place; on failure the temp file is removed.
    fn persist(mut self, target: &Path) -> std::io::Result<()> {
        let Some(t) = self.0.take() else {
            return Ok(());
        };
        let mut live = interrupt::lock();
        let path = t.path().to_path_buf();
        let res = t.persist(target);
        // on failure the returned file is dropped here: removed
        let res = res.map(drop).map_err(|e| e.error);
        interrupt::forget(&mut live, &path);
        res
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Some(t) = self.0.take() {
            let path = t.path().to_path_buf();
            let mut live = interrupt::lock();
            drop(t);
            interrupt::forget(&mut live, &path);
        }
    }
}

/// The file a path names in the end: symlinks followed (at most 40, as the kernel does), the
/// last one may point to a file that does not exist yet.
fn follow_symlinks(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(d) => d.join(link),
                    None => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!(
        "too many levels of symbolic links at `{}`",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_a_new_file_and_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r.sql");
        write_atomic(&f, "one").unwrap();
        write_atomic(&f, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "two");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // a folder where the file should go: the rename fails
        let f = dir.path().join("r.sql");
        std::fs::create_dir(&f).unwrap();
        std::fs::write(f.join("inside"), "x").unwrap();
        assert!(write_atomic(&f, "text").is_err());
        assert!(leftovers(dir.path()).is_empty());
        assert!(f.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_the_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.rpt");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.rpt");
        std::os::unix::fs::symlink("real.rpt", &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(write_atomic(&a, "x").is_err());
        assert!(leftovers(dir.path()).is_empty());
    }
}
