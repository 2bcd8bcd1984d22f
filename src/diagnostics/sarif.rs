//! Diagnostics as SARIF 2.1.0 (the OASIS standard), in the shape GitHub code scanning reads
//! (<https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning>):
//! one run; `tool.driver` with every code of the registry as a rule (short and full
//! description, help as text and markdown, default level); one result per diagnostic with its
//! `ruleId` and `ruleIndex`, level, message and a physical location: the file's URI relative
//! to `%SRCROOT%` (the folder reportc ran in) and a region whose columns count UTF-16 code
//! units (`columnKind` of the run). Fields are serde structs: the output is byte-identical for
//! the same input.

use super::{Checked, Code, Diagnostic, Severity, SourceFile, Span};
use serde::Serialize;

/// The schema's own id (the OASIS errata 01 schema that tests/fixtures holds).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The package's `repository` (else `homepage`) of Cargo.toml; none when neither is set.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<ResultItem>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultItem {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A code's default level: warnings for lint codes (`W...`), else errors.
fn default_level(c: Code) -> &'static str {
    if c.is_warning() {
        "warning"
    } else {
        "error"
    }
}

/// `E0201 unknown column` -> `UnknownColumn`-like rule name: the title in PascalCase.
fn rule_name(c: Code) -> String {
    c.title()
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(c: Code) -> Rule {
    let full = c.explanation();
    Rule {
        id: c.as_str(),
        name: rule_name(c),
        short_description: Text {
            text: c.title().to_string(),
        },
        full_description: Text { text: full.clone() },
        help: Help {
            text: format!("{full}\n\nSee `reportc explain {c}`."),
            markdown: format!(
                "**{c}: {}**\n\n{full}\n\nSee `reportc explain {c}`.",
                c.title()
            ),
        },
        default_configuration: Configuration {
            level: default_level(c),
        },
    }
}

/// A path as a URI reference: relative paths (to `%SRCROOT%`) with `/` separators, absolute
/// ones as `file://` URIs; bytes outside the unreserved set and `/` are percent-encoded.
fn artifact(name: &str) -> ArtifactLocation {
    let unix = name.replace('\\', "/");
    let trimmed = unix.trim_start_matches("./");
    let encoded: String = trimmed
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if trimmed.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{encoded}"),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encoded,
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

fn region(file: &SourceFile, span: Span) -> Region {
    let (start_line, start_column) = file.line_col_utf16(span.start as usize);
    let (end_line, end_column) = file.line_col_utf16(span.end as usize);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

fn result(file: &SourceFile, d: &Diagnostic) -> ResultItem {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    ResultItem {
        rule_id: d.code.as_str(),
        rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
        level: level(d.severity),
        message: Text { text },
        locations: vec![Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact(&file.name),
                region: region(file, d.span),
            },
            message: None,
        }],
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| Location {
                id: Some(i + 1),
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&file.name),
                    region: region(file, l.span),
                },
                message: Some(Text {
                    text: l.message.clone(),
                }),
            })
            .collect(),
    }
}

/// The SARIF log of every diagnostic of every file (in the order given), pretty-printed.
pub fn render_sarif(checked: &[Checked]) -> String {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "reportc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: Code::ALL.iter().map(|c| rule(*c)).collect(),
                },
            },
            column_kind: "utf16CodeUnits",
            results: checked
                .iter()
                .flat_map(|c| c.shown().into_iter().map(|d| result(&c.file, &d)))
                .collect(),
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let a = artifact("./reports/my report.yaml");
        assert_eq!(a.uri, "reports/my%20report.yaml");
        assert_eq!(a.uri_base_id, Some("%SRCROOT%"));
        let b = artifact("/abs/x.rpt");
        assert_eq!((b.uri.as_str(), b.uri_base_id), ("file:///abs/x.rpt", None));
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name(Code::UnknownColumn), "UnknownColumn");
        assert_eq!(rule_name(Code::YamlSyntax), "InvalidYAML");
    }
}
