//! The direct children of a report expression (the AST), read or rewritten in place: the one
//! place that knows which `ExprKind` holds which sub-expressions, for the walks of
//! `many.rs` (finding and stripping a many side's names).

use crate::syntax::ast::{Expr, ExprKind};

pub(super) fn for_each_child(e: &Expr, mut f: impl FnMut(&Expr)) {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Param(_) => {}
        ExprKind::Neg(x) | ExprKind::Not(x) => f(x),
        ExprKind::Binary { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::InList { expr, list, .. } => {
            f(expr);
            list.iter().for_each(f);
        }
        ExprKind::InRange { expr, .. }
        | ExprKind::IsNull { expr, .. }
        | ExprKind::Bucket { expr, .. } => f(expr),
        ExprKind::Between {
            expr, low, high, ..
        } => {
            f(expr);
            f(low);
            f(high);
        }
        ExprKind::Match { expr, pattern, .. } => {
            f(expr);
            f(pattern);
        }
        ExprKind::Call { args, filter, .. } => {
            args.iter().for_each(&mut f);
            if let Some(w) = filter {
                f(w);
            }
        }
    }
}

pub(super) fn for_each_child_mut(e: &mut Expr, mut f: impl FnMut(&mut Expr)) {
    match &mut e.kind {
        ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Param(_) => {}
        ExprKind::Neg(x) | ExprKind::Not(x) => f(x),
        ExprKind::Binary { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::InList { expr, list, .. } => {
            f(expr);
            list.iter_mut().for_each(f);
        }
        ExprKind::InRange { expr, .. }
        | ExprKind::IsNull { expr, .. }
        | ExprKind::Bucket { expr, .. } => f(expr),
        ExprKind::Between {
            expr, low, high, ..
        } => {
            f(expr);
            f(low);
            f(high);
        }
        ExprKind::Match { expr, pattern, .. } => {
            f(expr);
            f(pattern);
        }
        ExprKind::Call { args, filter, .. } => {
            args.iter_mut().for_each(&mut f);
            if let Some(w) = filter {
                f(w);
            }
        }
    }
}
