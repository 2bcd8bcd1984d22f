//! Catalogue YAML -> [`Catalog`], with diagnostics as precise as a report's.

use super::enums::{codes_type, enum_values};
use super::*;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::vocab::is_identifier;
use crate::yaml::{fields, get, parse_yaml, scalar, Node, Scalar};

pub const CATALOG_KEYS: &[&str] = &["catalog", "description", "sources"];
pub const SOURCE_KEYS: &[&str] = &[
    "label",
    "description",
    "table",
    "columns",
    "measures",
    "keys",
    "links",
    "decision",
];
pub const COLUMN_KEYS: &[&str] = &[
    "label",
    "description",
    "type",
    "column",
    "nullable",
    "unit",
    "values",
    "codes",
    "labels",
    "present_when",
    "after",
    "decision",
];

/// Parse a catalogue file. Returns the catalogue when usable, with every diagnostic found.
pub fn parse_catalog(text: &str) -> (Option<Catalog>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let root = match parse_yaml(text) {
        Ok(Some(r)) => r,
        Ok(None) => {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    crate::diagnostics::Span::new(0, 0),
                    "the catalogue is empty",
                )
                .with_help("a catalogue needs `catalog:` and `sources:`"),
            );
            return (None, diags);
        }
        Err(e) => {
            diags.extend(e);
            return (None, diags);
        }
    };
    let cat = build(&root, &mut diags);
    (cat, diags)
}

fn text(key: &str, f: &[(&Scalar, &Node)], diags: &mut Diagnostics) -> Option<String> {
    get(f, key)
        .and_then(|(_, v)| scalar(key, v, diags))
        .map(|s| s.value.clone())
}

fn build(root: &Node, diags: &mut Diagnostics) -> Option<Catalog> {
    let f = fields(root, "the catalogue", CATALOG_KEYS, diags)?;
    let name = text("catalog", &f, diags).unwrap_or_else(|| "catalog".to_string());
    let description = text("description", &f, diags).unwrap_or_default();
    let Some((skey, snode)) = get(&f, "sources") else {
        diags.push(
            Diagnostic::error(Code::Catalog, root.span(), "the catalogue has no `sources`")
                .with_help("add `sources:` with one entry per data source"),
        );
        return None;
    };
    let Node::Map(entries, _) = snode else {
        diags.push(
            Diagnostic::error(
                Code::WrongShape,
                snode.span(),
                "`sources` must be a mapping from source id to its definition",
            )
            .with_help("e.g. `sources:` then `  messages:` then `    table: messages`"),
        );
        return None;
    };
    if entries.is_empty() {
        diags.push(Diagnostic::error(
            Code::Catalog,
            skey.span,
            "the catalogue defines no source",
        ));
    }
    let sources: Vec<Source> = entries
        .iter()
        .filter_map(|(k, v)| source(k, v, diags))
        .collect();
    let mut cat = Catalog {
        name,
        description,
        sources,
    };
    super::links::check_links(&mut cat, diags);
    Some(cat)
}

fn check_id(k: &Scalar, what: &str, diags: &mut Diagnostics) -> bool {
    if is_identifier(&k.value) {
        return true;
    }
    diags.push(
        Diagnostic::error(
            Code::Catalog,
            k.span,
            format!("{what} id `{}` is not a valid name", k.value),
        )
        .with_help(
            "use letters, digits and `_`, starting with a letter; put the display name in `label`",
        ),
    );
    false
}

