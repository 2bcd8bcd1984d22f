//! The pipeline: each stage is a public function; this module only chains them.
//!
//! | stage | function | in -> out |
//! |---|---|---|
//! | parse | [`parse_file`] | text -> [`crate::syntax::ast::Report`] AST |
//! | resolve/check | [`crate::check::resolve_report`] | AST + catalogue -> [`Query`] IR |
//! | lower + build + print | [`crate::sql::build_sql`] | IR + dialect -> SQL text |
//!
//! [`compile_report`] chains all three (the report's name with its SQL); [`check_report`]
//! chains them for `reportc check`, keeping every diagnostic.

use crate::catalog::Catalog;
use crate::check::resolve_report;
use crate::diagnostics::{Code, Diagnostic, SourceFile, Span};
use crate::ir::Query;
use crate::sql::{build_sql, Dialect, SqlOptions};

/// The report formats and the parse stage live in [`crate::syntax`].
pub use crate::syntax::{parse_file, InputFormat};

/// Parse and check a report; the IR when it is valid, and every diagnostic found.
pub fn check_file(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
) -> (Option<Query>, Vec<Diagnostic>) {
    let (report, mut diags) = parse_file(file, format);
    let Some(report) = report else {
        return (None, diags.sorted());
    };
    match resolve_report(&report, catalog) {
        Ok(q) if !diags.has_errors() => (Some(q), diags.sorted()),
        Ok(_) => (None, diags.sorted()),
        Err(more) => {
            diags.extend(more.0);
            (None, diags.sorted())
        }
    }
}

/// Parse and check a report, and with a dialect also build its SQL, so that what the dialect
/// refuses is reported too: every diagnostic, the checker's (in source order) then the
/// builder's. What `reportc check` reports.
pub fn check_report(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: Option<&Dialect>,
) -> Vec<Diagnostic> {
    let (q, mut diags) = check_file(file, format, catalog);
    if let (Some(q), Some(d)) = (&q, dialect) {
        if let Err(more) = build_sql(q, d, &SqlOptions::default()) {
            diags.extend(more);
        }
    }
    diags
}

/// A report compiled for one dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The report's `report:` name, when it has one (`compile --out` names its file after it).
    pub name: Option<String>,
    /// The SQL, ending with `;` and a line break.
    pub sql: String,
}

/// Parse, check and compile a report for one dialect: its name and SQL.
pub fn compile_report(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: &Dialect,
    opts: &SqlOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    let (q, diags) = check_file(file, format, catalog);
    let Some(q) = q else { return Err(diags) };
    let sql = build_sql(&q, dialect, opts)?;
    Ok(Compiled { name: q.name, sql })
}

/// Parse, check and compile a report to SQL for one dialect (the SQL of [`compile_report`]).
pub fn compile_file(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: &Dialect,
    opts: &SqlOptions,
) -> Result<String, Vec<Diagnostic>> {
    compile_report(file, format, catalog, dialect, opts).map(|c| c.sql)
}

/// A diagnostic for a file that cannot be read.
pub fn io_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Span::empty(),
        format!("cannot read `{path}`: {e}"),
    )
}
