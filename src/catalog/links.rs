//! A source's `keys:` and `links:`: which columns identify a row, and which column refers to a
//! key of another source (many-to-one or one-to-one). Read per source here; checked across the
//! catalogue by [`check_links`] once every source is known (unknown sources or columns, type
//! mismatches, a target that is not a key, duplicate names, cycles of one-to-one links).

use super::{Catalog, Column, ColumnType};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::vocab::is_identifier;
use crate::yaml::{fields, get, items, scalar, Node, Scalar};

pub const LINK_KEYS: &[&str] = &["column", "to", "cardinality", "reverse", "decision"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// Many rows of the declaring source refer to one row of the target.
    ManyToOne,
    /// At most one row of the declaring source refers to a row of the target.
    OneToOne,
}

impl Cardinality {
    pub const NAMES: &'static [&'static str] = &["many_to_one", "one_to_one"];
    pub fn name(self) -> &'static str {
        match self {
            Cardinality::ManyToOne => "many_to_one",
            Cardinality::OneToOne => "one_to_one",
        }
    }
}

/// `links: {name: {column: c, to: source.column, cardinality: many_to_one}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub name: String,
    /// The referring column of the declaring source.
    pub column: String,
    pub to_source: String,
    pub to_column: String,
    pub cardinality: Cardinality,
    pub decision: Option<String>,
    /// `reverse:` the name reports of the target source give the rows of this source
    /// (`count(sms)` from `messages`), and where it is written. Without it the name is the
    /// declaring source's id when this is its only link to the target, and always
    /// `<source>_via_<link>`.
    pub reverse: Option<(String, Span)>,
    /// Spans in the catalogue file: the link's name, its `column` value, its `to` value.
    pub span: Span,
    pub column_span: Span,
    pub to_span: Span,
}

/// A key column named in `keys:`, with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub column: String,
    pub span: Span,
}

/// `keys: [col, ...]`: each names a column of the source (checked here).
pub(super) fn keys(node: &Node, columns: &[Column], diags: &mut Diagnostics) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::new();
    for item in items("keys", node, diags) {
        let Some(s) = scalar("keys", item, diags) else {
            continue;
        };
        if columns.iter().all(|c| c.id != s.value) {
            let mut d = Diagnostic::error(
                Code::BadKey,
                s.span,
                format!(
                    "`keys` names `{}`, which is not a column of the source",
                    s.value
                ),
            );
            d = match did_you_mean(&s.value, columns.iter().map(|c| c.id.as_str())) {
                Some(m) => d.with_help(format!("did you mean `{m}`?")),
                None => d.with_help("name a column declared under `columns:`"),
            };
            diags.push(d);
            continue;
        }
        if out.iter().any(|k| k.column == s.value) {
            diags.push(
                Diagnostic::error(
                    Code::BadKey,
                    s.span,
                    format!("`keys` names `{}` twice", s.value),
                )
                .with_help("list each key column once"),
            );
            continue;
        }
        out.push(Key {
            column: s.value.clone(),
            span: s.span,
        });
    }
    out
}

/// `links:` of one source; names are checked for shape and duplicates, targets later.
pub(super) fn links(node: &Node, columns: &[Column], diags: &mut Diagnostics) -> Vec<Link> {
    let Node::Map(entries, _) = node else {
        diags.push(
            Diagnostic::error(
                Code::WrongShape,
                node.span(),
                "`links` must be a mapping from link name to its definition",
            )
            .with_help("e.g. `links:` then `  message: {column: interaction_id, to: messages.interaction_id, cardinality: many_to_one}`"),
        );
        return Vec::new();
    };
    let mut out: Vec<Link> = Vec::new();
    for (k, v) in entries {
        if let Some(l) = link(k, v, columns, diags) {
            if out.iter().any(|o| o.name == l.name) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateLink,
                        l.span,
                        format!("link `{}` is declared twice", l.name),
                    )
                    .with_help("give each link of a source its own name"),
                );
                continue;
            }
            out.push(l);
        }
    }
    out
}

