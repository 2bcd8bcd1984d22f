//! W0104: two files of one run give the same report name. Fed one file at a time, in the order
//! the files were given; the warning goes to the second file and names the first.

use crate::diagnostics::{Code, Diagnostic, Span};
use std::collections::HashMap;

/// The report names seen so far in a run.
#[derive(Default)]
pub struct SeenNames {
    first: HashMap<String, String>,
}

impl SeenNames {
    /// Record `name` (from `file`, at `span`: the `report:` key, or empty for a file name);
    /// the warning when an earlier file gave the same name.
    pub fn see(&mut self, name: &str, file: &str, span: Span) -> Option<Diagnostic> {
        match self.first.get(name) {
            Some(first) if !same_report(first, file) => Some(
                Diagnostic::warning(
                    Code::DuplicateReportName,
                    span,
                    format!("report name `{name}` is also the name of `{first}`"),
                )
                .with_help("give each report its own `report:` name"),
            ),
            Some(_) => None,
            None => {
                self.first.insert(name.to_string(), file.to_string());
                None
            }
        }
    }
}

/// The same file, or one report in its two formats (`x.yaml` and `x.rpt` side by side, as the
/// bundled examples are): not a duplicate.
fn same_report(a: &str, b: &str) -> bool {
    let base = |p: &str| std::path::Path::new(p).with_extension("");
    a == b || base(a) == base(b)
}
