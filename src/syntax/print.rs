//! AST -> text, in either format: the canonical layout of `reportc fmt` and the output of
//! `reportc convert`. Printing then parsing gives back the same AST (spans aside): expressions
//! are printed with the fewest parentheses that keep their tree, and names that are keywords
//! are quoted in backticks. Comments travel through [`Comments`], attached to a clause or an
//! item of a list.

use super::ast::*;
use super::dsl::{split_clauses, CLAUSE_WORDS};
use super::InputFormat;
use crate::diagnostics::Span;
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

const EXPR_KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "between", "is", "null", "by", "where", "yes", "no", "true", "false",
];

/// A name as written in an expression: bare when it is a plain identifier and no keyword,
/// else in backticks.
pub fn name(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let lower = s.to_ascii_lowercase();
    if plain && !EXPR_KEYWORDS.contains(&lower.as_str()) && !CLAUSE_WORDS.contains(&lower.as_str())
    {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

/// A string literal in single quotes (`''` for a quote, backslash escapes for the rest).
pub fn string_literal(s: &str) -> String {
    quoted(s, '\'')
}

fn quoted(s: &str, q: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\'' if q == '\'' => out.push_str("''"),
            '"' if q == '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn duration(ms: i64) -> String {
    if ms % 1000 != 0 {
        return format!("{ms}ms");
    }
    let mut s = ms / 1000;
    if s == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if s >= size {
            out.push_str(&format!("{}{unit}", s / size));
            s %= size;
        }
    }
    out
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Literal::Null => "null".into(),
        Literal::Date(d) => d.to_string(),
        Literal::Timestamp(t) => t.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        Literal::Duration(ms) => duration(*ms),
    }
}

fn range(r: &RelativeRange) -> String {
    match r {
        RelativeRange::This(TimeUnit::Day) => "today".into(),
        RelativeRange::Previous(TimeUnit::Day) => "yesterday".into(),
        RelativeRange::Last(n, u) => {
            format!("last {n} {}{}", u.name(), if *n == 1 { "" } else { "s" })
        }
        RelativeRange::This(u) => format!("this {}", u.name()),
        RelativeRange::Previous(u) => format!("previous {}", u.name()),
    }
}

/// Binding levels, loosest first, as in the grammar.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const PRED: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;
const BUCKET: u8 = 8;
const PRIMARY: u8 = 9;

fn level(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => match op {
            BinOp::Or => OR,
            BinOp::And => AND,
            BinOp::Add | BinOp::Sub => SUM,
            BinOp::Mul | BinOp::Div => PRODUCT,
            _ => PRED,
        },
        ExprKind::Not(_) => NOT,
        ExprKind::InList { .. }
        | ExprKind::InRange { .. }
        | ExprKind::Between { .. }
        | ExprKind::IsNull { .. }
        | ExprKind::Match { .. } => PRED,
        ExprKind::Neg(_) => UNARY,
        ExprKind::Bucket { .. } => BUCKET,
        // `count() where cond` runs to the end of the expression: loosest of all
        ExprKind::Call {
            filter: Some(_), ..
        } => 0,
        ExprKind::Call { .. } | ExprKind::Name(_) | ExprKind::Literal(_) => PRIMARY,
    }
}

/// An expression at the top of an item (any form allowed).
pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(e, 0, &mut out);
    out
}

/// An expression printed where at least binding level `min` is needed.
fn write_expr(e: &Expr, min: u8, out: &mut String) {
    if level(e) < min {
        out.push('(');
        write_expr(e, 0, out);
        out.push(')');
        return;
    }
    let neg = |n: bool| if n { "not " } else { "" };
    match &e.kind {
        ExprKind::Name(n) => out.push_str(&name(n)),
        ExprKind::Literal(l) => out.push_str(&literal(l)),
        ExprKind::Neg(x) => {
            out.push('-');
            write_expr(x, UNARY, out);
        }
        ExprKind::Not(x) => {
            out.push_str("not ");
            write_expr(x, NOT, out);
        }
        ExprKind::Binary { op, left, right } => {
            let l = level(e);
            let (lmin, rmin) = if op.is_comparison() {
                (SUM, SUM)
            } else {
                (l, l + 1)
            };
            write_expr(left, lmin, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            write_expr(right, rmin, out);
        }
        ExprKind::InList {
            expr: x,
            list,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("in (");
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expr(item, 0, out);
            }
            out.push(')');
        }
        ExprKind::InRange {
            expr: x,
            range: r,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("in ");
            out.push_str(&range(&r.value));
        }
        ExprKind::Between {
            expr: x,
            low,
            high,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str("between ");
            write_expr(low, SUM, out);
            out.push_str(" and ");
            write_expr(high, SUM, out);
        }
        ExprKind::IsNull { expr: x, negated } => {
            write_expr(x, SUM, out);
            out.push_str(if *negated { " is not null" } else { " is null" });
        }
        ExprKind::Match {
            op,
            case_insensitive,
            expr: x,
            pattern,
            negated,
        } => {
            write_expr(x, SUM, out);
            out.push(' ');
            out.push_str(neg(*negated));
            out.push_str(op.keyword(*case_insensitive));
            out.push(' ');
            write_expr(pattern, SUM, out);
        }
        ExprKind::Call {
            name: f,
            args,
            filter,
        } => {
            out.push_str(&f.value);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expr(a, 0, out);
            }
            out.push(')');
            if let Some(w) = filter {
                out.push_str(" where ");
                write_expr(w, 0, out);
            }
        }
        ExprKind::Bucket { expr: x, unit } => {
            write_expr(x, PRIMARY, out);
            out.push_str(" by ");
            out.push_str(unit.value.name());
        }
    }
}

