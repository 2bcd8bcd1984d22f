//! IR expressions -> SQL expressions: columns, operators, lists, ranges, functions; operands
//! and conditions parenthesised as the tree needs.

use super::precedence::{binop, nest, not, num, prec};
use super::{Builder, B};
use crate::ir::*;
use crate::sql::functions::{Arg, Func};
use crate::vocab::BinOp;
use sqlparser::ast::{self as sa, BinaryOperator, Expr, UnaryOperator};

impl Builder<'_> {
    /// An expression of the IR as a SQL expression.
    pub fn expr(&self, e: &TExpr) -> B<Expr> {
        let span = e.span;
        Ok(match &e.kind {
            TKind::Column(name) if self.shadowed.contains(name) => Expr::CompoundIdentifier(vec![
                self.ident(&self.table, span)?,
                self.ident(name, span)?,
            ]),
            TKind::Column(name) => Expr::Identifier(self.ident(name, span)?),
            TKind::Lit(v) => self.value(v, e.ty, span)?,
            TKind::Param { index, name } => self.placeholder(*index, name, e.ty),
            TKind::Neg(x) => {
                let x = self.expr(x)?;
                let x = if prec(&x) < 7 { nest(x) } else { x };
                Expr::UnaryOp {
                    op: UnaryOperator::Minus,
                    expr: Box::new(x),
                }
            }
            TKind::Not(x) => not(self.cond(x)?),
            TKind::Binary { op, left, right } => {
                let (l, r) = if matches!(op, BinOp::And | BinOp::Or) {
                    (self.cond(left)?, self.cond(right)?)
                } else {
                    (self.expr(left)?, self.expr(right)?)
                };
                let op = match op {
                    BinOp::Add => BinaryOperator::Plus,
                    BinOp::Sub => BinaryOperator::Minus,
                    BinOp::Mul => BinaryOperator::Multiply,
                    BinOp::Div => BinaryOperator::Divide,
                    BinOp::Eq => BinaryOperator::Eq,
                    BinOp::NotEq => BinaryOperator::NotEq,
                    BinOp::Lt => BinaryOperator::Lt,
                    BinOp::LtEq => BinaryOperator::LtEq,
                    BinOp::Gt => BinaryOperator::Gt,
                    BinOp::GtEq => BinaryOperator::GtEq,
                    BinOp::And => BinaryOperator::And,
                    BinOp::Or => BinaryOperator::Or,
                };
                binop(op, l, r)
            }
            TKind::Div { left, right } => {
                let l = self.call(Func::ToFloat, vec![Arg::Expr(self.expr(left)?)], span)?;
                let r = self.call(Func::NullIfZero, vec![Arg::Expr(self.expr(right)?)], span)?;
                binop(BinaryOperator::Divide, l, r)
            }
            TKind::InList {
                expr,
                list,
                negated,
            } => Expr::In {
                expr: Box::new(self.operand(expr)?),
                target: sa::InTarget::List(
                    list.iter().map(|x| self.expr(x)).collect::<B<Vec<_>>>()?,
                ),
                negated: *negated,
                global: false,
            },
            TKind::Between {
                expr,
                low,
                high,
                negated,
            } => Expr::Between {
                expr: Box::new(self.operand(expr)?),
                negated: *negated,
                low: Box::new(self.operand(low)?),
                high: Box::new(self.operand(high)?),
            },
            TKind::IsNull { expr, negated } => {
                let x = Box::new(self.operand(expr)?);
                if *negated {
                    Expr::IsNotNull(x)
                } else {
                    Expr::IsNull(x)
                }
            }
            TKind::Match {
                op,
                case_insensitive,
                expr,
                pattern,
                negated,
            } => self.text_match(*op, *case_insensitive, expr, pattern, *negated, span)?,
            TKind::ListContains {
                list,
                value,
                negated,
            } => self.list_contains(list, value, *negated, span)?,
            TKind::Agg { func, arg, filter } => {
                self.aggregate(*func, arg.as_deref(), filter.as_deref(), span)?
            }
            TKind::Percentile {
                arg,
                fraction,
                filter,
            } => self.percentile(arg, fraction, filter.as_deref(), span)?,
            TKind::Func { func, args } => {
                if self.d.case_fold_ascii_only
                    && matches!(func, ScalarFunc::Lower | ScalarFunc::Upper)
                {
                    return Err(self.unsupported(
                        "lower()/upper()",
                        &format!("{}'s lower() and upper() change ASCII letters only (without the ICU extension), so `É` stays `É`", self.d.display),
                        span,
                    ));
                }
                let f = match func {
                    ScalarFunc::Lower => Func::Lower,
                    ScalarFunc::Upper => Func::Upper,
                    ScalarFunc::Round => Func::Round,
                    ScalarFunc::Coalesce => Func::Coalesce,
                    ScalarFunc::ZeroIfNull => Func::ZeroIfNull,
                };
                let args = args
                    .iter()
                    .map(|a| self.expr(a).map(Arg::Expr))
                    .collect::<B<Vec<_>>>()?;
                self.call(f, args, span)?
            }
            TKind::Bucket { expr, unit } => self.bucket(expr, *unit, span)?,
            TKind::InRange {
                expr,
                range,
                negated,
            } => self.in_range(expr, *range, *negated, span)?,
            TKind::Total { expr, within } => self.total(expr, within, span)?,
            // only `comparison.rs` renders a plan with `previous`, over its generated columns
            TKind::Previous { .. } | TKind::Window { .. } => {
                return Err(crate::diagnostics::Diagnostic::error(
                    crate::diagnostics::Code::ComparisonPlace,
                    span,
                    "`previous`, `rolling` and `running` are not allowed here",
                )
                .with_help(
                    "use previous(), change() and relative_change() in `columns` or `having`",
                ))
            }
        })
    }

    /// An expression used as the operand of IN/BETWEEN/IS: parenthesised unless atomic.
    pub(super) fn operand(&self, e: &TExpr) -> B<Expr> {
        let x = self.expr(e)?;
        Ok(if prec(&x) <= 5 { nest(x) } else { x })
    }

    /// An expression in a condition position. Where there is no boolean type (T-SQL, Oracle),
    /// a bare yes/no column or literal becomes `x = 1`.
    pub(super) fn cond(&self, e: &TExpr) -> B<Expr> {
        let x = self.expr(e)?;
        let bare = matches!(e.kind, TKind::Column(_) | TKind::Lit(_)) && e.ty == Ty::Boolean;
        Ok(if bare && !self.d.boolean_literals {
            binop(BinaryOperator::Eq, x, num(1))
        } else {
            x
        })
    }
}
