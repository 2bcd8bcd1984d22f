//! `top:` in YAML: `{n: 5, by: contacts, per: [week], rest: Other}` -> [`TopDef`]. The DSL's
//! `top 5 by contacts per week rest 'Other'` is read in `dsl/clauses.rs`; both check the
//! number the same way here.

use super::ast::{Ident, TopDef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::yaml::{fields, get, items, scalar, Node};

/// The keys of `top:`, in canonical order.
pub const TOP_KEYS: &[&str] = &["n", "by", "per", "rest"];

/// The number of groups as written: a whole number (its sign is checked with the report).
pub fn top_count(text: &str, span: Span, dsl: bool) -> Result<Spanned<i64>, Diagnostic> {
    text.trim()
        .parse::<i64>()
        .map(|n| Spanned::new(n, span))
        .map_err(|_| {
            Diagnostic::error(
                Code::TopShape,
                span,
                format!(
                    "the number of top groups `{}` is not a whole number",
                    text.trim()
                ),
            )
            .with_help(if dsl {
                "write a whole number greater than zero, e.g. `top 5 by contacts`"
            } else {
                "write a whole number greater than zero, e.g. `top: {n: 5, by: contacts}`"
            })
        })
}

fn name(key: &str, node: &Node, diags: &mut Diagnostics) -> Option<Ident> {
    let s = scalar(key, node, diags)?;
    let v = s.value.trim();
    if v.is_empty() {
        diags.push(
            Diagnostic::error(Code::TopShape, s.span, format!("`{key}` names no output"))
                .with_help("name an output column of the report, e.g. `by: contacts`"),
        );
        return None;
    }
    Some(Spanned::new(v.to_string(), s.span))
}

/// The `top:` mapping of a YAML report.
pub fn yaml_top(node: &Node, diags: &mut Diagnostics) -> Option<TopDef> {
    let f = fields(node, "`top`", TOP_KEYS, diags)?;
    let n = get(&f, "n").and_then(|(_, v)| {
        let s = scalar("n", v, diags)?;
        top_count(&s.value, s.span, false)
            .map_err(|d| diags.push(d))
            .ok()
    });
    let by = get(&f, "by").and_then(|(_, v)| name("by", v, diags));
    let per = get(&f, "per")
        .map(|(_, v)| {
            items("per", v, diags)
                .into_iter()
                .filter_map(|i| name("per", i, diags))
                .collect()
        })
        .unwrap_or_default();
    let rest = get(&f, "rest").and_then(|(_, v)| {
        let s = scalar("rest", v, diags)?;
        Some(Spanned::new(s.value.clone(), s.span))
    });
    for (key, missing) in [("n", n.is_none()), ("by", by.is_none())] {
        if missing && get(&f, key).is_none() {
            diags.push(
                Diagnostic::error(
                    Code::MissingKey,
                    node.span(),
                    format!("`top` has no `{key}`"),
                )
                .with_help("write the number of groups and the output they are ranked by, e.g. `top: {n: 5, by: contacts}`"),
            );
        }
    }
    Some(TopDef {
        n: n?,
        by: by?,
        per,
        rest,
        span: node.span(),
    })
}
