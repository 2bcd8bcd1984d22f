//! The catalogue as `reportc catalog` lists it: the data sources, or one source's columns, as
//! text for a person or as JSON for a program. (The whole catalogue as a page is
//! [`super::catalog_markdown`].)

use super::{Catalog, Codes, ColumnType, Measure, MeasureFormat, Source};
use serde_json::{json, Value};

/// The data sources, one a line, with their column counts and labels. `origin` says where the
/// catalogue came from (the built-in file's name, or "the catalogue file").
pub fn sources_text(cat: &Catalog, origin: &str) -> String {
    let mut out = format!("Data sources in {} ({origin}):\n\n", cat.name);
    for s in &cat.sources {
        out.push_str(&format!(
            "  {:<34} {:>3} columns  {}\n",
            s.id,
            s.columns.len(),
            s.label
        ));
    }
    out.push_str("\n`reportc catalog <source>` lists a source's columns.\n");
    out
}

/// The data sources as a JSON array of `{id, label, description, table, columns}` (`columns`
/// is their number).
pub fn sources_json(cat: &Catalog) -> Value {
    Value::Array(
        cat.sources
            .iter()
            .map(|s| {
                json!({"id": s.id, "label": s.label, "description": s.description,
                    "table": s.table.join("."), "columns": s.columns.len()})
            })
            .collect(),
    )
}

/// A source's columns: for each, its type, whether it can be NULL, its relations to other
/// columns, its meaning and its allowed values (with their stored codes where they differ).
pub fn source_text(s: &Source) -> String {
    let mut out = format!("{} ({}) — table {}\n", s.id, s.label, s.table.join("."));
    if !s.description.is_empty() {
        out.push_str(&s.description);
        out.push('\n');
    }
    out.push('\n');
    for c in &s.columns {
        let null = if c.nullable { "" } else { ", never null" };
        let rel = c.relations().map(|r| format!(", {r}")).unwrap_or_default();
        out.push_str(&format!("  {:<32} {}{null}{rel}\n", c.id, c.ty.describe()));
        let mut meaning = c.label.clone();
        if !c.description.is_empty() {
            meaning.push_str(": ");
            meaning.push_str(&c.description);
        }
        out.push_str(&format!("      {meaning}\n"));
        if let ColumnType::Enum(values, codes) = &c.ty {
            let shown: Vec<String> = values
                .iter()
                .map(|v| match codes {
                    _ if v.code == v.label => format!("'{}'", v.label),
                    Codes::Integer => format!("'{}' (stored as {})", v.label, v.code),
                    Codes::Text => format!("'{}' (stored as '{}')", v.label, v.code),
                })
                .collect();
            out.push_str(&format!("      allowed values: {}\n", shown.join(", ")));
        }
    }
    if !s.measures.is_empty() {
        out.push_str("\nMeasures (use them by name wherever an aggregate may stand):\n\n");
        for m in &s.measures {
            out.push_str(&format!("  {:<32} {}\n", m.id, measure_kind(m)));
            let mut meaning = m.label.clone();
            if !m.description.is_empty() {
                meaning.push_str(": ");
                meaning.push_str(&m.description);
            }
            out.push_str(&format!("      {meaning}\n      = {}\n", m.text));
        }
    }
    out
}

/// A measure's format and unit in words: `percent`, `number (contacts)`.
pub fn measure_kind(m: &Measure) -> String {
    match (&m.unit, m.format) {
        (_, MeasureFormat::Percent) => "percent".to_string(),
        (Some(u), f) => format!("{} ({u})", f.name()),
        (None, f) => f.name().to_string(),
    }
}

/// A source and its columns as JSON: `{id, label, description, table, columns: [{id, label,
/// description, type, column, nullable, present_when, after, values: [{label, code}],
/// decision}], measures: [{id, label, description, expr, unit, format, decision}]}`.
pub fn source_json(s: &Source) -> Value {
    let cols: Vec<Value> = s
        .columns
        .iter()
        .map(|c| {
            let values: Vec<Value> = match &c.ty {
                ColumnType::Enum(v, codes) => v
                    .iter()
                    .map(|v| match (codes, v.code.parse::<i64>()) {
                        (Codes::Integer, Ok(n)) => json!({"label": v.label, "code": n}),
                        _ => json!({"label": v.label, "code": v.code}),
                    })
                    .collect(),
                _ => vec![],
            };
            json!({"id": c.id, "label": c.label, "description": c.description,
                "type": c.ty.describe(), "column": c.physical, "nullable": c.nullable,
                "present_when": c.present_when, "after": c.after, "values": values,
                "decision": c.decision})
        })
        .collect();
    let measures: Vec<Value> = s
        .measures
        .iter()
        .map(|m| {
            json!({"id": m.id, "label": m.label, "description": m.description, "expr": m.text,
                "unit": m.unit, "format": m.format.name(), "decision": m.decision})
        })
        .collect();
    json!({"id": s.id, "label": s.label, "description": s.description,
        "table": s.table.join("."), "columns": cols, "measures": measures})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chats() -> Catalog {
        let text = "catalog: t\nsources:\n  chats:\n    label: Chats\n    table: dw.chat\n    \
                    columns:\n      channel:\n        label: Channel\n        type: enum\n        \
                    nullable: false\n        values:\n          - {label: WhatsApp, code: wa}\n          \
                    - Web\n    measures:\n      web_share:\n        label: Web share\n        \
                    expr: \"(count() where channel = 'Web') / count()\"\n        format: percent\n";
        let (cat, diags) = crate::catalog::parse_catalog(text);
        assert!(!diags.has_errors(), "{diags:?}");
        cat.unwrap()
    }

    #[test]
    fn text_listings() {
        let cat = chats();
        assert_eq!(
            sources_text(&cat, "x.yaml"),
            "Data sources in t (x.yaml):\n\n  chats                                1 columns  Chats\n\n\
             `reportc catalog <source>` lists a source's columns.\n"
        );
        assert_eq!(
            source_text(&cat.sources[0]),
            "chats (Chats) — table dw.chat\n\n  channel                          enum, never null\n      \
             Channel\n      allowed values: 'WhatsApp' (stored as 'wa'), 'Web'\n\n\
             Measures (use them by name wherever an aggregate may stand):\n\n  \
             web_share                        percent\n      Web share\n      \
             = (count() where channel = 'Web') / count()\n"
        );
    }

    #[test]
    fn json_listings() {
        let cat = chats();
        assert_eq!(sources_json(&cat)[0]["columns"], json!(1));
        let s = source_json(&cat.sources[0]);
        assert_eq!(s["table"], json!("dw.chat"));
        assert_eq!(
            s["columns"][0]["values"],
            json!([{"label": "WhatsApp", "code": "wa"}, {"label": "Web", "code": "Web"}])
        );
        assert_eq!(
            s["measures"][0]["expr"],
            json!("(count() where channel = 'Web') / count()")
        );
        assert_eq!(s["measures"][0]["format"], json!("percent"));
    }
}