fn source(k: &Scalar, v: &Node, diags: &mut Diagnostics) -> Option<Source> {
    let ok = check_id(k, "source", diags);
    let f = fields(v, &format!("source `{}`", k.value), SOURCE_KEYS, diags)?;
    let table_text = text("table", &f, diags).unwrap_or_else(|| k.value.clone());
    let table: Vec<String> = table_text.split('.').map(str::to_string).collect();
    if table.iter().any(String::is_empty) {
        let span = get(&f, "table").map(|(_, v)| v.span()).unwrap_or(k.span);
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                span,
                format!("table `{table_text}` has an empty part"),
            )
            .with_help("write `table: name` or `table: schema.name`"),
        );
    }
    if table_text.chars().any(char::is_control) {
        let span = get(&f, "table").map(|(_, v)| v.span()).unwrap_or(k.span);
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                span,
                format!(
                    "table `{}` contains a control character (NUL, a line break, ...)",
                    table_text.escape_debug()
                ),
            )
            .with_help("no warehouse stores such a name safely; remove the character"),
        );
    }
    let mut columns: Vec<Column> = Vec::new();
    match get(&f, "columns") {
        Some((_, Node::Map(entries, _))) => {
            for (ck, cv) in entries {
                if let Some((c, refs)) = column(ck, cv, diags) {
                    check_refs(&c, &refs, &columns, diags);
                    columns.push(c);
                }
            }
        }
        Some((_, other)) => diags.push(
            Diagnostic::error(
                Code::WrongShape,
                other.span(),
                "`columns` must be a mapping from column id to its definition",
            )
            .with_help("e.g. `columns:` then `  wait_time:` then `    type: duration`"),
        ),
        None => diags.push(Diagnostic::error(
            Code::Catalog,
            k.span,
            format!("source `{}` has no `columns`", k.value),
        )),
    }
    let measures = match get(&f, "measures") {
        Some((_, node)) => super::measures::measures(node, &columns, diags),
        None => Vec::new(),
    };
    let keys = match get(&f, "keys") {
        Some((_, node)) => super::links::keys(node, &columns, diags),
        None => Vec::new(),
    };
    let links = match get(&f, "links") {
        Some((_, node)) => super::links::links(node, &columns, diags),
        None => Vec::new(),
    };
    if !ok {
        return None;
    }
    Some(Source {
        id: k.value.clone(),
        label: text("label", &f, diags).unwrap_or_else(|| k.value.clone()),
        description: text("description", &f, diags).unwrap_or_default(),
        table,
        columns,
        measures,
        keys,
        links,
        decision: text("decision", &f, diags),
    })
}

/// The spans of a column's references to other columns (`present_when`, `after`).
#[derive(Default)]
struct Refs {
    present_when: Option<crate::diagnostics::Span>,
    after: Option<crate::diagnostics::Span>,
}

/// `present_when` and `after` name a column listed earlier in the same source (so demo data
/// can generate a row's columns in order); `after` relates two timestamps; `present_when`
/// needs a nullable column.
fn check_refs(c: &Column, refs: &Refs, earlier: &[Column], diags: &mut Diagnostics) {
    if let (Some(name), Some(span)) = (&c.present_when, refs.present_when) {
        referenced(c, "present_when", name, span, earlier, diags);
        if !c.nullable {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    span,
                    format!("column `{}` has `present_when` but `nullable: false`", c.id),
                )
                .with_help(
                    "a column that is only sometimes present is nullable: remove `nullable: false`",
                ),
            );
        }
    }
    if let (Some(name), Some(span)) = (&c.after, refs.after) {
        let target = referenced(c, "after", name, span, earlier, diags);
        if !matches!(c.ty, ColumnType::Timestamp)
            || target.is_some_and(|t| !matches!(t.ty, ColumnType::Timestamp))
        {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    span,
                    format!(
                        "`after` relates two timestamp columns (`{}` and `{name}`)",
                        c.id
                    ),
                )
                .with_help("remove `after`, or name a timestamp column"),
            );
        }
    }
}

/// The column that `key: name` of column `c` names, among the columns listed before it.
fn referenced<'c>(
    c: &Column,
    key: &str,
    name: &str,
    span: crate::diagnostics::Span,
    earlier: &'c [Column],
    diags: &mut Diagnostics,
) -> Option<&'c Column> {
    if let Some(t) = earlier.iter().find(|e| e.id == name) {
        return Some(t);
    }
    let mut d = Diagnostic::error(
        Code::Catalog,
        span,
        if name == c.id {
            format!("`{key}` of column `{}` names the column itself", c.id)
        } else {
            format!(
                "`{key}` names `{name}`, which is not a column listed before `{}`",
                c.id
            )
        },
    );
    d = match did_you_mean(name, earlier.iter().map(|e| e.id.as_str())) {
        Some(s) if name != c.id => d.with_help(format!("did you mean `{s}`?")),
        _ => d.with_help(format!(
            "name a column of the same source listed before `{}`",
            c.id
        )),
    };
    diags.push(d);
    None
}

