//! The report files under the paths a command is given: files as they are, folders searched
//! recursively for `.yaml`/`.yml`/`.rpt`, in sorted order.

use reportc::InputFormat;
use std::path::Path;

/// Files under the given paths, recursively, sorted for deterministic output; `-` (stdin)
/// is kept as it is. A path that does not exist, or a folder that cannot be read, is an error.
pub fn collect_files(paths: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if p != "-" && path.is_dir() {
            let mut stack = vec![path.to_path_buf()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .map_err(|e| format!("cannot read folder `{}`: {e}", dir.display()))?;
                for entry in entries.flatten() {
                    let ep = entry.path();
                    if ep.is_dir() {
                        stack.push(ep);
                    } else if let Some(s) = ep.to_str() {
                        if InputFormat::from_path(s).is_some() {
                            found.push(s.to_string());
                        }
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else if p != "-" && !path.exists() {
            return Err(format!("`{p}` does not exist"));
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}
