//! The total of a share: `SUM(m) OVER (PARTITION BY k...)` over the grouped rows, where `m`
//! is the group's aggregate (a window over an aggregate is evaluated after GROUP BY), or, in
//! the outer query of `share_groups`, where `m` is a column of the groups' CTE, the dialect's
//! SUM of that column with the window (`window_sum`, which `top` uses too).

use super::{Builder, B};
use crate::diagnostics::Span;
use crate::ir::{AggFunc, TExpr, TKind};
use crate::sql::functions::{Arg, Func};
use sqlparser::ast::{self as sa, Expr, WindowType};

impl Builder<'_> {
    pub(super) fn total(&self, m: &TExpr, within: &[TExpr], span: Span) -> B<Expr> {
        if !m.agg {
            // a column of the groups' CTE (`share_groups`): no aggregate inside the window
            let keys = within.iter().map(|k| self.expr(k)).collect::<B<Vec<_>>>()?;
            let sum = TExpr::new(
                TKind::Agg {
                    func: AggFunc::Sum,
                    arg: Some(Box::new(m.clone())),
                    filter: None,
                },
                m.ty,
            );
            return self.window_sum(&sum, keys, span);
        }
        let mut out = self.call(Func::TotalOver, vec![Arg::Expr(self.expr(m)?)], span)?;
        let keys = within.iter().map(|k| self.expr(k)).collect::<B<Vec<_>>>()?;
        partition_by(&mut out, keys);
        Ok(out)
    }

    /// The dialect's `SUM(x)` over the rows of a window: `SUM(x) OVER (PARTITION BY ...)`.
    pub(super) fn window_sum(&self, sum: &TExpr, partition_by: Vec<Expr>, span: Span) -> B<Expr> {
        let mut e = self.expr(sum)?;
        match &mut e {
            Expr::Function(f) => {
                f.over = Some(sa::WindowType::WindowSpec(sa::WindowSpec {
                    window_name: None,
                    partition_by,
                    order_by: vec![],
                    window_frame: None,
                }));
                Ok(e)
            }
            _ => Err(self.unsupported(
                "the total of a share",
                "its SUM is not a plain function call that can take a window",
                span,
            )),
        }
    }
}

/// A dialect's template `... OVER ()` around one function (a share's total, a percentile
/// window): its window takes `keys` as its PARTITION BY.
pub(super) fn partition_by(out: &mut Expr, keys: Vec<Expr>) {
    let mut keys = Some(keys);
    let _ = sqlparser::ast::visit_expressions_mut(out, |e| {
        if let Expr::Function(f) = e {
            if let Some(WindowType::WindowSpec(w)) = &mut f.over {
                if let Some(k) = keys.take() {
                    w.partition_by = k;
                }
            }
        }
        std::ops::ControlFlow::<()>::Continue(())
    });
}