fn link(k: &Scalar, v: &Node, columns: &[Column], diags: &mut Diagnostics) -> Option<Link> {
    let f = fields(v, &format!("link `{}`", k.value), LINK_KEYS, diags)?;
    if !is_identifier(&k.value) {
        diags.push(
            Diagnostic::error(
                Code::BadLink,
                k.span,
                format!("link name `{}` is not a valid name", k.value),
            )
            .with_help("use letters, digits and `_`, starting with a letter"),
        );
        return None;
    }
    if columns.iter().any(|c| c.id == k.value) {
        diags.push(
            Diagnostic::error(
                Code::DuplicateLink,
                k.span,
                format!("link `{}` has the name of a column of the source", k.value),
            )
            .with_help("a report names `link.column`: give the link a name no column has"),
        );
        return None;
    }
    let need = |key: &str, diags: &mut Diagnostics| -> Option<&Scalar> {
        match get(&f, key) {
            Some((_, n)) => scalar(key, n, diags),
            None => {
                diags.push(
                    Diagnostic::error(
                        Code::BadLink,
                        k.span,
                        format!("link `{}` has no `{key}`", k.value),
                    )
                    .with_help("a link needs `column`, `to: source.column` and `cardinality`"),
                );
                None
            }
        }
    };
    let column = need("column", diags);
    let to = need("to", diags);
    let card = need("cardinality", diags);
    let (column, to, card) = (column?, to?, card?);
    if columns.iter().all(|c| c.id != column.value) {
        let mut d = Diagnostic::error(
            Code::BadLink,
            column.span,
            format!(
                "link `{}` names column `{}`, which the source does not have",
                k.value, column.value
            ),
        );
        d = match did_you_mean(&column.value, columns.iter().map(|c| c.id.as_str())) {
            Some(m) => d.with_help(format!("did you mean `{m}`?")),
            None => d.with_help("name a column declared under `columns:`"),
        };
        diags.push(d);
        return None;
    }
    let Some((to_source, to_column)) = to.value.split_once('.') else {
        diags.push(
            Diagnostic::error(
                Code::BadLink,
                to.span,
                format!("`to` must be `source.column`, found `{}`", to.value),
            )
            .with_help("e.g. `to: messages.interaction_id`"),
        );
        return None;
    };
    let cardinality = match card.value.as_str() {
        "many_to_one" => Cardinality::ManyToOne,
        "one_to_one" => Cardinality::OneToOne,
        other => {
            let mut d = Diagnostic::error(
                Code::BadLink,
                card.span,
                format!("unknown cardinality `{other}`"),
            );
            d = match did_you_mean(other, Cardinality::NAMES.iter().copied()) {
                Some(m) => d.with_help(format!("did you mean `{m}`?")),
                None => d.with_help(
                    "use `many_to_one` or `one_to_one`; a one-to-many link is declared on the other source",
                ),
            };
            diags.push(d);
            return None;
        }
    };
    let reverse = match get(&f, "reverse").and_then(|(_, n)| scalar("reverse", n, diags)) {
        Some(r) if !is_identifier(&r.value) => {
            diags.push(
                Diagnostic::error(
                    Code::BadReverse,
                    r.span,
                    format!("reverse name `{}` is not a valid name", r.value),
                )
                .with_help("use letters, digits and `_`, starting with a letter"),
            );
            return None;
        }
        Some(r) => Some((r.value.clone(), r.span)),
        None => None,
    };
    Some(Link {
        name: k.value.clone(),
        reverse,
        column: column.value.clone(),
        to_source: to_source.to_string(),
        to_column: to_column.to_string(),
        cardinality,
        decision: get(&f, "decision")
            .and_then(|(_, n)| scalar("decision", n, diags))
            .map(|s| s.value.clone()),
        span: k.span,
        column_span: column.span,
        to_span: to.span,
    })
}

/// Cross-source checks; a link that fails one is removed (so reports never follow it).
pub(super) fn check_links(cat: &mut Catalog, diags: &mut Diagnostics) {
    let mut bad: Vec<(usize, usize)> = Vec::new();
    for (si, s) in cat.sources.iter().enumerate() {
        for (li, l) in s.links.iter().enumerate() {
            if !target_ok(cat, s.column(&l.column), l, diags) {
                bad.push((si, li));
            }
        }
    }
    for (si, li) in bad.into_iter().rev() {
        cat.sources[si].links.remove(li);
    }
    reverse_names(cat, diags);
    one_to_one_cycles(cat, diags);
}

/// A `reverse:` name is how reports of the target name the declaring source's rows: it must
/// not be a link or column of the target, nor another link's reverse name to the same target.
/// A clashing one is dropped (the default names stay).
fn reverse_names(cat: &mut Catalog, diags: &mut Diagnostics) {
    let mut bad: Vec<(usize, usize)> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (si, s) in cat.sources.iter().enumerate() {
        for (li, l) in s.links.iter().enumerate() {
            let Some((r, span)) = &l.reverse else {
                continue;
            };
            let Some(t) = cat.source(&l.to_source) else {
                continue;
            };
            let clash = if t.link(r).is_some() {
                Some(format!("a link of `{}`", t.id))
            } else if t.column(r).is_some() {
                Some(format!("a column of `{}`", t.id))
            } else if seen.iter().any(|(to, n)| *to == t.id && n == r) {
                Some(format!("the reverse name of another link to `{}`", t.id))
            } else {
                None
            };
            if let Some(what) = clash {
                diags.push(
                    Diagnostic::error(
                        Code::BadReverse,
                        *span,
                        format!("reverse name `{r}` of link `{}` is already {what}", l.name),
                    )
                    .with_help(format!(
                        "reports of `{}` name `{}` rows by it: choose a name that says one thing",
                        t.id, s.id
                    )),
                );
                bad.push((si, li));
                continue;
            }
            seen.push((t.id.clone(), r.clone()));
        }
    }
    for (si, li) in bad {
        cat.sources[si].links[li].reverse = None;
    }
}

