//! IR -> SQL text for one dialect: lower (dialect-independent rewrites), build (sqlparser AST
//! from the dialect's capability row and function table), print.

pub mod builder;
pub mod ddl;
pub mod dialect;
pub mod dialects;
pub mod functions;
pub mod lower;
pub mod matrix;
pub mod placeholders;
pub mod print;
pub mod windows_zones;

pub use dialect::{dialect_by_name, dialect_names, Dialect, DIALECTS};
pub use lower::SqlOptions;

use crate::diagnostics::Diagnostic;
use crate::ir::Query;

/// Build the SQL of a resolved report for one dialect.
pub fn build_sql(q: &Query, d: &Dialect, opts: &SqlOptions) -> Result<String, Vec<Diagnostic>> {
    build_sql_binds(q, d, opts).map(|(sql, _)| sql)
}

/// Build the SQL of a resolved report, and the parameters its bind placeholders stand for in
/// the order a driver binds them (indexes into the declaration order; empty without
/// placeholders).
pub fn build_sql_binds(
    q: &Query,
    d: &Dialect,
    opts: &SqlOptions,
) -> Result<(String, Vec<usize>), Vec<Diagnostic>> {
    let plan = lower::lower_query(q, opts).map_err(|e| vec![e])?;
    let shadowed = q
        .outputs
        .iter()
        .filter(|o| {
            o.labels.is_some()
                || !matches!(&o.expr.kind, crate::ir::TKind::Column(c) if *c == o.name)
        })
        .map(|o| o.name.clone())
        .collect();
    let b = builder::Builder::new(
        d,
        q.timezone.as_ref(),
        builder::joins::qualifier(q),
        shadowed,
    );
    let stmt = if builder::top_rest::uses_top(&plan) {
        b.top_statement(&plan)?
    } else if let Some(span) = plan.fill {
        b.fill_statement(&plan, span)?
    } else if builder::window::uses_window(&plan) {
        b.window_statement(&plan)?
    } else if builder::comparison::uses_previous(&plan) {
        b.comparison_statement(&plan)?
    } else if builder::percentile_rows::uses_percentile_rows(&plan, d) {
        b.percentile_rows_statement(&plan)?
    } else if builder::share_groups::uses_groups_cte(&plan, d) {
        b.share_groups_statement(&plan)?
    } else {
        b.statement(&plan)?
    };
    let sql = print_sql(&stmt);
    let used = q.params_used();
    if used.is_empty() {
        return Ok((sql, Vec::new()));
    }
    placeholders::bind_order(&sql, d, &used).map_err(|e| {
        vec![Diagnostic::error(
            crate::diagnostics::Code::Unsupported,
            crate::diagnostics::Span::empty(),
            format!("internal error: cannot place the bind placeholders: {e}"),
        )
        .with_help("this is a bug in reportc; please report it")]
    })
}

/// Print a statement: one clause per line, items indented, a trailing `;`.
pub fn print_sql(stmt: &sqlparser::ast::Statement) -> String {
    print::print_statement(stmt)
}

/// Parse SQL back with the dialect's sqlparser parser (used by tests and `--verify`).
pub fn reparse(sql: &str, d: &Dialect) -> Result<(), String> {
    let dialect = (d.parser)();
    sqlparser::parser::Parser::parse_sql(dialect.as_ref(), sql)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
