//! The pipeline: each stage is a public function; this module only chains them.
//!
//! | stage | function | in -> out |
//! |---|---|---|
//! | parse | [`parse_file`] | text -> [`crate::syntax::ast::Report`] AST |
//! | resolve/check | [`crate::check::resolve_report`] | AST + catalogue -> [`Query`] IR |
//! | lower + build + print | [`crate::sql::build_sql`] | IR + dialect -> SQL text |

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

/// Parse, check and compile a report to SQL for one dialect.
pub fn compile_file(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: &Dialect,
    opts: &SqlOptions,
) -> Result<String, Vec<Diagnostic>> {
    let (q, diags) = check_file(file, format, catalog);
    let Some(q) = q else { return Err(diags) };
    build_sql(&q, dialect, opts)
}

/// A diagnostic for a file that cannot be read.
pub fn io_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Span::empty(),
        format!("cannot read `{path}`: {e}"),
    )
}
