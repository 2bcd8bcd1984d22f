//! Source text -> AST with spans. Knows no catalogue and no SQL.

pub mod ast;
pub mod expr;
pub mod report_yaml;
pub mod yaml;

pub use report_yaml::parse_report_yaml;
