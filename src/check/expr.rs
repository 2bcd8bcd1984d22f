//! Expressions: names, literals, negation, `not`, operators and their result types, relative
//! ranges and time buckets; predicates and calls are in their own files.

use super::{calls, literals, Checker, Ctx, R};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Literal};
use crate::vocab::{BinOp, RelativeRange};

impl<'c> Checker<'c> {
    pub(super) fn expr(&mut self, e: &Expr, ctx: Ctx) -> Option<R<'c>> {
        let (mut t, col) = self.expr_inner(e, ctx)?;
        if t.span.is_empty() {
            t.span = e.span;
        }
        Some((t, col))
    }

    pub(super) fn expr_inner(&mut self, e: &Expr, ctx: Ctx) -> Option<R<'c>> {
        match &e.kind {
            ExprKind::Name(n) => self.name(n, e.span, ctx),
            ExprKind::Literal(lit) => literals::natural(self, lit, e.span),
            ExprKind::Param(p) => self.param(p, e.span),
            ExprKind::Neg(inner) => {
                let (t, _) = self.expr(inner, ctx)?;
                if !(t.ty.is_numeric() || matches!(t.ty, Ty::Duration(_))) {
                    return self.err(Diagnostic::error(
                        Code::TypeMismatch,
                        e.span,
                        format!("cannot negate {}", t.ty.a()),
                    ));
                }
                let ty = t.ty;
                Some((TExpr::new(TKind::Neg(Box::new(t)), ty), None))
            }
            ExprKind::Not(inner) => {
                let (t, _) = self.expr(inner, ctx)?;
                if t.ty != Ty::Boolean {
                    return self.err(
                        Diagnostic::error(
                            Code::NotACondition,
                            inner.span,
                            format!("`not` needs a condition, found {}", t.ty.a()),
                        )
                        .with_help("write `not (x = 1)`, or `x != 1`"),
                    );
                }
                Some((TExpr::new(TKind::Not(Box::new(t)), Ty::Boolean), None))
            }
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right, e.span, ctx),
            ExprKind::InList {
                expr,
                list,
                negated,
            } => self.in_list(expr, list, *negated, ctx),
            ExprKind::InRange {
                expr,
                range,
                negated,
            } => {
                let (t, _) = self.expr(expr, ctx)?;
                if t.ty != (Ty::Timestamp { local: false }) {
                    return self.err(
                        Diagnostic::error(Code::NotATimestamp, expr.span, format!("`in {}` needs a stored timestamp column, found {}", range_text(range.value), t.ty.a()))
                            .with_help("relative ranges apply to timestamp columns such as `distribution_date`"),
                    );
                }
                Some((
                    TExpr::new(
                        TKind::InRange {
                            expr: Box::new(t),
                            range: range.value,
                            negated: *negated,
                        },
                        Ty::Boolean,
                    ),
                    None,
                ))
            }
            ExprKind::Between {
                expr,
                low,
                high,
                negated,
            } => self.between(expr, low, high, *negated, e.span, ctx),
            ExprKind::IsNull { expr, negated } => {
                let (t, _) = self.expr(expr, ctx)?;
                Some((
                    TExpr::new(
                        TKind::IsNull {
                            expr: Box::new(t),
                            negated: *negated,
                        },
                        Ty::Boolean,
                    ),
                    None,
                ))
            }
            ExprKind::Match {
                op,
                case_insensitive,
                expr,
                pattern,
                negated,
            } => self.matching(*op, *case_insensitive, expr, pattern, *negated, ctx),
            ExprKind::Call { name, args, filter } => {
                calls::call(self, name, args, filter.as_deref(), e.span, ctx)
            }
            ExprKind::Bucket { expr, unit } => {
                let (t, _) = self.expr(expr, ctx)?;
                if t.ty != (Ty::Timestamp { local: false }) {
                    return self.err(
                        Diagnostic::error(
                            Code::NotATimestamp,
                            expr.span,
                            format!(
                                "`by {}` needs a stored timestamp column, found {}",
                                unit.value.name(),
                                t.ty.a()
                            ),
                        )
                        .with_help(
                            "time buckets apply to timestamp columns such as `distribution_date`",
                        ),
                    );
                }
                Some((
                    TExpr::new(
                        TKind::Bucket {
                            expr: Box::new(t),
                            unit: unit.value,
                        },
                        Ty::Timestamp { local: true },
                    ),
                    None,
                ))
            }
        }
    }

    pub(super) fn binary(
        &mut self,
        op: BinOp,
        l: &Expr,
        r: &Expr,
        span: Span,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        if matches!(op, BinOp::And | BinOp::Or) {
            let lt = self.expr(l, ctx);
            let rt = self.expr(r, ctx);
            let (lt, _) = lt?;
            let (rt, _) = rt?;
            for (t, e) in [(&lt, l), (&rt, r)] {
                if t.ty != Ty::Boolean {
                    return self.err(
                        Diagnostic::error(
                            Code::NotACondition,
                            e.span,
                            format!(
                                "`{}` needs conditions on both sides, found {}",
                                op.symbol(),
                                t.ty.a()
                            ),
                        )
                        .with_help("compare the value with something, e.g. `x = 'a'`"),
                    );
                }
            }
            return Some((
                TExpr::new(
                    TKind::Binary {
                        op,
                        left: Box::new(lt),
                        right: Box::new(rt),
                    },
                    Ty::Boolean,
                ),
                None,
            ));
        }
        if op.is_comparison() {
            return literals::compare(self, op, l, r, span, ctx);
        }
        // arithmetic; a duration or time literal takes its type from the other operand
        let typed_lit = |e: &Expr| {
            matches!(
                e.kind,
                ExprKind::Literal(Literal::Duration(_) | Literal::Date(_) | Literal::Timestamp(_))
            )
        };
        let (lt, rt) = if typed_lit(r) && !typed_lit(l) {
            let (lt, col) = self.expr(l, ctx)?;
            let rt = literals::operand_against(self, r, &lt, col, ctx)?;
            (lt, rt)
        } else if typed_lit(l) && !typed_lit(r) {
            let (rt, col) = self.expr(r, ctx)?;
            let lt = literals::operand_against(self, l, &rt, col, ctx)?;
            (lt, rt)
        } else {
            let lt = self.expr(l, ctx);
            let rt = self.expr(r, ctx);
            (lt?.0, rt?.0)
        };
        let ty = match (op, lt.ty, rt.ty) {
            (BinOp::Div, a, b)
                if (a.is_numeric() || matches!(a, Ty::Duration(_)))
                    && (b.is_numeric() || matches!(b, Ty::Duration(_))) =>
            {
                match (a, b) {
                    (Ty::Duration(u), b) if b.is_numeric() => Ty::Duration(u),
                    _ => Ty::Number,
                }
            }
            (_, Ty::Integer, Ty::Integer) => Ty::Integer,
            (_, a, b) if a.is_numeric() && b.is_numeric() => Ty::Number,
            (BinOp::Add | BinOp::Sub, Ty::Duration(u), Ty::Duration(v)) if u == v => {
                Ty::Duration(u)
            }
            (BinOp::Mul, Ty::Duration(u), b) if b.is_numeric() => Ty::Duration(u),
            (BinOp::Mul, a, Ty::Duration(u)) if a.is_numeric() => Ty::Duration(u),
            (_, a, b) => {
                let mut d = Diagnostic::error(
                    Code::TypeMismatch,
                    span,
                    format!("cannot apply `{}` to {} and {}", op.symbol(), a.a(), b.a()),
                )
                .with_secondary(l.span, a.name())
                .with_secondary(r.span, b.name());
                if matches!(
                    (a, b),
                    (Ty::Duration(_), Ty::Integer | Ty::Number)
                        | (Ty::Integer | Ty::Number, Ty::Duration(_))
                ) {
                    d = d.with_help("write the number as a duration, e.g. `30s`");
                }
                return self.err(d);
            }
        };
        let kind = if op == BinOp::Div {
            TKind::Div {
                left: Box::new(lt),
                right: Box::new(rt),
            }
        } else {
            TKind::Binary {
                op,
                left: Box::new(lt),
                right: Box::new(rt),
            }
        };
        Some((TExpr::new(kind, ty), None))
    }
}

/// A relative range in words, for messages.
fn range_text(r: RelativeRange) -> String {
    match r {
        RelativeRange::Last(n, u) => format!("last {n} {}s", u.name()),
        RelativeRange::This(u) => format!("this {}", u.name()),
        RelativeRange::Previous(u) => format!("previous {}", u.name()),
    }
}
