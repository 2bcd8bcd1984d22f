//! Converting a loaded file's columns to the catalogue's types, leniently, and finding the
//! first value of each column that does not convert (with its row), before the table is made.

use super::data_error::DataError;
use super::load::Origin;
use super::quote::qident;
use super::Engine;
use crate::catalog::Source;
use crate::demo::Stored;
use crate::diagnostics::{did_you_mean, Code};

impl Engine {
    /// The raw table's columns, as (name, DuckDB type).
    fn columns_of(&self, table: &str) -> Result<Vec<(String, String)>, String> {
        let mut stmt = self
            .con
            .prepare(&format!("DESCRIBE SELECT * FROM {table}"))
            .map_err(|e| e.to_string())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| e.to_string())?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())
    }

    /// Make `source`'s table from `raw` (a relation with a `__reportc_row` column
    /// numbering its rows): a table copied from `from` when `from` is `raw` (a temporary
    /// table of a file), else a view over `from` (a table of an attached database).
    pub(super) fn convert(
        &self,
        raw: &str,
        from: &str,
        origin: &Origin,
        source: &Source,
    ) -> Result<(), Vec<DataError>> {
        let file = &origin.label;
        // the engine failing on the relation it just made (not expected): the file is unreadable
        let unreadable = |e: String| {
            vec![DataError::new(
                Code::DataUnreadable,
                &origin.file,
                format!("cannot read `{file}`: {e}"),
            )]
        };
        let have = self.columns_of(raw).map_err(unreadable)?;
        let names: Vec<&str> = have
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| *n != "__reportc_row")
            .collect();
        let mut errors = Vec::new();
        // (catalogue column, its column in the file, the file's type)
        let mut found = Vec::new();
        for c in &source.columns {
            let hit = have.iter().find(|(n, _)| *n == c.physical).or_else(|| {
                have.iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(&c.physical))
            });
            match hit {
                Some((name, raw_type)) => found.push((c, name.as_str(), raw_type.as_str())),
                None => {
                    let hint = match did_you_mean(&c.physical, names.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("its columns: {}", names.join(", ")),
                    };
                    let header = origin.csv.as_ref().and_then(|f| f.header());
                    errors.push(
                        DataError::new(
                            Code::DataMissingColumn,
                            &origin.file,
                            format!(
                                "`{file}` has no column `{}` (column `{}` of source `{}`)",
                                c.physical, c.id, source.id
                            ),
                        )
                        .at(header, format!("no `{}` here", c.physical))
                        .with_help(hint),
                    );
                }
            }
        }
        // one scan: which integer columns of text hold only whole numbers
        let text_ints: Vec<&str> = found
            .iter()
            .filter(|(c, _, t)| *t == "VARCHAR" && Stored::of(&c.ty) == Stored::Integer)
            .map(|(_, n, _)| *n)
            .collect();
        let whole = self.whole_numbers(raw, &text_ints).map_err(unreadable)?;
        let exprs: Vec<(String, String)> = found
            .iter()
            .map(|(c, name, raw_type)| {
                let x = qident(name);
                let ty = Stored::of(&c.ty);
                let e = if *raw_type == "VARCHAR" {
                    let w = text_ints
                        .iter()
                        .position(|n| n == name)
                        .is_some_and(|i| whole[i]);
                    text_conversion(&x, ty, w)
                } else {
                    typed_conversion(&x, ty, raw_type)
                };
                (x, e)
            })
            .collect();
        // one more scan: the first value of each column that does not convert
        let bad = self.first_bad(raw, &exprs).map_err(unreadable)?;
        let mut select = Vec::new();
        for (((c, name, _), (_, expr)), bad) in found.iter().zip(&exprs).zip(bad) {
            if let Some((row, value)) = bad {
                let ty = Stored::of(&c.ty);
                // the column's place among the file's columns
                let index = names.iter().position(|n| n == name);
                let place = origin
                    .csv
                    .as_ref()
                    .zip(index)
                    .and_then(|(f, i)| f.field(usize::try_from(row).ok()?, i));
                errors.push(
                    DataError::new(
                        Code::DataBadValue,
                        &origin.file,
                        format!(
                            "`{file}`, row {row}, column `{name}`: `{value}` is not {}",
                            expected_value(ty)
                        ),
                    )
                    .at(place, format!("not {}", expected_kind(ty))),
                );
            }
            select.push(format!("{expr} AS {}", qident(&c.physical)));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let target: Vec<String> = source.table.iter().map(|t| qident(t)).collect();
        let mut sql = String::new();
        match target.len() {
            3 => sql.push_str(&format!(
                "ATTACH IF NOT EXISTS ':memory:' AS {}; CREATE SCHEMA IF NOT EXISTS {}.{}; ",
                target[0], target[0], target[1]
            )),
            2 => sql.push_str(&format!("CREATE SCHEMA IF NOT EXISTS {}; ", target[0])),
            _ => {}
        }
        sql.push_str(&if from == raw {
            format!(
                "CREATE TABLE {} AS SELECT {} FROM {raw} ORDER BY __reportc_row",
                target.join("."),
                select.join(", ")
            )
        } else {
            format!(
                "CREATE VIEW {} AS SELECT {} FROM {from}",
                target.join("."),
                select.join(", ")
            )
        });
        self.con.execute_batch(&sql).map_err(|e| {
            vec![DataError::new(
                Code::DataUnreadable,
                &origin.file,
                format!("cannot load `{file}`: {e}"),
            )]
        })
    }

    /// For each `(column, conversion)` whose conversion is not the column itself, the first
    /// row whose value does not convert, as (row number, value), in one scan of `raw`.
    fn first_bad(
        &self,
        raw: &str,
        exprs: &[(String, String)],
    ) -> Result<Vec<Option<(i64, String)>>, String> {
        let checked: Vec<usize> = (0..exprs.len())
            .filter(|&i| exprs[i].0 != exprs[i].1)
            .collect();
        let mut out = vec![None; exprs.len()];
        if checked.is_empty() {
            return Ok(out);
        }
        let firsts: Vec<String> = checked
            .iter()
            .map(|&i| {
                let (x, e) = &exprs[i];
                format!(
                "min(__reportc_row) FILTER (WHERE {x} IS NOT NULL AND ({e}) IS NULL AND NOT ({}))",
                null_token(x)
            )
            })
            .collect();
        let rows: Vec<Option<i64>> = self
            .con
            .query_row(
                &format!("SELECT {} FROM {raw}", firsts.join(", ")),
                [],
                |r| (0..checked.len()).map(|k| r.get(k)).collect(),
            )
            .map_err(|e| e.to_string())?;
        for (&i, row) in checked.iter().zip(rows) {
            let Some(row) = row else { continue };
            let value: String = self
                .con
                .query_row(
                    &format!(
                        "SELECT CAST({} AS VARCHAR) FROM {raw} WHERE __reportc_row = {row}",
                        exprs[i].0
                    ),
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| e.to_string())?;
            out[i] = Some((row, value));
        }
        Ok(out)
    }

    /// For each integer column of text, whether all its values are whole numbers (`12`,
    /// `12.0`), in one scan.
    fn whole_numbers(&self, raw: &str, columns: &[&str]) -> Result<Vec<bool>, String> {
        if columns.is_empty() {
            return Ok(Vec::new());
        }
        let tests: Vec<String> = columns
            .iter()
            .map(|n| {
                let d = format!("TRY_CAST({} AS DOUBLE)", cleaned(&qident(n)));
                format!("coalesce(bool_and({d} = floor({d})), true)")
            })
            .collect();
        self.con
            .query_row(
                &format!("SELECT {} FROM {raw}", tests.join(", ")),
                [],
                |r| (0..columns.len()).map(|k| r.get(k)).collect(),
            )
            .map_err(|e| e.to_string())
    }
}

