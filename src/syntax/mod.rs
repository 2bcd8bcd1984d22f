//! Source text -> AST with spans, and AST -> text. Knows no catalogue and no SQL.
//!
//! | module | job |
//! |---|---|
//! | `ast` | the report AST |
//! | `grammar` | the pest binding of `grammar/report.pest` |
//! | `expr` | expressions: text -> [`ast::Expr`] |
//! | `params` | parameters: the YAML list, type names, values read as literals |
//! | `report_yaml` | the YAML front end: [`crate::yaml::Node`] -> [`ast::Report`] |
//! | `dsl` | the DSL front end: `.rpt` text -> [`ast::Report`] |
//! | `top` | `top:` (the top N groups and the rest) in YAML, the number checked for both formats |
//! | `print` | [`ast::Report`] -> text in either format (`fmt`, `convert`) |

pub mod ast;
pub mod dsl;
pub mod expr;
pub mod grammar;
pub mod params;
pub mod print;
pub mod report_yaml;
#[cfg(test)]
mod test_rng;
pub mod top;

pub use dsl::parse_report_dsl;
pub use report_yaml::parse_report_yaml;

use crate::diagnostics::{Diagnostics, SourceFile};
use ast::Report;

/// The two formats of a report file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Yaml,
    /// The report DSL (`.rpt`).
    Dsl,
}

impl InputFormat {
    /// The format of a file, from its extension.
    pub fn from_path(path: &str) -> Option<InputFormat> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(InputFormat::Yaml)
        } else if lower.ends_with(".rpt") {
            Some(InputFormat::Dsl)
        } else {
            None
        }
    }
}

/// Parse a report file.
pub fn parse_file(file: &SourceFile, format: InputFormat) -> (Option<Report>, Diagnostics) {
    parse_report(&file.text, format)
}

/// Parse a report's text in the given format.
pub fn parse_report(text: &str, format: InputFormat) -> (Option<Report>, Diagnostics) {
    match format {
        InputFormat::Yaml => parse_report_yaml(text),
        InputFormat::Dsl => parse_report_dsl(text),
    }
}
