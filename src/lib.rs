#![forbid(unsafe_code)]
#![doc = include_str!("../ARCHITECTURE.md")]

pub mod catalog;
pub mod check;
pub mod compile;
pub mod config;
pub mod demo;
pub mod diagnostics;
pub mod ir;
pub mod lint;
pub mod lsp;
pub mod output_schema;
pub mod run;
pub mod schema;
pub mod sql;
pub mod syntax;
pub mod template;
pub mod vocab;
pub mod yaml;

pub use compile::{
    check_file, check_report, compile_file, compile_report, parse_file, Compiled, InputFormat,
};
pub use syntax::ast;