/// A text value with NULL spelled out (`NULL`, `\N`, blank) made NULL, and trimmed.
fn cleaned(x: &str) -> String {
    format!("(CASE WHEN {} THEN NULL ELSE trim({x}) END)", null_token(x))
}

/// The conversion of a text column to the catalogue's type. An integer column whose
/// values are not all whole numbers (`whole`) is loaded as DOUBLE, so no fraction is lost.
fn text_conversion(x: &str, ty: Stored, whole: bool) -> String {
    let v = cleaned(x);
    match ty {
        Stored::Text => x.to_string(),
        Stored::Number => format!("TRY_CAST({v} AS DOUBLE)"),
        Stored::Integer if whole => format!(
            "coalesce(TRY_CAST({v} AS BIGINT), CAST(TRY_CAST({v} AS DOUBLE) AS BIGINT))"
        ),
        Stored::Integer => format!("TRY_CAST({v} AS DOUBLE)"),
        Stored::Boolean => format!(
            "(CASE WHEN lower({v}) IN ('true', 't', 'yes', 'y', '1', '1.0') THEN TRUE \
             WHEN lower({v}) IN ('false', 'f', 'no', 'n', '0', '0.0') THEN FALSE END)"
        ),
        Stored::Timestamp => format!(
            "coalesce(TRY_CAST(TRY_CAST({v} AS TIMESTAMPTZ) AS TIMESTAMP), TRY_CAST({v} AS TIMESTAMP))"
        ),
        Stored::TextList => format!(
            "(CASE WHEN json_valid({v}) AND json_type({v}) = 'ARRAY' \
             THEN from_json({v}, '[\"VARCHAR\"]') ELSE TRY_CAST({v} AS VARCHAR[]) END)"
        ),
    }
}

