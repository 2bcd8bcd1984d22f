//! `compile --out`: the compiled reports wait for their files until every report is compiled;
//! reports that would write the same file are refused (E0010), none of them written.

use reportc::diagnostics::{Code, Diagnostic, SourceFile, Span};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A compiled report waiting for its `--out` file.
pub struct Output {
    pub file: SourceFile,
    pub target: PathBuf,
    pub sql: String,
    /// The report's lint warnings, shown with it (or with its E0010).
    pub warnings: Vec<reportc::diagnostics::Diagnostic>,
    /// The report's entry in `compile --format json`.
    pub entry: usize,
}

/// The reports that would write the same `--out` file (its name compared ignoring case, as a
/// case-insensitive file system would): an E0010 for each of them, by index, naming all.
pub fn clashes(outputs: &[Output]) -> BTreeMap<usize, Diagnostic> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in outputs.iter().enumerate() {
        let key = o.target.to_string_lossy().to_lowercase();
        by_name.entry(key).or_default().push(i);
    }
    let mut out = BTreeMap::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        let names: Vec<String> = group
            .iter()
            .map(|&i| format!("`{}`", outputs[i].file.name))
            .collect();
        let (last, rest) = names.split_last().unwrap_or((&names[0], &[]));
        let (all, none) = match rest.len() {
            1 => (format!("{} and {last} both", rest[0]), "neither is written"),
            _ => (
                format!("{} and {last} all", rest.join(", ")),
                "none is written",
            ),
        };
        for &i in group {
            let d = Diagnostic::error(
                Code::OutputClash,
                Span::empty(),
                format!("{all} write `{}`: {none}", outputs[i].target.display()),
            )
            .with_help("give each report its own `report:` name (the file is named after it)");
            out.insert(i, d);
        }
    }
    out
}
