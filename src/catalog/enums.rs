//! An enum column's `values:` and `codes:`: labels, stored codes and the codes' type, each
//! checked (labels unique ignoring case, codes unique, integer codes canonical).

use super::{Codes, EnumValue};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::yaml::{fields, get, items, scalar, Node, Scalar};

/// `codes: text` (the default) or `codes: integer`.
pub(super) fn codes_type(codes: Option<&Scalar>, diags: &mut Diagnostics) -> Option<Codes> {
    let Some(c) = codes else {
        return Some(Codes::Text);
    };
    match c.value.as_str() {
        "text" => Some(Codes::Text),
        "integer" => Some(Codes::Integer),
        other => {
            let d = Diagnostic::error(
                Code::Catalog,
                c.span,
                format!("unknown code type `{other}`"),
            );
            diags.push(match did_you_mean(other, ["text", "integer"]) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(
                    "use `codes: integer` when the warehouse stores the codes in an integer column, else `codes: text` (the default)",
                ),
            });
            None
        }
    }
}

/// Why `code` is not a canonical integer (decimal digits, an optional `-`, no leading zero,
/// within 64 bits), or None when it is one.
fn integer_problem(code: &str) -> Option<(String, String)> {
    let digits = code.strip_prefix('-').unwrap_or(code);
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !all_digits {
        return Some((
            format!("stored code `{code}` is not an integer, but the column has `codes: integer`"),
            "write the code in decimal digits as the warehouse stores it, e.g. `code: 2`, or remove `codes: integer` if the codes are text".to_string(),
        ));
    }
    let Ok(n) = code.parse::<i64>() else {
        return Some((
            format!("stored code `{code}` does not fit in a 64-bit integer"),
            "integer codes must lie between -9223372036854775808 and 9223372036854775807"
                .to_string(),
        ));
    };
    (n.to_string() != code).then(|| {
        (
            format!("stored code `{code}` is not written canonically"),
            format!("write `{n}`: `{code}` and `{n}` are the same integer"),
        )
    })
}

pub(super) fn enum_values(
    k: &Scalar,
    ts: &Scalar,
    values: Option<(&Scalar, &Node)>,
    codes: Codes,
    diags: &mut Diagnostics,
) -> Option<Vec<EnumValue>> {
    let Some((_, vnode)) = values else {
        diags.push(
            Diagnostic::error(Code::Catalog, ts.span, format!("enum column `{}` needs `values`", k.value))
                .with_help("add `values: [a, b, c]`, or `values:` with `- {label: WhatsApp, code: whatsapp}` items"),
        );
        return None;
    };
    let mut out: Vec<EnumValue> = Vec::new();
    let mut spans = Vec::new();
    let mut by_label: std::collections::HashMap<String, usize> = Default::default();
    let mut by_code: std::collections::HashMap<String, usize> = Default::default();
    let mut ok = true;
    for item in items("values", vnode, diags) {
        let Some((label, code, span, code_span)) = value(item, diags) else {
            continue;
        };
        if codes == Codes::Integer {
            if let Some((message, help)) = integer_problem(&code) {
                diags.push(Diagnostic::error(Code::Catalog, code_span, message).with_help(help));
                ok = false;
                continue;
            }
        }
        // labels (ignoring case) and codes seen so far: linear in the number of values
        if let Some(&i) = by_label.get(&label.to_lowercase()) {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    span,
                    format!(
                        "enum value `{label}` is listed twice (labels are matched ignoring case)"
                    ),
                )
                .with_secondary(spans[i], "first listed here"),
            );
            continue;
        }
        if let Some(&i) = by_code.get(&code) {
            diags.push(
                Diagnostic::error(
                    Code::Catalog,
                    code_span,
                    format!("stored code `{code}` is used by two values"),
                )
                .with_secondary(spans[i], "also used here"),
            );
            continue;
        }
        by_label.insert(label.to_lowercase(), out.len());
        by_code.insert(code.clone(), out.len());
        spans.push(span);
        out.push(EnumValue { label, code });
    }
    if out.is_empty() && ok {
        diags.push(Diagnostic::error(
            Code::Catalog,
            vnode.span(),
            format!("enum column `{}` has no values", k.value),
        ));
    }
    (ok && !out.is_empty()).then_some(out)
}

