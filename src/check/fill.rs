//! `fill: yes`: every bucket of the report's date range appears, the empty ones too. Checked
//! here, before any dialect is chosen: one time bucket of a column among the group keys, every
//! key an output; one
//! bounded range on the bucketed column (`ir::fill_range`); at most [`MAX_FILL_BUCKETS`]
//! buckets where the bounds are known; no comparison, window, share or path beside it; no hour
//! buckets in a zone with clock changes. The SQL is `sql::builder::fill`.

use super::Checker;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::Report;
use crate::vocab::TimeUnit;

/// The most buckets a filled report shows (MySQL's default `cte_max_recursion_depth`).
pub const MAX_FILL_BUCKETS: i64 = 1000;

impl Checker<'_> {
    /// The span of `fill: yes` when the report may be filled; a diagnostic otherwise.
    pub(super) fn fill(
        &mut self,
        r: &Report,
        filters: &[TExpr],
        group_by: &Option<Vec<GroupKey>>,
        having: &[TExpr],
    ) -> Option<Span> {
        let span = r.fill.as_ref().filter(|f| f.value)?.span;
        let keys: Vec<&TExpr> = group_by
            .iter()
            .flatten()
            .filter_map(|k| match k {
                GroupKey::Output(i) => self.outputs.get(*i).map(|(o, _)| &o.expr),
                GroupKey::Expr(e) => Some(e),
            })
            .collect();
        let buckets: Vec<&TExpr> = keys
            .iter()
            .copied()
            .filter(|k| matches!(k.kind, TKind::Bucket { .. }))
            .collect();
        let bucket = match buckets.as_slice() {
            [b] => match &b.kind {
                TKind::Bucket { expr, unit } => match &expr.kind {
                    TKind::Column(c) => Some((c.clone(), *unit)),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        let Some((ts, unit)) = bucket else {
            let why = match buckets.len() {
                0 => "the report has no time bucket among its group keys",
                1 => "the time bucket is not of a column",
                _ => "the report groups by more than one time bucket",
            };
            return self.fill_error(
                Code::FillNeedsBucket,
                span,
                format!("`fill` needs exactly one time bucket: {why}"),
                "group by one time bucket, e.g. `day: distribution_date by day` in the columns",
            );
        };
        if let Some(GroupKey::Expr(e)) = group_by
            .iter()
            .flatten()
            .find(|k| matches!(k, GroupKey::Expr(_)))
        {
            let at = if e.span == Span::empty() {
                span
            } else {
                e.span
            };
            return self.fill_error(
                Code::FillKeys,
                at,
                "every group key of a filled report must be an output column, and this one is not".into(),
                "add the key to the columns (its filled rows would look alike without it), or remove it from the group keys",
            );
        }
        let exprs = || {
            self.outputs
                .iter()
                .map(|(o, _)| &o.expr)
                .chain(having.iter())
        };
        let mix = if r.top.is_some() {
            Some("`top`")
        } else if exprs().any(contains_previous) {
            Some("previous(), change() or relative_change()")
        } else if exprs().any(contains_window) {
            Some("rolling() or running()")
        } else if exprs().any(contains_share) {
            Some("share()")
        } else if !self.joins.is_empty() {
            Some("columns of linked sources (`link.column`)")
        } else {
            None
        };
        if let Some(what) = mix {
            return self.fill_error(
                Code::FillMix,
                span,
                format!("`fill` cannot be combined with {what} in one report yet"),
                "write the filled report without it, or remove `fill`",
            );
        }
        if unit == TimeUnit::Hour {
            if let Some(z) = &self.tz {
                if z.name != "UTC" && z.tz.to_fixed_offset().is_err() {
                    return self.fill_error(
                        Code::FillHourZone,
                        span,
                        format!("hour buckets in `{}` cannot be filled: a local hour may be skipped or repeated at a clock change", z.name),
                        "fill day (or longer) buckets, or use a zone without clock changes such as UTC",
                    );
                }
            }
        }
        let range = match fill_range(filters, &ts) {
            Ok(r) => r,
            Err(why) => {
                return self.fill_error(
                    Code::FillNeedsRange,
                    span,
                    format!("`fill` needs a bounded date range: {why}"),
                    "filter the bucketed column with one range, e.g. `distribution_date in last 7 days` or `distribution_date >= 2026-03-01 and distribution_date < 2026-04-01`",
                );
            }
        };
        if let Some(n) = most_buckets(range, unit) {
            if n > MAX_FILL_BUCKETS {
                return self.fill_error(
                    Code::FillTooLong,
                    span,
                    format!(
                        "the range holds up to {n} {} buckets, and a filled report shows at most {MAX_FILL_BUCKETS}",
                        unit.name()
                    ),
                    "shorten the date range or use a longer bucket",
                );
            }
        }
        Some(span)
    }

    fn fill_error(&mut self, code: Code, span: Span, msg: String, help: &str) -> Option<Span> {
        self.diags
            .push(Diagnostic::error(code, span, msg).with_help(help.to_string()));
        None
    }
}

/// The most hours and the fewest hours a unit lasts in local time (a day is 23 to 25 hours).
fn hours(unit: TimeUnit) -> (i64, i64) {
    let days = |lo: i64, hi: i64| (hi * 24 + 1, lo * 24 - 1);
    match unit {
        TimeUnit::Hour => (1, 1),
        TimeUnit::Day => days(1, 1),
        TimeUnit::Week => days(7, 7),
        TimeUnit::Month => days(28, 31),
        TimeUnit::Quarter => days(90, 92),
        TimeUnit::Year => days(365, 366),
    }
}

/// An upper bound of the number of buckets of `unit` that the range touches, where the range
/// is known at compile time (a relative range, or two constant bounds).
fn most_buckets(range: FillRange, unit: TimeUnit) -> Option<i64> {
    let span_hours = match range {
        FillRange::Relative(r) => {
            let (ru, lo, hi) = r.unit_offsets();
            (hi - lo) * hours(ru).0
        }
        FillRange::Bounds { lo, hi, .. } => match (&lo.kind, &hi.kind) {
            (TKind::Lit(Value::Timestamp(a)), TKind::Lit(Value::Timestamp(b))) => {
                b.duration_since(*a).as_hours().max(0)
            }
            _ => return None,
        },
    };
    let shortest = hours(unit).1;
    Some((span_hours + shortest - 1) / shortest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::compile::check_file;
    use crate::diagnostics::SourceFile;
    use crate::syntax::InputFormat;
    use crate::vocab::RelativeRange;

    /// The codes of a filled day report with these filters (none: it may be filled).
    fn codes(filters: &[&str]) -> Vec<&'static str> {
        let mut text = String::from(
            "source: incoming_message_distributions\ncolumns:\n  - day: distribution_date by day\n  - n: count()\nfill: yes\nfilters:\n",
        );
        for f in filters {
            text.push_str(&format!("  - {f}\n"));
        }
        let (q, d) = check_file(
            &SourceFile::new("r.yaml", text),
            InputFormat::Yaml,
            Catalog::builtin(),
        );
        if let Some(q) = q {
            assert!(q.fill.is_some());
        }
        d.iter().map(|x| x.code.as_str()).collect()
    }

    #[test]
    fn ranges_a_filled_report_takes() {
        let none: Vec<&str> = Vec::new();
        assert_eq!(codes(&["distribution_date in last 7 days"]), none);
        assert_eq!(
            codes(&[
                "distribution_date >= 2026-03-01",
                "distribution_date <= 2026-03-31"
            ]),
            none
        );
        assert_eq!(
            codes(&["2026-03-01 <= distribution_date and distribution_date < 2026-04-01"]),
            none
        );
        assert_eq!(
            codes(&["distribution_date between 2026-03-01T08:00 and 2026-03-02T08:00"]),
            none
        );
        assert_eq!(
            codes(&[
                "distribution_date between 2026-03-01 and 2026-03-31",
                "queue = 'A'"
            ]),
            none
        );
    }

    #[test]
    fn ranges_a_filled_report_refuses() {
        assert_eq!(codes(&[]), ["E0261"]);
        assert_eq!(codes(&["distribution_date < 2026-03-01"]), ["E0261"]);
        assert_eq!(
            codes(&[
                "distribution_date in last 7 days",
                "distribution_date >= 2026-03-01"
            ]),
            ["E0261"]
        );
        // an `or` is not a range
        assert_eq!(
            codes(&["distribution_date in last 7 days or queue = 'A'"]),
            ["E0261"]
        );
        assert_eq!(codes(&["distribution_date not in last 7 days"]), ["E0261"]);
        // 4 years of days
        assert_eq!(
            codes(&["distribution_date >= 2022-01-01 and distribution_date < 2026-01-01"]),
            ["E0263"]
        );
    }

    #[test]
    fn bucket_bounds() {
        let r = |n, u| FillRange::Relative(RelativeRange::Last(n, u));
        assert_eq!(most_buckets(r(7, TimeUnit::Day), TimeUnit::Day), Some(9));
        assert_eq!(
            most_buckets(r(30, TimeUnit::Day), TimeUnit::Hour),
            Some(751)
        );
        assert!(most_buckets(r(90, TimeUnit::Day), TimeUnit::Hour).unwrap() > MAX_FILL_BUCKETS);
        assert!(most_buckets(r(24, TimeUnit::Month), TimeUnit::Day).unwrap() <= MAX_FILL_BUCKETS);
    }
}
