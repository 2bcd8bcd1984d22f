//! Units in the table header of `run`: a duration output, or one converted by `seconds()`,
//! `minutes()` or `hours()`, is headed `wait_time (s)`, `aht_minutes (min)`. CSV and JSON keep
//! the bare output names (a pipeline reads the unit from `compile --format json`).

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

/// `rs` with each column that has a unit in `schema` (matched by name) headed `name (unit)`.
pub fn with_units(mut rs: ResultSet, schema: &[OutputColumn]) -> ResultSet {
    for c in &mut rs.columns {
        if let Some(u) = schema.iter().find(|o| o.name == *c).and_then(|o| o.unit) {
            *c = format!("{c} ({})", short(u));
        }
    }
    rs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_named_units_get_their_unit() {
        let col = |name: &str, unit| OutputColumn {
            name: name.into(),
            logical_type: "number",
            unit,
            sql_type: "DOUBLE",
        };
        let rs = ResultSet {
            columns: vec!["queue".into(), "wait_time".into(), "aht".into(), "n".into()],
            rows: vec![],
        };
        let schema = [
            col("queue", None),
            col("wait_time", Some("seconds")),
            col("aht", Some("minutes")),
            col("n", None),
        ];
        assert_eq!(
            with_units(rs, &schema).columns,
            ["queue", "wait_time (s)", "aht (min)", "n"]
        );
    }
}
