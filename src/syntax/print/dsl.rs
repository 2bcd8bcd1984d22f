//! The report in the DSL, in canonical layout: one clause per line, short lists on one line,
//! one condition per line under `where` and `having`.

use super::comments::{Anchor, Comments, Writer};
use super::expr::{
    conjunct, expr, level, name, order_item, quoted, string_literal, write_expr, OR, PRIMARY,
};
use crate::syntax::ast::*;

const WIDTH: usize = 100;

/// A name in the `top` clause: as in an expression, and in backticks when it is `per` or `rest`.
fn top_name(s: &str) -> String {
    let n = name(s);
    if n == s && (s.eq_ignore_ascii_case("per") || s.eq_ignore_ascii_case("rest")) {
        format!("`{s}`")
    } else {
        n
    }
}

impl Writer<'_> {
    /// A comma-separated list clause: one line when short and uncommented, else one item per
    /// line under the keyword.
    fn list(&mut self, kw: &str, key: &'static str, items: &[String]) {
        let c = Anchor::Clause(key);
        self.before(c, "");
        let one = format!("{kw} {}", items.join(", "));
        if !self.has_item_comments(key, items.len()) && one.len() <= WIDTH && !one.contains('\n') {
            self.line(&one, Some(c));
            return;
        }
        self.line(kw, Some(c));
        for (i, it) in items.iter().enumerate() {
            let a = Anchor::Item(key, i);
            self.before(a, "  ");
            let comma = if i + 1 < items.len() { "," } else { "" };
            self.line(&format!("  {it}{comma}"), Some(a));
        }
    }
    /// `where a` / `  and b`: one condition per line.
    fn conditions(&mut self, kw: &str, key: &'static str, items: &[Expr]) {
        let c = Anchor::Clause(key);
        self.before(c, "");
        self.before(Anchor::Item(key, 0), "");
        let first_line: Vec<&String> = [c, Anchor::Item(key, 0)]
            .iter()
            .filter_map(|a| self.comments.trailing.get(a))
            .collect();
        let first_line = first_line
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for (i, e) in items.iter().enumerate() {
            let a = Anchor::Item(key, i);
            if i > 0 {
                self.before(a, "  ");
            }
            let lead = if i == 0 {
                format!("{kw} ")
            } else {
                "  and ".to_string()
            };
            // a lone `or` needs no parentheses; among several conditions it does
            let text = if items.len() == 1 && level(e) == OR {
                expr(e)
            } else {
                conjunct(e)
            };
            if i == 0 {
                let mut l = format!("{lead}{text}");
                if !first_line.is_empty() {
                    l.push_str("  ");
                    l.push_str(&first_line);
                }
                self.line(&l, None);
            } else {
                self.line(&format!("{lead}{text}"), Some(a));
            }
        }
    }
}

/// The report in the DSL, in canonical layout, with the comments.
pub fn to_dsl(r: &Report, comments: &Comments) -> String {
    let mut w = Writer {
        out: String::new(),
        comments,
    };
    if let Some(n) = &r.name {
        let a = Anchor::Clause("report");
        w.before(a, "");
        let mut s = format!("report {}", name(&n.value));
        if let Some(t) = &r.title {
            s.push(' ');
            s.push_str(&quoted(&t.value, '"'));
        }
        w.before(Anchor::Clause("title"), "");
        let trailing = w.comments.trailing.get(&Anchor::Clause("title")).cloned();
        w.line(&s, Some(a));
        if let Some(t) = trailing {
            w.line(&t, None);
        }
    } else if let Some(t) = &r.title {
        let a = Anchor::Clause("title");
        w.before(a, "");
        w.line(&format!("title {}", quoted(&t.value, '"')), Some(a));
    }
    if let Some(d) = &r.description {
        let a = Anchor::Clause("description");
        w.before(a, "");
        w.line(&format!("description {}", quoted(&d.value, '"')), Some(a));
    }
    let a = Anchor::Clause("source");
    w.before(a, "");
    w.line(&format!("from {}", name(&r.source.value)), Some(a));
    if let Some(t) = &r.timezone {
        let a = Anchor::Clause("timezone");
        w.before(a, "");
        w.line(&format!("timezone {}", string_literal(&t.value)), Some(a));
    }
    for (i, p) in r.parameters.iter().enumerate() {
        let a = Anchor::Item("parameters", i);
        w.before(a, "");
        let mut s = format!("parameter {} {}", name(&p.name.value), p.ty.value.text());
        if let Some(d) = &p.default {
            s.push_str(" default ");
            s.push_str(&string_literal(&d.value));
        }
        if let Some(d) = &p.description {
            s.push(' ');
            s.push_str(&quoted(&d.value, '"'));
        }
        w.line(&s, Some(a));
    }
    if !r.columns.is_empty() {
        let items: Vec<String> = r
            .columns
            .iter()
            .map(|c| match &c.name {
                Some(n) => format!("{} = {}", name(&n.value), expr(&c.expr)),
                None if matches!(c.expr.kind, ExprKind::Name(_)) => expr(&c.expr),
                None => {
                    let mut s = String::new();
                    write_expr(&c.expr, PRIMARY + 1, &mut s);
                    s
                }
            })
            .collect();
        w.list("select", "columns", &items);
    }
    if !r.filters.is_empty() {
        w.conditions("where", "filters", &r.filters);
    }
    if let Some(g) = &r.group_by {
        let items: Vec<String> = g.iter().map(expr).collect();
        if items.is_empty() {
            let a = Anchor::Clause("group_by");
            w.before(a, "");
            w.line("group by", Some(a));
        } else {
            w.list("group by", "group_by", &items);
        }
    }
    if !r.having.is_empty() {
        w.conditions("having", "having", &r.having);
    }
    if !r.order_by.is_empty() {
        let items: Vec<String> = r.order_by.iter().map(|o| order_item(o, OR)).collect();
        w.list("order by", "order_by", &items);
    }
    if let Some(l) = &r.limit {
        let a = Anchor::Clause("limit");
        w.before(a, "");
        w.line(&format!("limit {}", l.value), Some(a));
    }
    if let Some(l) = &r.labels {
        let a = Anchor::Clause("labels");
        w.before(a, "");
        w.line(if l.value { "labels" } else { "labels no" }, Some(a));
    }
    if let Some(t) = &r.top {
        let a = Anchor::Clause("top");
        w.before(a, "");
        let mut line = format!("top {} by {}", t.n.value, top_name(&t.by.value));
        if !t.per.is_empty() {
            let per: Vec<String> = t.per.iter().map(|p| top_name(&p.value)).collect();
            line.push_str(&format!(" per {}", per.join(", ")));
        }
        if let Some(rest) = &t.rest {
            line.push_str(&format!(" rest {}", string_literal(&rest.value)));
        }
        w.line(&line, Some(a));
    }
    if let Some(l) = &r.fill {
        let a = Anchor::Clause("fill");
        w.before(a, "");
        w.line(if l.value { "fill" } else { "fill no" }, Some(a));
    }
    if let Some(l) = &r.bucket_dates {
        let a = Anchor::Clause("bucket_as");
        w.before(a, "");
        w.line(
            if l.value {
                "bucket_as date"
            } else {
                "bucket_as timestamp"
            },
            Some(a),
        );
    }
    w.end();
    w.out
}
