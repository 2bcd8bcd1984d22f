//! The words of the expression language that the server completes and explains: functions,
//! time units, relative ranges, operators. (Columns come from the catalogue.)

/// A function of the expression language.
#[derive(Debug)]
pub struct Function {
    pub name: &'static str,
    pub signature: &'static str,
    pub doc: &'static str,
    pub aggregate: bool,
}

/// Every function, in the README's order (a test checks that the checker knows each).
pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "count",
        signature: "count() or count(x)",
        doc: "`count()`: the number of rows; `count(x)`: the number of rows where `x` is not \
              null. Add `where condition` to count some rows only: \
              `count() where status = 'abandoned'`.",
        aggregate: true,
    },
    Function {
        name: "count_distinct",
        signature: "count_distinct(x)",
        doc: "The number of distinct non-null values of `x`.",
        aggregate: true,
    },
    Function {
        name: "sum",
        signature: "sum(x)",
        doc: "The sum of numbers or durations.",
        aggregate: true,
    },
    Function {
        name: "avg",
        signature: "avg(x)",
        doc: "The average of numbers or durations.",
        aggregate: true,
    },
    Function {
        name: "min",
        signature: "min(x)",
        doc: "The smallest number, duration, timestamp or text.",
        aggregate: true,
    },
    Function {
        name: "max",
        signature: "max(x)",
        doc: "The largest number, duration, timestamp or text.",
        aggregate: true,
    },
    Function {
        name: "percentile",
        signature: "percentile(x, 0.9)",
        doc: "The exact continuous percentile (linear interpolation) of numbers or durations; \
              the fraction is between 0 and 1. Refused on BigQuery, which has no exact \
              percentile aggregate.",
        aggregate: true,
    },
    Function {
        name: "median",
        signature: "median(x)",
        doc: "The median: `percentile(x, 0.5)`.",
        aggregate: true,
    },
    Function {
        name: "lower",
        signature: "lower(x)",
        doc: "Text in lower case.",
        aggregate: false,
    },
    Function {
        name: "upper",
        signature: "upper(x)",
        doc: "Text in upper case.",
        aggregate: false,
    },
    Function {
        name: "round",
        signature: "round(x) or round(x, digits)",
        doc: "A number rounded half away from zero, to 0 to 10 digits after the point \
              (default 0).",
        aggregate: false,
    },
    Function {
        name: "seconds",
        signature: "seconds(duration)",
        doc: "A duration as a number of seconds, whatever unit the column stores.",
        aggregate: false,
    },
    Function {
        name: "minutes",
        signature: "minutes(duration)",
        doc: "A duration as a number of minutes, whatever unit the column stores: \
              `round(minutes(avg_handle_time), 1)`.",
        aggregate: false,
    },
    Function {
        name: "hours",
        signature: "hours(duration)",
        doc: "A duration as a number of hours, whatever unit the column stores.",
        aggregate: false,
    },
    Function {
        name: "previous",
        signature: "previous(m) or previous(m, year)",
        doc: "The aggregate `m` in the previous bucket of the report's time bucket (NULL when \
              that bucket has no rows), or with `year` in the same bucket one year earlier. \
              The previous bucket is read from the data even before the report's date filter.",
        aggregate: false,
    },
    Function {
        name: "change",
        signature: "change(m) or change(m, year)",
        doc: "`m - previous(m)`: the difference with the previous bucket (or one year earlier).",
        aggregate: false,
    },
    Function {
        name: "relative_change",
        signature: "relative_change(m) or relative_change(m, year)",
        doc: "`(m - previous(m)) / previous(m)`: NULL when the previous value is 0 or NULL.",
        aggregate: false,
    },
    Function {
        name: "rolling",
        signature: "rolling(m, 7)",
        doc: "The aggregate `m` over every row of the N calendar buckets ending at this bucket \
              (a 7-day average is the average of all rows of the 7 days; empty days count as \
              empty; rows before the report's range count where the window reaches them).",
        aggregate: false,
    },
    Function {
        name: "running",
        signature: "running(m) or running(m, month)",
        doc: "The aggregate `m` over every row from the start of the report's range to the end \
              of this bucket; with a unit, restarting at each period (`running(count(), month)`).",
        aggregate: false,
    },
];

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// Time units, for `ts by unit` and `this`/`previous unit`.
pub const UNITS: &[&str] = &["hour", "day", "week", "month", "quarter", "year"];

