//! What a name means where it is written: an output (in columns, having, group by) or a
//! column of the source, with the help a misplaced or misspelt name needs.

use super::{Checker, Ctx, Mode, R};
use crate::catalog::{Codes, Column, ColumnType};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Span};
use crate::ir::*;

impl<'c> Checker<'c> {
    /// Resolve a name in the current mode.
    pub(super) fn name(&mut self, n: &str, span: Span, ctx: Ctx) -> Option<R<'c>> {
        if let Some((link, column)) = n.split_once('.') {
            return self.path(link, column, span, ctx);
        }
        let output = |this: &Self| this.output_pos(n).map(|i| this.outputs[i].0.expr.clone());
        let column = self.source.column(n);
        // outputs come first where outputs are visible: in columns (earlier outputs), having
        // and group_by; inside aggregates and in filters, names are source columns
        let outputs_visible =
            !ctx.in_agg && matches!(ctx.mode, Mode::Column | Mode::Having | Mode::GroupBy);
        if outputs_visible {
            if let Some(e) = output(self) {
                return Some((e, None));
            }
            if ctx.mode == Mode::Having && self.declared_before(n, usize::MAX) {
                // the output had its own error, already reported
                return None;
            }
        }
        if let Some(m) = self.measure_named(n) {
            return self.use_measure(m, span, ctx);
        }
        if ctx.mode == Mode::Having && !ctx.in_agg {
            let outs = self.declared_names();
            let mut d = Diagnostic::error(
                Code::NotAnOutput,
                span,
                format!("having names `{n}`, which is not an output column"),
            );
            d = if column.is_some() {
                let (columns, filters) = (self.words.word("columns"), self.words.word("filters"));
                d.with_help(format!(
                    "add `{n}` to `{columns}`, aggregate it (e.g. `max({n})`), or move the condition to `{filters}`"
                ))
            } else if let Some(s) = did_you_mean(n, outs.iter().copied()) {
                d.with_help(format!("did you mean `{s}`?"))
            } else {
                d.with_help(format!("output columns: {}", list_for_help(outs)))
            };
            return self.err(d);
        }
        if let Some(col) = column {
            return Some((
                TExpr::new(TKind::Column(col.physical.clone()), column_ty(col)),
                Some(col),
            ));
        }
        if ctx.mode == Mode::Column && !ctx.in_agg && self.declared_before(n, self.column_index) {
            // an earlier output that had its own error, already reported
            return None;
        }
        let is_output = output(self).is_some();
        let mut d = Diagnostic::error(
            Code::UnknownColumn,
            span,
            format!("`{n}` is not a column of `{}`", self.source.id),
        );
        let offered = if outputs_visible {
            self.outputs.len().min(super::SUGGESTED)
        } else {
            0
        };
        let key = (n.to_string(), offered);
        let suggestion = match self.suggestions.get(&key) {
            Some(s) => s.clone(),
            None => {
                let mut candidates: Vec<&str> =
                    self.source.columns.iter().map(|c| c.id.as_str()).collect();
                candidates.extend(self.source.measures.iter().map(|m| m.id.as_str()));
                let outputs = self.outputs.iter().take(offered);
                candidates.extend(outputs.map(|(o, _)| o.name.as_str()));
                let s = self.near_column(n, &candidates).map(str::to_string);
                self.suggestions.insert(key, s.clone());
                s
            }
        };
        let enum_value = self
            .source
            .columns
            .iter()
            .find_map(|c| c.enum_value(n).map(|v| (c, v)));
        d = if is_output && matches!(ctx.mode, Mode::Filter | Mode::AggFilter) {
            d.with_help(format!("`{n}` is an output column; filters apply to rows before grouping: use `having` to filter on it"))
        } else if is_output && ctx.in_agg {
            d.with_help(format!("`{n}` is an output column; an aggregate cannot contain another one: use `{n}` outside the aggregate"))
        } else if let Some((c, v)) = enum_value {
            d.with_help(format!(
                "'{}' is a value of `{}`: put values in quotes, e.g. `{} = '{}'`",
                v.label, c.id, c.id, v.label
            ))
        } else if let Some((c, what)) = self.alias(n) {
            d.with_help(format!(
                "did you mean `{}`? `{n}` is its {what}; reports name a column by its id",
                c.id
            ))
        } else if let Some(s) = suggestion {
            d.with_help(format!("did you mean `{s}`?"))
        } else {
            d.with_help(format!(
                "`reportc catalog {}` lists its columns",
                self.source.id
            ))
        };
        self.err(d)
    }
}

impl<'c> Checker<'c> {
    /// The column whose physical name or label `n` is (ignoring case, and spaces against
    /// `_`), and which of the two: `DIST_TS` for the column stored as `DIST_TS`, `status` for
    /// the column labelled "Status". A physical name wins: it is what a SQL author types.
    fn alias(&self, n: &str) -> Option<(&'c Column, &'static str)> {
        let key = |s: &str| s.trim().to_lowercase().replace([' ', '-'], "_");
        let want = key(n);
        let physical = |c: &Column| key(c.physical.rsplit('.').next().unwrap_or(&c.physical));
        let cols = &self.source.columns;
        cols.iter()
            .find(|c| c.physical != c.id && physical(c) == want)
            .map(|c| (c, "physical name"))
            .or_else(|| {
                cols.iter()
                    .find(|c| key(&c.label) == want)
                    .map(|c| (c, "label"))
            })
    }

    /// The nearest name for a misspelt one: among `candidates` (ids and outputs), and the
    /// columns' labels and physical names, each standing for its column's id.
    fn near_column<'a>(&'a self, n: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let mut pairs: Vec<(&str, &str)> = candidates.iter().map(|c| (*c, *c)).collect();
        for c in &self.source.columns {
            pairs.push((c.label.as_str(), c.id.as_str()));
            pairs.push((c.physical.as_str(), c.id.as_str()));
        }
        let best = did_you_mean(n, pairs.iter().map(|(name, _)| *name))?;
        pairs
            .iter()
            .find(|(name, _)| *name == best)
            .map(|(_, id)| *id)
    }
}

/// The IR type of a catalogue column.
pub fn column_ty(c: &Column) -> Ty {
    match &c.ty {
        ColumnType::Timestamp => Ty::Timestamp { local: false },
        ColumnType::Duration(u) => Ty::Duration(*u),
        ColumnType::Enum(_, Codes::Integer) => Ty::Integer,
        ColumnType::Text
        | ColumnType::Enum(_, Codes::Text)
        | ColumnType::Phone
        | ColumnType::PhoneOrId
        | ColumnType::Identifier => Ty::Text,
        ColumnType::Integer => Ty::Integer,
        ColumnType::Number => Ty::Number,
        ColumnType::Boolean => Ty::Boolean,
        ColumnType::TextList => Ty::TextList,
    }
}
