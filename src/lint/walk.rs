//! Every expression of a report, and the direct operands of an expression.

use crate::syntax::ast::{Expr, ExprKind, Report};

/// The top-level expressions of a report: columns, filters, group keys, having, order items.
pub(super) fn report_exprs(r: &Report) -> Vec<&Expr> {
    let mut v: Vec<&Expr> = r.columns.iter().map(|c| &c.expr).collect();
    v.extend(&r.filters);
    v.extend(r.group_by.iter().flatten());
    v.extend(&r.having);
    v.extend(r.order_by.iter().map(|o| &o.expr));
    v
}

/// The direct operands of an expression.
pub(super) fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Param(_) => vec![],
        ExprKind::Neg(x) | ExprKind::Not(x) => vec![x],
        ExprKind::Binary { left, right, .. } => vec![left, right],
        ExprKind::InList { expr, list, .. } => {
            let mut v: Vec<&Expr> = vec![expr];
            v.extend(list);
            v
        }
        ExprKind::InRange { expr, .. }
        | ExprKind::IsNull { expr, .. }
        | ExprKind::Bucket { expr, .. } => vec![expr],
        ExprKind::Between {
            expr, low, high, ..
        } => vec![expr, low, high],
        ExprKind::Match { expr, pattern, .. } => vec![expr, pattern],
        ExprKind::Call { args, filter, .. } => {
            let mut v: Vec<&Expr> = args.iter().collect();
            v.extend(filter.as_deref());
            v
        }
    }
}

/// Call `f` on `e` and every expression inside it (an explicit stack: no recursion limit).
pub(super) fn each(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        f(x);
        stack.extend(children(x));
    }
}
