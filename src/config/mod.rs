//! The project config, `reportc.toml`: found by walking up from the working directory (or
//! named with `--config`), it sets what the command line would otherwise repeat: the
//! catalogue, the default dialects, the report folders, the excludes and the output folder.
//! Paths in it are relative to the file's folder. Unknown keys and bad values are
//! diagnostics with a code and a span in the file, like a report's.

mod parse;

pub use parse::parse_config;

use crate::diagnostics::Span;
use std::path::{Path, PathBuf};

/// The config file's name.
pub const FILE_NAME: &str = "reportc.toml";

/// A value of the config with the span of its text in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<T> {
    pub value: T,
    pub span: Span,
}

/// What a `reportc.toml` says. Paths are already joined to the file's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The folder of the config file: the root of relative paths and of `exclude` globs.
    pub dir: PathBuf,
    /// `catalog`: the catalogue file.
    pub catalog: Option<Item<PathBuf>>,
    /// `dialects`: the dialects `check` compiles for and the first of which `compile` uses.
    pub dialects: Vec<Item<String>>,
    /// `reports`: the files or folders `check`, `compile` and `fmt` take when given no path.
    pub reports: Vec<Item<PathBuf>>,
    /// `exclude`: gitignore-style globs, relative to `dir`, skipped when walking folders.
    pub exclude: Vec<Item<String>>,
    /// `out`: the folder `compile` writes into when given no `--out`.
    pub out: Option<Item<PathBuf>>,
    /// `[lint] allow`: warning codes that are never reported.
    pub allow: Vec<Item<String>>,
    /// `[lint] deny`: warning codes (or `warnings`, all of them) that fail `check`.
    pub deny: Vec<Item<String>>,
}

/// The nearest `reportc.toml` in `start` or one of its parent folders.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|f| f.is_file())
}
