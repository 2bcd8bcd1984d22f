//! `reportc schema`: a JSON Schema for report YAML, generated from the catalogue, for
//! yaml-language-server (`# yaml-language-server: $schema=...` at the top of a report) and any
//! other JSON Schema tool.
//!
//! **Draft-07**, because yaml-language-server "supports JSON Schema 7 and below" (its README;
//! support for 2019-09 and 2020-12 was added and reverted, redhat-developer/yaml-language-server
//! issue 1112). What the schema says:
//! - the report keys, each with its description (from [`keys::KEYS`]) and the shape of its value;
//!   `additionalProperties: false`, so a misspelt key is flagged;
//! - `source` as an enum of the catalogue's sources, with their labels and descriptions;
//! - per source (`if source == X then ...`, one `allOf` entry per source), the bare `columns`
//!   items as an enum of that source's columns, with label, type and meaning; `name: expression`
//!   items as a one-key mapping whose value is an expression;
//! - expressions as text: the schema cannot parse them (`reportc check` does);
//! - a plain value where a one-item list is accepted (`having: abandons > 10`), and `null` for an
//!   empty optional list (`group_by:`), as the YAML front end reads them.
//!
//! The output is deterministic: the key order of every object is the field order of
//! [`Schema`], and `properties`/`definitions` keep their insertion order (report keys in
//! canonical order, sources and columns in catalogue order).

pub mod keys;
mod model;

pub use model::{Map, Schema, SchemaOrBool, Types};

use crate::catalog::{Catalog, Column, ColumnType, Measure, Source};

/// The JSON Schema dialect written in `$schema`.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// What `report` and the output names of `name: expression` items look like.
const NAME_PATTERN: &str = "^[A-Za-z_][A-Za-z0-9_]*$";

/// Something a bare `columns` item may name, with its description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BareItem {
    pub name: String,
    pub doc: String,
}

/// The names a bare `columns` item (`- queue`) may take in a source: its columns, then its
/// measures. This is the one place that decides it.
pub fn bare_items(source: &Source) -> Vec<BareItem> {
    let columns = source.columns.iter().map(|c| BareItem {
        name: c.id.clone(),
        doc: column_summary(c),
    });
    let measures = source.measures.iter().map(|m| BareItem {
        name: m.id.clone(),
        doc: measure_summary(m),
    });
    columns.chain(measures).collect()
}

/// "Label (measure): meaning. = expression" for a measure, one line.
pub fn measure_summary(m: &Measure) -> String {
    let mut s = format!("{} (measure, {})", m.label, m.format.name());
    if !m.description.is_empty() {
        s.push_str(": ");
        s.push_str(&m.description);
    }
    s.push_str(&format!(" = {}", m.text));
    s
}

/// "Label (type): meaning" for a column, one line.
pub fn column_summary(c: &Column) -> String {
    let mut s = format!("{} ({})", c.label, c.ty.describe());
    if !c.description.is_empty() {
        s.push_str(": ");
        s.push_str(&c.description);
    }
    if let ColumnType::Enum(values, _) = &c.ty {
        let labels: Vec<&str> = values.iter().map(|v| v.label.as_str()).collect();
        s.push_str(&format!(" Values: {}.", labels.join(", ")));
    }
    s
}

/// "Label: description" for a source, one line.
pub fn source_summary(s: &Source) -> String {
    if s.description.is_empty() {
        s.label.clone()
    } else {
        format!("{}: {}", s.label, s.description)
    }
}

/// The JSON Schema of a report for this catalogue.
pub fn report_schema(cat: &Catalog) -> Schema {
    let mut definitions = Map::default();
    definitions.insert(
        "expression",
        Schema::of_types(&["string", "number", "boolean"]).described(
            "An expression, written as text: a column, a comparison, a function call... \
             (the schema does not parse expressions; `reportc check` does).",
        ),
    );
    definitions.insert(
        "order_item",
        Schema::of("string").described(
            "An output name, optionally followed by `asc` or `desc` and `nulls first` or \
             `nulls last`.",
        ),
    );
    definitions.insert("named_column", named_column());
    definitions.insert(
        "column",
        Schema::any_of(vec![
            Schema::of("string").described("A column of the source; the output is named after it."),
            Schema::reference("named_column"),
        ]),
    );
    for s in &cat.sources {
        definitions.insert(format!("bare_column_of_{}", s.id), bare_column_of(s));
        definitions.insert(
            format!("column_of_{}", s.id),
            Schema::any_of(vec![
                Schema::reference(&format!("bare_column_of_{}", s.id)),
                Schema::reference("named_column"),
            ]),
        );
    }

    let mut properties = Map::default();
    for k in keys::KEYS {
        properties.insert(k.key, property(k, cat).described(k.doc));
    }
    let per_source: Vec<Schema> = cat.sources.iter().map(columns_when_source_is).collect();
    let about = if cat.description.is_empty() {
        format!("catalogue `{}`", cat.name)
    } else {
        format!("catalogue `{}`: {}", cat.name, cat.description)
    };
    Schema {
        dialect: Some(DRAFT),
        comment: Some(format!(
            "Generated by `reportc schema` from {about}. Do not edit: regenerate it."
        )),
        title: Some("reportc report".to_string()),
        description: Some(format!(
            "A report definition for reportc ({about}). Expressions are checked by \
             `reportc check`, not by this schema."
        )),
        required: Some(
            keys::KEYS
                .iter()
                .filter(|k| k.required)
                .map(|k| k.key.to_string())
                .collect(),
        ),
        properties: Some(properties),
        additional_properties: Some(SchemaOrBool::Bool(false)),
        all_of: (!per_source.is_empty()).then_some(per_source),
        definitions: Some(definitions),
        ..Schema::of("object")
    }
}

