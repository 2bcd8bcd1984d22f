//! The catalogue the server checks against, and where its sources and columns are written, for
//! go to definition.
//!
//! A `--catalog FILE` is read from disk and definitions jump into it. The built-in catalogue is
//! embedded in the binary, so the server writes a copy of it to
//! `$XDG_CACHE_HOME/reportc/<version>/messaging.yaml` (else `~/.cache/...`; on Windows
//! `%LOCALAPPDATA%`) when that file is missing or differs, and definitions jump there. Editing
//! the copy changes nothing. When no cache folder can be written, there is no definition for the
//! built-in catalogue (everything else works).

use super::text::Text;
use crate::catalog::{Catalog, BUILTIN_NAME, BUILTIN_TEXT};
use crate::diagnostics::{Diagnostic, Span};
use crate::yaml::{parse_yaml, Node};
use lsp_types::Uri;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The catalogue in use, with its file and the spans of its source and column ids.
pub struct CatalogState {
    pub catalog: Catalog,
    /// The catalogue file (its URI and text), when there is one on disk.
    pub file: Option<(Uri, Text)>,
    /// The span of each source id (column `None`) and column id in the file.
    spans: BTreeMap<(String, Option<String>), Span>,
}

impl CatalogState {
    /// The built-in catalogue, with its copy in the cache folder when one can be written.
    pub fn builtin() -> CatalogState {
        let file = builtin_copy()
            .and_then(|p| path_to_uri(&p))
            .map(|u| (u, Text::new(BUILTIN_TEXT.to_string())));
        CatalogState::new(Catalog::builtin().clone(), file)
    }

    /// No catalogue (before `initialize`, or when the catalogue file is unusable).
    pub fn empty() -> CatalogState {
        let catalog = Catalog {
            name: "none".to_string(),
            description: String::new(),
            sources: Vec::new(),
        };
        CatalogState::new(catalog, None)
    }

    /// A catalogue file; its text and diagnostics when it is unreadable or invalid.
    pub fn from_file(path: &Path) -> Result<CatalogState, (String, Vec<Diagnostic>)> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let name = path.display().to_string();
            (String::new(), vec![crate::compile::io_error(&name, &e)])
        })?;
        let (cat, diags) = crate::compile::load_catalog(&text);
        match cat {
            Some(cat) if !diags.has_errors() => {
                let file = path_to_uri(path).map(|u| (u, Text::new(text)));
                Ok(CatalogState::new(cat, file))
            }
            _ => Err((text, diags.sorted())),
        }
    }

    fn new(catalog: Catalog, file: Option<(Uri, Text)>) -> CatalogState {
        let spans = file
            .as_ref()
            .map(|(_, t)| id_spans(&t.text))
            .unwrap_or_default();
        CatalogState {
            catalog,
            file,
            spans,
        }
    }

    /// Where source `source` (and column `column` of it) is defined.
    pub fn span_of(&self, source: &str, column: Option<&str>) -> Option<Span> {
        self.spans
            .get(&(source.to_string(), column.map(str::to_string)))
            .copied()
    }
}

/// The spans of the source ids and column ids of a catalogue text.
fn id_spans(text: &str) -> BTreeMap<(String, Option<String>), Span> {
    let mut out = BTreeMap::new();
    let Ok(Some(Node::Map(root, _))) = parse_yaml(text) else {
        return out;
    };
    let sources = root.iter().find(|(k, _)| k.value == "sources");
    let Some((_, Node::Map(sources, _))) = sources else {
        return out;
    };
    for (sk, sv) in sources {
        out.insert((sk.value.clone(), None), sk.span);
        let Node::Map(fields, _) = sv else { continue };
        let Some((_, Node::Map(columns, _))) = fields.iter().find(|(k, _)| k.value == "columns")
        else {
            continue;
        };
        for (ck, _) in columns {
            out.insert((sk.value.clone(), Some(ck.value.clone())), ck.span);
        }
    }
    out
}

/// Write the built-in catalogue to the cache folder (when missing or different); its path.
fn builtin_copy() -> Option<PathBuf> {
    let file = Path::new(BUILTIN_NAME).file_name()?;
    let dir = cache_dir()?.join("reportc").join(env!("CARGO_PKG_VERSION"));
    let path = dir.join(file);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(BUILTIN_TEXT) {
        return Some(path);
    }
    std::fs::create_dir_all(&dir).ok()?;
    let tmp = dir.join(format!(".messaging.{}.tmp", std::process::id()));
    std::fs::write(&tmp, BUILTIN_TEXT).ok()?;
    if std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return None;
    }
    Some(path)
}

fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(x) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x));
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(PathBuf::from);
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache"))
}

/// A `file://` URI for a path (made absolute), its bytes percent-encoded except the unreserved
/// ones and `/`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let abs = std::fs::canonicalize(path)
        .ok()
        .or_else(|| std::env::current_dir().ok().map(|d| d.join(path)))?;
    let s = abs.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/'); // a Windows drive letter
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// The path of a `file:` URI, percent-decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(s.len());
    let raw = s.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            raw[i],
            raw.get(i + 1).and_then(|&c| hex(c)),
            raw.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                bytes.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows
    let path = match path.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => path[1..].to_string(),
        _ => path,
    };
    Some(PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_sources_and_columns() {
        let spans = id_spans(BUILTIN_TEXT);
        let cat = Catalog::builtin();
        for s in &cat.sources {
            let span = spans[&(s.id.clone(), None)];
            assert_eq!(&BUILTIN_TEXT[span.range()], s.id);
            for c in &s.columns {
                let span = spans[&(s.id.clone(), Some(c.id.clone()))];
                assert_eq!(&BUILTIN_TEXT[span.range()], c.id);
            }
        }
    }

    #[test]
    fn file_uris_round_trip() {
        let dir = std::env::temp_dir().join("reportc lsp é#test");
        std::fs::create_dir_all(&dir).unwrap();
        let uri = path_to_uri(&dir).unwrap();
        assert!(uri.as_str().starts_with("file:///"), "{}", uri.as_str());
        assert!(uri.as_str().contains("%20") && uri.as_str().contains("%C3%A9"));
        assert!(uri.as_str().contains("%23"));
        assert_eq!(
            uri_to_path(&uri).unwrap(),
            std::fs::canonicalize(&dir).unwrap()
        );
        let _ = std::fs::remove_dir(&dir);
    }
}
