//! The report time zones on the embedded engine: `timezone()` as a Rust scalar function over
//! Arrow arrays, with jiff's bundled time-zone database (the compiler's own), since the bundled
//! DuckDB has no ICU extension.

use duckdb::arrow;
use duckdb::arrow::array::{Array, AsArray, RecordBatch};
use duckdb::arrow::datatypes::{DataType, TimeUnit};
use duckdb::vscalar::{ArrowFunctionSignature, VArrowScalar};
use std::sync::Arc;

/// `timezone(zone, timestamp)` and `timezone(zone, timestamptz)` as DuckDB's ICU extension
/// defines them: a wall-clock time in `zone` to the instant (TIMESTAMPTZ), and an instant to
/// the wall-clock time in `zone` (TIMESTAMP). A wall-clock time that a DST change skips is
/// moved forward and one that it repeats is the earlier instant (jiff's "compatible"
/// disambiguation, which is ICU's and PostgreSQL's too).
pub struct TimeZoneFn;

/// Microseconds since the epoch <-> jiff, in UTC.
fn civil(us: i64) -> Result<jiff::civil::DateTime, String> {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).datetime())
        .map_err(|e| e.to_string())
}

fn micros(t: jiff::Timestamp) -> i64 {
    t.as_microsecond()
}

impl VArrowScalar for TimeZoneFn {
    type State = ();

    fn invoke(_: &(), input: RecordBatch) -> Result<Arc<dyn Array>, Box<dyn std::error::Error>> {
        let zones = input.column(0).as_string::<i32>();
        let times = input
            .column(1)
            .as_primitive::<arrow::datatypes::TimestampMicrosecondType>();
        let to_local = matches!(input.column(1).data_type(), DataType::Timestamp(_, Some(_)));
        let mut cache: Vec<(String, jiff::tz::TimeZone)> = Vec::new();
        let mut out: Vec<Option<i64>> = Vec::with_capacity(input.num_rows());
        for i in 0..input.num_rows() {
            if zones.is_null(i) || times.is_null(i) {
                out.push(None);
                continue;
            }
            let name = zones.value(i);
            let tz = match cache.iter().find(|(n, _)| n == name) {
                Some((_, tz)) => tz.clone(),
                None => {
                    let tz = jiff::tz::db()
                        .get(name)
                        .map_err(|_| format!("Unknown TimeZone '{name}'"))?;
                    cache.push((name.to_string(), tz.clone()));
                    tz
                }
            };
            let us = times.value(i);
            let v = if to_local {
                let t = jiff::Timestamp::from_microsecond(us).map_err(|e| e.to_string())?;
                let local = t.to_zoned(tz).datetime();
                micros(
                    local
                        .to_zoned(jiff::tz::TimeZone::UTC)
                        .map_err(|e| e.to_string())?
                        .timestamp(),
                )
            } else {
                let local = civil(us)?;
                micros(
                    tz.to_ambiguous_zoned(local)
                        .compatible()
                        .map_err(|e| e.to_string())?
                        .timestamp(),
                )
            };
            out.push(Some(v));
        }
        let arr = arrow::array::TimestampMicrosecondArray::from(out);
        Ok(Arc::new(if to_local {
            arr
        } else {
            arr.with_timezone("UTC")
        }))
    }

    fn signatures() -> Vec<ArrowFunctionSignature> {
        let plain = DataType::Timestamp(TimeUnit::Microsecond, None);
        let instant = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
        vec![
            ArrowFunctionSignature::exact(vec![DataType::Utf8, plain.clone()], instant.clone()),
            ArrowFunctionSignature::exact(vec![DataType::Utf8, instant], plain),
        ]
    }
}
