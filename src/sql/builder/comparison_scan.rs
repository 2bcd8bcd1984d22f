//! The scan of a comparison (`comparison.rs`): the date filter on the bucketed column, widened
//! so that the previous bucket of every shown bucket is read too. A lower bound `ts >= lo`
//! becomes `ts >= <start of lo's bucket, one step earlier>` (in the report time zone); an upper
//! bound stays (previous buckets lie before it); any other condition on the column is left out
//! of the scan (every row is read, the condition still decides which buckets are shown).

use super::comparison::Step;
use super::precedence::binop;
use super::{Builder, B};
use crate::ir::{TExpr, TKind};
use crate::vocab::{BinOp, TimeUnit};
use sqlparser::ast::{BinaryOperator, Expr};

impl Builder<'_> {
    /// The scan's version of one filter that mentions the bucketed column `ts`, or `None`
    /// where it cannot be widened (the scan then reads every row).
    pub(super) fn scan_bound(
        &self,
        f: &TExpr,
        ts: &str,
        unit: TimeUnit,
        step: Step,
    ) -> B<Option<Expr>> {
        let is_ts = |e: &TExpr| matches!(&e.kind, TKind::Column(c) if c == ts);
        let span = f.span;
        Ok(match &f.kind {
            TKind::Binary {
                op: BinOp::And,
                left,
                right,
            } => {
                let l = self.scan_bound(left, ts, unit, step)?;
                let r = self.scan_bound(right, ts, unit, step)?;
                match (l, r) {
                    (Some(l), Some(r)) => Some(binop(BinaryOperator::And, l, r)),
                    (one, None) | (None, one) => one,
                }
            }
            TKind::Binary {
                op: BinOp::GtEq | BinOp::Gt,
                left,
                right,
            } if is_ts(left) => {
                let lo = self.widen(self.expr(right)?, unit, step, f)?;
                Some(binop(BinaryOperator::GtEq, self.expr(left)?, lo))
            }
            TKind::Binary {
                op: BinOp::Lt | BinOp::LtEq,
                left,
                ..
            } if is_ts(left) => Some(self.expr(f)?),
            TKind::Between {
                expr,
                low,
                high,
                negated: false,
            } if is_ts(expr) => {
                let x = self.expr(expr)?;
                let lo = self.widen(self.expr(low)?, unit, step, f)?;
                Some(binop(
                    BinaryOperator::And,
                    binop(BinaryOperator::GtEq, x.clone(), lo),
                    binop(BinaryOperator::LtEq, x, self.expr(high)?),
                ))
            }
            TKind::InRange {
                expr,
                range,
                negated: false,
            } if is_ts(expr) => {
                let x = self.expr(expr)?;
                let (lo, hi) = self.range_bounds(*range, span)?;
                let lo = self.widen(lo, unit, step, f)?;
                Some(binop(
                    BinaryOperator::And,
                    binop(BinaryOperator::GtEq, x.clone(), lo),
                    binop(BinaryOperator::Lt, x, hi),
                ))
            }
            _ => None,
        })
    }

    /// The start of the bucket (of `unit`) holding stored instant `lo`, one step earlier, as a
    /// stored instant.
    fn widen(&self, lo: Expr, unit: TimeUnit, step: Step, f: &TExpr) -> B<Expr> {
        let local = self.stored_to_local(lo, f.span)?;
        let start = self.trunc(unit, local, f.span)?;
        let back = self.shift(start, -step.k, step.unit, f.span)?;
        self.local_to_stored(back, f.span)
    }
}
