//! The FROM of a report that follows links (`link.column` paths): the report's table LEFT
//! JOINed to each linked table on the declared key, inside a derived table that the rest of
//! the statement reads as if it were the source (its columns keep their names, each related
//! column has its generated name):
//!
//! ```sql
//! FROM (SELECT r0.*, CASE WHEN r1.rc_m = 1 THEN r1.rc_1 END AS message__channel
//!       FROM sms r0
//!       LEFT JOIN (SELECT interaction_id AS rc_k, channel AS rc_1, 1 AS rc_m FROM messages) r1
//!         ON r0.interaction_id = r1.rc_k) r
//! ```
//!
//! The "many" side of a link (a source whose rows link to the report's source) is joined
//! pre-aggregated per key, so each row of the report's source still meets at most one row:
//! `LEFT JOIN (SELECT interaction_id AS rc_k, COUNT(*) AS rc_1, 1 AS rc_m FROM sms GROUP BY
//! interaction_id) r2 ON r0.interaction_id = r2.rc_k`, read as `CASE WHEN r2.rc_m = 1 THEN
//! r2.rc_1 ELSE 0 END AS sms__n1` (0 for counts, NULL for the other aggregates).
//!
//! The many side of a distinct count or percentile (`check::fan_out`) is joined row by row,
//! numbered within its key (`ROW_NUMBER() OVER (PARTITION BY fk ORDER BY fk) AS rc_n`), and
//! read with a first-copy flag, `CASE WHEN r2.rc_m = 1 AND r2.rc_n > 1 THEN 0 ELSE 1 END`,
//! that every other aggregate of the report filters on.
//!
//! The marker `rc_m` makes an unmatched row NULL on every engine, including ClickHouse, whose
//! LEFT JOIN fills unmatched columns with their type's default unless they are nullable.
//! Table aliases are written without `AS` (Oracle accepts no `AS` before a table alias); the
//! aliases are ours and no user name is in their scope, so they cannot clash.

use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{Join, Query};
use sqlparser::ast::{SetExpr, Statement, TableWithJoins};
use sqlparser::parser::Parser;

/// The alias of the derived table the statement reads.
pub const OUTER: &str = "r";

/// The name that qualifies the source's columns in the statement.
pub fn qualifier(q: &Query) -> String {
    if q.joins.is_empty() {
        q.table.last().cloned().unwrap_or_default()
    } else {
        OUTER.to_string()
    }
}