/// A NULL spelled out in a text file (`NULL`, `null`, `\N`, blank): NULL in every column
/// but a text one.
fn null_token(x: &str) -> String {
    format!("lower(trim(CAST({x} AS VARCHAR))) IN ('', 'null', '\\n')")
}

/// The conversion of a typed (Parquet) column to the catalogue's type.
fn typed_conversion(x: &str, ty: Stored, raw_type: &str) -> String {
    let numeric = [
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "FLOAT",
        "DOUBLE",
    ]
    .contains(&raw_type)
        || raw_type.starts_with("DECIMAL");
    let same = matches!(
        (ty, raw_type),
        (Stored::Boolean, "BOOLEAN")
            | (Stored::Timestamp, "TIMESTAMP")
            | (Stored::TextList, "VARCHAR[]")
    );
    match ty {
        _ if same => x.to_string(),
        Stored::Text => format!("CAST({x} AS VARCHAR)"),
        Stored::Integer | Stored::Number if numeric => x.to_string(),
        Stored::Integer => format!("TRY_CAST({x} AS BIGINT)"),
        Stored::Number => format!("TRY_CAST({x} AS DOUBLE)"),
        Stored::Boolean => format!("TRY_CAST({x} AS BOOLEAN)"),
        Stored::Timestamp => format!("TRY_CAST({x} AS TIMESTAMP)"),
        Stored::TextList => format!("TRY_CAST({x} AS VARCHAR[])"),
    }
}

/// What a column's values must be, in a word (a label under the value).
fn expected_kind(ty: Stored) -> &'static str {
    match ty {
        Stored::Text => "text",
        Stored::Integer | Stored::Number => "a number",
        Stored::Boolean => "a boolean",
        Stored::Timestamp => "a timestamp",
        Stored::TextList => "a list",
    }
}

/// What a column's values must be, with an example (the message).
fn expected_value(ty: Stored) -> &'static str {
    match ty {
        Stored::Text => "text",
        Stored::Integer => "a number",
        Stored::Number => "a number",
        Stored::Boolean => "a boolean (true/false, yes/no, 1/0)",
        Stored::Timestamp => "a timestamp (such as `2026-04-15 12:00:00`)",
        Stored::TextList => "a list (a JSON array such as `[\"a\", \"b\"]`)",
    }
}