fn column(k: &Scalar, v: &Node, diags: &mut Diagnostics) -> Option<(Column, Refs)> {
    let ok = check_id(k, "column", diags);
    let f = fields(v, &format!("column `{}`", k.value), COLUMN_KEYS, diags)?;
    let Some((tk, tv)) = get(&f, "type") else {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                k.span,
                format!("column `{}` has no `type`", k.value),
            )
            .with_help(format!(
                "add `type:` with one of: {}",
                ColumnType::NAMES.join(", ")
            )),
        );
        return None;
    };
    let _ = tk;
    let ts = scalar("type", tv, diags)?;
    let unit = get(&f, "unit").and_then(|(_, u)| scalar("unit", u, diags));
    let values = get(&f, "values");
    let codes = get(&f, "codes").and_then(|(_, c)| scalar("codes", c, diags));
    let ty = match ts.value.as_str() {
        "timestamp" => ColumnType::Timestamp,
        "duration" => match unit.map(|u| u.value.as_str()) {
            Some("seconds") => ColumnType::Duration(DurationUnit::Seconds),
            Some("milliseconds") => ColumnType::Duration(DurationUnit::Milliseconds),
            Some(other) => {
                diags.push(
                    Diagnostic::error(
                        Code::Catalog,
                        unit.map(|u| u.span).unwrap_or(ts.span),
                        format!("unknown duration unit `{other}`"),
                    )
                    .with_help("use `seconds` or `milliseconds`"),
                );
                return None;
            }
            None => {
                diags.push(
                    Diagnostic::error(Code::Catalog, ts.span, format!("duration column `{}` needs a `unit`", k.value))
                        .with_help("add `unit: seconds` or `unit: milliseconds`: the unit the warehouse stores"),
                );
                return None;
            }
        },
        "text" => ColumnType::Text,
        "integer" => ColumnType::Integer,
        "number" => ColumnType::Number,
        "boolean" => ColumnType::Boolean,
        "phone" => ColumnType::Phone,
        "phone_or_id" => ColumnType::PhoneOrId,
        "identifier" => ColumnType::Identifier,
        "text_list" => ColumnType::TextList,
        "enum" => {
            let codes = codes_type(codes, diags)?;
            ColumnType::Enum(enum_values(k, ts, values, codes, diags)?, codes)
        }
        other => {
            let mut d = Diagnostic::error(
                Code::Catalog,
                ts.span,
                format!("unknown column type `{other}`"),
            );
            d = match did_you_mean(other, ColumnType::NAMES.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("types: {}", ColumnType::NAMES.join(", "))),
            };
            diags.push(d);
            return None;
        }
    };
    if let (Some(u), false) = (unit, matches!(ty, ColumnType::Duration(_))) {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                u.span,
                "`unit` applies only to duration columns",
            )
            .with_help("remove `unit`, or set `type: duration`"),
        );
    }
    if let (Some(c), false) = (codes, matches!(ty, ColumnType::Enum(..))) {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                c.span,
                "`codes` applies only to enum columns",
            )
            .with_help("remove `codes`, or set `type: enum`"),
        );
    }
    if let (Some((vk, _)), false) = (values, matches!(ty, ColumnType::Enum(..))) {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                vk.span,
                "`values` applies only to enum columns",
            )
            .with_help("remove `values`, or set `type: enum`"),
        );
    }
    let nullable = flag(
        &f,
        "nullable",
        "true or false",
        "write `nullable: false` for a column that always has a value",
        diags,
    )
    .is_none_or(|(on, _)| on);
    let physical = text("column", &f, diags).unwrap_or_else(|| k.value.clone());
    if physical.is_empty() || physical.chars().any(char::is_control) {
        let span = get(&f, "column").map(|(_, v)| v.span()).unwrap_or(k.span);
        diags.push(Diagnostic::error(
            Code::Catalog,
            span,
            "the physical column name is empty or contains a control character (NUL, a line break, ...)",
        ));
    }
    let reference = |key: &str, diags: &mut Diagnostics| {
        get(&f, key)
            .and_then(|(_, v)| scalar(key, v, diags))
            .map(|s| (s.value.clone(), s.span))
    };
    let present_when = reference("present_when", diags);
    let after = reference("after", diags);
    let show_labels = show_labels(&f, &ty, diags);
    if !ok {
        return None;
    }
    let refs = Refs {
        present_when: present_when.as_ref().map(|p| p.1),
        after: after.as_ref().map(|p| p.1),
    };
    Some((
        Column {
            id: k.value.clone(),
            label: text("label", &f, diags).unwrap_or_else(|| k.value.clone()),
            description: text("description", &f, diags).unwrap_or_default(),
            ty,
            physical,
            nullable,
            present_when: present_when.map(|p| p.0),
            after: after.map(|p| p.0),
            decision: text("decision", &f, diags),
            show_labels,
        },
        refs,
    ))
}