/// Relative ranges offered after `in`: (text, meaning).
pub const RANGES: &[(&str, &str)] = &[
    ("today", "from the start of today to the start of tomorrow"),
    ("yesterday", "the day before today"),
    ("this week", "the current ISO week (from Monday)"),
    ("this month", "the current calendar month"),
    ("this quarter", "the current calendar quarter"),
    ("this year", "the current calendar year"),
    ("previous week", "the week before the current one"),
    ("previous month", "the month before the current one"),
    ("previous quarter", "the quarter before the current one"),
    ("previous year", "the year before the current one"),
    (
        "last 24 hours",
        "the 24 hours ending with the current one, which is included",
    ),
    (
        "last 7 days",
        "the 7 days ending with today, which is included",
    ),
    (
        "last 4 weeks",
        "the 4 weeks ending with the current one, which is included",
    ),
    (
        "last 3 months",
        "the 3 months ending with the current one, which is included",
    ),
    (
        "last 12 months",
        "the 12 months ending with the current one, which is included",
    ),
];

/// Words that may follow an operand in a condition or expression.
pub const OPERATORS: &[(&str, &str)] = &[
    ("and", "both conditions hold"),
    ("or", "either condition holds"),
    (
        "in",
        "membership in a list `in ('a', 'b')`, or a relative range `in last 7 days`",
    ),
    ("not in", "not in a list of values"),
    ("between", "an inclusive range: `x between a and b`"),
    ("is null", "the value is missing"),
    ("is not null", "the value is present"),
    (
        "contains",
        "text contains a text (literally), or a list holds a value",
    ),
    ("starts_with", "text starts with a text (literally)"),
    ("ends_with", "text ends with a text (literally)"),
    ("icontains", "`contains`, ignoring case"),
    ("istarts_with", "`starts_with`, ignoring case"),
    ("iends_with", "`ends_with`, ignoring case"),
];

/// Words that may follow an operand in `columns` and `group_by` (on top of [`OPERATORS`]).
pub const OUTPUT_OPERATORS: &[(&str, &str)] = &[
    ("by", "a time bucket: `ts by day`"),
    (
        "where",
        "a filtered aggregate: `count() where status = 'abandoned'`",
    ),
];

/// Words that may follow an `order_by` item.
pub const ORDER_WORDS: &[(&str, &str)] = &[
    ("asc", "ascending (the default)"),
    ("desc", "descending"),
    ("nulls first", "NULLs before the other values"),
    ("nulls last", "NULLs after the other values (the default)"),
];

/// Keywords after which an operand (not an operator) comes next.
pub fn expects_operand(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "and"
            | "or"
            | "not"
            | "where"
            | "between"
            | "contains"
            | "icontains"
            | "starts_with"
            | "istarts_with"
            | "ends_with"
            | "iends_with"
            | "select"
            | "having"
            | "by"
            | "in"
            | "is"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::diagnostics::{Code, SourceFile};
    use crate::{check_file, InputFormat};

    #[test]
    fn the_checker_knows_every_function() {
        for f in FUNCTIONS {
            let call = match f.name {
                "count" => "count()".to_string(),
                "percentile" => "percentile(wait_time, 0.9)".to_string(),
                "round" => "round(1.5)".to_string(),
                "lower" | "upper" => format!("{}(queue)", f.name),
                "previous" | "change" | "relative_change" | "running" => {
                    format!("{}(count())", f.name)
                }
                "rolling" => "rolling(count(), 7)".to_string(),
                n => format!("{n}(wait_time)"),
            };
            let text = format!("source: incoming_message_distributions\ncolumns:\n  - x: {call}\n");
            let file = SourceFile::new("t.yaml", text);
            let (_, diags) = check_file(&file, InputFormat::Yaml, Catalog::builtin());
            assert!(
                !diags.iter().any(|d| d.code == Code::UnknownFunction),
                "{}: {diags:?}",
                f.name
            );
        }
        let file = SourceFile::new(
            "t.yaml",
            "source: incoming_message_distributions\ncolumns:\n  - x: nosuch(queue)\n",
        );
        let (_, diags) = check_file(&file, InputFormat::Yaml, Catalog::builtin());
        assert!(diags.iter().any(|d| d.code == Code::UnknownFunction));
    }

    #[test]
    fn every_range_and_unit_parses() {
        for (r, _) in RANGES {
            let text = format!(
                "source: incoming_message_distributions\ncolumns: [queue]\nfilters:\n  - distribution_date in {r}\n"
            );
            let file = SourceFile::new("t.yaml", text);
            let (q, diags) = check_file(&file, InputFormat::Yaml, Catalog::builtin());
            assert!(q.is_some(), "{r}: {diags:?}");
        }
        for u in UNITS {
            assert!(crate::ast::TimeUnit::parse(u).is_some());
        }
    }
}
