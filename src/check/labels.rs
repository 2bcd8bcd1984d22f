//! Enum labels (`labels:`): an output that is a plain enum column shows the catalogue's labels
//! instead of the stored codes when the report says `labels: yes`, or says nothing and the
//! catalogue column has `labels: yes`.

use super::Checker;
use crate::catalog::{Codes, ColumnType};
use crate::ir::{Labels, TExpr, TKind};
use crate::syntax::ast::{Expr, ExprKind, Report};

impl Checker<'_> {
    /// The labels output `written` (resolved as `resolved`) shows, if any.
    pub(super) fn labels_of(&self, r: &Report, written: &Expr, resolved: &TExpr) -> Option<Labels> {
        let ExprKind::Name(n) = &written.kind else {
            return None;
        };
        if !matches!(resolved.kind, TKind::Column(_)) {
            return None;
        }
        let column = self.source.column(n)?;
        let ColumnType::Enum(values, codes) = &column.ty else {
            return None;
        };
        let on = r.labels.as_ref().map_or(column.show_labels, |l| l.value);
        on.then(|| Labels {
            values: values.clone(),
            integer: *codes == Codes::Integer,
        })
    }
}