/// The schema as JSON text, pretty-printed, with a final newline.
pub fn report_schema_json(cat: &Catalog) -> String {
    let mut s = serde_json::to_string_pretty(&report_schema(cat)).unwrap_or_default();
    s.push('\n');
    s
}

/// The value schema of one report key (its description is added by the caller).
fn property(k: &keys::KeyDoc, cat: &Catalog) -> Schema {
    match k.key {
        "report" => Schema {
            pattern: Some(NAME_PATTERN.to_string()),
            ..Schema::of("string")
        },
        "title" | "description" => Schema::of_types(&["string", "number", "boolean"]),
        "source" => Schema {
            enumeration: Some(cat.sources.iter().map(|s| s.id.clone()).collect()),
            enum_descriptions: Some(cat.sources.iter().map(source_summary).collect()),
            ..Schema::of("string")
        },
        "timezone" => Schema {
            examples: Some(vec![
                "UTC".to_string(),
                "Europe/Paris".to_string(),
                "America/New_York".to_string(),
            ]),
            ..Schema::of("string")
        },
        "columns" => Schema::any_of(vec![
            Schema {
                min_items: Some(1),
                items: Some(Box::new(Schema::reference("column"))),
                ..Schema::of("array")
            },
            Schema::reference("column"),
        ]),
        "parameters" => Schema {
            items: Some(Box::new(parameter())),
            ..Schema::of("array")
        },
        "order_by" => optional_list("order_item"),
        "limit" => Schema {
            minimum: Some(1),
            ..Schema::of("integer")
        },
        // `yes`/`no`, which a YAML 1.1 tool may read as a boolean
        "bucket_as" => Schema {
            enumeration: Some(["date", "timestamp"].map(String::from).to_vec()),
            ..Schema::of("string")
        },
        "labels" | "fill" => Schema::any_of(vec![
            Schema {
                enumeration: Some(["yes", "no"].map(String::from).to_vec()),
                ..Schema::of("string")
            },
            Schema::of("boolean"),
        ]),
        "top" => top(),
        // filters, group_by, having
        _ => optional_list("expression"),
    }
}

/// A list of `item`, a single `item` (a one-item list), or nothing (`key:` alone).
fn optional_list(item: &str) -> Schema {
    Schema::any_of(vec![
        Schema {
            items: Some(Box::new(Schema::reference(item))),
            ..Schema::of("array")
        },
        Schema::reference(item),
        Schema::of("null"),
    ])
}

/// `top:`: the number of groups, the output ranked by, the `per` keys, the rest row's label.
fn top() -> Schema {
    let name = |d: &str| Schema {
        description: Some(d.to_string()),
        ..Schema::of("string")
    };
    Schema {
        properties: Some(Map(vec![
            (
                "n".to_string(),
                Schema {
                    minimum: Some(1),
                    description: Some("How many groups to show before the rest row.".to_string()),
                    ..Schema::of("integer")
                },
            ),
            (
                "by".to_string(),
                name("The aggregate output the groups are ranked by, most first."),
            ),
            (
                "per".to_string(),
                Schema::any_of(vec![
                    Schema {
                        items: Some(Box::new(Schema::of("string"))),
                        ..Schema::of("array")
                    },
                    Schema::of("string"),
                ])
                .described("Group-key outputs within each value of which the groups are ranked (a time bucket: the top N per week)."),
            ),
            (
                "rest".to_string(),
                name("The label of the row of every other group (default `Other`)."),
            ),
        ])),
        required: Some(vec!["n".to_string(), "by".to_string()]),
        additional_properties: Some(SchemaOrBool::Bool(false)),
        ..Schema::of("object")
    }
}

