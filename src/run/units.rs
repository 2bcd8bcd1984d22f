//! Units in the table header of `run`: a duration output, or one converted by `seconds()`,
//! `minutes()` or `hours()`, is headed `wait_time (s)`, `aht_minutes (min)`; a time bucket
//! is headed with its unit, `week (ISO week)`, `d (day)`, unless the unit would only repeat
//! the name (`month`, not `month (month)`). CSV and JSON keep the bare output names (a
//! pipeline reads the unit from `compile --format json`).

use super::ResultSet;
use crate::output_schema::OutputColumn;

/// The short form of a unit of the output schema.
fn short(unit: &str) -> &str {
    match unit {
        "seconds" => "s",
        "milliseconds" => "ms",
        "minutes" => "min",
        "hours" => "h",
        other => other,
    }
}

/// The header form of a bucket unit: weeks are ISO weeks, from Monday.
fn bucket(unit: &str) -> &str {
    match unit {
        "week" => "ISO week",
        other => other,
    }
}

/// `rs` with each column that has a unit in `schema` (matched by name) headed `name (unit)`,
/// and each time bucket `name (bucket unit)` where that unit is not the name itself.
pub fn with_units(mut rs: ResultSet, schema: &[OutputColumn]) -> ResultSet {
    for c in &mut rs.columns {
        let Some(o) = schema.iter().find(|o| o.name == *c) else {
            continue;
        };
        if let Some(u) = o.unit {
            *c = format!("{c} ({})", short(u));
        } else if let Some(b) = o.bucket.map(bucket).filter(|b| *b != c.as_str()) {
            *c = format!("{c} ({b})");
        }
    }
    rs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_named_units_and_buckets_get_their_unit() {
        let col = |name: &str, unit, bucket| OutputColumn {
            name: name.into(),
            logical_type: "number",
            unit,
            bucket,
            sql_type: "DOUBLE",
            sql_name: String::new(),
        };
        let rs = ResultSet {
            columns: vec![
                "week".into(),
                "d".into(),
                "month".into(),
                "queue".into(),
                "wait_time".into(),
                "aht".into(),
                "n".into(),
            ],
            rows: vec![],
        };
        let schema = [
            col("week", None, Some("week")),
            col("d", None, Some("day")),
            col("month", None, Some("month")),
            col("queue", None, None),
            col("wait_time", Some("seconds"), None),
            col("aht", Some("minutes"), None),
            col("n", None, None),
        ];
        assert_eq!(
            with_units(rs, &schema).columns,
            [
                "week (ISO week)",
                "d (day)",
                "month",
                "queue",
                "wait_time (s)",
                "aht (min)",
                "n"
            ]
        );
    }
}