impl Builder<'_> {
    fn table_text(&self, parts: &[String], span: Span) -> B<String> {
        let mut out = Vec::new();
        for p in parts {
            out.push(self.ident(p, span)?.to_string());
        }
        Ok(out.join("."))
    }

    /// The FROM item for `table` followed through `joins`.
    pub fn joined_from(
        &self,
        table: &[String],
        table_span: Span,
        joins: &[Join],
    ) -> B<TableWithJoins> {
        if let Some(reason) = self.d.joins_refused {
            return Err(self.unsupported(
                "a report following links (a LEFT JOIN)",
                reason,
                table_span,
            ));
        }
        let id = |s: &str, span: Span| self.ident(s, span).map(|i| i.to_string());
        // a derived table's alias: `) r`, or `) AS r` where the dialect documents that form
        let alias = |s: &str, span: Span| -> B<String> {
            let a = id(s, span)?;
            Ok(if self.d.derived_alias_as {
                format!("AS {a}")
            } else {
                a
            })
        };
        let r0 = id("r0", table_span)?;
        let (key, mark) = (id("rc_k", table_span)?, id("rc_m", table_span)?);
        let mut select = vec![format!("{r0}.*")];
        let mut from = format!("{} {r0}", self.table_text(table, table_span)?);
        for (i, j) in joins.iter().enumerate() {
            let r = id(&format!("r{}", i + 1), j.span)?;
            let r_alias = alias(&format!("r{}", i + 1), j.span)?;
            let mut inner = vec![format!("{} AS {key}", id(&j.to, j.span)?)];
            if let Some(parts) = &j.many {
                // the many side, one row per key: `SELECT fk AS rc_k, COUNT(*) AS rc_1, ...
                // FROM sms GROUP BY fk`; a row of the report's source without related rows
                // reads 0 for a count and NULL for the rest
                let b = Builder::new(
                    self.d,
                    self.zone,
                    j.table.last().cloned().unwrap_or_default(),
                    Vec::new(),
                );
                for (n, p) in parts.iter().enumerate() {
                    let c = id(&format!("rc_{}", n + 1), j.span)?;
                    inner.push(format!("{} AS {c}", b.expr(&p.expr)?));
                    let default = if p.zero { " ELSE 0" } else { "" };
                    select.push(format!(
                        "CASE WHEN {r}.{mark} = 1 THEN {r}.{c}{default} END AS {}",
                        id(&p.name, j.span)?
                    ));
                }
                inner.push(format!("1 AS {mark}"));
                let to = id(&j.to, j.span)?;
                from.push_str(&format!(
                    " LEFT JOIN (SELECT {} FROM {} GROUP BY {to}) {r_alias} ON {r0}.{} = {r}.{key}",
                    inner.join(", "),
                    self.table_text(&j.table, j.span)?,
                    id(&j.from, j.span)?
                ));
                continue;
            }
            if let Some(fan) = &j.fan {
                // the many side row by row, numbered within its key: `SELECT fk AS rc_k,
                // CASE WHEN c THEN x END AS rc_1, ROW_NUMBER() OVER (PARTITION BY fk ORDER BY
                // fk) AS rc_n, 1 AS rc_m FROM sms`; each report row is then read once per
                // related row, and its first copy (or only, without related rows) is flagged
                let b = Builder::new(
                    self.d,
                    self.zone,
                    j.table.last().cloned().unwrap_or_default(),
                    Vec::new(),
                );
                for (n, p) in fan.parts.iter().enumerate() {
                    let c = id(&format!("rc_{}", n + 1), j.span)?;
                    let value = match &p.filter {
                        Some(f) => b.case_when(f, b.expr(&p.arg)?)?,
                        None => b.expr(&p.arg)?,
                    };
                    inner.push(format!("{value} AS {c}"));
                    select.push(format!(
                        "CASE WHEN {r}.{mark} = 1 THEN {r}.{c} END AS {}",
                        id(&p.name, j.span)?
                    ));
                }
                let to = id(&j.to, j.span)?;
                let row = id("rc_n", j.span)?;
                inner.push(format!(
                    "ROW_NUMBER() OVER (PARTITION BY {to} ORDER BY {to}) AS {row}"
                ));
                inner.push(format!("1 AS {mark}"));
                select.push(format!(
                    "CASE WHEN {r}.{mark} = 1 AND {r}.{row} > 1 THEN 0 ELSE 1 END AS {}",
                    id(&fan.first, j.span)?
                ));
                from.push_str(&format!(
                    " LEFT JOIN (SELECT {} FROM {}) {r_alias} ON {r0}.{} = {r}.{key}",
                    inner.join(", "),
                    self.table_text(&j.table, j.span)?,
                    id(&j.from, j.span)?
                ));
                continue;
            }
            for (n, (physical, generated)) in j.columns.iter().enumerate() {
                let c = id(&format!("rc_{}", n + 1), j.span)?;
                inner.push(format!("{} AS {c}", id(physical, j.span)?));
                select.push(format!(
                    "CASE WHEN {r}.{mark} = 1 THEN {r}.{c} END AS {}",
                    id(generated, j.span)?
                ));
            }
            inner.push(format!("1 AS {mark}"));
            from.push_str(&format!(
                " LEFT JOIN (SELECT {} FROM {}) {r_alias} ON {r0}.{} = {r}.{key}",
                inner.join(", "),
                self.table_text(&j.table, j.span)?,
                id(&j.from, j.span)?
            ));
        }
        let text = format!(
            "SELECT 1 FROM (SELECT {} FROM {from}) {}",
            select.join(", "),
            alias(OUTER, table_span)?
        );
        let internal = |e: String| {
            Diagnostic::error(
                Code::Unsupported,
                table_span,
                format!("internal error: the joined FROM does not parse: {e}"),
            )
            .with_help("this is a bug in reportc; please report it")
        };
        let dialect = (self.d.parser)();
        let mut parsed =
            Parser::parse_sql(dialect.as_ref(), &text).map_err(|e| internal(e.to_string()))?;
        match parsed.pop() {
            Some(Statement::Query(q)) => match *q.body {
                SetExpr::Select(mut s) if s.from.len() == 1 => Ok(s.from.remove(0)),
                _ => Err(internal("not a select".into())),
            },
            _ => Err(internal("not a query".into())),
        }
    }
}
