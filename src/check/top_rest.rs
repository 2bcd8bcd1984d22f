//! `top`: the N groups with the most of an output, and one row for every other group. Checked
//! here: `by` is an aggregate output, the ranked keys (the group keys not in `per`) are text,
//! every aggregate re-aggregates from per-group values (counts and sums by summing, min and
//! max, averages through their sum and count, shares of those), and no clause would change
//! which groups are ranked (`having`, `limit`, comparisons, windows). The SQL is built by
//! `sql::builder::top_rest`.

use super::Checker;
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Report, TopDef, DEFAULT_REST};

/// Why an aggregate of an output cannot be rebuilt for the rest row, and where (`None`: it can).
fn not_reaggregable(e: &TExpr) -> Option<(&'static str, Span)> {
    match &e.kind {
        TKind::Agg {
            func: AggFunc::CountDistinct,
            ..
        } => Some((
            "a count distinct (a value seen in two groups would count twice in the rest)",
            e.span,
        )),
        TKind::Percentile { .. } => Some((
            "a percentile or median (the rest's cannot be computed from its groups' values)",
            e.span,
        )),
        _ => {
            let mut found = None;
            e.kind.for_each_child(|c| {
                if found.is_none() {
                    found = not_reaggregable(c);
                }
            });
            found
        }
    }
}

/// Whether `e` uses `k` outside of an aggregate (a value per group, not per row).
fn uses_outside_aggregates(e: &TExpr, k: &TExpr) -> bool {
    if e == k {
        return true;
    }
    match &e.kind {
        TKind::Agg { .. } | TKind::Percentile { .. } => return false,
        // a share's `within` keys are checked on their own
        TKind::Total { expr, .. } => return uses_outside_aggregates(expr, k),
        _ => {}
    }
    let mut found = false;
    e.kind
        .for_each_child(|c| found |= uses_outside_aggregates(c, k));
    found
}

/// The `within` keys of every share of `e`.
fn share_keys(e: &TExpr, out: &mut Vec<TExpr>) {
    if let TKind::Total { within, .. } = &e.kind {
        out.extend(within.iter().cloned());
    }
    e.kind.for_each_child(|c| share_keys(c, out));
}

