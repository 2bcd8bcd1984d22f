//! W0103: `limit` without `order_by`: which rows are kept is up to the database.

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::Report;

pub(super) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let Some(limit) = &r.limit else { return };
    if r.order_by.is_empty() {
        out.push(
            Diagnostic::warning(
                Code::LimitWithoutOrder,
                limit.span,
                "`limit` without `order_by`: which rows are kept can change from run to run",
            )
            .with_label("no order_by decides which rows these are")
            .with_help("add an `order_by` (for a top-N, the measure, descending)"),
        );
    }
}
