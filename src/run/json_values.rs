//! DuckDB values as JSON, the values of a [`super::ResultSet`] (see there for the mapping).

use super::connect::float;
use duckdb::types::Value as DValue;
use serde_json::Value;

fn timestamp_text(micros: i64) -> String {
    match jiff::Timestamp::from_microsecond(micros) {
        Ok(ts) => {
            let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
            let mut s = dt.strftime("%Y-%m-%d %H:%M:%S").to_string();
            let us = micros.rem_euclid(1_000_000);
            if us != 0 {
                s.push_str(format!(".{us:06}").trim_end_matches('0'));
            }
            s
        }
        Err(_) => micros.to_string(),
    }
}

/// A DuckDB value as JSON (see [`ResultSet`]).
pub fn to_json(v: DValue) -> Value {
    use serde_json::json;
    match v {
        DValue::Null => Value::Null,
        DValue::Boolean(b) => json!(b),
        DValue::TinyInt(i) => json!(i),
        DValue::SmallInt(i) => json!(i),
        DValue::Int(i) => json!(i),
        DValue::BigInt(i) => json!(i),
        DValue::HugeInt(i) => i64::try_from(i)
            .map(|x| json!(x))
            .unwrap_or_else(|_| float(i as f64)),
        DValue::UHugeInt(i) => i64::try_from(i)
            .map(|x| json!(x))
            .unwrap_or_else(|_| float(i as f64)),
        DValue::UTinyInt(i) => json!(i),
        DValue::USmallInt(i) => json!(i),
        DValue::UInt(i) => json!(i),
        DValue::UBigInt(i) => json!(i),
        DValue::Float(f) => float(f as f64),
        DValue::Double(f) => float(f),
        DValue::Decimal(d) => float(d.value() as f64 / 10f64.powi(d.scale() as i32)),
        DValue::Timestamp(unit, n) => json!(timestamp_text(unit.to_micros(n))),
        DValue::Text(s) | DValue::Enum(s) => json!(s),
        DValue::Blob(b) | DValue::Geometry(b) => json!(String::from_utf8_lossy(&b)),
        DValue::Date32(days) => {
            let d = jiff::civil::date(1970, 1, 1)
                .checked_add(jiff::Span::new().days(days as i64))
                .map(|d| d.to_string())
                .unwrap_or_else(|_| days.to_string());
            json!(d)
        }
        DValue::Time64(unit, n) => {
            let us = unit.to_micros(n);
            let secs = us.div_euclid(1_000_000);
            json!(format!(
                "{:02}:{:02}:{:02}",
                secs / 3600,
                (secs / 60) % 60,
                secs % 60
            ))
        }
        DValue::Interval {
            months,
            days,
            nanos,
        } => {
            let secs =
                (months as f64) * 30.0 * 86_400.0 + (days as f64) * 86_400.0 + nanos as f64 / 1e9;
            if secs.fract() == 0.0 {
                json!(secs as i64)
            } else {
                float(secs)
            }
        }
        DValue::List(items) | DValue::Array(items) => {
            Value::Array(items.into_iter().map(to_json).collect())
        }
        DValue::Union(b) => to_json(*b),
        other => json!(format!("{other:?}")),
    }
}
