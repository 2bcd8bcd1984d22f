//! W0101: `and` directly under `or` without parentheses (`a and b or c`).

use super::walk::{each, report_exprs};
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::{BinOp, Expr, ExprKind, Report};

pub(super) fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    for top in report_exprs(r) {
        each(top, &mut |e| {
            let ExprKind::Binary {
                op: BinOp::Or,
                left,
                right,
            } = &e.kind
            else {
                return;
            };
            for side in [left, right] {
                if is_bare_and(side) {
                    out.push(warning(side));
                }
            }
        });
    }
}

fn is_bare_and(e: &Expr) -> bool {
    !e.parens && matches!(e.kind, ExprKind::Binary { op: BinOp::And, .. })
}

fn warning(and: &Expr) -> Diagnostic {
    Diagnostic::warning(
        Code::MixedAndOr,
        and.span,
        "`and` and `or` mixed without parentheses",
    )
    .with_label("`and` binds tighter: this is evaluated first, then `or`")
    .with_help(
        "write the parentheses you mean: `(a and b) or c` keeps this meaning, `a and (b or c)` \
         makes `and` apply to both",
    )
}