/// One item of `values:`: its label, stored code, and the spans of each.
fn value(item: &Node, diags: &mut Diagnostics) -> Option<(String, String, Span, Span)> {
    match item {
        Node::Scalar(s) => Some((s.value.clone(), s.value.clone(), s.span, s.span)),
        Node::Map(..) => {
            let f = fields(item, "an enum value", &["label", "code"], diags)?;
            let Some(label) = get(&f, "label").and_then(|(_, v)| scalar("label", v, diags)) else {
                diags.push(Diagnostic::error(
                    Code::Catalog,
                    item.span(),
                    "an enum value needs a `label`",
                ));
                return None;
            };
            let (code, code_span) = get(&f, "code")
                .and_then(|(_, v)| scalar("code", v, diags))
                .map(|c| (c.value.clone(), c.span))
                .unwrap_or_else(|| (label.value.clone(), label.span));
            Some((label.value.clone(), code, label.span, code_span))
        }
        Node::Seq(..) => {
            diags.push(Diagnostic::error(
                Code::WrongShape,
                item.span(),
                "an enum value must be text or `{label:, code:}`",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{parse_catalog, ColumnType};

    fn catalog(values: &str, codes: &str) -> (Option<crate::catalog::Catalog>, Diagnostics) {
        parse_catalog(&format!(
            "catalog: t\nsources:\n  s:\n    table: s\n    columns:\n      cat:\n        type: enum\n{codes}        values:\n{values}"
        ))
    }

    #[test]
    fn integer_codes_are_kept_with_their_type() {
        let (cat, diags) = catalog(
            "          - {label: notification, code: 1}\n          - {label: marketing, code: -2}\n          - 3\n",
            "        codes: integer\n",
        );
        assert!(!diags.has_errors(), "{diags:?}");
        let cat = cat.unwrap();
        let c = cat.source("s").unwrap().column("cat").unwrap();
        assert!(matches!(c.ty, ColumnType::Enum(_, Codes::Integer)));
        assert_eq!(c.enum_value("MARKETING").unwrap().code, "-2");
        assert_eq!(c.enum_value("3").unwrap().code, "3");
    }

    #[test]
    fn codes_default_to_text() {
        let (cat, _) = catalog("          - {label: a, code: 02}\n", "");
        let cat = cat.unwrap();
        let c = cat.source("s").unwrap().column("cat").unwrap();
        assert!(matches!(c.ty, ColumnType::Enum(_, Codes::Text)));
        assert_eq!(c.enum_value("a").unwrap().code, "02");
    }

    #[test]
    fn bad_integer_codes_are_diagnosed_at_the_code() {
        let text = "          - {label: a, code: x2}\n          - {label: b, code: 02}\n          - {label: c, code: 2}\n          - {label: d, code: 2}\n          - {label: e, code: 99999999999999999999}\n          - {label: f, code: -0}\n";
        let (cat, diags) = catalog(text, "        codes: integer\n");
        assert!(
            diags.has_errors()
                && cat.is_none_or(|c| c.sources.iter().all(|s| s.column("cat").is_none()))
        );
        let msgs: Vec<&str> = diags.0.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "stored code `x2` is not an integer, but the column has `codes: integer`",
                "stored code `02` is not written canonically",
                "stored code `2` is used by two values",
                "stored code `99999999999999999999` does not fit in a 64-bit integer",
                "stored code `-0` is not written canonically",
            ]
        );
        assert!(diags
            .0
            .iter()
            .all(|d| d.code == Code::Catalog && !d.span.is_empty()));
    }

    #[test]
    fn unknown_code_type_suggests_one() {
        let (cat, diags) = catalog("          - a\n", "        codes: integr\n");
        assert!(
            diags.has_errors()
                && cat.is_none_or(|c| c.sources.iter().all(|s| s.column("cat").is_none()))
        );
        assert_eq!(diags.0[0].help.as_deref(), Some("did you mean `integer`?"));
    }
}
