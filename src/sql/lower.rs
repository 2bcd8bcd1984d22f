//! Lower: IR -> the plan the builder renders. Dialect-independent rewrites happen here:
//! with `--as-of`, relative ranges become constant UTC bounds computed by the compiler (so the
//! SQL is reproducible and identical on every engine).

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::vocab::{BaseUnit, BinOp, RelativeRange, TimeUnit};
use jiff::civil::{DateTime, Time};
use jiff::tz::TimeZone;

/// Options that change the SQL produced, whatever the dialect.
#[derive(Debug, Clone, Default)]
pub struct SqlOptions {
    /// Evaluate relative ranges at this UTC instant instead of the engine's current time.
    pub as_of: Option<DateTime>,
}

pub struct Plan<'q> {
    pub table: &'q [String],
    pub table_span: Span,
    pub outputs: Vec<Output>,
    pub filters: Vec<TExpr>,
    pub group_by: Option<Vec<GroupKey>>,
    pub having: Vec<TExpr>,
    pub order_by: &'q [Order],
    pub limit: Option<u64>,
    /// The links followed (`link.column` paths): the FROM is the joined table.
    pub joins: &'q [crate::ir::Join],
    /// `top`: the statement is built by `builder::top_rest`.
    pub top: Option<&'q Top>,
    /// `fill: yes` (the span of the key): the shape of `builder::fill`.
    pub fill: Option<Span>,
}

impl<'q> Plan<'q> {
    /// A plan the builder makes for itself (a scan, a CTE, the outer query of a comparison,
    /// a window, `fill` or `top`): `outputs` over `table` under `filters`, with no grouping,
    /// having, order, limit, links, `top` or `fill`; a caller sets what it needs with
    /// `Plan { group_by: ..., ..Plan::over(...) }`.
    pub fn over(
        table: &'q [String],
        table_span: Span,
        outputs: Vec<Output>,
        filters: Vec<TExpr>,
    ) -> Plan<'q> {
        Plan {
            table,
            table_span,
            outputs,
            filters,
            group_by: None,
            having: Vec::new(),
            order_by: &[],
            limit: None,
            joins: &[],
            top: None,
            fill: None,
        }
    }
}

