//! The column catalogue: data sources, their columns, types and allowed values, and the physical
//! names behind them. Loaded from a documented YAML format (README "Catalogue format") with the
//! same diagnostics as reports. The built-in catalogue is `catalog/messaging.yaml`.

mod docs;
mod enums;
mod links;
mod listing;
mod load;
mod measures;

pub use docs::catalog_markdown;
pub use listing::{measure_kind, source_json, source_text, sources_json, sources_text};

pub use links::{Cardinality, Key, Link, LINK_KEYS};
pub use load::{parse_catalog, CATALOG_KEYS, COLUMN_KEYS, SOURCE_KEYS};
pub use measures::{Measure, MeasureFormat, MEASURE_KEYS};

use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub name: String,
    pub description: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub label: String,
    pub description: String,
    /// Physical table, possibly qualified (`schema.table`): each part is quoted separately.
    pub table: Vec<String>,
    pub columns: Vec<Column>,
    /// Named aggregates over the columns (`measures:`), used by name in reports.
    pub measures: Vec<Measure>,
    /// Columns that identify one row (`keys:`), the targets links may refer to.
    pub keys: Vec<Key>,
    /// References to keys of other sources (`links:`), followed by report paths `link.column`.
    pub links: Vec<Link>,
    pub decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub description: String,
    pub ty: ColumnType,
    /// Physical column name.
    pub physical: String,
    pub nullable: bool,
    /// `present_when: other`: the column holds a value exactly when column `other` (of the
    /// same source, listed earlier) is true (a boolean) or not NULL; NULL otherwise.
    pub present_when: Option<String>,
    /// `after: other`: a timestamp that is never earlier than timestamp column `other` (of the
    /// same source, listed earlier), and NULL when `other` is (a transfer release after the
    /// transfer).
    pub after: Option<String>,
    pub decision: Option<String>,
    /// `labels: yes` (enum columns): outputs show the labels, not the stored codes, unless the
    /// report says `labels: no`.
    pub show_labels: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Seconds,
    Milliseconds,
}

impl DurationUnit {
    pub fn millis(self) -> i64 {
        match self {
            DurationUnit::Seconds => 1000,
            DurationUnit::Milliseconds => 1,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            DurationUnit::Seconds => "seconds",
            DurationUnit::Milliseconds => "milliseconds",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub label: String,
    /// The value as stored in the warehouse: text, or (with `codes: integer`) the canonical
    /// decimal digits of an integer (`2`, `-7`; never `02` or `+2`).
    pub code: String,
}

/// The type of an enum column's stored codes (`codes:` in the catalogue; text by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codes {
    Text,
    Integer,
}

impl Codes {
    pub fn name(self) -> &'static str {
        match self {
            Codes::Text => "text",
            Codes::Integer => "integer",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    Timestamp,
    Duration(DurationUnit),
    Text,
    Integer,
    Number,
    Boolean,
    /// The allowed values, and the type the warehouse stores their codes as.
    Enum(Vec<EnumValue>, Codes),
    Phone,
    PhoneOrId,
    Identifier,
    TextList,
}

impl ColumnType {
    /// The name used in catalogue files.
    pub fn name(&self) -> &'static str {
        match self {
            ColumnType::Timestamp => "timestamp",
            ColumnType::Duration(_) => "duration",
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Boolean => "boolean",
            ColumnType::Enum(..) => "enum",
            ColumnType::Phone => "phone",
            ColumnType::PhoneOrId => "phone_or_id",
            ColumnType::Identifier => "identifier",
            ColumnType::TextList => "text_list",
        }
    }
    pub const NAMES: &'static [&'static str] = &[
        "timestamp",
        "duration",
        "text",
        "integer",
        "number",
        "boolean",
        "enum",
        "phone",
        "phone_or_id",
        "identifier",
        "text_list",
    ];
    /// Human description, e.g. for `reportc catalog SOURCE`.
    pub fn describe(&self) -> String {
        match self {
            ColumnType::Duration(u) => format!("duration ({})", u.name()),
            ColumnType::Enum(_, Codes::Integer) => "enum (integer codes)".to_string(),
            other => other.name().to_string(),
        }
    }
}

impl Catalog {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The built-in catalogue (the seed's messaging data sources), loaded once.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let (cat, diags) = parse_catalog(BUILTIN_TEXT);
            assert!(
                !diags.has_errors(),
                "the built-in catalogue is invalid: {diags:?}"
            );
            cat.expect("built-in catalogue")
        })
    }
}

/// The text of the built-in catalogue.
pub const BUILTIN_TEXT: &str = include_str!("../../catalog/messaging.yaml");
pub const BUILTIN_NAME: &str = "catalog/messaging.yaml";

impl Source {
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    pub fn link(&self, name: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.name == name)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}

impl Column {
    /// `present_when` and `after` in words ("only when `transferred`; after `start`"), for the
    /// catalogue listings.
    pub fn relations(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(p) = &self.present_when {
            parts.push(format!("only when `{p}`"));
        }
        if let Some(a) = &self.after {
            parts.push(format!("after `{a}`"));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The enum value matching `literal` case-insensitively.
    pub fn enum_value(&self, literal: &str) -> Option<&EnumValue> {
        match &self.ty {
            ColumnType::Enum(values, _) => {
                values.iter().find(|v| v.label == literal).or_else(|| {
                    values
                        .iter()
                        .find(|v| v.label.to_lowercase() == literal.to_lowercase())
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_the_four_seed_sources() {
        let c = Catalog::builtin();
        let ids: Vec<_> = c.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "incoming_message_distributions",
                "outgoing_message_distributions",
                "messages",
                "sms"
            ]
        );
        let imd = c.source("incoming_message_distributions").unwrap();
        let mt = imd.column("messaging_type").unwrap();
        assert_eq!(mt.enum_value("whatsapp").unwrap().label, "WhatsApp");
        assert!(matches!(
            imd.column("wait_time").unwrap().ty,
            ColumnType::Duration(DurationUnit::Seconds)
        ));
        let sms = c.source("sms").unwrap();
        assert!(matches!(
            sms.column("recipient").unwrap().ty,
            ColumnType::Phone
        ));
        assert!(matches!(
            sms.column("checkpoints").unwrap().ty,
            ColumnType::TextList
        ));
        // the "can also be added" columns are there
        assert!(sms.column("payment_module_alias").is_some());
    }

    #[test]
    fn builtin_links_follow_the_seed() {
        let c = Catalog::builtin();
        let sms = c.source("sms").unwrap();
        let names: Vec<_> = sms.links.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["message", "original_message"]);
        let m = sms.link("message").unwrap();
        assert_eq!(
            (m.column.as_str(), m.to_source.as_str()),
            ("interaction_id", "messages")
        );
        assert_eq!(m.cardinality, Cardinality::ManyToOne);
        assert!(m.decision.is_some());
        for d in [
            "incoming_message_distributions",
            "outgoing_message_distributions",
        ] {
            let l = c.source(d).unwrap().link("message").unwrap();
            assert_eq!(l.to_column, "interaction_id");
        }
        let keys: Vec<_> = c
            .source("messages")
            .unwrap()
            .keys
            .iter()
            .map(|k| k.column.as_str())
            .collect();
        assert_eq!(keys, ["interaction_id"]);
    }
}
