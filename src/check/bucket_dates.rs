//! `bucket_as: date`: day, week, month, quarter and year bucket outputs are shown as dates
//! (`Output::as_date`; the builder casts the output, keys and joins stay timestamps). An hour
//! bucket, or a report without a bucket output, is refused (E0266).

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::TKind;
use crate::syntax::ast::Report;
use crate::vocab::TimeUnit;

impl Checker<'_> {
    pub(super) fn bucket_dates(&mut self, r: &Report) {
        let Some(at) = r.bucket_dates.as_ref().filter(|b| b.value) else {
            return;
        };
        let mut any = false;
        let mut hours = Vec::new();
        for (o, _) in &mut self.outputs {
            if let TKind::Bucket { unit, .. } = &o.expr.kind {
                if *unit == TimeUnit::Hour {
                    hours.push((o.name.clone(), o.span));
                } else {
                    o.as_date = true;
                    any = true;
                }
            }
        }
        for (name, span) in hours {
            self.diags.push(
                Diagnostic::error(
                    Code::BucketAsDate,
                    span,
                    format!(
                        "`{name}` is an hour bucket, and `bucket_as: date` shows buckets as dates"
                    ),
                )
                .with_secondary(at.span, "dates asked for here")
                .with_help("bucket by day (or longer) to show dates, or remove `bucket_as`"),
            );
        }
        if !any && !self.diags.has_errors() {
            self.diags.push(
                Diagnostic::error(
                    Code::BucketAsDate,
                    at.span,
                    "`bucket_as: date` in a report without a time bucket output",
                )
                .with_help("add a bucket output such as `day: distribution_date by day`, or remove `bucket_as`"),
            );
        }
    }
}