/// `labels: yes` on an enum column: reports show its labels instead of the stored codes unless
/// they say `labels: no` (the default is `no`: the stored codes).
fn show_labels(f: &[(&Scalar, &Node)], ty: &ColumnType, diags: &mut Diagnostics) -> bool {
    let Some((on, span)) = flag(
        f,
        "labels",
        "yes or no",
        "write `labels: yes` to show this enum's labels instead of its stored codes",
        diags,
    ) else {
        return false;
    };
    if !matches!(ty, ColumnType::Enum(..)) {
        diags.push(
            Diagnostic::error(Code::Catalog, span, "`labels` applies only to enum columns")
                .with_help("remove `labels`, or set `type: enum`"),
        );
        return false;
    }
    on
}

/// A yes/no key of a column (`true`/`yes`, `false`/`no`), with the span of its value; `None`
/// when it is absent, or not one of the four words (diagnosed: "`key` must be WORDS").
fn flag(
    f: &[(&Scalar, &Node)],
    key: &str,
    words: &str,
    help: &str,
    diags: &mut Diagnostics,
) -> Option<(bool, Span)> {
    let s = get(f, key).and_then(|(_, n)| scalar(key, n, diags))?;
    match s.value.as_str() {
        "true" | "yes" => Some((true, s.span)),
        "false" | "no" => Some((false, s.span)),
        other => {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    s.span,
                    format!("`{key}` must be {words}, found `{other}`"),
                )
                .with_help(help.to_string()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_codes_and_errors() {
        let text = "catalog: t\nsources:\n  s:\n    table: dw.s\n    columns:\n      mt:\n        type: enum\n        values:\n          - {label: WhatsApp, code: whatsapp}\n          - chat\n      w:\n        type: duraton\n      d:\n        type: duration\n";
        let (cat, diags) = parse_catalog(text);
        let cat = cat.unwrap();
        let s = cat.source("s").unwrap();
        assert_eq!(s.table, ["dw", "s"]);
        assert_eq!(
            s.column("mt").unwrap().enum_value("WHATSAPP").unwrap().code,
            "whatsapp"
        );
        let msgs: Vec<_> = diags.0.iter().map(|d| (d.code, d.help.clone())).collect();
        assert!(
            msgs.contains(&(Code::Catalog, Some("did you mean `duration`?".into()))),
            "{msgs:?}"
        );
        assert!(diags.0.iter().any(|d| d.message.contains("needs a `unit`")));
    }

    #[test]
    fn control_characters_are_refused_in_table_and_column_names() {
        for (table, column) in [
            ("\"t\\0x\"", "c"),
            ("\"a\\nb\"", "c"),
            ("t", "\"c\\0\""),
            ("t", "\"c\\rd\""),
        ] {
            let text = format!(
                "catalog: t\nsources:\n  s:\n    table: {table}\n    columns:\n      c:\n        type: text\n        column: {column}\n"
            );
            let (_, diags) = parse_catalog(&text);
            assert!(
                diags
                    .0
                    .iter()
                    .any(|d| d.code == Code::Catalog && d.message.contains("control character")),
                "{text}: {:?}",
                diags.0
            );
        }
    }
}
