//! Time on the engine: stored UTC instants to and from the report zone (Windows names where
//! the dialect wants them), buckets, and relative ranges computed from the engine's clock.

use super::precedence::binop;
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::TExpr;
use crate::sql::functions::{Arg, Func};
use crate::vocab::{BaseUnit, RelativeRange, TimeUnit};
use sqlparser::ast::{BinaryOperator, Expr};

impl Builder<'_> {
    /// Truncate a stored timestamp to a unit, in the report time zone (a local result).
    pub(super) fn bucket(&self, expr: &TExpr, unit: TimeUnit, span: Span) -> B<Expr> {
        let local = self.stored_to_local(self.expr(expr)?, span)?;
        self.trunc(unit, local, span)
    }

    /// `x in <range>`: a sargable `x >= lo AND x < hi` on the raw column.
    pub(super) fn in_range(
        &self,
        expr: &TExpr,
        range: RelativeRange,
        negated: bool,
        span: Span,
    ) -> B<Expr> {
        let x = self.expr(expr)?;
        let (lo, hi) = self.range_bounds(range, span)?;
        Ok(if negated {
            binop(
                BinaryOperator::Or,
                binop(BinaryOperator::Lt, x.clone(), lo),
                binop(BinaryOperator::GtEq, x, hi),
            )
        } else {
            binop(
                BinaryOperator::And,
                binop(BinaryOperator::GtEq, x.clone(), lo),
                binop(BinaryOperator::Lt, x, hi),
            )
        })
    }

    fn tz_arg(&self, tz: &str, span: Span) -> B<Arg> {
        if !self.d.windows_zone_names {
            return Ok(Arg::Expr(self.string(tz, span)?));
        }
        match crate::sql::windows_zones::windows_zone(tz) {
            Some(w) => Ok(Arg::Expr(self.string(w, span)?)),
            None => Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!("{} names time zones with Windows names, and reportc knows none for `{tz}`", self.d.display),
            )
            .with_help("use the report time zone of a nearby city (src/sql/windows_zones.rs lists the known ones)")),
        }
    }

    pub(super) fn stored_to_local(&self, x: Expr, span: Span) -> B<Expr> {
        match self.zone {
            Some(z) => self.call(
                Func::ToLocal,
                vec![Arg::Expr(x), self.tz_arg(&z.name, span)?],
                span,
            ),
            None => self.call(Func::ToLocalUtc, vec![Arg::Expr(x)], span),
        }
    }

    pub(super) fn local_to_stored(&self, x: Expr, span: Span) -> B<Expr> {
        match self.zone {
            Some(z) => self.call(
                Func::FromLocal,
                vec![Arg::Expr(x), self.tz_arg(&z.name, span)?],
                span,
            ),
            None => self.call(Func::FromLocalUtc, vec![Arg::Expr(x)], span),
        }
    }

    pub(super) fn trunc(&self, unit: TimeUnit, x: Expr, span: Span) -> B<Expr> {
        let f = match unit {
            TimeUnit::Hour => Func::TruncHour,
            TimeUnit::Day => Func::TruncDay,
            TimeUnit::Week => Func::TruncWeek,
            TimeUnit::Month => Func::TruncMonth,
            TimeUnit::Quarter => Func::TruncQuarter,
            TimeUnit::Year => Func::TruncYear,
        };
        self.call(f, vec![Arg::Expr(x)], span)
    }

    /// `x + k units`, in local wall-clock time.
    pub(super) fn shift(&self, x: Expr, k: i64, unit: TimeUnit, span: Span) -> B<Expr> {
        let (base, per) = unit.in_base();
        let k = per * k;
        if k == 0 {
            return Ok(x);
        }
        let f = match (base, k > 0) {
            (BaseUnit::Hours, true) => Func::AddHours,
            (BaseUnit::Days, true) => Func::AddDays,
            (BaseUnit::Months, true) => Func::AddMonths,
            (BaseUnit::Hours, false) => Func::SubHours,
            (BaseUnit::Days, false) => Func::SubDays,
            (BaseUnit::Months, false) => Func::SubMonths,
        };
        let n = k.abs();
        self.call(f, vec![Arg::Expr(x), Arg::Int(n)], span)
    }

    /// `x + n units`, in local wall-clock time, for a count `n` that is an expression (the
    /// numbers of a filled report, never negative).
    pub(super) fn step(&self, x: Expr, n: Expr, unit: TimeUnit, span: Span) -> B<Expr> {
        let (base, per) = unit.in_base();
        let n = if per == 1 {
            n
        } else {
            binop(BinaryOperator::Multiply, n, super::precedence::num(per))
        };
        let f = match base {
            BaseUnit::Hours => Func::StepHours,
            BaseUnit::Days => Func::StepDays,
            BaseUnit::Months => Func::StepMonths,
        };
        self.call(f, vec![Arg::Expr(x), Arg::Expr(n)], span)
    }

    /// Lower and upper bounds (stored-UTC domain) of a relative range, computed by the engine.
    pub(super) fn range_bounds(&self, r: RelativeRange, span: Span) -> B<(Expr, Expr)> {
        let again = {
            let memo = self.range_bounds.borrow();
            if let Some((_, bounds)) = memo.kept.iter().find(|(k, _)| *k == r) {
                return Ok(bounds.clone());
            }
            memo.seen.contains(&r)
        };
        let (lo, hi) = self.local_range_bounds(r, span)?;
        let bounds = (
            self.local_to_stored(lo, span)?,
            self.local_to_stored(hi, span)?,
        );
        let mut memo = self.range_bounds.borrow_mut();
        if again {
            memo.kept.push((r, bounds.clone()));
        } else {
            memo.seen.push(r);
        }
        Ok(bounds)
    }

    /// Lower and upper bounds of a relative range as wall-clock times of the report zone.
    pub(super) fn local_range_bounds(&self, r: RelativeRange, span: Span) -> B<(Expr, Expr)> {
        let local_now = match self.zone {
            Some(z) => self.call(Func::NowLocal, vec![self.tz_arg(&z.name, span)?], span)?,
            None => {
                let now = self.call(Func::NowUtc, vec![], span)?;
                self.stored_to_local(now, span)?
            }
        };
        let (unit, lo_k, hi_k) = r.unit_offsets();
        let start = self.trunc(unit, local_now, span)?;
        let lo = self.shift(start.clone(), lo_k, unit, span)?;
        let hi = self.shift(start, hi_k, unit, span)?;
        Ok((lo, hi))
    }
}
