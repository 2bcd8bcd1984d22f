//! Comments are not in the AST: they are found in the text (outside strings and scalars) and
//! attached by position to a clause or an item of a list, so `fmt` and `convert` carry them;
//! [`Writer`] prints them back around the lines it writes.

use crate::diagnostics::Span;
use crate::syntax::ast::Report;
use crate::syntax::dsl::split_clauses;
use crate::yaml::{parse_yaml, Node};
use std::collections::BTreeMap;

/// What a comment is attached to: a clause (named by its YAML key) or an item of a list clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    Clause(&'static str),
    Item(&'static str, usize),
}

/// Comments of a file, attached to clauses and items: full-line comments before them and a
/// comment at the end of their line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comments {
    pub before: BTreeMap<Anchor, Vec<String>>,
    pub trailing: BTreeMap<Anchor, String>,
    /// Comments after the last clause.
    pub end: Vec<String>,
}

/// The anchors of a parsed report, with the byte offset where each starts in its file.
fn item_anchors(r: &Report, out: &mut Vec<(usize, Anchor)>) {
    let mut push = |key: &'static str, spans: Vec<Span>| {
        for (i, s) in spans.into_iter().enumerate() {
            out.push((s.start as usize, Anchor::Item(key, i)));
        }
    };
    push("parameters", r.parameters.iter().map(|p| p.span).collect());
    push("columns", r.columns.iter().map(|c| c.span).collect());
    push("filters", r.filters.iter().map(|e| e.span).collect());
    if let Some(g) = &r.group_by {
        push("group_by", g.iter().map(|e| e.span).collect());
    }
    push("having", r.having.iter().map(|e| e.span).collect());
    push("order_by", r.order_by.iter().map(|o| o.span).collect());
}

fn dsl_key(kw: &str) -> Option<&'static str> {
    Some(match kw {
        "report" => "report",
        "title" => "title",
        "description" => "description",
        "from" => "source",
        "timezone" => "timezone",
        "select" => "columns",
        "where" => "filters",
        "group by" => "group_by",
        "having" => "having",
        "order by" => "order_by",
        "limit" => "limit",
        "labels" => "labels",
        "top" => "top",
        "fill" => "fill",
        "bucket_as" => "bucket_as",
        _ => return None,
    })
}

/// `#` comments of a DSL text: (offset of `#`, whole line?) outside strings and names.
fn dsl_comment_positions(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                out.push(i);
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\\' && q != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The first character of a DSL comment that a YAML file cannot hold (YAML 1.2 `nb-char`:
/// no control character but tab, no byte order mark, no U+FFFE/U+FFFF), with its offset:
/// `convert --to yaml` refuses it rather than write a file that does not parse.
pub fn dsl_comment_not_yaml(text: &str) -> Option<(usize, char)> {
    let yaml_ok = |c: char| {
        matches!(c, '\t' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    };
    dsl_comment_positions(text).into_iter().find_map(|p| {
        let line = &text[p..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.char_indices()
            .find(|(_, c)| !yaml_ok(*c))
            .map(|(i, c)| (p + i, c))
    })
}

/// `#` comments of a YAML text: a `#` at a line start or after a space, outside every scalar.
fn yaml_comment_positions(text: &str, scalars: &[Span]) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#'
            && (i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n'))
            && !scalars
                .iter()
                .any(|s| (s.start as usize) <= i && i < s.end as usize)
        {
            out.push(i);
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

fn scalar_spans(n: &Node, out: &mut Vec<Span>) {
    match n {
        Node::Scalar(s) => out.push(s.span),
        Node::Seq(items, _) => items.iter().for_each(|i| scalar_spans(i, out)),
        Node::Map(entries, _) => {
            for (k, v) in entries {
                out.push(k.span);
                scalar_spans(v, out);
            }
        }
    }
}

fn attach(text: &str, positions: Vec<usize>, mut anchors: Vec<(usize, Anchor)>) -> Comments {
    anchors.sort_by_key(|(p, _)| *p);
    let mut c = Comments::default();
    for p in positions {
        let line_start = text[..p].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[p..].find('\n').map(|i| p + i).unwrap_or(text.len());
        let body = text[p..line_end].trim_end().to_string();
        let whole_line = text[line_start..p].trim().is_empty();
        if whole_line {
            match anchors.iter().find(|(s, _)| *s > p) {
                Some((_, a)) => c.before.entry(*a).or_default().push(body),
                None => c.end.push(body),
            }
        } else {
            // a comment on the line where a clause starts belongs to the clause (`group by a,
            // b  # why`), else to the last item started before it
            let clause = anchors
                .iter()
                .find(|(s, a)| matches!(a, Anchor::Clause(_)) && line_start <= *s && *s < p);
            match clause.or_else(|| anchors.iter().rev().find(|(s, _)| *s <= p)) {
                Some((_, a)) => {
                    let t = c.trailing.entry(*a).or_default();
                    if !t.is_empty() {
                        t.push(' ');
                    }
                    t.push_str(&body);
                }
                None => c.end.push(body),
            }
        }
    }
    c
}

/// The comments of a DSL file, attached to the clauses and items of its parsed report.
pub fn dsl_comments(text: &str, r: &Report) -> Comments {
    let mut anchors = Vec::new();
    for ch in split_clauses(text) {
        if let Some(key) = ch.keyword.and_then(dsl_key) {
            anchors.push((ch.start, Anchor::Clause(key)));
        }
    }
    item_anchors(r, &mut anchors);
    attach(text, dsl_comment_positions(text), anchors)
}

/// The comments of a YAML file, attached to the keys and items of its parsed report.
pub fn yaml_comments(text: &str, r: &Report) -> Comments {
    let mut anchors = Vec::new();
    let mut scalars = Vec::new();
    if let Ok(Some(root)) = parse_yaml(text) {
        scalar_spans(&root, &mut scalars);
        if let Node::Map(entries, _) = &root {
            for (k, _) in entries {
                if let Some(key) = crate::syntax::report_yaml::REPORT_KEYS
                    .iter()
                    .find(|x| **x == k.value)
                {
                    anchors.push((k.span.start as usize, Anchor::Clause(key)));
                }
            }
        }
    }
    // a folded or literal block scalar's span may not cover its lines: add the description's
    if let Some(d) = &r.description {
        scalars.push(d.span);
    }
    item_anchors(r, &mut anchors);
    attach(text, yaml_comment_positions(text, &scalars), anchors)
}

/// Text being printed, with the comments to place around its lines.
pub(super) struct Writer<'c> {
    pub(super) out: String,
    pub(super) comments: &'c Comments,
}

impl Writer<'_> {
    pub(super) fn before(&mut self, a: Anchor, indent: &str) {
        if let Some(lines) = self.comments.before.get(&a) {
            for l in lines {
                self.out.push_str(indent);
                self.out.push_str(l);
                self.out.push('\n');
            }
        }
    }
    pub(super) fn line(&mut self, text: &str, a: Option<Anchor>) {
        self.out.push_str(text);
        if let Some(c) = a.and_then(|a| self.comments.trailing.get(&a)) {
            self.out.push_str("  ");
            self.out.push_str(c);
        }
        self.out.push('\n');
    }
    pub(super) fn has_item_comments(&self, key: &'static str, n: usize) -> bool {
        (0..n).any(|i| {
            self.comments.before.contains_key(&Anchor::Item(key, i))
                || self.comments.trailing.contains_key(&Anchor::Item(key, i))
        })
    }

    /// The comments after the last clause.
    pub(super) fn end(&mut self) {
        for c in &self.comments.end {
            self.out.push_str(c);
            self.out.push('\n');
        }
    }
}
