//! The pipeline: each stage is a public function; this module only chains them.
//!
//! | stage | function | in -> out |
//! |---|---|---|
//! | parse | [`parse_file`] | text -> [`crate::syntax::ast::Report`] AST |
//! | lint | [`crate::lint::lint_report`] | AST -> warnings (W01xx), less those allowed by comments |
//! | resolve/check | [`crate::check::resolve_report`] | AST + catalogue -> [`Query`] IR |
//! | lower + build + print | [`crate::sql::build_sql`] | IR + dialect -> SQL text |
//!
//! [`compile_report`] chains all three (the report's name with its SQL); [`check_report`]
//! chains them for `reportc check`, keeping every diagnostic.

use crate::catalog::Catalog;
use crate::check::params::bind_parameters;
pub use crate::check::params::ParamArgs;
use crate::check::resolve_report;
use crate::diagnostics::{Code, Diagnostic, SourceFile, Span, Spanned};
use crate::ir::Query;
use crate::lint::{apply_allow_comments, lint_report};
pub use crate::output_schema::{output_columns, OutputColumn, Parameter};
use crate::sql::{build_sql, build_sql_binds, Dialect, SqlOptions};
use crate::syntax::params::parse_value;

/// Load a catalogue file: parse it, then check its measures once (cycles, aggregates, size),
/// with diagnostics in the catalogue file. Every command that reads a catalogue goes through
/// this (the built-in one is checked by the tests).
pub fn load_catalog(text: &str) -> (Option<Catalog>, crate::diagnostics::Diagnostics) {
    let (cat, mut diags) = crate::catalog::parse_catalog(text);
    if let Some(c) = &cat {
        diags.extend(crate::check::check_measures(c).0);
    }
    (cat, diags)
}

/// The report formats and the parse stage live in [`crate::syntax`].
pub use crate::syntax::{parse_file, InputFormat};

/// Parse and check a report; the IR when it is valid, and every diagnostic found. Parameters
/// take their defaults (see [`check_file_with`]).
pub fn check_file(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
) -> (Option<Query>, Vec<Diagnostic>) {
    check_file_with(file, format, catalog, &ParamArgs::default())
}

/// Parse a report, bind its parameters (`--param` values or defaults, or placeholders) and
/// check it; the IR when it is valid, and every diagnostic found.
pub fn check_file_with(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    params: &ParamArgs,
) -> (Option<Query>, Vec<Diagnostic>) {
    let c = check_named(file, format, catalog, params);
    (c.query, c.diagnostics)
}

/// A report parsed and checked once: what every command needs of it.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The IR, when the report is valid.
    pub query: Option<Query>,
    /// Every diagnostic found, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The `report:` name where it was written (lint W0104 compares them across files).
    pub name: Option<Spanned<String>>,
}

/// [`check_file_with`], keeping the report's name as written.
pub fn check_named(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    params: &ParamArgs,
) -> Checked {
    let (report, mut diags) = parse_file(file, format);
    let Some(report) = report else {
        return Checked {
            query: None,
            diagnostics: diags.sorted(),
            name: None,
        };
    };
    let name = report.name.clone();
    diags.extend(apply_allow_comments(file, lint_report(&report)));
    let (report, bind_diags) = bind_parameters(&report, catalog, params, parse_value);
    let query = if bind_diags.has_errors() {
        diags.extend(bind_diags.0);
        None
    } else {
        match resolve_report(&report, catalog) {
            Ok(q) if !diags.has_errors() => Some(q),
            Ok(_) => None,
            Err(more) => {
                diags.extend(more.0);
                None
            }
        }
    };
    Checked {
        query,
        diagnostics: diags.sorted(),
        name,
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

/// What `reportc check -d A -d B` reports: the report parsed and checked once, its SQL built
/// for each dialect; every diagnostic once, sorted. The query is dropped.
pub fn check_for_dialects(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialects: &[&Dialect],
) -> Checked {
    let c = check_named(file, format, catalog, &ParamArgs::default());
    let Some(q) = &c.query else { return c };
    let mut diags = crate::diagnostics::Diagnostics(c.diagnostics);
    for d in dialects {
        if let Err(more) = build_sql(q, d, &SqlOptions::default()) {
            diags.extend(more);
        }
    }
    Checked {
        query: None,
        diagnostics: diags.sorted(),
        name: c.name,
    }
}

/// The report in canonical layout, with the file's line endings and BOM (`reportc fmt`), or
/// the errors that make fmt refuse it: the parser's and the checker's against the catalogue
/// (what `check` reports without `-d`). A parameter needs no value to be formatted, so a
/// parameter without a default (E0231) or one that could not be a bind placeholder (E0233)
/// does not stop it.
pub fn format_report(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
) -> Result<String, Vec<Diagnostic>> {
    let args = ParamArgs {
        given: Vec::new(),
        placeholders: true,
    };
    let (_, diags) = check_file_with(file, format, catalog, &args);
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.is_error() && d.code != Code::PlaceholderType)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    crate::syntax::print::reformat(&file.text, format)
}

/// A report compiled for one dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The report's `report:` name, when it has one (`compile --out` names its file after it).
    pub name: Option<String>,
    /// Where that name is written (lint W0104 points there); empty without a name.
    pub name_span: Span,
    /// The report's `title:` and `description:`, and the catalogue source it reads.
    pub title: Option<String>,
    pub description: Option<String>,
    pub source: String,
    /// The SQL, ending with `;` and a line break.
    pub sql: String,
    /// The query of the report's view (`compile --template view`) when it is not `sql`: on SQL
    /// Server, without the ORDER BY of a report without `limit` ([`crate::sql::ddl::view_query`]).
    pub view_sql: Option<String>,
    /// With `--placeholders`: the parameter each bind placeholder stands for, in the order a
    /// driver binds them (one per `?` for positional dialects); empty otherwise.
    pub binds: Vec<String>,
    /// The output columns: names, logical types, SQL types in the dialect.
    pub columns: Vec<OutputColumn>,
    /// The declared parameters.
    pub parameters: Vec<Parameter>,
    /// The lint warnings of the report (none is an error), in source order.
    pub warnings: Vec<Diagnostic>,
}

/// Parse, check and compile a report for one dialect: its name and SQL.
pub fn compile_report(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: &Dialect,
    opts: &SqlOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    compile_report_with(file, format, catalog, dialect, opts, &ParamArgs::default())
}

/// [`compile_report`] with parameter values or placeholders.
pub fn compile_report_with(
    file: &SourceFile,
    format: InputFormat,
    catalog: &Catalog,
    dialect: &Dialect,
    opts: &SqlOptions,
    params: &ParamArgs,
) -> Result<Compiled, Vec<Diagnostic>> {
    let checked = check_named(file, format, catalog, params);
    let diags = checked.diagnostics;
    let Some(q) = checked.query else {
        return Err(diags);
    };
    let name_span = checked.name.map_or(Span::empty(), |n| n.span);
    let (sql, order) = build_sql_binds(&q, dialect, opts)?;
    let view_sql = crate::sql::ddl::view_query(&q, dialect, opts)?;
    let binds = order
        .into_iter()
        .filter_map(|i| q.parameters.get(i).map(|p| p.name.clone()))
        .collect();
    Ok(Compiled {
        columns: output_columns(&q, dialect),
        parameters: q.parameters.iter().map(Parameter::from).collect(),
        name: q.name,
        name_span,
        title: q.title,
        description: q.description,
        source: q.source,
        sql,
        view_sql,
        binds,
        warnings: diags,
    })
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
