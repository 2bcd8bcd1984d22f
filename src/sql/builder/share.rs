//! The total of a share: `SUM(m) OVER (PARTITION BY k...)` over the grouped rows, where `m`
//! is the group's aggregate (a window over an aggregate is evaluated after GROUP BY).

use super::{Builder, B};
use crate::diagnostics::Span;
use crate::ir::TExpr;
use crate::sql::functions::{Arg, Func};
use sqlparser::ast::{Expr, WindowType};

impl Builder<'_> {
    pub(super) fn total(&self, m: &TExpr, within: &[TExpr], span: Span) -> B<Expr> {
        let mut out = self.call(Func::TotalOver, vec![Arg::Expr(self.expr(m)?)], span)?;
        let keys = within.iter().map(|k| self.expr(k)).collect::<B<Vec<_>>>()?;
        // the dialect's template is `... OVER ()` around one function: its window takes the keys
        let mut keys = Some(keys);
        let _ = sqlparser::ast::visit_expressions_mut(&mut out, |e| {
            if let Expr::Function(f) = e {
                if let Some(WindowType::WindowSpec(w)) = &mut f.over {
                    if let Some(k) = keys.take() {
                        w.partition_by = k;
                    }
                }
            }
            std::ops::ControlFlow::<()>::Continue(())
        });
        Ok(out)
    }
}
