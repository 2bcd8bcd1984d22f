//! Reading a YAML mapping as the fields of a report or catalogue entry: unknown keys, wrong
//! shapes and missing values become diagnostics that name the key.

use super::{Node, Scalar};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};

/// Look up the fields of a mapping; unknown keys are reported with a suggestion.
pub fn fields<'n>(
    node: &'n Node,
    what: &str,
    known: &[&str],
    diags: &mut Diagnostics,
) -> Option<Vec<(&'n Scalar, &'n Node)>> {
    let Node::Map(entries, _) = node else {
        diags.push(
            Diagnostic::error(
                Code::WrongShape,
                node.span(),
                format!(
                    "{what} must be a mapping of keys to values, found {}",
                    node.kind()
                ),
            )
            .with_help(format!("known keys: {}", known.join(", "))),
        );
        return None;
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        if known.contains(&k.value.as_str()) {
            out.push((k, v));
        } else {
            let mut d = Diagnostic::error(
                Code::UnknownKey,
                k.span,
                format!("unknown key `{}` in {what}", k.value),
            );
            d = match did_you_mean(&k.value, known.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("known keys: {}", known.join(", "))),
            };
            diags.push(d);
        }
    }
    Some(out)
}

pub fn get<'n>(f: &[(&'n Scalar, &'n Node)], key: &str) -> Option<(&'n Scalar, &'n Node)> {
    f.iter().find(|(k, _)| k.value == key).copied()
}

/// A scalar value, or an error naming the key.
pub fn scalar<'n>(key: &str, node: &'n Node, diags: &mut Diagnostics) -> Option<&'n Scalar> {
    match node {
        Node::Scalar(s) => Some(s),
        other => {
            diags.push(Diagnostic::error(
                Code::WrongShape,
                other.span(),
                format!("`{key}` must be a single value, found {}", other.kind()),
            ));
            None
        }
    }
}

/// A list of items; a single scalar is accepted as a one-item list.
pub fn items<'n>(key: &str, node: &'n Node, diags: &mut Diagnostics) -> Vec<&'n Node> {
    match node {
        Node::Seq(items, _) => items.iter().collect(),
        Node::Scalar(s) if s.is_null() => Vec::new(),
        Node::Scalar(_) => vec![node],
        Node::Map(..) => {
            diags.push(
                Diagnostic::error(
                    Code::WrongShape,
                    node.span(),
                    format!("`{key}` must be a list, found a mapping"),
                )
                .with_help(format!(
                    "write each item on its own line, starting with `- `, under `{key}:`"
                )),
            );
            Vec::new()
        }
    }
}