pub fn lower_query<'q>(q: &'q Query, opts: &SqlOptions) -> Result<Plan<'q>, Diagnostic> {
    let tz = q.timezone.as_ref().map(|z| &z.tz);
    let rw = |e: &TExpr| -> Result<TExpr, Diagnostic> {
        match opts.as_of {
            Some(now) => rewrite_ranges(e, now, tz),
            None => Ok(e.clone()),
        }
    };
    let outputs = q
        .outputs
        .iter()
        .map(|o| {
            Ok(Output {
                expr: rw(&o.expr)?,
                ..o.clone()
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let group_by = match &q.group_by {
        None => None,
        Some(keys) => Some(
            keys.iter()
                .map(|k| match k {
                    GroupKey::Output(i) => Ok(GroupKey::Output(*i)),
                    GroupKey::Expr(e) => rw(e).map(GroupKey::Expr),
                })
                .collect::<Result<Vec<_>, Diagnostic>>()?,
        ),
    };
    Ok(Plan {
        table: &q.table,
        table_span: q.table_span,
        outputs,
        filters: q.filters.iter().map(rw).collect::<Result<_, _>>()?,
        group_by,
        having: q.having.iter().map(rw).collect::<Result<_, _>>()?,
        order_by: &q.order_by,
        limit: q.limit,
        joins: &q.joins,
        top: q.top.as_ref(),
        fill: q.fill,
    })
}

fn rewrite_ranges(e: &TExpr, now: DateTime, tz: Option<&TimeZone>) -> Result<TExpr, Diagnostic> {
    let mut out = e.clone();
    rewrite_in_place(&mut out, now, tz)?;
    Ok(out)
}

fn rewrite_in_place(e: &mut TExpr, now: DateTime, tz: Option<&TimeZone>) -> Result<(), Diagnostic> {
    if let TKind::InRange {
        expr,
        range,
        negated,
    } = &e.kind
    {
        let (lo, hi) = range_bounds(*range, now, tz).ok_or_else(|| {
            Diagnostic::error(
                Code::OutOfRange,
                e.span,
                "the relative range falls outside the supported dates",
            )
        })?;
        let ty = expr.ty;
        let lit = |v| TExpr::new(TKind::Lit(Value::Timestamp(v)), ty);
        let cmp = |op, l: TExpr, r: TExpr| {
            TExpr::new(
                TKind::Binary {
                    op,
                    left: Box::new(l),
                    right: Box::new(r),
                },
                Ty::Boolean,
            )
        };
        let x = (**expr).clone();
        let span = e.span;
        *e = if *negated {
            cmp(
                BinOp::Or,
                cmp(BinOp::Lt, x.clone(), lit(lo)),
                cmp(BinOp::GtEq, x, lit(hi)),
            )
        } else {
            cmp(
                BinOp::And,
                cmp(BinOp::GtEq, x.clone(), lit(lo)),
                cmp(BinOp::Lt, x, lit(hi)),
            )
        };
        e.span = span;
        return Ok(());
    }
    let mut result = Ok(());
    e.kind.for_each_child_mut(|c| {
        if result.is_ok() {
            result = rewrite_in_place(c, now, tz);
        }
    });
    result
}

/// Truncate a wall-clock time to the start of its unit (ISO weeks start on Monday).
pub fn trunc(dt: DateTime, unit: TimeUnit) -> DateTime {
    let d = dt.date();
    let date = match unit {
        TimeUnit::Hour => {
            return d.to_datetime(Time::new(dt.hour(), 0, 0, 0).unwrap_or(Time::midnight()))
        }
        TimeUnit::Day => d,
        TimeUnit::Week => d
            .checked_sub(jiff::Span::new().days(i64::from(d.weekday().to_monday_zero_offset())))
            .unwrap_or(d),
        TimeUnit::Month => d.first_of_month(),
        TimeUnit::Quarter => {
            jiff::civil::Date::new(d.year(), ((d.month() - 1) / 3) * 3 + 1, 1).unwrap_or(d)
        }
        TimeUnit::Year => jiff::civil::Date::new(d.year(), 1, 1).unwrap_or(d),
    };
    date.to_datetime(Time::midnight())
}

fn shift(dt: DateTime, k: i64, unit: TimeUnit) -> Option<DateTime> {
    let (base, per) = unit.in_base();
    let n = per * k;
    let span = match base {
        BaseUnit::Hours => jiff::Span::new().try_hours(n).ok()?,
        BaseUnit::Days => jiff::Span::new().try_days(n).ok()?,
        BaseUnit::Months => jiff::Span::new().try_months(n).ok()?,
    };
    dt.checked_add(span).ok()
}

/// The UTC bounds `[lo, hi)` of a relative range at instant `now` (UTC), in zone `tz`.
pub fn range_bounds(
    r: RelativeRange,
    now: DateTime,
    tz: Option<&TimeZone>,
) -> Option<(DateTime, DateTime)> {
    let local_now = match tz {
        Some(tz) => now
            .to_zoned(TimeZone::UTC)
            .ok()?
            .with_time_zone(tz.clone())
            .datetime(),
        None => now,
    };
    let (unit, lo_k, hi_k) = r.unit_offsets();
    let start = trunc(local_now, unit);
    let lo = shift(start, lo_k, unit)?;
    let hi = shift(start, hi_k, unit)?;
    let to_utc = |dt: DateTime| -> Option<DateTime> {
        match tz {
            Some(tz) => Some(
                dt.to_zoned(tz.clone())
                    .ok()?
                    .with_time_zone(TimeZone::UTC)
                    .datetime(),
            ),
            None => Some(dt),
        }
    };
    Some((to_utc(lo)?, to_utc(hi)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_weeks_start_on_monday() {
        // 2026-03-01 is a Sunday
        let sunday = date(2026, 3, 1).at(23, 0, 0, 0);
        assert_eq!(
            trunc(sunday, TimeUnit::Week),
            date(2026, 2, 23).at(0, 0, 0, 0)
        );
        assert_eq!(
            trunc(sunday, TimeUnit::Quarter),
            date(2026, 1, 1).at(0, 0, 0, 0)
        );
    }

    #[test]
    fn ranges_across_dst_in_paris() {
        let paris = jiff::tz::db().get("Europe/Paris").unwrap();
        // 2026-03-29 is the spring-forward day in Europe; now = 2026-03-30 10:00 UTC
        let now = date(2026, 3, 30).at(10, 0, 0, 0);
        let (lo, hi) =
            range_bounds(RelativeRange::Last(2, TimeUnit::Day), now, Some(&paris)).unwrap();
        // local midnight of the 29th is 23:00 UTC on the 28th (CET, +1)
        assert_eq!(lo, date(2026, 3, 28).at(23, 0, 0, 0));
        // local midnight of the 31st is 22:00 UTC on the 30th (CEST, +2)
        assert_eq!(hi, date(2026, 3, 30).at(22, 0, 0, 0));
        let (lo, hi) = range_bounds(RelativeRange::Previous(TimeUnit::Month), now, None).unwrap();
        assert_eq!(
            (lo, hi),
            (
                date(2026, 2, 1).at(0, 0, 0, 0),
                date(2026, 3, 1).at(0, 0, 0, 0)
            )
        );
    }
}
