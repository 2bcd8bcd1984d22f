//! The report in YAML, keys in canonical order, lists as block lists, plain scalars where they
//! read back unchanged (else double-quoted), a long description as a folded block.

use super::comments::{Anchor, Comments, Writer};
use super::expr::{expr, order_item};
use crate::syntax::ast::*;

/// Whether a text can be written as a plain YAML scalar and read back unchanged.
fn yaml_plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    (first.is_alphanumeric() || first == '_' || first == '(')
        && !s.ends_with(' ')
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control())
}

fn yaml_double(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_scalar(s: &str) -> String {
    if yaml_plain_ok(s) {
        s.to_string()
    } else {
        yaml_double(s)
    }
}

/// An item of a flow list (`[a, b]`): plain where a comma, a bracket or a brace cannot end it.
fn yaml_flow(s: &str) -> String {
    if yaml_plain_ok(s) && !s.contains([',', '[', ']', '{', '}']) {
        s.to_string()
    } else {
        yaml_double(s)
    }
}

/// A long one-paragraph text ending with a newline, as a folded block (`>`), else `None`.
fn yaml_folded(s: &str, indent: &str) -> Option<String> {
    let body = s.strip_suffix('\n')?;
    if body.len() <= 80
        || body.contains('\n')
        || body.contains("  ")
        || body.starts_with(' ')
        || body.ends_with(' ')
        || body.chars().any(|c| c.is_control())
    {
        return None;
    }
    let mut out = String::from(">\n");
    let mut line = String::new();
    for word in body.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 90 {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(indent);
    out.push_str(&line);
    Some(out)
}

/// The report in YAML, keys in canonical order, lists as block lists, with the comments.
pub fn to_yaml(r: &Report, comments: &Comments) -> String {
    let mut w = Writer {
        out: String::new(),
        comments,
    };
    let scalar = |w: &mut Writer, key: &'static str, value: String| {
        let a = Anchor::Clause(key);
        w.before(a, "");
        w.line(&format!("{key}: {value}"), Some(a));
    };
    if let Some(n) = &r.name {
        scalar(&mut w, "report", yaml_scalar(&n.value));
    }
    if let Some(t) = &r.title {
        scalar(&mut w, "title", yaml_scalar(&t.value));
    }
    if let Some(d) = &r.description {
        let a = Anchor::Clause("description");
        w.before(a, "");
        match yaml_folded(&d.value, "  ") {
            Some(folded) => {
                if let Some(t) = w.comments.trailing.get(&a).cloned() {
                    w.line(&t, None);
                }
                w.line(&format!("description: {folded}"), None);
            }
            None => w.line(&format!("description: {}", yaml_scalar(&d.value)), Some(a)),
        }
    }
    scalar(&mut w, "source", yaml_scalar(&r.source.value));
    if let Some(t) = &r.timezone {
        scalar(&mut w, "timezone", yaml_scalar(&t.value));
    }
    let list = |w: &mut Writer, key: &'static str, items: Vec<String>| {
        let a = Anchor::Clause(key);
        w.before(a, "");
        if items.is_empty() {
            w.line(&format!("{key}: []"), Some(a));
            return;
        }
        w.line(&format!("{key}:"), Some(a));
        for (i, it) in items.into_iter().enumerate() {
            let a = Anchor::Item(key, i);
            w.before(a, "  ");
            w.line(&format!("  - {it}"), Some(a));
        }
    };
    if !r.parameters.is_empty() {
        let a = Anchor::Clause("parameters");
        w.before(a, "");
        w.line("parameters:", Some(a));
        for (i, p) in r.parameters.iter().enumerate() {
            let a = Anchor::Item("parameters", i);
            w.before(a, "  ");
            w.line(
                &format!("  - name: {}", yaml_scalar(&p.name.value)),
                Some(a),
            );
            w.line(
                &format!("    type: {}", yaml_scalar(&p.ty.value.text())),
                None,
            );
            if let Some(d) = &p.default {
                w.line(&format!("    default: {}", yaml_scalar(&d.value)), None);
            }
            if let Some(d) = &p.description {
                w.line(&format!("    description: {}", yaml_scalar(&d.value)), None);
            }
        }
    }
    let columns = r
        .columns
        .iter()
        .map(|c| match &c.name {
            Some(n) => format!("{}: {}", n.value, yaml_scalar(&expr(&c.expr))),
            None => yaml_scalar(&expr(&c.expr)),
        })
        .collect();
    list(&mut w, "columns", columns);
    let exprs = |v: &[Expr]| v.iter().map(|e| yaml_scalar(&expr(e))).collect::<Vec<_>>();
    if !r.filters.is_empty() {
        list(&mut w, "filters", exprs(&r.filters));
    }
    if let Some(g) = &r.group_by {
        list(&mut w, "group_by", exprs(g));
    }
    if !r.having.is_empty() {
        list(&mut w, "having", exprs(&r.having));
    }
    if !r.order_by.is_empty() {
        let items = r
            .order_by
            .iter()
            .map(|o| yaml_scalar(&order_item(o, 0)))
            .collect();
        list(&mut w, "order_by", items);
    }
    if let Some(l) = &r.limit {
        scalar(&mut w, "limit", yaml_scalar(&l.value.to_string()));
    }
    if let Some(l) = &r.labels {
        scalar(
            &mut w,
            "labels",
            (if l.value { "yes" } else { "no" }).to_string(),
        );
    }
    if let Some(t) = &r.top {
        let a = Anchor::Clause("top");
        w.before(a, "");
        w.line("top:", Some(a));
        w.line(&format!("  n: {}", t.n.value), None);
        w.line(&format!("  by: {}", yaml_scalar(&t.by.value)), None);
        if !t.per.is_empty() {
            let per: Vec<String> = t.per.iter().map(|p| yaml_flow(&p.value)).collect();
            w.line(&format!("  per: [{}]", per.join(", ")), None);
        }
        if let Some(rest) = &t.rest {
            w.line(&format!("  rest: {}", yaml_scalar(&rest.value)), None);
        }
    }
    if let Some(l) = &r.fill {
        scalar(
            &mut w,
            "fill",
            (if l.value { "yes" } else { "no" }).to_string(),
        );
    }
    if let Some(l) = &r.bucket_dates {
        scalar(
            &mut w,
            "bucket_as",
            (if l.value { "date" } else { "timestamp" }).to_string(),
        );
    }
    w.end();
    w.out
}
