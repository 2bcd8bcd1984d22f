//! The keys of a report, documented once: the JSON Schema's descriptions and the language
//! server's completions and hovers (YAML keys and DSL clauses) read this table.

/// One report key: its YAML key, its DSL clause and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct KeyDoc {
    pub key: &'static str,
    /// The DSL clause keyword that sets it.
    pub clause: &'static str,
    pub required: bool,
    pub doc: &'static str,
}

/// The report keys in canonical order (the order of `syntax::report_yaml::REPORT_KEYS`, which a
/// test checks).
pub const KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "report",
        clause: "report",
        required: false,
        doc: "The report's name: letters, digits and `_`, starting with a letter. \
              `reportc compile --out` names the SQL file after it (else after the file).",
    },
    KeyDoc {
        key: "title",
        clause: "title",
        required: false,
        doc: "A title, free text for people.",
    },
    KeyDoc {
        key: "description",
        clause: "description",
        required: false,
        doc: "A description, free text for people.",
    },
    KeyDoc {
        key: "source",
        clause: "from",
        required: true,
        doc: "The data source: a source id of the catalogue (`reportc catalog` lists them).",
    },
    KeyDoc {
        key: "timezone",
        clause: "timezone",
        required: false,
        doc: "An IANA time zone (`Europe/Paris`). Time buckets, relative ranges and date and \
              timestamp literals are in this zone. Default: UTC.",
    },
    KeyDoc {
        key: "parameters",
        clause: "parameter",
        required: false,
        doc: "Typed parameters, used as `$name` wherever a literal may be written. Each item \
              has a `name`, a `type` (text, integer, number, date, timestamp, duration, \
              boolean, or `enum(column)` for an enum column's labels), an optional `default` \
              and an optional `description`. Values come from `compile --param name=VALUE` \
              and are checked like literals of the type; `--placeholders` writes bind \
              placeholders instead. DSL: `parameter since date default '2026-01-01' \"...\"`.",
    },
    KeyDoc {
        key: "columns",
        clause: "select",
        required: true,
        doc: "The output columns, in order. Each item is a column id (`queue`, the output is \
              named after it) or `name: expression` (`avg_wait: avg(wait_time)`). An \
              expression that is not a bare column needs a name.",
    },
    KeyDoc {
        key: "filters",
        clause: "where",
        required: false,
        doc: "Row conditions, all of which must hold (AND). Aggregates are not allowed here.",
    },
    KeyDoc {
        key: "group_by",
        clause: "group by",
        required: false,
        doc: "Grouping keys: output names or expressions. When absent and a column \
              aggregates, the report groups by every non-aggregated output; when present, it \
              lists every non-aggregated output.",
    },
    KeyDoc {
        key: "having",
        clause: "having",
        required: false,
        doc: "Conditions on groups, all of which must hold. They name outputs \
              (`abandons > 10`) or aggregates (`count() > 10`).",
    },
    KeyDoc {
        key: "order_by",
        clause: "order by",
        required: false,
        doc: "Output names, each optionally followed by `asc` or `desc` and `nulls first` or \
              `nulls last`. NULLs sort last by default, in both directions.",
    },
    KeyDoc {
        key: "limit",
        clause: "limit",
        required: false,
        doc: "The most rows to return: a whole number greater than zero.",
    },
    KeyDoc {
        key: "labels",
        clause: "labels",
        required: false,
        doc: "yes: enum outputs show the catalogue's labels; no: the stored codes. Default: each enum column's catalogue setting (codes unless it says `labels: yes`).",
    },
    KeyDoc {
        key: "top",
        clause: "top",
        required: false,
        doc: "The N groups with the most of an aggregate output, then one row aggregating every \
              other group: `{n: 5, by: contacts, per: [week], rest: Other}` (DSL `top 5 by \
              contacts per week rest 'Other'`). `per` (optional) ranks within each value of \
              those group keys; `rest` is the label of that row (default `Other`).",
    },
    KeyDoc {
        key: "fill",
        clause: "fill",
        required: false,
        doc: "yes: every bucket of the date range appears, empty ones with 0 counts and sums and NULL averages. Needs one time bucket among the group keys and a bounded range on its column; other group keys get every bucket for each of their values. Default: no (only buckets with rows).",
    },
    KeyDoc {
        key: "bucket_as",
        clause: "bucket_as",
        required: false,
        doc: "date: day, week, month, quarter and year bucket outputs are SQL dates (the first day of the bucket); timestamp (the default): the timestamp of its start. Hour buckets are always timestamps.",
    },
];

/// The documentation of a YAML key.
pub fn key(name: &str) -> Option<&'static KeyDoc> {
    KEYS.iter().find(|k| k.key == name)
}

/// The documentation of a DSL clause keyword (`group by`, or `group` alone).
pub fn clause(word: &str) -> Option<&'static KeyDoc> {
    let w = word.to_ascii_lowercase();
    KEYS.iter()
        .find(|k| k.clause == w || k.clause.split(' ').next() == Some(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::dsl::CLAUSES;
    use crate::syntax::report_yaml::REPORT_KEYS;

    #[test]
    fn the_table_follows_the_parsers() {
        let keys: Vec<_> = KEYS.iter().map(|k| k.key).collect();
        assert_eq!(keys, REPORT_KEYS);
        let clauses: Vec<_> = KEYS.iter().map(|k| k.clause).collect();
        assert_eq!(clauses, CLAUSES);
        assert_eq!(clause("GROUP").map(|k| k.key), Some("group_by"));
        assert_eq!(clause("from").map(|k| k.key), Some("source"));
    }
}
