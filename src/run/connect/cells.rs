//! A database's values as the values of a [`ResultSet`], the same as the embedded DuckDB's
//! (see [`ResultSet`] and `json_values.rs`): each driver gives a cell as text or JSON, and
//! the report's logical type of the column says what it is. Timestamps are shown in UTC as
//! `YYYY-MM-DD HH:MM:SS[.ffffff]` (trailing zeros of the fraction dropped), dates as
//! `YYYY-MM-DD`, integers as JSON integers, numbers (decimals too) as JSON floats, booleans
//! as `true`/`false` (MySQL's `1`/`0` too), text lists as arrays (MySQL's JSON text too).

use crate::output_schema::OutputColumn;
use serde_json::Value;

/// A float as JSON, NaN and the infinities as text (the embedded engine's values too).
pub fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f)
        .map(Value::Number)
        .unwrap_or_else(|| {
            Value::String(if f.is_nan() {
                "NaN".into()
            } else if f > 0.0 {
                "Infinity".into()
            } else {
                "-Infinity".into()
            })
        })
}

/// A timestamp as the database wrote it (`2026-03-01 12:00:00.5`, with a `T`, with an offset
/// `+00`, `+02:00`, `Z`), as `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC; a bare date as it is;
/// `None` when it is neither.
pub fn timestamp_text(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() == 10 {
        return s.parse::<jiff::civil::Date>().ok().map(|d| d.to_string());
    }
    let norm = s.replacen(' ', "T", 1);
    // an offset: `+HH`, `+HH:MM`, `+HHMM`, `Z`
    let split = norm
        .char_indices()
        .skip(19)
        .find(|(_, c)| matches!(c, '+' | '-' | 'Z'))
        .map(|(i, _)| i);
    let (civil, offset) = match split {
        Some(i) => (&norm[..i], Some(&norm[i..])),
        None => (norm.as_str(), None),
    };
    let mut dt: jiff::civil::DateTime = civil.parse().ok()?;
    if let Some(off) = offset {
        let secs = offset_seconds(off)?;
        dt = dt
            .checked_sub(jiff::SignedDuration::from_secs(secs as i64))
            .ok()?;
    }
    let mut out = dt.strftime("%Y-%m-%d %H:%M:%S").to_string();
    let us = dt.subsec_nanosecond() / 1000;
    if us != 0 {
        out.push_str(format!(".{us:06}").trim_end_matches('0'));
    }
    Some(out)
}

/// `Z`, `+HH`, `+HH:MM`, `+HHMM`, `+HH:MM:SS` as seconds east of UTC.
fn offset_seconds(off: &str) -> Option<i32> {
    if off == "Z" {
        return Some(0);
    }
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
    let part = |r: std::ops::Range<usize>| -> Option<i32> {
        digits.get(r).map_or(Some(0), |d| d.parse().ok())
    };
    if !(2..=6).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(sign * (part(0..2)? * 3600 + part(2..4)? * 60 + part(4..6)?))
}

/// A number written as text, as JSON: an integer when `integer` and the text is one, else a
/// float; the text itself when it is not a number.
fn number(s: &str, integer: bool) -> Value {
    let s = s.trim();
    if integer {
        if let Ok(i) = s.parse::<i64>() {
            return Value::from(i);
        }
    }
    match s.parse::<f64>() {
        Ok(f) if integer && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
        Ok(f) => float(f),
        Err(_) => match s {
            "nan" | "NaN" => float(f64::NAN),
            "inf" | "Infinity" | "+inf" => float(f64::INFINITY),
            "-inf" | "-Infinity" => float(f64::NEG_INFINITY),
            _ => Value::String(s.to_string()),
        },
    }
}

