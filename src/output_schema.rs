//! The output schema of a compiled report, for pipelines: each output column's name, logical
//! type and SQL type in the dialect (`Dialect::type_names`), and the declared parameters.
//! Serde structs, so the JSON keys come in the order of the fields (`compile --format json`).

use crate::ir::{Param, Query, TKind, Ty};
use crate::sql::ddl::output_name;
use crate::sql::Dialect;
use serde::Serialize;

/// One output column of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputColumn {
    pub name: String,
    /// reportc's type: text, integer, number, boolean, timestamp, date (a bucket with
    /// `bucket_as: date`), duration, text list, null.
    pub logical_type: &'static str,
    /// For a duration: the unit of its numbers (`seconds`, `milliseconds`); for a duration
    /// converted by `seconds()`, `minutes()` or `hours()`, that unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// For a time bucket: its unit (`hour`, `day`, `week` (ISO, from Monday), `month`,
    /// `quarter`, `year`), in the report time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<&'static str>,
    /// The SQL type of the values in the dialect.
    pub sql_type: &'static str,
    /// The name as the query writes the column's alias (`"n"` on Snowflake and Oracle, which
    /// quote every output name; `n` elsewhere), to select the column from the query.
    pub sql_name: String,
}

/// A declared parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameter {
    pub name: String,
    /// As written: `date`, `enum(queue)`.
    #[serde(rename = "type")]
    pub ty: String,
    pub default: Option<String>,
    pub description: Option<String>,
}

impl From<&Param> for Parameter {
    fn from(p: &Param) -> Parameter {
        Parameter {
            name: p.name.clone(),
            ty: p.ty.clone(),
            default: p.default.clone(),
            description: p.description.clone(),
        }
    }
}

/// The output columns of a resolved report, with their SQL types in `d`. A duration is a
/// number of its unit; a text list is written as the dialect's text (its lists are arrays or
/// JSON text, which pipelines read as text); NULL has the text type.
pub fn output_columns(q: &Query, d: &Dialect) -> Vec<OutputColumn> {
    let t = &d.type_names;
    q.outputs
        .iter()
        .map(|o| {
            // an enum shown with its labels is text, whatever its codes
            let ty = if o.labels.is_some() {
                Ty::Text
            } else {
                o.expr.ty
            };
            let (unit, sql_type) = match ty {
                Ty::Timestamp { .. } if o.as_date => (None, t.date),
                Ty::Timestamp { .. } => (None, t.timestamp),
                Ty::Duration(u) => (Some(u.name()), t.number),
                Ty::Integer => (o.unit, t.integer),
                Ty::Number => (o.unit, t.number),
                Ty::Boolean => (None, t.boolean),
                Ty::Text | Ty::TextList | Ty::Null => (None, t.text),
            };
            let bucket = match &o.expr.kind {
                TKind::Bucket { unit, .. } => Some(unit.name()),
                _ => None,
            };
            OutputColumn {
                name: o.name.clone(),
                logical_type: if o.as_date { "date" } else { ty.name() },
                unit,
                bucket,
                sql_type,
                // the query compiled, so each of its output names could be written
                sql_name: output_name(d, &o.name).unwrap_or_else(|_| o.name.clone()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::compile::check_file;
    use crate::diagnostics::SourceFile;
    use crate::sql::dialect_by_name;
    use crate::syntax::InputFormat;

    #[test]
    fn columns_have_logical_and_dialect_types() {
        let f = SourceFile::new(
            "r.yaml",
            "source: incoming_message_distributions\ncolumns:\n  - queue\n  - day: distribution_date by day\n  - n: count()\n  - w: avg(wait_time)\n",
        );
        let (q, d) = check_file(&f, InputFormat::Yaml, Catalog::builtin());
        let q = q.unwrap_or_else(|| panic!("{d:?}"));
        let cols = |name| {
            output_columns(&q, dialect_by_name(name).unwrap())
                .into_iter()
                .map(|c| format!("{}:{}:{}", c.name, c.logical_type, c.sql_type))
                .collect::<Vec<_>>()
        };
        assert_eq!(cols("bigquery")[0], "queue:text:STRING");
        assert_eq!(cols("bigquery")[1], "day:timestamp:TIMESTAMP");
        assert_eq!(cols("mssql")[2], "n:integer:BIGINT");
        assert_eq!(cols("clickhouse")[0], "queue:text:String");
        assert_eq!(cols("postgres")[0], "queue:text:TEXT");
    }
}
