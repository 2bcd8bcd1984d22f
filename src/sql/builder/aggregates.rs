//! Aggregates: `count`, `sum`, ... with `FILTER (WHERE ...)` or, where the dialect has no
//! filter clause, a `CASE WHEN` argument; exact percentiles.

use super::precedence::num;
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{AggFunc, TExpr, Ty};
use crate::sql::functions::{Arg, Func};
use sqlparser::ast::Expr;

impl Builder<'_> {
    pub(super) fn case_when(&self, cond: &TExpr, then: Expr) -> B<Expr> {
        let c = self.cond(cond)?;
        self.call(
            Func::CaseWhen,
            vec![Arg::Expr(c), Arg::Expr(then)],
            cond.span,
        )
    }

    fn set_filter(&self, e: &mut Expr, cond: &TExpr) -> B<()> {
        let c = self.cond(cond)?;
        if let Expr::Function(f) = e {
            f.filter = Some(Box::new(c));
        }
        Ok(())
    }

    pub(super) fn aggregate(
        &self,
        func: AggFunc,
        arg: Option<&TExpr>,
        filter: Option<&TExpr>,
        span: Span,
    ) -> B<Expr> {
        let f = match func {
            AggFunc::CountStar => Func::CountStar,
            AggFunc::Count => Func::Count,
            AggFunc::CountDistinct => Func::CountDistinct,
            AggFunc::Sum if arg.is_some_and(|a| a.ty == Ty::Integer) => Func::SumInteger,
            AggFunc::Sum => Func::Sum,
            AggFunc::Avg => Func::Avg,
            AggFunc::Min => Func::Min,
            AggFunc::Max => Func::Max,
        };
        let use_case = filter.is_some() && !self.d.filter_clause;
        let mut args = Vec::new();
        let f = match (arg, filter) {
            (None, Some(cond)) if use_case => {
                // COUNT(*) FILTER (WHERE c)  ==  COUNT(CASE WHEN c THEN 1 END)
                args.push(Arg::Expr(self.case_when(cond, num(1))?));
                Func::Count
            }
            (Some(a), Some(cond)) if use_case => {
                args.push(Arg::Expr(self.case_when(cond, self.expr(a)?)?));
                f
            }
            (Some(a), _) => {
                args.push(Arg::Expr(self.expr(a)?));
                f
            }
            (None, _) => f,
        };
        let mut out = self.call(f, args, span)?;
        if let (Some(cond), false) = (filter, use_case) {
            self.set_filter(&mut out, cond)?;
        }
        Ok(out)
    }

    /// An exact continuous percentile, filtered like the other aggregates.
    pub(super) fn percentile(
        &self,
        arg: &TExpr,
        fraction: &str,
        filter: Option<&TExpr>,
        span: Span,
    ) -> B<Expr> {
        let a = match filter {
            Some(f) if !self.d.filter_clause => self.case_when(f, self.expr(arg)?)?,
            _ => self.expr(arg)?,
        };
        if self.d.percentiles_share_order {
            self.same_percentile_order(&a, span)?;
        }
        let mut out = self.call(
            Func::Percentile,
            vec![Arg::Expr(a), Arg::Expr(num(fraction))],
            span,
        )?;
        if let (Some(f), true) = (filter, self.d.filter_clause) {
            self.set_filter(&mut out, f)?;
        }
        Ok(out)
    }

    /// The first percentile's ORDER BY expression is kept; a later one must be the same.
    fn same_percentile_order(&self, order: &Expr, span: Span) -> B<()> {
        let mut first = self.percentile_order.borrow_mut();
        match first.as_ref() {
            None => {
                *first = Some(order.clone());
                Ok(())
            }
            Some(f) if f == order => Ok(()),
            Some(f) => Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!(
                    "{} cannot compute percentiles of different values in one query",
                    self.d.display
                ),
            )
            .with_label(format!("not supported by {}", self.d.display))
            .with_help(format!(
                "{} requires every PERCENTILE_CONT or MEDIAN of a query to order by the same \
                 values, and an earlier percentile orders by `{f}`, this one by `{order}`; put \
                 this percentile in a second report",
                self.d.display
            ))),
        }
    }
}
