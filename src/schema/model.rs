//! The subset of JSON Schema (draft-07) that `reportc schema` writes, as serde structs.
//!
//! Key order in the output is the declaration order of the fields of [`Schema`] (serde writes
//! struct fields in order), and the order of insertion for [`Map`]s (`properties`,
//! `definitions`): the output is deterministic and reads top-down. Absent fields are not
//! written.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// One JSON Schema object. Fields are written in this order.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Schema {
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
    #[serde(rename = "$comment", skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A reference; in draft-07 its siblings are ignored, so a `$ref` schema has no other field.
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Types>,
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<Vec<String>>,
    /// One description per `enum` value (a VS Code extension that yaml-language-server reads
    /// for completion and hover; validators ignore it).
    #[serde(rename = "enumDescriptions", skip_serializing_if = "Option::is_none")]
    pub enum_descriptions: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    #[serde(rename = "minItems", skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(rename = "minProperties", skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<usize>,
    #[serde(rename = "maxProperties", skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<usize>,
    #[serde(rename = "propertyNames", skip_serializing_if = "Option::is_none")]
    pub property_names: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Map>,
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<SchemaOrBool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(rename = "anyOf", skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Schema>>,
    #[serde(rename = "allOf", skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<Schema>>,
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub if_: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definitions: Option<Map>,
}

/// `type`: one JSON type or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Types {
    One(&'static str),
    Many(Vec<&'static str>),
}

impl Serialize for Types {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Types::One(t) => s.serialize_str(t),
            Types::Many(ts) => ts.serialize(s),
        }
    }
}

/// `additionalProperties`: `false`, or a schema for the other properties.
#[derive(Debug, Clone)]
pub enum SchemaOrBool {
    Bool(bool),
    Schema(Box<Schema>),
}

impl Serialize for SchemaOrBool {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SchemaOrBool::Bool(b) => s.serialize_bool(*b),
            SchemaOrBool::Schema(x) => x.serialize(s),
        }
    }
}

/// An ordered map from names to schemas (`properties`, `definitions`), written in insertion
/// order.
#[derive(Debug, Clone, Default)]
pub struct Map(pub Vec<(String, Schema)>);

impl Map {
    pub fn insert(&mut self, name: impl Into<String>, schema: Schema) {
        self.0.push((name.into(), schema));
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Schema {
    /// A schema of one JSON type.
    pub fn of(ty: &'static str) -> Schema {
        Schema {
            ty: Some(Types::One(ty)),
            ..Schema::default()
        }
    }
    /// A schema of several JSON types.
    pub fn of_types(tys: &[&'static str]) -> Schema {
        Schema {
            ty: Some(Types::Many(tys.to_vec())),
            ..Schema::default()
        }
    }
    /// `{"$ref": "#/definitions/<name>"}`.
    pub fn reference(name: &str) -> Schema {
        Schema {
            reference: Some(format!("#/definitions/{name}")),
            ..Schema::default()
        }
    }
    pub fn any_of(alternatives: Vec<Schema>) -> Schema {
        Schema {
            any_of: Some(alternatives),
            ..Schema::default()
        }
    }
    pub fn described(mut self, description: impl Into<String>) -> Schema {
        self.description = Some(description.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_maps_keep_their_order() {
        let mut props = Map::default();
        props.insert("zeta", Schema::of("string"));
        props.insert("alpha", Schema::of_types(&["string", "number"]));
        let s = Schema {
            title: Some("t".into()),
            properties: Some(props),
            additional_properties: Some(SchemaOrBool::Bool(false)),
            ..Schema::of("object")
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"title":"t","type":"object","properties":{"zeta":{"type":"string"},"alpha":{"type":["string","number"]}},"additionalProperties":false}"#
        );
    }
}