impl Checker<'_> {
    /// The checked `top` of the report, or `None` (with its diagnostics) when it has none or an
    /// error.
    pub(super) fn top(
        &mut self,
        r: &Report,
        group_by: &Option<Vec<GroupKey>>,
        having: &[TExpr],
    ) -> Option<Top> {
        let t = r.top.as_ref()?;
        let errors = self.diags.len();
        if t.n.value <= 0 {
            self.diags.push(
                Diagnostic::error(
                    Code::TopShape,
                    t.n.span,
                    format!(
                        "the number of top groups must be greater than zero, found {}",
                        t.n.value
                    ),
                )
                .with_help("give how many groups to show before the rest row, e.g. 5"),
            );
        }
        self.top_clauses(r, t, having);
        let by = self.top_by(t);
        let per = self.top_per(t, group_by);
        if let (Some(per), Some(keys)) = (&per, group_by) {
            self.top_keys(t, per, keys);
        }
        self.top_measures(per.as_deref().unwrap_or(&[]));
        let rest = t
            .rest
            .as_ref()
            .map_or(DEFAULT_REST.to_string(), |s| s.value.clone());
        if rest.is_empty() {
            let at = t.rest.as_ref().map_or(t.span, |s| s.span);
            self.diags.push(
                Diagnostic::error(Code::TopShape, at, "the label of the rest row is empty")
                    .with_help(
                        "name the row of every other group, e.g. `Other`, or leave the default",
                    ),
            );
        }
        if self.diags.len() > errors {
            return None;
        }
        Some(Top {
            n: t.n.value as u64,
            by: by?,
            per: per?,
            rest,
            span: t.span,
        })
    }

    /// Clauses that would change which groups are ranked or in which order the rows come.
    fn top_clauses(&mut self, r: &Report, t: &TopDef, having: &[TExpr]) {
        let refuse = |c: &mut Self, at: Span, what: String, help: &str| {
            c.diags.push(
                Diagnostic::error(Code::TopClause, at, what)
                    .with_secondary(t.by.span, "`top` ranks by this")
                    .with_help(help.to_string()),
            );
        };
        if let Some(l) = &r.limit {
            refuse(
                self,
                l.span,
                format!("a report with `top` cannot have `{}`", "limit"),
                "`top` shows its N groups and the rest row: remove `limit`",
            );
        }
        if let Some(h) = r.having.first() {
            let word = self.words.word("having");
            refuse(
                self,
                h.span,
                format!("a report with `top` cannot have `{word}`"),
                "the rest row aggregates every group the filters keep; `having` would drop groups \
                 from it: filter rows instead, or remove it",
            );
        }
        let per: Vec<&str> = t.per.iter().map(|p| p.value.as_str()).collect();
        for o in &r.order_by {
            let named = match &o.expr.kind {
                crate::syntax::ast::ExprKind::Name(n) => per.contains(&n.as_str()),
                _ => false,
            };
            if !named {
                let word = self.words.word("order_by");
                refuse(
                    self,
                    o.span,
                    format!("in a report with `top`, `{word}` may only name the `per` keys"),
                    "the top groups come most first, then the rest row: order only the `per` \
                     keys (the buckets or groups they are ranked within)",
                );
            }
        }
        let timeseries = self
            .outputs
            .iter()
            .map(|(o, _)| (&o.expr, o.span))
            .chain(having.iter().map(|h| (h, h.span)))
            .find(|(e, _)| contains_previous(e) || contains_window(e))
            .map(|(_, s)| s);
        if let Some(at) = timeseries {
            refuse(
                self,
                at,
                "a comparison or window cannot be combined with `top` in one report yet".into(),
                "split it into two reports: one with the comparison or window, one with `top`",
            );
        }
    }

    /// The output ranked by: an aggregate output, not a share.
    fn top_by(&mut self, t: &TopDef) -> Option<usize> {
        let n = &t.by.value;
        let Some(i) = self.output_pos(n) else {
            if self.declared_before(n, usize::MAX) {
                return None; // the output had its own error
            }
            let outs = self.declared_names();
            let d = Diagnostic::error(
                Code::TopBy,
                t.by.span,
                format!("`top` ranks by `{n}`, which is not an output column"),
            );
            let d = match did_you_mean(n, outs.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "rank by an aggregate output; output columns: {}",
                    list_for_help(outs)
                )),
            };
            self.diags.push(d);
            return None;
        };
        let (o, _) = &self.outputs[i];
        let why = if !o.expr.agg {
            Some("a group key, not an aggregate")
        } else if contains_share(&o.expr) {
            Some("a share")
        } else {
            None
        };
        if let Some(why) = why {
            let d = Diagnostic::error(
                Code::TopBy,
                t.by.span,
                format!("`top` ranks by `{n}`, which is {why}"),
            )
            .with_secondary(o.span, "defined here")
            .with_help(
                "rank by an aggregate output (a count, a sum, an average or a measure); a share \
                 ranks like the value it is a share of: rank by that",
            );
            self.diags.push(d);
            return None;
        }
        Some(i)
    }

    /// The `per` keys: group-key outputs.
    fn top_per(&mut self, t: &TopDef, group_by: &Option<Vec<GroupKey>>) -> Option<Vec<usize>> {
        let Some(keys) = group_by else {
            self.diags.push(
                Diagnostic::error(
                    Code::TopKeys,
                    t.span,
                    "`top` ranks groups, but the report does not aggregate",
                )
                .with_help("add an aggregate output to rank by, e.g. `contacts: count()`"),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for p in &t.per {
            match self.output_pos(&p.value) {
                Some(i) if keys.contains(&GroupKey::Output(i)) => {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
                _ => {
                    ok = false;
                    let keys = self.key_names(keys);
                    self.diags.push(
                        Diagnostic::error(
                            Code::TopKeys,
                            p.span,
                            format!("`top` ranks per `{}`, which is not a group key", p.value),
                        )
                        .with_help(format!(
                            "`per` names group-key outputs written in the report; group keys: {}",
                            list_for_help(keys.iter().map(String::as_str))
                        )),
                    );
                }
            }
        }
        ok.then_some(out)
    }

    fn key_names(&self, keys: &[GroupKey]) -> Vec<String> {
        keys.iter()
            .filter_map(|k| match k {
                GroupKey::Output(i) => Some(self.outputs[*i].0.name.clone()),
                GroupKey::Expr(_) => None,
            })
            .collect()
    }

    /// The ranked keys: at least one, each a text output; no hidden group key.
    fn top_keys(&mut self, t: &TopDef, per: &[usize], keys: &[GroupKey]) {
        let mut ranked = 0;
        for k in keys {
            let GroupKey::Output(i) = k else {
                self.diags.push(
                    Diagnostic::error(
                        Code::TopKeys,
                        t.span,
                        "`top` needs every group key to be an output column",
                    )
                    .with_help("add the grouping expression to the output columns with a name"),
                );
                continue;
            };
            if per.contains(i) {
                continue;
            }
            ranked += 1;
            let (o, _) = &self.outputs[*i];
            if o.expr.ty == Ty::Text || o.labels.is_some() {
                continue;
            }
            let help = if matches!(o.expr.kind, TKind::Bucket { .. }) {
                format!(
                    "to rank the groups within each bucket, name it in `per` (`per: [{}]`)",
                    o.name
                )
            } else {
                "the rest row shows its label in every ranked key, so they must be text: name \
                 this key in `per` to rank within each of its values"
                    .to_string()
            };
            self.diags.push(
                Diagnostic::error(
                    Code::TopKeys,
                    o.span,
                    format!(
                        "`top` ranks the groups of `{}`, which is {}, not text",
                        o.name,
                        o.expr.ty.a()
                    ),
                )
                .with_secondary(t.by.span, "`top` ranks by this")
                .with_help(help),
            );
        }
        if keys.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    Code::TopKeys,
                    t.span,
                    "`top` has no groups to rank: the report has no group keys",
                )
                .with_help("add the key to rank by to the output columns, e.g. `queue`"),
            );
            return;
        }
        if ranked == 0 {
            self.diags.push(
                Diagnostic::error(
                    Code::TopKeys,
                    t.span,
                    "`top` has no groups to rank: every group key is in `per`",
                )
                .with_help("add a group key to rank (e.g. `queue`), or remove it from `per`"),
            );
            return;
        }
        // a value per group that reads a ranked key has no value in the rest row
        let ranked_keys: Vec<(TExpr, String)> = keys
            .iter()
            .filter_map(|k| match k {
                GroupKey::Output(i) if !per.contains(i) => Some((
                    self.outputs[*i].0.expr.clone(),
                    self.outputs[*i].0.name.clone(),
                )),
                _ => None,
            })
            .collect();
        let mut found = Vec::new();
        for (o, _) in self.outputs.iter().filter(|(o, _)| o.expr.agg) {
            for (k, name) in &ranked_keys {
                if uses_outside_aggregates(&o.expr, k) {
                    found.push((o.span, o.name.clone(), name.clone()));
                }
            }
        }
        for (span, out, key) in found {
            self.diags.push(
                Diagnostic::error(
                    Code::TopKeys,
                    span,
                    format!("`{out}` reads the ranked key `{key}` beside its aggregates"),
                )
                .with_help("the rest row has no single value of it: compute it without the key"),
            );
        }
    }

    /// Every aggregate re-aggregates; every share is within `per` keys only.
    fn top_measures(&mut self, per: &[usize]) {
        let per_exprs: Vec<TExpr> = per
            .iter()
            .map(|i| self.outputs[*i].0.expr.clone())
            .collect();
        let mut found = Vec::new();
        for (o, _) in &self.outputs {
            if let Some((why, at)) = not_reaggregable(&o.expr) {
                let at = if at.is_empty() { o.span } else { at };
                found.push(
                    Diagnostic::error(
                        Code::TopMeasure,
                        at,
                        format!(
                            "`{}` is {why}: `top` cannot rebuild it for the rest row",
                            o.name
                        ),
                    )
                    .with_help(
                        "in a report with `top`, use counts, sums, min, max, averages and their \
                         shares; remove this output or write the report without `top`",
                    ),
                );
            }
            let mut keys = Vec::new();
            share_keys(&o.expr, &mut keys);
            if keys.iter().any(|k| !per_exprs.contains(k)) {
                found.push(
                    Diagnostic::error(
                        Code::TopKeys,
                        o.span,
                        format!("`{}` is a share within a key that `top` ranks", o.name),
                    )
                    .with_help(
                        "in a report with `top`, a share is of the report's total or within the \
                         `per` keys",
                    ),
                );
            }
        }
        for d in found {
            self.diags.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::diagnostics::Code;
    use crate::ir::Query;
    use crate::syntax::ast::erase_spans;
    use crate::syntax::{parse_report_dsl, parse_report_yaml};

    const HEAD: &str = "source: incoming_message_distributions\ncolumns:\n  - week: distribution_date by week\n  - queue\n  - offered\n  - avg_wait: avg(wait_time)\n  - abandon_rate\n";

    fn check(text: &str) -> Result<Query, Vec<Code>> {
        let (r, d) = parse_report_yaml(text);
        assert!(!d.has_errors(), "parse errors: {d:?}");
        crate::check::resolve_report(&r.unwrap(), Catalog::builtin())
            .map_err(|d| d.sorted().iter().map(|d| d.code).collect())
    }

    #[test]
    fn a_top_per_week_resolves_with_the_default_label() {
        let q = check(&format!("{HEAD}top: {{n: 3, by: offered, per: [week]}}\n")).unwrap();
        let t = q.top.unwrap();
        assert_eq!(
            (t.n, t.by, t.per.clone(), t.rest.as_str()),
            (3, 2, vec![0], "Other")
        );
        let q = check(&format!(
            "{HEAD}top:\n  n: 3\n  by: offered\n  per: week\n  rest: Rest\n"
        ))
        .unwrap();
        assert_eq!(q.top.unwrap().rest, "Rest");
    }

    #[test]
    fn the_dsl_clause_is_the_yaml_key() {
        let (y, d) = parse_report_yaml(
            "source: s\ncolumns: [q]\ntop: {n: 2, by: m, per: [w, rest], rest: \"it's\"}\n",
        );
        assert!(!d.has_errors(), "{d:?}");
        let (t, d) = parse_report_dsl("from s\nselect q\ntop 2 by m per w, `rest` rest 'it''s'\n");
        assert!(!d.has_errors(), "{d:?}");
        let (y, t) = (erase_spans(&y.unwrap()), erase_spans(&t.unwrap()));
        assert_eq!(y.top, t.top);
        assert_eq!(t.top.unwrap().per[1].value, "rest");
    }

    #[test]
    fn a_ranked_time_bucket_is_refused_and_per_fixes_it() {
        assert_eq!(
            check(&format!("{HEAD}top: {{n: 3, by: offered}}\n")).unwrap_err(),
            vec![Code::TopKeys]
        );
        assert_eq!(
            check(&format!(
                "{HEAD}top: {{n: 3, by: offered, per: [week, queue]}}\n"
            ))
            .unwrap_err(),
            vec![Code::TopKeys]
        );
    }

    #[test]
    fn values_that_do_not_reaggregate_are_refused() {
        for m in [
            "count_distinct(user)",
            "median(wait_time)",
            "percentile(wait_time, 0.9)",
        ] {
            let r = format!("{HEAD}  - m: {m}\ntop: {{n: 3, by: offered, per: [week]}}\n");
            assert_eq!(check(&r).unwrap_err(), vec![Code::TopMeasure], "{m}");
        }
        for m in [
            "min(wait_time)",
            "max(wait_time)",
            "sum(wait_time)",
            "share(count(), week)",
        ] {
            let r = format!("{HEAD}  - m: {m}\ntop: {{n: 3, by: offered, per: [week]}}\n");
            assert!(check(&r).is_ok(), "{m}");
        }
        let r = format!(
            "{HEAD}  - m: share(count(), queue)\ntop: {{n: 3, by: offered, per: [week]}}\n"
        );
        assert_eq!(check(&r).unwrap_err(), vec![Code::TopKeys]);
    }

    #[test]
    fn by_names_an_aggregate_output() {
        for (by, code) in [
            ("queue", Code::TopBy),
            ("ofered", Code::TopBy),
            ("avg_wait", Code::TopShape),
        ] {
            let r = format!("{HEAD}top: {{n: 3, by: {by}, per: [week]}}\n");
            match code {
                Code::TopShape => assert!(check(&r).is_ok(), "{by}"),
                c => assert_eq!(check(&r).unwrap_err(), vec![c], "{by}"),
            }
        }
    }

    #[test]
    fn clauses_that_change_the_ranking_are_refused() {
        for extra in [
            "limit: 5\n",
            "having: [offered > 1]\n",
            "order_by: [offered desc]\n",
        ] {
            let r = format!("{HEAD}{extra}top: {{n: 3, by: offered, per: [week]}}\n");
            assert_eq!(check(&r).unwrap_err(), vec![Code::TopClause], "{extra}");
        }
        let r = format!("{HEAD}order_by: [week desc]\ntop: {{n: 3, by: offered, per: [week]}}\n");
        assert!(check(&r).is_ok());
        let r = format!("{HEAD}top: {{n: 0, by: offered, per: [week]}}\n");
        assert_eq!(check(&r).unwrap_err(), vec![Code::TopShape]);
        let total = "source: incoming_message_distributions\ncolumns: [offered]\ntop: {n: 1, by: offered}\n";
        assert_eq!(check(total).unwrap_err(), vec![Code::TopKeys]);
    }
}