/// A condition of `where`/`having` joined to the others by `and`.
fn conjunct(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(e, NOT, &mut out);
    out
}

fn order_item(o: &OrderItem, min: u8) -> String {
    let mut out = String::new();
    write_expr(&o.expr, min, &mut out);
    if o.descending {
        out.push_str(" desc");
    }
    match o.nulls {
        Some(NullsOrder::First) => out.push_str(" nulls first"),
        Some(NullsOrder::Last) => out.push_str(" nulls last"),
        None => {}
    }
    out
}

// ---- DSL -----------------------------------------------------------------------------------

const WIDTH: usize = 100;

struct Writer<'c> {
    out: String,
    comments: &'c Comments,
}

impl Writer<'_> {
    fn before(&mut self, a: Anchor, indent: &str) {
        if let Some(lines) = self.comments.before.get(&a) {
            for l in lines {
                self.out.push_str(indent);
                self.out.push_str(l);
                self.out.push('\n');
            }
        }
    }
    fn line(&mut self, text: &str, a: Option<Anchor>) {
        self.out.push_str(text);
        if let Some(c) = a.and_then(|a| self.comments.trailing.get(&a)) {
            self.out.push_str("  ");
            self.out.push_str(c);
        }
        self.out.push('\n');
    }
    fn has_item_comments(&self, key: &'static str, n: usize) -> bool {
        (0..n).any(|i| {
            self.comments.before.contains_key(&Anchor::Item(key, i))
                || self.comments.trailing.contains_key(&Anchor::Item(key, i))
        })
    }
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
    for c in &comments.end {
        w.out.push_str(c);
        w.out.push('\n');
    }
    w.out
}

// ---- YAML ----------------------------------------------------------------------------------

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
    for c in &comments.end {
        w.out.push_str(c);
        w.out.push('\n');
    }
    w.out
}

// ---- comments ------------------------------------------------------------------------------

/// The anchors of a parsed report, with the byte offset where each starts in its file.
fn item_anchors(r: &Report, out: &mut Vec<(usize, Anchor)>) {
    let mut push = |key: &'static str, spans: Vec<Span>| {
        for (i, s) in spans.into_iter().enumerate() {
            out.push((s.start as usize, Anchor::Item(key, i)));
        }
    };
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
                if let Some(key) = super::report_yaml::REPORT_KEYS
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

/// Parse a report and print it in `to`, in canonical layout, with its comments: `reportc fmt`
/// (`to` = the file's own format) and `reportc convert`. Refuses a report with errors, and
/// checks that the printed text parses back to the same AST (spans aside).
pub fn reprint(
    text: &str,
    from: InputFormat,
    to: InputFormat,
) -> Result<String, Vec<crate::diagnostics::Diagnostic>> {
    use crate::diagnostics::{Code, Diagnostic};
    let parse = super::parse_report;
    let (report, diags) = parse(text, from);
    let report = match report {
        Some(r) if !diags.has_errors() => r,
        _ => return Err(diags.sorted()),
    };
    let comments = match from {
        InputFormat::Yaml => yaml_comments(text, &report),
        InputFormat::Dsl => dsl_comments(text, &report),
    };
    let out = match to {
        InputFormat::Yaml => to_yaml(&report, &comments),
        InputFormat::Dsl => to_dsl(&report, &comments),
    };
    match parse(&out, to) {
        (Some(back), d) if !d.has_errors() && erase_spans(&back) == erase_spans(&report) => Ok(out),
        _ => Err(vec![Diagnostic::error(
            Code::WrongShape,
            Span::new(0, 0),
            "reportc cannot print this report without changing its meaning",
        )
        .with_help(
            "this is a bug in reportc; please report it with the file",
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::expr::{parse_expr, Offset};

    fn round(s: &str) {
        let e = parse_expr(s, &Offset(0)).unwrap();
        let printed = expr(&e);
        let again = parse_expr(&printed, &Offset(0)).unwrap();
        assert_eq!(
            erase_expr_spans(&e),
            erase_expr_spans(&again),
            "{s} -> {printed}"
        );
    }

    #[test]
    fn expressions_round_trip() {
        for s in [
            "a - (b - c)",
            "(a or b) and c",
            "not (a = 1)",
            "(count() where x = 1) / count()",
            "-(-3)",
            "(a + b) by day",
            "`odd name` = 'it''s'",
            "x not between 1 + 2 and 3",
            "d in last 1 day",
            "1h30m = 5400s",
        ] {
            round(s);
        }
        assert_eq!(
            expr(&parse_expr("(a - b) - c", &Offset(0)).unwrap()),
            "a - b - c"
        );
    }
}
