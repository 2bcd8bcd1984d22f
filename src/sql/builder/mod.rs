//! IR -> sqlparser AST for one dialect. The only module that constructs sqlparser AST nodes
//! (sqlparser's AST changes every minor release; its version is pinned in Cargo.toml).
//! It reads the dialect's capability row and function table and never matches on a dialect.
//!
//! | file | what it builds |
//! |---|---|
//! | `statement.rs` | the SELECT statement from the dialect's query skeleton |
//! | `expr.rs` | IR expressions, operands and conditions |
//! | `precedence.rs` | binding strength, parentheses and small operator nodes |
//! | `identifiers.rs` | quoted or bare names |
//! | `joins.rs` | the FROM of a report following links: LEFT JOINs inside a derived table |
//! | `literals.rs` | string, number, boolean and timestamp literals |
//! | `labels.rs` | enum labels instead of stored codes (`CASE code WHEN ... END`) |
//! | `matching.rs` | `contains`, `starts_with`, `ends_with` and list containment |
//! | `aggregates.rs` | aggregates, filtered aggregates and percentiles |
//! | `time.rs` | time zones, buckets and relative ranges computed by the engine |
//! | `share.rs` | the window total of `share()` |
//! | `comparison.rs` | `previous`: per-bucket CTE LEFT JOINed to itself one unit earlier |
//! | `comparison_scan.rs` | the comparison's date filter, widened by one unit |
//! | `top_rest.rs` | `top`: groups ranked in CTEs, the top N and one re-aggregated rest row |
//! | `fill.rs` | `fill`: every bucket of the range (a recursive CTE) LEFT JOINed to the aggregates |
//! | `window.rs` | `rolling`/`running`: shown buckets joined to the rows of their window |

mod aggregates;
pub mod comparison;
mod comparison_scan;
mod expr;
mod fill;
mod identifiers;
pub mod joins;
mod labels;
mod literals;
mod matching;
pub mod percentile_rows;
mod precedence;
mod share;
pub mod share_groups;
mod statement;
mod time;
pub mod top_rest;
pub mod window;

use super::dialect::Dialect;
use super::functions::{instantiate, parse_template, Arg, Func, Render};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::Zone;
use sqlparser::ast::Expr;

pub struct Builder<'d> {
    pub d: &'d Dialect,
    /// The report time zone (`None` is UTC), resolved by check.
    pub zone: Option<&'d Zone>,
    /// The table name that qualifies a column whose name an output alias shadows.
    pub table: String,
    /// Physical column names that are also the alias of a different output: written
    /// `table.column`, since engines disagree on which one a bare name means in HAVING.
    pub shadowed: Vec<String>,
    /// The ORDER BY expression of the statement's first percentile, where the dialect needs
    /// every percentile to share it (`Dialect::percentiles_share_order`).
    pub percentile_order: std::cell::RefCell<Option<Expr>>,
    /// The stored bounds of the relative ranges built more than once (`time::range_bounds`): a
    /// comparison repeats its range in every filtered aggregate and CTE, and the bounds depend
    /// only on the range, the zone and the dialect. A range is kept from its second use on, so
    /// a report that uses it once pays no copy.
    pub range_bounds: std::cell::RefCell<RangeMemo>,
}

type B<T> = Result<T, Diagnostic>;

/// The ranges seen once, and the bounds of those seen again (`Builder::range_bounds`).
#[derive(Default)]
pub struct RangeMemo {
    seen: Vec<crate::vocab::RelativeRange>,
    kept: Vec<(crate::vocab::RelativeRange, (Expr, Expr))>,
}

impl<'d> Builder<'d> {
    /// A builder for one statement (its per-statement state empty).
    pub fn new(
        d: &'d Dialect,
        zone: Option<&'d Zone>,
        table: String,
        shadowed: Vec<String>,
    ) -> Self {
        Builder {
            d,
            zone,
            table,
            shadowed,
            percentile_order: Default::default(),
            range_bounds: Default::default(),
        }
    }

    fn unsupported(&self, what: &str, reason: &str, span: Span) -> Diagnostic {
        Diagnostic::error(
            Code::Unsupported,
            span,
            format!(
                "{} cannot express {what} with the same meaning",
                self.d.display
            ),
        )
        .with_label(format!("not supported by {}", self.d.display))
        .with_help(format!(
            "{reason}; compile for another dialect or remove this construct"
        ))
    }

    /// Instantiate the dialect's rendering of `f`.
    fn call(&self, f: Func, args: Vec<Arg>, span: Span) -> B<Expr> {
        match self.d.render(f) {
            Render::Sql(_) => {
                let t = parse_template(self.d, f).map_err(|e| {
                    Diagnostic::error(Code::Unsupported, span, format!("internal error: {e}"))
                        .with_help("this is a bug in reportc's function table; please report it")
                })?;
                Ok(instantiate(t, args))
            }
            Render::Unsupported(reason) => Err(self.unsupported(f.describe(), reason, span)),
            Render::NotYet(reason) => Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!(
                    "reportc cannot compile {} for {} yet",
                    f.describe(),
                    self.d.display
                ),
            )
            .with_label(format!("not yet supported for {}", self.d.display))
            .with_help(format!(
                "{reason}; compile for another dialect or remove this construct"
            ))),
        }
    }
}

#[cfg(test)]
mod tests;
