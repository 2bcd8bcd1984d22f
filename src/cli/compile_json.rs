//! `compile --format json`: one JSON document for pipelines. Serde structs, so the keys come
//! in the order of the fields below (the order README documents):
//!
//! ```text
//! { "files", "invalid", "reports": [ { "file", "name", "dialect", "sql", "columns",
//!   "parameters", "binds", "diagnostics" } ], "diagnostics" }
//! ```
//!
//! Every report file given has one entry, valid or not; `sql` is `null` when it does not
//! compile, and its `diagnostics` say why. The top-level `diagnostics` are the ones of no
//! report (an invalid catalogue stops before any report).

use reportc::compile::{Compiled, OutputColumn, Parameter};
use reportc::diagnostics::JsonDiagnostic;
use serde::Serialize;

/// The whole document.
#[derive(Debug, Serialize)]
pub struct CompileDocument {
    /// How many report files were given.
    pub files: usize,
    /// How many of them did not compile.
    pub invalid: usize,
    pub reports: Vec<ReportEntry>,
    /// Diagnostics that belong to no report (the catalogue's).
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// One report file.
#[derive(Debug, Serialize)]
pub struct ReportEntry {
    /// The path as given (`<stdin>` for `-`).
    pub file: String,
    /// The report's `report:` name, `null` without one.
    pub name: Option<String>,
    /// The dialect the SQL is for.
    pub dialect: &'static str,
    /// The SQL (ending with `;` and a line break), or with `--template` the rendered text;
    /// `null` when the report (or its template) fails.
    pub sql: Option<String>,
    /// The output columns: name, logical type, SQL type in the dialect.
    pub columns: Vec<OutputColumn>,
    /// The declared parameters.
    pub parameters: Vec<Parameter>,
    /// With `--placeholders`: the parameter of each bind placeholder, in bind order.
    pub binds: Vec<String>,
    /// Why the report does not compile (or cannot be read), as `check --format json` has them.
    pub diagnostics: Vec<JsonDiagnostic>,
}

impl ReportEntry {
    /// The entry of a report, compiled or not.
    pub fn new(
        file: &str,
        dialect: &'static str,
        compiled: Option<&Compiled>,
        diagnostics: Vec<JsonDiagnostic>,
    ) -> ReportEntry {
        ReportEntry {
            file: file.to_string(),
            name: compiled.and_then(|c| c.name.clone()),
            dialect,
            sql: compiled.map(|c| c.sql.clone()),
            columns: compiled.map(|c| c.columns.clone()).unwrap_or_default(),
            parameters: compiled.map(|c| c.parameters.clone()).unwrap_or_default(),
            binds: compiled.map(|c| c.binds.clone()).unwrap_or_default(),
            diagnostics,
        }
    }
}
