//! Paths: `link.column` names a column of a related source through one of the report source's
//! many-to-one (or one-to-one) links. Each link followed becomes an [`ir::Join`] (a LEFT JOIN
//! on the declared key, so every row of the report's source stays), and the column is read
//! under a generated name. A path to the "many" side (a source that links to the report's
//! source) is refused: joining it would repeat the report's rows (fan-out).

use super::many::ManySide;
use super::names::column_ty;
use super::{Checker, Ctx, Mode, R};
use crate::catalog::Source;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Span};
use crate::ir::{self, TExpr, TKind};

/// The default output name of a column written as a path: `message.channel` is
/// `message_channel` (output names are plain names).
pub(super) fn output_name(n: &str) -> String {
    n.replace('.', "_")
}

impl<'c> Checker<'c> {
    pub(super) fn path(&mut self, link: &str, column: &str, span: Span, ctx: Ctx) -> Option<R<'c>> {
        let Some(catalog) = self.catalog else {
            return self.err(
                Diagnostic::error(
                    Code::UnknownPath,
                    span,
                    format!("a catalogue measure cannot name `{link}.{column}`"),
                )
                .with_help(
                    "measures use the columns of their own source; write the path in the report",
                ),
            );
        };
        let source = self.source;
        let Some(l) = source.link(link) else {
            // the many side: a source linking to this one
            if let Some(side) = self.many_lookup(link, span) {
                return match side {
                    Ok(side) => self.err(fan_out(source, &side, column, span)),
                    Err(d) => self.err(d),
                };
            }
            let mut d = Diagnostic::error(
                Code::UnknownPath,
                span,
                format!("`{link}` is not a link of `{}`", source.id),
            );
            let names = self.link_names();
            d = match did_you_mean(link, names.iter().map(String::as_str)) {
                Some(m) => d.with_help(format!("did you mean `{m}.{column}`? {}", self.links_of())),
                None => d.with_help(self.links_of()),
            };
            return self.err(d);
        };
        let target = catalog.source(&l.to_source)?;
        let Some(col) = target.column(column) else {
            let mut d = Diagnostic::error(
                Code::UnknownPath,
                span,
                format!(
                    "`{column}` is not a column of `{}` (link `{link}` of `{}`)",
                    target.id, source.id
                ),
            );
            d = match did_you_mean(column, target.columns.iter().map(|c| c.id.as_str())) {
                Some(m) => d.with_help(format!("did you mean `{link}.{m}`?")),
                None => d.with_help(format!("`reportc catalog {}` lists its columns", target.id)),
            };
            return self.err(d);
        };
        let from = source.column(&l.column)?.physical.clone();
        let to = target.column(&l.to_column)?.physical.clone();
        let generated = self.join_column(link, &target.table, from, to, &col.physical, span);
        let expr = TExpr::new(TKind::Column(generated), column_ty(col));
        if ctx.mode == Mode::Having && !ctx.in_agg {
            if let Some((o, _)) = self.outputs.iter().find(|(o, _)| o.expr == expr) {
                return Some((o.expr.clone(), Some(col)));
            }
            let columns = self.words.word("columns");
            return self.err(
                Diagnostic::error(
                    Code::NotAnOutput,
                    span,
                    format!("having names `{link}.{column}`, which is not an output column"),
                )
                .with_help(format!(
                    "add `{link}.{column}` to `{columns}`, or aggregate it (e.g. `max({link}.{column})`)"
                )),
            );
        }
        Some((expr, Some(col)))
    }

    /// `sum`, `avg` or a percentile of a related column from the report's rows: each related
    /// row would count once per row of the report's source that links to it (a message's wait
    /// once per SMS), so it is refused; `min`, `max`, `count` and `count_distinct` are safe.
    pub(super) fn one_side_aggregate(
        &self,
        func: &str,
        args: &[TExpr],
        span: Span,
    ) -> Option<Diagnostic> {
        fn names(e: &TExpr, out: &mut Vec<String>) {
            if let TKind::Column(n) = &e.kind {
                out.push(n.clone());
            }
            e.kind.for_each_child(|c| names(c, out));
        }
        let mut used = Vec::new();
        args.iter().for_each(|a| names(a, &mut used));
        let j = self
            .joins
            .iter()
            .find(|j| j.columns.iter().any(|(_, g)| used.contains(g)))?;
        let from_one_side = match self.source.link(&j.link) {
            Some(l) => format!(
                "write the report from `{}`, each row once, keeping those with such `{}` rows by `any({}.<column> = ...)`",
                l.to_source,
                self.source.id,
                self.reverse_name(l)
            ),
            None => "write the report from the related source".to_string(),
        };
        Some(
            Diagnostic::error(
                Code::FanOut,
                span,
                format!(
                    "`{func}` of a column read through link `{}` would count each related row once per `{}` row linked to it",
                    j.link, self.source.id
                ),
            )
            .with_help(format!(
                "several `{}` rows may share one related row (fan-out), so its values would be inflated; use min, max, count or count_distinct, or {from_one_side}",
                self.source.id
            )),
        )
    }

    /// The output that reads path `n` (for `order_by`), or an error saying to add it.
    pub(super) fn path_output(&mut self, n: &str, span: Span) -> Option<usize> {
        let (link, column) = n.split_once('.')?;
        let ctx = Ctx {
            mode: Mode::GroupBy,
            in_agg: false,
        };
        let (expr, _) = self.path(link, column, span, ctx)?;
        if let Some(i) = self.outputs.iter().position(|(o, _)| o.expr == expr) {
            return Some(i);
        }
        let (order_by, columns) = (self.words.word("order_by"), self.words.word("columns"));
        self.diags.push(
            Diagnostic::error(
                Code::NotAnOutput,
                span,
                format!("{order_by} names `{n}`, which is not an output column"),
            )
            .with_help(format!("add `{n}` to `{columns}` to order by it")),
        );
        None
    }

    /// The generated name of `physical` read through `link`, registering the join once.
    fn join_column(
        &mut self,
        link: &str,
        table: &[String],
        from: String,
        to: String,
        physical: &str,
        span: Span,
    ) -> String {
        let i = match self
            .joins
            .iter()
            .position(|j| j.link == link && j.many.is_none() && j.fan.is_none())
        {
            Some(i) => i,
            None => {
                self.joins.push(ir::Join {
                    link: link.to_string(),
                    table: table.to_vec(),
                    from,
                    to,
                    columns: Vec::new(),
                    many: None,
                    fan: None,
                    span,
                });
                self.joins.len() - 1
            }
        };
        if let Some((_, g)) = self.joins[i].columns.iter().find(|(p, _)| p == physical) {
            return g.clone();
        }
        let g = self.generated_name(
            &format!("{link}__{physical}"),
            i,
            self.joins[i].columns.len(),
        );
        self.joins[i]
            .columns
            .push((physical.to_string(), g.clone()));
        g
    }

    /// A name for the `n`-th generated column of join `i`, from `wanted`: one no column of
    /// the source has, nor another generated one (compared ignoring case: some warehouses
    /// fold names).
    pub(super) fn generated_name(&self, wanted: &str, i: usize, n: usize) -> String {
        let mut g = wanted.to_lowercase();
        g.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        if g.len() > 48 || !g.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // short enough for every engine (PostgreSQL truncates names at 63 bytes)
            g = format!("j{}__c{}", i + 1, n + 1);
        }
        let taken = |g: &str, this: &Self| {
            this.source
                .columns
                .iter()
                .any(|c| c.physical.eq_ignore_ascii_case(g))
                || this.joins.iter().any(|j| {
                    j.columns.iter().any(|(_, o)| o == g)
                        || j.many.iter().flatten().any(|p| p.name == g)
                        || j.fan
                            .as_ref()
                            .is_some_and(|f| f.first == g || f.parts.iter().any(|p| p.name == g))
                })
        };
        while taken(&g, self) {
            g.push('_');
        }
        g
    }

    /// The names a path may start with: the source's links, then the sources linking to it.
    fn link_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.source.links.iter().map(|l| l.name.clone()).collect();
        names.extend(self.many_sides().into_iter().map(|s| s.name));
        names
    }

    /// "links of `sms`: `message` (to `messages`), ...; linked from: `sms` (...)"
    fn links_of(&self) -> String {
        let s = self.source;
        let many = self.many_sides();
        if s.links.is_empty() && many.is_empty() {
            return format!("`{}` has no links (catalogue `links:`)", s.id);
        }
        let mut parts = Vec::new();
        if !s.links.is_empty() {
            let links: Vec<String> = s
                .links
                .iter()
                .take(25)
                .map(|l| format!("`{}` (to `{}`)", l.name, l.to_source))
                .collect();
            parts.push(format!("links of `{}`: {}", s.id, links.join(", ")));
        }
        if !many.is_empty() {
            let from: Vec<String> = many
                .iter()
                .take(25)
                .map(|m| {
                    format!(
                        "`{}` (`{}` rows, by their link `{}`)",
                        m.name, m.source.id, m.link.name
                    )
                })
                .collect();
            parts.push(format!(
                "linked from (aggregate them, e.g. `count({})`): {}",
                many[0].name,
                from.join(", ")
            ));
        }
        parts.join("; ")
    }
}

fn fan_out(source: &Source, side: &ManySide, column: &str, span: Span) -> Diagnostic {
    let (name, many) = (&side.name, &side.source.id);
    Diagnostic::error(
        Code::FanOut,
        span,
        format!(
            "`{name}.{column}` is on the many side: each row of `{}` may have several `{many}` rows (their link `{}`)",
            source.id, side.link.name
        ),
    )
    .with_help(format!(
        "reading it per row would repeat each `{}` row once per related row and inflate counts and sums (fan-out); aggregate the `{many}` rows per `{}` row (`count({name})`, `max({name}.{column})`), test them with `any({name}.{column} = ...)`, or write the report from `{many}`",
        source.id, source.id
    ))
}
