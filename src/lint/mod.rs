//! Lint warnings (W01xx): mistakes that are valid reports but rarely what the author meant.
//! A stage after parse: it reads the AST as written (before parameters are bound), one file
//! per rule, and knows no catalogue and no SQL. [`apply_allow_comments`] applies the `# reportc: allow`
//! comments; [`SeenNames`] looks across the files of a run.

mod allow;
pub use allow::apply_allow_comments;
mod and_or;
mod constant_filter;
mod duplicate_names;
pub use duplicate_names::SeenNames;
mod limit_order;
mod walk;

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Report;

/// Every warning of one report, in no particular order (the caller sorts).
pub fn lint_report(report: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    and_or::check(report, &mut out);
    constant_filter::check(report, &mut out);
    limit_order::check(report, &mut out);
    out
}

#[cfg(test)]
mod tests;