fn target_ok(cat: &Catalog, from: Option<&Column>, l: &Link, diags: &mut Diagnostics) -> bool {
    let Some(t) = cat.source(&l.to_source) else {
        let mut d = Diagnostic::error(
            Code::BadLink,
            l.to_span,
            format!("link `{}` goes to unknown source `{}`", l.name, l.to_source),
        );
        d = match did_you_mean(&l.to_source, cat.sources.iter().map(|s| s.id.as_str())) {
            Some(m) => d.with_help(format!("did you mean `{m}`?")),
            None => d.with_help("name a source of this catalogue"),
        };
        diags.push(d);
        return false;
    };
    let Some(tc) = t.column(&l.to_column) else {
        let mut d = Diagnostic::error(
            Code::BadLink,
            l.to_span,
            format!(
                "link `{}` goes to `{}.{}`, which is not a column of `{}`",
                l.name, l.to_source, l.to_column, l.to_source
            ),
        );
        d = match did_you_mean(&l.to_column, t.columns.iter().map(|c| c.id.as_str())) {
            Some(m) => d.with_help(format!("did you mean `{}.{m}`?", l.to_source)),
            None => d.with_help(format!("name a column of `{}`", l.to_source)),
        };
        diags.push(d);
        return false;
    };
    if let Some(fc) = from {
        if !comparable(&fc.ty, &tc.ty) {
            diags.push(
                Diagnostic::error(
                    Code::LinkTypeMismatch,
                    l.column_span,
                    format!(
                        "link `{}` relates `{}` ({}) to `{}.{}` ({})",
                        l.name,
                        fc.id,
                        fc.ty.describe(),
                        l.to_source,
                        tc.id,
                        tc.ty.describe()
                    ),
                )
                .with_help("a link joins on equal values: both columns need the same type"),
            );
            return false;
        }
    }
    if t.keys.iter().all(|k| k.column != l.to_column) {
        diags.push(
            Diagnostic::error(
                Code::LinkTargetNotKey,
                l.to_span,
                format!(
                    "link `{}` goes to `{}.{}`, which is not a declared key of `{}`",
                    l.name, l.to_source, l.to_column, l.to_source
                ),
            )
            .with_help(format!(
                "a link refers to a column that identifies one row: add `keys: [{}]` to `{}` if it does, else the link is not many-to-one",
                l.to_column, l.to_source
            )),
        );
        return false;
    }
    true
}

/// Link types must match; identifiers, text and phone columns all hold text.
fn comparable(a: &ColumnType, b: &ColumnType) -> bool {
    use ColumnType::*;
    let textual = |t: &ColumnType| matches!(t, Text | Identifier | Phone | PhoneOrId);
    match (a, b) {
        (Integer, Integer) => true,
        (Enum(_, ca), Enum(_, cb)) => ca == cb,
        _ => textual(a) && textual(b),
    }
}

/// A cycle made only of one-to-one links has no direction (which side is "the one"?): refused.
fn one_to_one_cycles(cat: &Catalog, diags: &mut Diagnostics) {
    for s in &cat.sources {
        for l in s
            .links
            .iter()
            .filter(|l| l.cardinality == Cardinality::OneToOne)
        {
            let mut path = vec![s.id.clone(), l.to_source.clone()];
            let mut at = l.to_source.clone();
            while let Some(next) = cat.source(&at).and_then(|t| {
                t.links
                    .iter()
                    .find(|n| n.cardinality == Cardinality::OneToOne)
                    .map(|n| n.to_source.clone())
            }) {
                if next == s.id {
                    path.push(next);
                    diags.push(
                        Diagnostic::error(
                            Code::LinkCycle,
                            l.span,
                            format!("one-to-one links form a cycle: {}", path.join(" → ")),
                        )
                        .with_help(
                            "declare the link on one side only, or make one of them many_to_one",
                        ),
                    );
                    return;
                }
                if path.contains(&next) || path.len() > cat.sources.len() {
                    break;
                }
                path.push(next.clone());
                at = next;
            }
        }
    }
}