/// One item of `parameters:`.
fn parameter() -> Schema {
    let text = |d: &str| Schema {
        description: Some(d.to_string()),
        ..Schema::of("string")
    };
    let mut types: Vec<String> = crate::syntax::ast::PARAM_TYPES
        .iter()
        .filter(|t| !t.starts_with("enum"))
        .map(|t| t.to_string())
        .collect();
    types.sort();
    Schema {
        properties: Some(Map(vec![
            (
                "name".to_string(),
                Schema {
                    pattern: Some(NAME_PATTERN.to_string()),
                    ..text("The parameter's name, used as `$name`.")
                },
            ),
            (
                "type".to_string(),
                Schema::any_of(vec![
                    Schema {
                        enumeration: Some(types),
                        ..Schema::of("string")
                    },
                    Schema {
                        pattern: Some(r"^enum\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$".to_string()),
                        ..text("`enum(column)`: the labels of an enum column of the source.")
                    },
                ]),
            ),
            (
                "default".to_string(),
                Schema {
                    description: Some(
                        "The value when `--param` gives none, read like a `--param` value."
                            .to_string(),
                    ),
                    ..Schema::of_types(&["string", "number", "boolean"])
                },
            ),
            ("description".to_string(), text("Free text for people.")),
        ])),
        required: Some(vec!["name".to_string(), "type".to_string()]),
        additional_properties: Some(SchemaOrBool::Bool(false)),
        ..Schema::of("object")
    }
}

/// `name: expression`: a mapping with one key, a valid output name.
fn named_column() -> Schema {
    Schema {
        description: Some(
            "`name: expression`: an output column named `name` (letters, digits and `_`), \
             e.g. `avg_wait: avg(wait_time)`."
                .to_string(),
        ),
        min_properties: Some(1),
        max_properties: Some(1),
        property_names: Some(Box::new(Schema {
            pattern: Some(NAME_PATTERN.to_string()),
            ..Schema::default()
        })),
        additional_properties: Some(SchemaOrBool::Schema(Box::new(Schema::reference(
            "expression",
        )))),
        ..Schema::of("object")
    }
}

/// A bare `columns` item of one source: one of [`bare_items`], or a name in backticks (left to
/// `reportc check`).
fn bare_column_of(s: &Source) -> Schema {
    let items = bare_items(s);
    Schema {
        description: Some(format!("A column of `{}`.", s.id)),
        any_of: Some(vec![
            Schema {
                enumeration: Some(items.iter().map(|i| i.name.clone()).collect()),
                enum_descriptions: Some(items.into_iter().map(|i| i.doc).collect()),
                ..Schema::of("string")
            },
            Schema {
                pattern: Some("^\\s*`".to_string()),
                ..Schema::of("string")
            },
        ]),
        ..Schema::default()
    }
}

/// `if source == X then columns are X's`.
fn columns_when_source_is(s: &Source) -> Schema {
    let mut when = Map::default();
    when.insert(
        "source",
        Schema {
            constant: Some(s.id.clone()),
            ..Schema::default()
        },
    );
    let mut then = Map::default();
    let column = format!("column_of_{}", s.id);
    then.insert(
        "columns",
        Schema::any_of(vec![
            Schema {
                items: Some(Box::new(Schema::reference(&column))),
                ..Schema::of("array")
            },
            Schema::reference(&format!("bare_column_of_{}", s.id)),
        ]),
    );
    Schema {
        if_: Some(Box::new(Schema {
            properties: Some(when),
            required: Some(vec!["source".to_string()]),
            ..Schema::default()
        })),
        then: Some(Box::new(Schema {
            properties: Some(then),
            ..Schema::default()
        })),
        ..Schema::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_every_source_and_column() {
        let cat = Catalog::builtin();
        let json: serde_json::Value =
            serde_json::from_str(&report_schema_json(cat)).expect("valid JSON");
        assert_eq!(json["$schema"], DRAFT);
        assert_eq!(json["additionalProperties"], false);
        let sources = json["properties"]["source"]["enum"].as_array().unwrap();
        assert_eq!(sources.len(), cat.sources.len());
        let keys: Vec<&String> = json["properties"].as_object().unwrap().keys().collect();
        assert!(keys.iter().any(|k| *k == "order_by"));
        let sms = &json["definitions"]["bare_column_of_sms"]["anyOf"][0];
        let cols = sms["enum"].as_array().unwrap();
        let src = cat.source("sms").unwrap();
        // a bare item names a column or a measure
        assert_eq!(cols.len(), src.columns.len() + src.measures.len());
        assert!(cols.iter().any(|c| c == "credits_used"));
        assert_eq!(
            sms["enumDescriptions"].as_array().unwrap().len(),
            cols.len()
        );
        assert_eq!(json["allOf"].as_array().unwrap().len(), cat.sources.len());
    }

    #[test]
    fn the_output_is_deterministic_and_ordered() {
        let a = report_schema_json(Catalog::builtin());
        assert_eq!(a, report_schema_json(Catalog::builtin()));
        // keys in the documented order, not alphabetical
        let at = |k: &str| a.find(&format!("\"{k}\":")).unwrap();
        assert!(at("$schema") < at("title"));
        assert!(at("title") < at("type"));
        assert!(at("report") < at("columns") && at("columns") < at("limit"));
        assert!(at("properties") < at("definitions"));
    }
}