/// One cell, from the driver (text, or a JSON value), as the report's column `col` shows it.
pub fn cell(col: Option<&OutputColumn>, v: Value) -> Value {
    let logical = col.map_or("text", |c| c.logical_type);
    match (logical, v) {
        (_, Value::Null) => Value::Null,
        ("integer", Value::String(s)) => number(&s, true),
        ("integer", Value::Number(n)) => n
            .as_i64()
            .map(Value::from)
            .unwrap_or_else(|| number(&n.to_string(), true)),
        ("integer", Value::Bool(b)) => Value::from(b as i64),
        ("number", Value::String(s)) => number(&s, false),
        ("number", Value::Number(n)) => float(n.as_f64().unwrap_or(f64::NAN)),
        // a duration is a number of its unit: whole ones as integers, as DuckDB's BIGINT
        ("duration", Value::String(s)) => number(&s, true),
        ("duration", Value::Number(n)) => number(&n.to_string(), true),
        ("boolean", Value::String(s)) => match s.trim() {
            "t" | "true" | "TRUE" | "1" => Value::Bool(true),
            "f" | "false" | "FALSE" | "0" => Value::Bool(false),
            _ => Value::String(s),
        },
        ("boolean", Value::Number(n)) => Value::Bool(n.as_f64() != Some(0.0)),
        ("timestamp", Value::String(s)) => timestamp_text(&s).map_or(Value::String(s), Value::from),
        ("text list", Value::String(s)) if s.starts_with('[') => {
            match serde_json::from_str::<Value>(&s) {
                Ok(Value::Array(a)) => Value::Array(a),
                _ => Value::String(s),
            }
        }
        (_, other) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn col(t: &'static str) -> OutputColumn {
        OutputColumn {
            name: "c".into(),
            logical_type: t,
            unit: None,
            bucket: None,
            sql_type: "x",
            sql_name: String::new(),
        }
    }

    #[test]
    fn timestamps_are_utc_without_trailing_zeros() {
        let t = |s: &str| timestamp_text(s).unwrap();
        assert_eq!(t("2026-03-01 12:00:00"), "2026-03-01 12:00:00");
        assert_eq!(t("2026-03-01 12:00:00.500000"), "2026-03-01 12:00:00.5");
        assert_eq!(
            t("2026-03-01T12:00:00.000123"),
            "2026-03-01 12:00:00.000123"
        );
        assert_eq!(t("2026-03-01 12:00:00+00"), "2026-03-01 12:00:00");
        assert_eq!(t("2026-03-01 01:30:00+02:00"), "2026-02-28 23:30:00");
        assert_eq!(t("2026-03-01 01:30:00-0130"), "2026-03-01 03:00:00");
        assert_eq!(t("2026-03-01 12:00:00Z"), "2026-03-01 12:00:00");
        assert_eq!(t("2026-03-01"), "2026-03-01");
        assert_eq!(timestamp_text("yesterday"), None);
    }

    #[test]
    fn cells_follow_the_logical_type() {
        let c = |t, v| cell(Some(&col(t)), v);
        assert_eq!(c("integer", json!("42")), json!(42));
        assert_eq!(c("integer", json!("42.000")), json!(42));
        assert_eq!(c("number", json!("12.50")), json!(12.5));
        assert_eq!(c("number", json!("3")), json!(3.0));
        assert_eq!(c("number", json!(3)), json!(3.0));
        assert_eq!(c("number", json!("NaN")), json!("NaN"));
        assert_eq!(c("duration", json!("30")), json!(30));
        assert_eq!(c("duration", json!("30.5")), json!(30.5));
        assert_eq!(c("boolean", json!("t")), json!(true));
        assert_eq!(c("boolean", json!("0")), json!(false));
        assert_eq!(c("boolean", json!(1)), json!(true));
        assert_eq!(
            c("timestamp", json!("2026-03-01 12:00:00.250")),
            json!("2026-03-01 12:00:00.25")
        );
        assert_eq!(c("text list", json!("[\"a\", \"b\"]")), json!(["a", "b"]));
        assert_eq!(c("text list", json!(["a"])), json!(["a"]));
        assert_eq!(c("text", json!("[x")), json!("[x"));
        assert_eq!(c("integer", Value::Null), Value::Null);
        assert_eq!(cell(None, json!("x")), json!("x"));
    }
}
