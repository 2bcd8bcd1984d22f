//! Predicates: `in (...)` (dates each meaning a whole day), `between` (a date bound covering
//! its day), and `contains`/`starts_with`/`ends_with` on text or a list column.

use super::{literals, Checker, Ctx, R};
use crate::catalog::ColumnType;
use crate::diagnostics::{list_for_help, Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Literal};
use crate::vocab::{BinOp, MatchOp};

impl<'c> Checker<'c> {
    pub(super) fn in_list(
        &mut self,
        expr: &Expr,
        list: &[Expr],
        negated: bool,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        if list.is_empty() {
            return self.err(Diagnostic::error(
                Code::ExprSyntax,
                expr.span,
                "`in ()` needs at least one value",
            ));
        }
        // dates in a list each mean a whole day: `x = d1 or x = d2 ...`
        if list
            .iter()
            .any(|i| matches!(i.kind, ExprKind::Literal(Literal::Date(_))))
        {
            let mut acc: Option<TExpr> = None;
            for item in list {
                let eq = Expr {
                    kind: ExprKind::Binary {
                        op: BinOp::Eq,
                        left: Box::new(expr.clone()),
                        right: Box::new(item.clone()),
                    },
                    span: item.span,
                };
                let (t, _) = self.expr(&eq, ctx)?;
                acc = Some(match acc {
                    None => t,
                    Some(a) => TExpr::new(
                        TKind::Binary {
                            op: BinOp::Or,
                            left: Box::new(a),
                            right: Box::new(t),
                        },
                        Ty::Boolean,
                    ),
                });
            }
            let any = acc?;
            let out = if negated {
                TExpr::new(TKind::Not(Box::new(any)), Ty::Boolean)
            } else {
                any
            };
            return Some((out, None));
        }
        let (t, col) = self.expr(expr, ctx)?;
        let mut items = Vec::new();
        let mut ok = true;
        for item in list {
            match literals::operand_against(self, item, &t, col, ctx) {
                Some(v) => items.push(v),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some((
            TExpr::new(
                TKind::InList {
                    expr: Box::new(t),
                    list: items,
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }

    pub(super) fn between(
        &mut self,
        expr: &Expr,
        low: &Expr,
        high: &Expr,
        negated: bool,
        span: Span,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        // with a date bound, `between` on a timestamp covers that whole day
        if matches!(low.kind, ExprKind::Literal(Literal::Date(_)))
            || matches!(high.kind, ExprKind::Literal(Literal::Date(_)))
        {
            let ge = Expr {
                kind: ExprKind::Binary {
                    op: BinOp::GtEq,
                    left: Box::new(expr.clone()),
                    right: Box::new(low.clone()),
                },
                span,
            };
            let le = Expr {
                kind: ExprKind::Binary {
                    op: BinOp::LtEq,
                    left: Box::new(expr.clone()),
                    right: Box::new(high.clone()),
                },
                span,
            };
            let (a, _) = self.expr(&ge, ctx)?;
            let (b, _) = self.expr(&le, ctx)?;
            let both = TExpr::new(
                TKind::Binary {
                    op: BinOp::And,
                    left: Box::new(a),
                    right: Box::new(b),
                },
                Ty::Boolean,
            );
            let out = if negated {
                TExpr::new(TKind::Not(Box::new(both)), Ty::Boolean)
            } else {
                both
            };
            return Some((out, None));
        }
        let (t, col) = self.expr(expr, ctx)?;
        let lo = literals::operand_against(self, low, &t, col, ctx);
        let hi = literals::operand_against(self, high, &t, col, ctx);
        let (lo, hi) = (lo?, hi?);
        Some((
            TExpr::new(
                TKind::Between {
                    expr: Box::new(t),
                    low: Box::new(lo),
                    high: Box::new(hi),
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }

    pub(super) fn matching(
        &mut self,
        op: MatchOp,
        ci: bool,
        expr: &Expr,
        pattern: &Expr,
        negated: bool,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        let (t, col) = self.expr(expr, ctx)?;
        let kw = op.keyword(ci);
        let ExprKind::Literal(Literal::String(p)) = &pattern.kind else {
            return self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    pattern.span,
                    format!("`{kw}` needs a string in quotes on its right"),
                )
                .with_help(format!("e.g. `{kw} 'text'`")),
            );
        };
        if t.ty == Ty::TextList {
            if op != MatchOp::Contains || ci {
                return self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        expr.span,
                        format!("`{kw}` does not apply to a list column"),
                    )
                    .with_help("use `contains 'value'` to test whether the list holds a value"),
                );
            }
            return Some((
                TExpr::new(
                    TKind::ListContains {
                        list: Box::new(t),
                        value: p.clone(),
                        negated,
                    },
                    Ty::Boolean,
                ),
                None,
            ));
        }
        if let Some(c) = col {
            if let ColumnType::Enum(values, _) = &c.ty {
                return self.err(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        expr.span,
                        format!(
                            "`{kw}` does not apply to `{}`, which has a fixed list of values",
                            c.id
                        ),
                    )
                    .with_help(format!(
                        "use `{} in (...)` with allowed values: {}",
                        c.id,
                        list_for_help(values.iter().map(|v| v.label.as_str()))
                    )),
                );
            }
        }
        if t.ty != Ty::Text {
            return self.err(
                Diagnostic::error(
                    Code::TypeMismatch,
                    expr.span,
                    format!("`{kw}` applies to text, found {}", t.ty.a()),
                )
                .with_help("compare numbers, durations and timestamps with `=`, `<`, `between`"),
            );
        }
        Some((
            TExpr::new(
                TKind::Match {
                    op,
                    case_insensitive: ci,
                    expr: Box::new(t),
                    pattern: p.clone(),
                    negated,
                },
                Ty::Boolean,
            ),
            None,
        ))
    }
}
