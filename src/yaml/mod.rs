//! YAML text -> a small tree with a span on every key and value, built from saphyr-parser's
//! event stream, and the helpers that read its mappings with diagnostics. It is a layer below
//! both the report front end (`syntax`) and the catalogue loader (`catalog`), and knows neither.
//!
//! Design decisions (see ARCHITECTURE.md):
//! - Every scalar stays a string here, with its style. The consumer decides its type from the key
//!   it sits under, so YAML 1.1 booleans (`no`, `on`) are never silently turned into booleans.
//! - Duplicate keys, anchors, aliases, tags and multiple documents are errors.
//! - Depth and size are capped.

mod align;
mod fast;
#[cfg(test)]
mod fast_tests;
mod fields;
mod parse;

pub use fields::{fields, get, items, scalar};
pub use parse::{parse_yaml, parse_yaml_with_saphyr};

use crate::diagnostics::Span;

/// The text of every YAML file under `dir`, in sorted path order (for the tests that hold the
/// parsers and span mappings to one another on whole files).
#[cfg(test)]
pub(crate) fn yaml_files(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            if let Ok(t) = std::fs::read_to_string(&p) {
                out.push(t);
            }
        }
    }
}

/// Every YAML file of the project's reports, catalogue and tests.
#[cfg(test)]
pub(crate) fn project_yaml() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for d in ["reports", "catalog", "tests"] {
        yaml_files(&root.join(d), &mut out);
    }
    out
}

/// Largest accepted input file, in bytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Deepest accepted YAML nesting.
pub const MAX_YAML_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar(Scalar),
    Seq(Vec<Node>, Span),
    Map(Vec<(Scalar, Node)>, Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub value: String,
    pub style: Style,
    pub span: Span,
    /// Where each char of `value` sits in the file, when the value could be aligned with its
    /// source text; used to place expression errors exactly.
    pub offsets: Offsets,
}

/// The map of a scalar's chars to byte offsets in the file ([`align::align`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Offsets {
    /// The value could not be aligned: errors inside it point at the whole scalar.
    Unaligned,
    /// The value is written verbatim in the file from this byte on (most scalars): char `k`
    /// is at this offset plus the byte offset of char `k` in the value.
    Verbatim(u32),
    /// The byte offset of each char (plus one past the end), for values the source escapes
    /// or folds.
    Mapped(Vec<u32>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

impl Scalar {
    /// The byte span in the file of the chars `start..end` of the value.
    pub fn sub_span(&self, start_char: usize, end_char: usize) -> Span {
        match &self.offsets {
            Offsets::Mapped(o) if end_char < o.len() && start_char <= end_char => {
                Span::new(o[start_char] as usize, o[end_char] as usize)
            }
            Offsets::Verbatim(base) if start_char <= end_char => {
                let byte = |k: usize| {
                    if self.value.is_ascii() {
                        (k <= self.value.len()).then_some(k)
                    } else {
                        self.value
                            .char_indices()
                            .map(|(i, _)| i)
                            .chain(std::iter::once(self.value.len()))
                            .nth(k)
                    }
                };
                match (byte(start_char), byte(end_char)) {
                    (Some(a), Some(b)) => Span::new(*base as usize + a, *base as usize + b),
                    _ => self.span,
                }
            }
            _ => self.span,
        }
    }
    /// `null`, `~` or empty, when not quoted.
    pub fn is_null(&self) -> bool {
        self.style == Style::Plain
            && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

impl Node {
    /// Every scalar of the tree, keys included, in document order (for the tests that hold
    /// span mappings to one another on whole files).
    #[cfg(test)]
    pub(crate) fn scalars(&self) -> Vec<&Scalar> {
        fn walk<'a>(n: &'a Node, out: &mut Vec<&'a Scalar>) {
            match n {
                Node::Scalar(s) => out.push(s),
                Node::Seq(v, _) => v.iter().for_each(|c| walk(c, out)),
                Node::Map(v, _) => v.iter().for_each(|(k, c)| {
                    out.push(k);
                    walk(c, out)
                }),
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }

    pub fn span(&self) -> Span {
        match self {
            Node::Scalar(s) => s.span,
            Node::Seq(_, s) | Node::Map(_, s) => *s,
        }
    }
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Scalar(_) => "a scalar",
            Node::Seq(..) => "a list",
            Node::Map(..) => "a mapping",
        }
    }
}
