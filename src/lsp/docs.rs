//! The Markdown shown for sources, columns, values, functions and diagnostic codes (completion
//! documentation and hovers), and the report's output names.

use super::vocab::Function;
use crate::ast::ExprKind;
use crate::catalog::{Column, ColumnType, EnumValue, Measure, Source};
use crate::diagnostics::{Code, SourceFile, Span};
use crate::InputFormat;

pub fn source(s: &Source) -> String {
    let mut out = format!("**{}**: {}", s.id, s.label);
    if !s.description.is_empty() {
        out.push_str(&format!("\n\n{}", s.description));
    }
    out.push_str(&format!(
        "\n\nTable `{}`, {} columns.",
        s.table.join("."),
        s.columns.len()
    ));
    out
}

pub fn column(s: &Source, c: &Column) -> String {
    let mut out = format!("**{}**: {} (`{}`)", c.id, c.label, c.ty.describe());
    if !c.description.is_empty() {
        out.push_str(&format!("\n\n{}", c.description));
    }
    if let ColumnType::Enum(values, _) = &c.ty {
        let shown: Vec<String> = values.iter().map(value_text).collect();
        out.push_str(&format!("\n\nAllowed values: {}", shown.join(", ")));
    }
    let mut facts = Vec::new();
    if !c.nullable {
        facts.push("never null".to_string());
    }
    if let Some(r) = c.relations() {
        facts.push(r);
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}.", capitalise(&facts.join("; "))));
    }
    out.push_str(&format!(
        "\n\nColumn `{}` of `{}` (source `{}`).",
        c.physical,
        s.table.join("."),
        s.id
    ));
    out
}

/// A catalogue measure: label, format, meaning, definition and decision.
pub fn measure(s: &Source, m: &Measure) -> String {
    let mut out = format!(
        "**{}**: {} (measure, {})",
        m.id,
        m.label,
        crate::catalog::measure_kind(m)
    );
    if !m.description.is_empty() {
        out.push_str(&format!("\n\n{}", m.description));
    }
    out.push_str(&format!("\n\n`{} = {}`", m.id, m.text));
    if let Some(d) = &m.decision {
        out.push_str(&format!("\n\nDecision: {d}"));
    }
    out.push_str(&format!(
        "\n\nMeasure of source `{}`: use it wherever an aggregate may stand.",
        s.id
    ));
    out
}

fn value_text(v: &EnumValue) -> String {
    if v.code == v.label {
        format!("`{}`", v.label)
    } else {
        format!("`{}` (stored as `{}`)", v.label, v.code)
    }
}

pub fn value(c: &Column, v: &EnumValue) -> String {
    let mut out = format!(
        "{}: an allowed value of **{}** ({})",
        value_text(v),
        c.id,
        c.label
    );
    if let ColumnType::Enum(values, _) = &c.ty {
        let others: Vec<String> = values.iter().map(|v| format!("`{}`", v.label)).collect();
        out.push_str(&format!("\n\nAll values: {}", others.join(", ")));
    }
    out
}

pub fn function(f: &Function) -> String {
    let kind = if f.aggregate {
        "aggregate function"
    } else {
        "function"
    };
    format!("`{}`: {kind}\n\n{}", f.signature, f.doc)
}

pub fn code(c: Code) -> String {
    format!(
        "**{}**: {}\n\n{}\n\n(`reportc explain {}`)",
        c.as_str(),
        c.title(),
        c.explanation(),
        c.as_str()
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The report's output names with the span that defines each (the name of `name: expression`,
/// or the bare column), when the report parses far enough.
pub fn outputs(text: &str, format: InputFormat) -> Vec<(String, Span)> {
    let (report, _) = crate::parse_file(&SourceFile::new("", text), format);
    let Some(r) = report else {
        return Vec::new();
    };
    r.columns
        .iter()
        .filter_map(|c| match (&c.name, &c.expr.kind) {
            (Some(n), _) => Some((n.value.clone(), n.span)),
            (None, ExprKind::Name(n)) => Some((n.clone(), c.expr.span)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn measure_docs_say_label_format_definition_and_decision() {
        let cat = Catalog::builtin();
        let s = cat.source("incoming_message_distributions").unwrap();
        let md = measure(s, s.measure("service_level_20s").unwrap());
        assert!(
            md.starts_with("**service_level_20s**: Service level (20 s) (measure, percent)"),
            "{md}"
        );
        assert!(
            md.contains("`service_level_20s = answered_within_20s / offered`"),
            "{md}"
        );
        assert!(md.contains("Decision: Over offered"), "{md}");
        let md = measure(s, s.measure("handled").unwrap());
        assert!(md.contains("(measure, number (contacts))"), "{md}");
    }

    #[test]
    fn column_docs_say_type_meaning_and_values() {
        let cat = Catalog::builtin();
        let s = cat.source("incoming_message_distributions").unwrap();
        let md = column(s, s.column("messaging_type").unwrap());
        assert!(
            md.starts_with("**messaging_type**: Messaging type (`enum`)"),
            "{md}"
        );
        assert!(md.contains("Allowed values: `chat`, `WhatsApp`"), "{md}");
        let (user, _) = crate::catalog::parse_catalog(include_str!(
            "../../tests/fixtures/callcentre_catalog.yaml"
        ));
        let user = user.unwrap();
        let calls = user.source("calls").unwrap();
        let md = column(
            calls,
            calls.columns.iter().find(|c| c.id == "line").unwrap(),
        );
        assert!(md.contains("`Sales` (stored as `S`)"), "{md}");
        let outs = outputs(
            "source: sms\ncolumns:\n  - queue\n  - n: count()\n  - 'x = 1'\n",
            InputFormat::Yaml,
        );
        let names: Vec<&str> = outs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["queue", "n"]);
    }
}
