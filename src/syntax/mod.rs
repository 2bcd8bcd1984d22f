//! Source text -> AST with spans, and AST -> text. Knows no catalogue and no SQL.

pub mod ast;
pub mod dsl;
pub mod expr;
pub mod print;
pub mod report_yaml;

/// The YAML tree lives a layer below, in [`crate::yaml`]; this path is kept for callers.
pub use crate::yaml;

pub use dsl::parse_report_dsl;
pub use report_yaml::parse_report_yaml;
