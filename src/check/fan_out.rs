//! Distinct counts and percentiles of a many side (`count_distinct(sms.origin)`,
//! `median(sms.credits)` from a `messages` report). They cannot be merged from per-key values
//! as the other many-side aggregates are (`many.rs`): two messages of a channel may share an
//! origin. So the many side's rows are joined to the report's rows ([`ir::Fan`]): a message with
//! k SMS is read k times, each SMS once, and the distinct count or percentile reads the SMS
//! values directly. Every other aggregate of the report then reads only the first copy of each
//! message (`first = 1`, added to its `where`), so no message is counted twice.
//!
//! One many side per report may be fanned out: two would multiply each other's rows (a
//! message with 3 SMS and 2 distributions read 6 times), and a percentile of either would weigh
//! its values by the other's count. A second is refused (E0272).

use super::{Checker, R};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{self, AggFunc, Query, TExpr, TKind, Ty, Value};
use crate::vocab::BinOp;

use super::many::ManySide;

impl<'c> Checker<'c> {
    /// The report-level aggregate for `agg`, a distinct count or percentile over the columns
    /// of `side`; `None` when `agg` is another aggregate (merged per key instead).
    pub(super) fn fan_call(
        &mut self,
        side: &ManySide,
        agg: &TExpr,
        span: Span,
    ) -> Option<Option<R<'c>>> {
        let (arg, filter) = match &agg.kind {
            TKind::Agg {
                func: AggFunc::CountDistinct,
                arg: Some(a),
                filter,
            } => (a, filter),
            TKind::Percentile { arg, filter, .. } => (arg, filter),
            _ => return None,
        };
        let Some(g) = self.fan_part(side, (**arg).clone(), filter.as_deref().cloned(), span) else {
            return Some(None);
        };
        let column = Box::new(TExpr::new(TKind::Column(g), arg.ty));
        let out = match &agg.kind {
            TKind::Percentile { fraction, .. } => TKind::Percentile {
                arg: column,
                fraction: fraction.clone(),
                filter: None,
            },
            _ => TKind::Agg {
                func: AggFunc::CountDistinct,
                arg: Some(column),
                filter: None,
            },
        };
        Some(Some((TExpr::new(out, agg.ty), None)))
    }

    /// Register one per-row value of `side`'s fanned-out rows, once; its generated name.
    /// `None` (and E0272) when another many side is fanned out already.
    fn fan_part(
        &mut self,
        side: &ManySide,
        arg: TExpr,
        filter: Option<TExpr>,
        span: Span,
    ) -> Option<String> {
        if let Some(other) = self
            .joins
            .iter()
            .find(|j| j.fan.is_some() && j.link != side.name)
        {
            let other = other.link.clone();
            self.diags.push(
                Diagnostic::error(
                    Code::ManyNotMergeable,
                    span,
                    format!(
                        "distinct counts or percentiles of both `{other}` and `{}` rows in one report would repeat each one's rows once per row of the other (fan-out)",
                        side.name
                    ),
                )
                .with_help(format!(
                    "keep the distinct counts and percentiles of one of them here, and put the other's in a report of its own (counts, sums, averages, min and max of `{}` may stay)",
                    side.name
                )),
            );
            return None;
        }
        let i = match self.joins.iter().position(|j| j.fan.is_some()) {
            Some(i) => i,
            None => {
                let from = self
                    .source
                    .column(&side.link.to_column)
                    .map(|c| c.physical.clone())
                    .unwrap_or_default();
                let to = side
                    .source
                    .column(&side.link.column)
                    .map(|c| c.physical.clone())
                    .unwrap_or_default();
                let i = self.joins.len();
                let first = self.generated_name(&format!("{}__first", side.name), i, 0);
                self.joins.push(ir::Join {
                    link: side.name.clone(),
                    table: side.source.table.clone(),
                    from,
                    to,
                    columns: Vec::new(),
                    many: None,
                    fan: Some(ir::Fan {
                        parts: Vec::new(),
                        first,
                    }),
                    span,
                });
                i
            }
        };
        let fan = self.joins[i].fan.as_ref()?;
        if let Some(p) = fan
            .parts
            .iter()
            .find(|p| p.arg == arg && p.filter == filter)
        {
            return Some(p.name.clone());
        }
        let n = fan.parts.len();
        let g = self.generated_name(&format!("{}__v{}", side.name, n + 1), i, n + 1);
        if let Some(fan) = self.joins[i].fan.as_mut() {
            fan.parts.push(ir::FanPart {
                arg,
                filter,
                name: g.clone(),
            });
        }
        Some(g)
    }
}

/// In a report with a fanned-out many side, every aggregate that reads none of its values
/// reads the first copy of each report row only: `first = 1` joins its `where`.
pub(super) fn first_copies_only(q: &mut Query) {
    let Some(fan) = q.joins.iter().find_map(|j| j.fan.as_ref()) else {
        return;
    };
    let first = fan.first.clone();
    let fanned: Vec<String> = fan.parts.iter().map(|p| p.name.clone()).collect();
    for o in &mut q.outputs {
        only_first(&mut o.expr, &first, &fanned);
    }
    for h in &mut q.having {
        only_first(h, &first, &fanned);
    }
}

fn only_first(e: &mut TExpr, first: &str, fanned: &[String]) {
    let reads_fanned = |e: &TExpr| {
        fn walk(e: &TExpr, fanned: &[String], found: &mut bool) {
            if let TKind::Column(c) = &e.kind {
                *found |= fanned.contains(c);
            }
            e.kind.for_each_child(|c| walk(c, fanned, found));
        }
        let mut found = false;
        walk(e, fanned, &mut found);
        found
    };
    if !matches!(e.kind, TKind::Agg { .. } | TKind::Percentile { .. }) {
        e.kind.for_each_child_mut(|c| only_first(c, first, fanned));
        return;
    }
    // an aggregate holds no aggregate: nothing below it to rewrite
    if reads_fanned(e) {
        return;
    }
    if let TKind::Agg { filter, .. } | TKind::Percentile { filter, .. } = &mut e.kind {
        let is_first = TExpr::new(
            TKind::Binary {
                op: BinOp::Eq,
                left: Box::new(TExpr::new(TKind::Column(first.to_string()), Ty::Integer)),
                right: Box::new(TExpr::new(
                    TKind::Lit(Value::Number("1".into())),
                    Ty::Integer,
                )),
            },
            Ty::Boolean,
        );
        *filter = Some(Box::new(match filter.take() {
            None => is_first,
            Some(f) => TExpr::new(
                TKind::Binary {
                    op: BinOp::And,
                    left: Box::new(is_first),
                    right: f,
                },
                Ty::Boolean,
            ),
        }));
    }
}
