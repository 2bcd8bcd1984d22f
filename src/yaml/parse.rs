//! The tree builder: saphyr-parser events -> [`Node`], refusing what reportc does not accept
//! (duplicate keys, anchors, aliases, tags, several documents, deep nesting, huge files).

use super::align::{align, trim_span, CharMap};
use super::{Node, Scalar, Style, MAX_INPUT_BYTES, MAX_YAML_DEPTH};
use crate::diagnostics::{Code, Diagnostic, Span};
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// Parse YAML text into a tree. Returns `None` with diagnostics when the text is not usable.
pub fn parse_yaml(text: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(vec![Diagnostic::error(
            Code::InputTooLarge,
            Span::new(0, 0),
            format!(
                "the file is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help("split the file into several reports")]);
    }
    match fast_tree(text) {
        Some(root) => Ok(root),
        None => saphyr_tree(text),
    }
}

/// [`parse_yaml`] without the fast path: saphyr's tree, the reference the fast path is held
/// to (by `fast_tests.rs` and the fuzz target `parsers_agree`).
pub fn parse_yaml_with_saphyr(text: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    if text.len() > MAX_INPUT_BYTES {
        return parse_yaml(text);
    }
    saphyr_tree(text)
}

/// The tree from the fast path's events ([`super::fast`]), when the text is in its subset and
/// the builder accepts it (a duplicate key, say, goes to saphyr for its diagnostics).
pub(super) fn fast_tree(text: &str) -> Option<Option<Node>> {
    let events = super::fast::events(text)?;
    let mut b = Builder::new(text);
    for (ev, sp) in events {
        if !b.event(ev, sp) {
            return None;
        }
    }
    (b.errors.is_empty() && b.stack.is_empty()).then_some(b.root)
}

/// The tree from saphyr-parser's events: the reference, and the only source of diagnostics.
pub(super) fn saphyr_tree(text: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    let map = CharMap::new(text);
    let mut b = Builder::new(text);
    for ev in Parser::new_from_str(text) {
        match ev {
            Ok((ev, span)) => {
                let sp = Span::new(map.byte(span.start.index()), map.byte(span.end.index()));
                if !b.event(ev, sp) {
                    break;
                }
            }
            Err(e) => {
                let at = map.byte(e.marker().index());
                let end = next_char_boundary(text, at);
                b.errors.push(
                    Diagnostic::error(
                        Code::YamlSyntax,
                        Span::new(at, end),
                        format!("invalid YAML: {}", e.info()),
                    )
                    .with_help(yaml_help(e.info())),
                );
                break;
            }
        }
    }
    if b.errors.is_empty() {
        Ok(b.root)
    } else {
        Err(b.errors)
    }
}

fn yaml_help(info: &str) -> &'static str {
    if info.contains("tab") {
        "YAML indentation must use spaces, not tabs"
    } else if info.contains("quoted scalar") {
        "a quoted value is not closed: add its closing quote"
    } else {
        "check the indentation and quoting around this position"
    }
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map(|c| at + c.len_utf8())
        .unwrap_or(at)
}

/// Up to this many entries a mapping's keys are compared one by one; from then on they are
/// looked up in a table (built once from the entries), so a huge mapping stays linear.
const SCAN_KEYS: usize = 16;

/// Where `key` was first written in a mapping, if it was: `seen` holds every key once the
/// mapping has [`SCAN_KEYS`] entries (then each new key is added by the caller).
fn first_definition(
    entries: &[(Scalar, Node)],
    seen: &mut HashMap<String, Span>,
    key: &Scalar,
) -> Option<Span> {
    if entries.len() < SCAN_KEYS {
        return entries
            .iter()
            .find(|(k, _)| k.value == key.value)
            .map(|(k, _)| k.span);
    }
    if seen.is_empty() {
        for (k, _) in entries {
            seen.entry(k.value.clone()).or_insert(k.span);
        }
    }
    seen.get(&key.value).copied()
}

enum Frame {
    Seq(Vec<Node>, Span),
    /// The entries, the start, the key waiting for its value, and where each key was first
    /// written (duplicate keys are found in linear time).
    Map(
        Vec<(Scalar, Node)>,
        Span,
        Option<Scalar>,
        HashMap<String, Span>,
    ),
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    root: Option<Node>,
    docs: usize,
    errors: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Builder<'a> {
        Builder {
            text,
            stack: Vec::new(),
            root: None,
            docs: 0,
            errors: Vec::new(),
        }
    }

    /// Returns false to stop.
    fn event(&mut self, ev: Event<'_>, span: Span) -> bool {
        match ev {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => true,
            Event::DocumentStart(_) => {
                self.docs += 1;
                if self.docs > 1 {
                    self.errors.push(
                        Diagnostic::error(
                            Code::YamlFeature,
                            span,
                            "a second YAML document in one file",
                        )
                        .with_help("put one report (or one catalogue) in each file"),
                    );
                    return false;
                }
                true
            }
            Event::Alias(_) => {
                self.errors.push(
                    Diagnostic::error(
                        Code::YamlFeature,
                        span,
                        "YAML aliases (`*name`) are not supported",
                    )
                    .with_help("write the value out in full"),
                );
                false
            }
            Event::Scalar(value, style, anchor, tag) => {
                if !self.plain_node(anchor, tag.is_some(), span) {
                    return false;
                }
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                let value = value.into_owned();
                let offsets = align(self.text, span, &value, style);
                let span = trim_span(self.text, span, style);
                self.push(Node::Scalar(Scalar {
                    value,
                    style,
                    span,
                    offsets,
                }))
            }
            Event::SequenceStart(anchor, tag) => {
                if !self.plain_node(anchor, tag.is_some(), span) || !self.depth_ok(span) {
                    return false;
                }
                self.stack.push(Frame::Seq(Vec::new(), span));
                true
            }
            Event::MappingStart(anchor, tag) => {
                if !self.plain_node(anchor, tag.is_some(), span) || !self.depth_ok(span) {
                    return false;
                }
                self.stack
                    .push(Frame::Map(Vec::new(), span, None, HashMap::new()));
                true
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq(items, start)) => {
                    let sp = items.iter().fold(start, |acc, n| acc.join(n.span()));
                    self.push(Node::Seq(
                        items,
                        Span::new(start.start as usize, sp.end as usize),
                    ))
                }
                _ => false,
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map(entries, start, _, _)) => {
                    let sp = entries
                        .iter()
                        .fold(start, |acc, (k, v)| acc.join(k.span).join(v.span()));
                    self.push(Node::Map(
                        entries,
                        Span::new(start.start as usize, sp.end as usize),
                    ))
                }
                _ => false,
            },
        }
    }

    fn depth_ok(&mut self, span: Span) -> bool {
        if self.stack.len() >= MAX_YAML_DEPTH {
            self.errors.push(
                Diagnostic::error(
                    Code::InputTooLarge,
                    span,
                    format!("YAML nested deeper than {MAX_YAML_DEPTH} levels"),
                )
                .with_help("a report needs only a few levels of nesting"),
            );
            return false;
        }
        true
    }

    fn plain_node(&mut self, anchor: usize, tagged: bool, span: Span) -> bool {
        if anchor != 0 {
            self.errors.push(
                Diagnostic::error(
                    Code::YamlFeature,
                    span,
                    "YAML anchors (`&name`) are not supported",
                )
                .with_help("remove the anchor and write values out in full"),
            );
            return false;
        }
        if tagged {
            self.errors.push(
                Diagnostic::error(
                    Code::YamlFeature,
                    span,
                    "YAML tags (`!tag`) are not supported",
                )
                .with_help("remove the tag; values are typed by the key they sit under"),
            );
            return false;
        }
        true
    }

    fn push(&mut self, node: Node) -> bool {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                true
            }
            Some(Frame::Seq(items, _)) => {
                items.push(node);
                true
            }
            Some(Frame::Map(entries, _, pending, seen)) => match pending.take() {
                None => match node {
                    Node::Scalar(key) => {
                        if let Some(first) = first_definition(entries, seen, &key) {
                            self.errors.push(
                                Diagnostic::error(
                                    Code::DuplicateKey,
                                    key.span,
                                    format!("duplicate key `{}`", key.value),
                                )
                                .with_label("second definition")
                                .with_secondary(first, "first defined here")
                                .with_help("remove one of the two entries"),
                            );
                        } else if !seen.is_empty() {
                            seen.insert(key.value.clone(), key.span);
                        }
                        *pending = Some(key);
                        true
                    }
                    other => {
                        self.errors.push(
                            Diagnostic::error(
                                Code::WrongShape,
                                other.span(),
                                "a mapping key must be a plain string",
                            )
                            .with_help("complex keys are not supported"),
                        );
                        false
                    }
                },
                Some(key) => {
                    entries.push((key, node));
                    true
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_of(node: &Node, key: &str) -> Scalar {
        match node {
            Node::Map(entries, _) => match &entries.iter().find(|(k, _)| k.value == key).unwrap().1
            {
                Node::Scalar(s) => s.clone(),
                other => panic!("not a scalar: {other:?}"),
            },
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn spans_point_at_values() {
        let text = "a: hello\nb: 'it''s'\nc: no\n";
        let root = parse_yaml(text).unwrap().unwrap();
        let a = scalar_of(&root, "a");
        assert_eq!(&text[a.span.range()], "hello");
        let b = scalar_of(&root, "b");
        assert_eq!(b.value, "it's");
        // the `s` of it's is at byte 17
        assert_eq!(b.sub_span(3, 4), Span::new(17, 18));
        let c = scalar_of(&root, "c");
        assert_eq!(c.value, "no", "YAML 1.1 booleans stay strings");
    }

    #[test]
    fn folded_plain_scalar_aligns() {
        let text = "f: a = 1\n   and b = 2\n";
        let root = parse_yaml(text).unwrap().unwrap();
        let f = scalar_of(&root, "f");
        assert_eq!(f.value, "a = 1 and b = 2");
        let sp = f.sub_span(10, 11); // `b`
        assert_eq!(&text[sp.range()], "b");
    }

    #[test]
    fn block_scalars_align() {
        let text = "f: >-\n  a = 1\n  and b = 2\ng: x\n";
        let root = parse_yaml(text).unwrap().unwrap();
        let f = scalar_of(&root, "f");
        assert_eq!(f.value, "a = 1 and b = 2");
        assert_eq!(&text[f.sub_span(10, 11).range()], "b");
        assert!(
            !text[f.span.range()].contains("g:"),
            "{:?}",
            &text[f.span.range()]
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let errs = parse_yaml("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(errs[0].code, Code::DuplicateKey);
        assert_eq!(errs[0].span, Span::new(10, 11));
        assert_eq!(errs[0].secondary[0].span, Span::new(0, 1));
    }

    /// Past SCAN_KEYS entries the keys are looked up in a table: every duplicate is still
    /// found, before and after the switch, and points at the first definition.
    #[test]
    fn duplicate_keys_of_a_large_mapping_point_at_the_first() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("k{i}: {i}\n"));
        }
        for dup in ["k3", "k20", "k39", "k3"] {
            text.push_str(&format!("{dup}: x\n"));
        }
        let small = "a: 1\nb: 2\nc: 3\nb: 4\nb: 5\n";
        for (text, want) in [
            (text.as_str(), vec!["k3", "k20", "k39", "k3"]),
            (small, vec!["b", "b"]),
        ] {
            let errs = parse_yaml(text).unwrap_err();
            assert_eq!(errs.len(), want.len(), "{errs:?}");
            for (e, key) in errs.iter().zip(want) {
                assert_eq!(e.code, Code::DuplicateKey);
                assert_eq!(&text[e.span.range()], key);
                let first = e.secondary[0].span;
                assert_eq!(&text[first.range()], key);
                assert_eq!(
                    text.find(&format!("{key}:")),
                    Some(first.start as usize),
                    "{key}"
                );
            }
        }
    }

    #[test]
    fn anchors_and_deep_nesting_are_refused() {
        assert_eq!(
            parse_yaml("a: &x 1\nb: *x\n").unwrap_err()[0].code,
            Code::YamlFeature
        );
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(parse_yaml(&deep).unwrap_err()[0].code, Code::InputTooLarge);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errs = parse_yaml("a: 'unclosed\n").unwrap_err();
        assert_eq!(errs[0].code, Code::YamlSyntax);
    }
}
