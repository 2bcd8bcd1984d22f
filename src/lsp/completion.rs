//! `textDocument/completion`: keys and clauses at the start of a line, sources after
//! `source:`/`from`, time zones, and in expressions the source's columns, functions, output
//! names, time units after `by`, ranges after `in`, operators after an operand and the allowed
//! values of an enum column inside a string compared with it.

use super::cursor::{self, compared_column, place, tokenize, Section, Tok, Token};
use super::docs;
use super::text::{Encoding, Text};
use super::vocab;
use crate::catalog::{Catalog, ColumnType, Source};
use crate::schema::keys::KEYS;
use crate::syntax::print;
use crate::InputFormat;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

/// The completions at a byte offset.
pub fn complete(
    doc: &Text,
    format: InputFormat,
    offset: usize,
    cat: &Catalog,
    enc: Encoding,
) -> Vec<CompletionItem> {
    let text = doc.text.as_str();
    let offset = offset.min(text.len());
    let p = place(text, format, offset);
    let mut out = Out {
        doc,
        enc,
        items: Vec::new(),
    };
    match p.section {
        Section::Key => keys(&mut out, format, p.start, offset),
        Section::Source => {
            let start = word_start(text, p.start, offset);
            for s in &cat.sources {
                out.push(
                    (start, offset),
                    &s.id,
                    s.id.clone(),
                    CompletionItemKind::MODULE,
                    Some(s.label.clone()),
                    Some(docs::source(s)),
                );
            }
        }
        Section::Timezone => zones(&mut out, format, p.start, offset),
        s if s.is_expr() => {
            let source = cursor::source_of(text, format).and_then(|id| cat.source(&id).cloned());
            expression(&mut out, format, s, p.start, offset, source.as_ref());
        }
        _ => {}
    }
    out.items
}

struct Out<'d> {
    doc: &'d Text,
    enc: Encoding,
    items: Vec<CompletionItem>,
}

impl Out<'_> {
    /// One item replacing `range` (byte offsets) by `insert`.
    fn push(
        &mut self,
        range: (usize, usize),
        label: &str,
        insert: String,
        kind: CompletionItemKind,
        detail: Option<String>,
        doc: Option<String>,
    ) {
        let n = self.items.len();
        self.items.push(CompletionItem {
            label: label.to_string(),
            kind: Some(kind),
            detail,
            documentation: doc.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                })
            }),
            // keep our order (catalogue order, then functions) rather than the alphabet
            sort_text: Some(format!("{n:05}")),
            filter_text: Some(label.to_string()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: self.doc.range(range.0, range.1, self.enc),
                new_text: insert,
            })),
            ..CompletionItem::default()
        });
    }
}

/// The start of the word that ends at `offset` (not before `floor`).
fn word_start(text: &str, floor: usize, offset: usize) -> usize {
    let floor = floor.min(offset);
    text[floor..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| cursor::is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| floor + i)
}

/// YAML keys or DSL clauses not yet in the report.
fn keys(out: &mut Out, format: InputFormat, line_start: usize, offset: usize) {
    let text = out.doc.text.as_str();
    let present = present_keys(text, format, line_start);
    for k in KEYS {
        let (label, insert) = match format {
            InputFormat::Yaml => (k.key, format!("{}: ", k.key)),
            InputFormat::Dsl => (k.clause, format!("{} ", k.clause)),
        };
        if present.contains(&label.to_string()) {
            continue;
        }
        let detail = match format {
            InputFormat::Yaml => format!("DSL: {}", k.clause),
            InputFormat::Dsl => format!("YAML: {}", k.key),
        };
        let detail = if k.required {
            format!("required; {detail}")
        } else {
            detail
        };
        out.push(
            (line_start, offset),
            label,
            insert,
            CompletionItemKind::KEYWORD,
            Some(detail),
            Some(k.doc.to_string()),
        );
    }
}

/// The keys (YAML) or clauses (DSL) the report already has, except on the cursor's line.
fn present_keys(text: &str, format: InputFormat, cursor_line: usize) -> Vec<String> {
    match format {
        InputFormat::Yaml => {
            let mut out = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                if at != cursor_line {
                    if let Some((k, _)) = line.split_once(':') {
                        if k.chars().all(cursor::is_word_char) && !k.is_empty() {
                            out.push(k.to_string());
                        }
                    }
                }
                at += line.len();
            }
            out
        }
        InputFormat::Dsl => crate::syntax::dsl::split_clauses(text)
            .into_iter()
            .filter(|c| c.start != cursor_line)
            .filter_map(|c| c.keyword.map(str::to_string))
            .collect(),
    }
}

/// IANA time zone names, quoted in the DSL.
fn zones(out: &mut Out, format: InputFormat, start: usize, offset: usize) {
    let text = out.doc.text.as_str();
    let toks = tokenize(text, start, offset);
    let (range, quote) = match (format, toks.last()) {
        (InputFormat::Dsl, Some(t)) if matches!(t.kind, Tok::Str { closed: false, .. }) => {
            ((t.start + 1, offset), None)
        }
        (InputFormat::Dsl, _) => ((word_start(text, start, offset), offset), Some('\'')),
        (InputFormat::Yaml, _) => ((start, offset), None),
    };
    let close = needs_close(text, offset, '\'') && format == InputFormat::Dsl;
    for name in jiff::tz::db().available() {
        let name = name.as_str();
        let insert = match quote {
            Some(q) => format!("{q}{name}{q}"),
            None if close => format!("{name}'"),
            None => name.to_string(),
        };
        out.push(range, name, insert, CompletionItemKind::VALUE, None, None);
    }
}

/// Whether a string being completed needs its closing quote (the next character is not it).
fn needs_close(text: &str, offset: usize, quote: char) -> bool {
    !text[offset..].starts_with(quote)
}

/// The offset of the quote that closes, on the same line, a string whose text goes on at
/// `offset` (a doubled quote and a backslash escape do not close it).
fn string_end(text: &str, offset: usize, quote: char) -> Option<usize> {
    let rest = &text[offset..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if c == quote {
            if chars.peek().is_some_and(|&(_, n)| n == quote) {
                chars.next();
            } else {
                return Some(offset + i);
            }
        }
    }
    None
}

fn expression(
    out: &mut Out,
    format: InputFormat,
    section: Section,
    start: usize,
    offset: usize,
    source: Option<&Source>,
) {
    let text = out.doc.text.as_str();
    let toks = tokenize(text, start, offset);
    if let Some(last) = toks.last() {
        // the fragment ends at the cursor, so a string being typed is unclosed
        if let Tok::Str { quote, closed } = last.kind {
            if !closed {
                enum_values(out, &toks, toks.len() - 1, quote, offset, source);
                return;
            }
        }
    }
    let (prefix, prev): (usize, &[Token]) = match toks.split_last() {
        Some((t, rest)) if t.kind == Tok::Word && t.end == offset => (t.start, rest),
        _ => (offset, &toks[..]),
    };
    let range = (prefix, offset);
    let word = |i: usize| -> Option<String> {
        let t = prev.get(prev.len().checked_sub(i)?)?;
        match t.kind {
            Tok::Word => Some(t.text(text).to_ascii_lowercase()),
            Tok::Number => Some("#".to_string()),
            _ => Some(t.text(text).to_string()),
        }
    };
    let (w1, w2) = (word(1), word(2));
    match (w1.as_deref(), w2.as_deref()) {
        (Some("by"), _) => units(out, range, false),
        (Some("this" | "previous"), Some("in")) => units(out, range, false),
        (Some("#"), Some("last")) => units(out, range, true),
        (Some("last"), Some("in")) => {}
        (Some("in"), _) => {
            for (r, meaning) in vocab::RANGES {
                out.push(
                    range,
                    r,
                    r.to_string(),
                    CompletionItemKind::KEYWORD,
                    Some(meaning.to_string()),
                    None,
                );
            }
        }
        (Some("is"), _) => words(out, range, &[("null", "missing"), ("not null", "present")]),
        (Some("not"), Some("is")) => words(out, range, &[("null", "present")]),
        (None, _) => operands(out, format, section, range, source),
        (Some(w), _) if is_operand_position(prev.last(), w) => {
            operands(out, format, section, range, source)
        }
        _ => match section {
            Section::OrderBy => words(out, range, vocab::ORDER_WORDS),
            Section::Columns | Section::GroupBy => {
                words(out, range, vocab::OUTPUT_OPERATORS);
                words(out, range, vocab::OPERATORS);
            }
            _ => words(out, range, vocab::OPERATORS),
        },
    }
}

/// After this token, an operand comes (not an operator).
fn is_operand_position(prev: Option<&Token>, lowered: &str) -> bool {
    match prev.map(|t| t.kind) {
        None => true,
        Some(Tok::Word) => vocab::expects_operand(lowered),
        Some(Tok::Punct) => lowered != ")",
        _ => false,
    }
}

fn words(out: &mut Out, range: (usize, usize), words: &[(&str, &str)]) {
    for (w, meaning) in words {
        out.push(
            range,
            w,
            w.to_string(),
            CompletionItemKind::KEYWORD,
            Some(meaning.to_string()),
            None,
        );
    }
}

fn units(out: &mut Out, range: (usize, usize), plural: bool) {
    for u in vocab::UNITS {
        let w = if plural {
            format!("{u}s")
        } else {
            u.to_string()
        };
        out.push(
            range,
            &w,
            w.clone(),
            CompletionItemKind::ENUM_MEMBER,
            Some("time unit".to_string()),
            None,
        );
    }
}

/// Columns, functions and output names, as each section allows them.
fn operands(
    out: &mut Out,
    format: InputFormat,
    section: Section,
    range: (usize, usize),
    source: Option<&Source>,
) {
    let text = out.doc.text.as_str();
    // order_by names outputs only
    if section != Section::OrderBy {
        if let Some(s) = source {
            for c in &s.columns {
                out.push(
                    range,
                    &c.id,
                    print::name(&c.id),
                    CompletionItemKind::FIELD,
                    Some(format!("{} · {}", c.ty.describe(), c.label)),
                    Some(docs::column(s, c)),
                );
            }
        }
        // measures stand where aggregates may: in columns and having
        if let Some(s) = source.filter(|_| matches!(section, Section::Columns | Section::Having)) {
            for m in &s.measures {
                out.push(
                    range,
                    &m.id,
                    print::name(&m.id),
                    CompletionItemKind::VALUE,
                    Some(format!("measure · {}", m.label)),
                    Some(docs::measure(s, m)),
                );
            }
        }
        for f in vocab::FUNCTIONS {
            out.push(
                range,
                f.name,
                format!("{}(", f.name),
                CompletionItemKind::FUNCTION,
                Some(f.signature.to_string()),
                Some(f.doc.to_string()),
            );
        }
    }
    if matches!(
        section,
        Section::Having | Section::OrderBy | Section::GroupBy | Section::Columns
    ) {
        for (name, _) in docs::outputs(text, format) {
            if section != Section::OrderBy && source.is_some_and(|s| s.column(&name).is_some()) {
                continue; // offered as a column above
            }
            out.push(
                range,
                &name,
                print::name(&name),
                CompletionItemKind::VARIABLE,
                Some("output column".to_string()),
                None,
            );
        }
    }
}

/// The allowed values of the enum column a string is compared with.
fn enum_values(
    out: &mut Out,
    toks: &[Token],
    i: usize,
    quote: char,
    offset: usize,
    source: Option<&Source>,
) {
    let text = out.doc.text.as_str();
    let Some(column) = compared_column(text, toks, i) else {
        return;
    };
    let Some(c) = source.and_then(|s| s.column(&column)) else {
        return;
    };
    let ColumnType::Enum(values, _) = &c.ty else {
        return;
    };
    // the value replaces the whole text of the string, up to its closing quote when the line has
    // one (`'W|hats'`), else up to the cursor, and then closes the string
    let (end, close) = match string_end(text, offset, quote) {
        Some(e) => (e, false),
        None => (offset, true),
    };
    let range = (toks[i].start + 1, end);
    for v in values {
        let mut insert = escape(&v.label, quote);
        if close {
            insert.push(quote);
        }
        let detail = if v.code == v.label {
            format!("{} value", c.id)
        } else {
            format!("{} value, stored as '{}'", c.id, v.code)
        };
        out.push(
            range,
            &v.label,
            insert,
            CompletionItemKind::ENUM_MEMBER,
            Some(detail),
            Some(format!("{}: {}", c.label, c.description)),
        );
    }
}

/// A value's text inside a string literal quoted with `quote`.
fn escape(value: &str, quote: char) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, format: InputFormat, needle: &str) -> Vec<String> {
        let doc = Text::new(text.to_string());
        let offset = text.find(needle).expect(needle) + needle.len();
        complete(&doc, format, offset, Catalog::builtin(), Encoding::Utf16)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    const YAML: &str = "source: incoming_message_distributions\ncolumns:\n  - que\n  - n: count() where messaging_type = 'Wh\n  - d: distribution_date by \nfilters:\n  - distribution_date in \n  - detailed_interaction_status in ('abandoned', '\norder_by: [n \n";

    #[test]
    fn yaml_completions() {
        let l = labels(YAML, InputFormat::Yaml, "- que");
        assert!(l.contains(&"queue".to_string()) && l.contains(&"wait_time".to_string()));
        assert!(l.contains(&"count_distinct".to_string()));
        // measures where aggregates may stand, not in filters
        assert!(l.contains(&"abandon_rate".to_string()), "{l:?}");
        let l = labels(YAML, InputFormat::Yaml, "distribution_date in ");
        assert!(!l.contains(&"abandon_rate".to_string()));
        let l = labels(YAML, InputFormat::Yaml, "'Wh");
        assert!(l.contains(&"WhatsApp".to_string()), "{l:?}");
        let l = labels(YAML, InputFormat::Yaml, "by ");
        assert_eq!(l, ["hour", "day", "week", "month", "quarter", "year"]);
        let l = labels(YAML, InputFormat::Yaml, "distribution_date in ");
        assert!(l.contains(&"last 7 days".to_string()));
        let l = labels(YAML, InputFormat::Yaml, "('abandoned', '");
        assert!(l.contains(&"missed".to_string()), "{l:?}");
        let l = labels(YAML, InputFormat::Yaml, "[n ");
        assert!(l.contains(&"desc".to_string()), "{l:?}");
        // keys: those not yet there
        let l = labels("source: sms\nti", InputFormat::Yaml, "ti");
        assert!(l.contains(&"title".to_string()) && !l.contains(&"source".to_string()));
        let l = labels("source: in", InputFormat::Yaml, "in");
        assert_eq!(
            l,
            [
                "incoming_message_distributions",
                "outgoing_message_distributions",
                "messages",
                "sms"
            ]
        );
    }

    #[test]
    fn dsl_completions() {
        let text = "from sms\nselect \nwhere status = '\ngr";
        let l = labels(text, InputFormat::Dsl, "select ");
        assert!(l.contains(&"recipient".to_string()), "{l:?}");
        assert!(l.contains(&"credits_used".to_string()), "{l:?}");
        let l = labels(text, InputFormat::Dsl, "\ngr");
        assert!(l.contains(&"group by".to_string()) && !l.contains(&"from".to_string()));
        let l = labels("from ", InputFormat::Dsl, "from ");
        assert!(l.contains(&"sms".to_string()));
        let l = labels("timezone 'Europe/Pa", InputFormat::Dsl, "Pa");
        assert!(l.contains(&"Europe/Paris".to_string()));
    }

    #[test]
    fn values_are_escaped_and_closed() {
        assert_eq!(escape("it's", '\''), "it''s");
        assert_eq!(escape("a\\b\"", '"'), "a\\\\b\"\"");
        let text = "source: incoming_message_distributions\ncolumns: [queue]\nfilters:\n  - messaging_type = 'wha'\n";
        let doc = Text::new(text.to_string());
        let offset = text.find("'wha").unwrap() + 4;
        let items = complete(
            &doc,
            InputFormat::Yaml,
            offset,
            Catalog::builtin(),
            Encoding::Utf16,
        );
        let wa = items.iter().find(|i| i.label == "WhatsApp").unwrap();
        let Some(CompletionTextEdit::Edit(e)) = &wa.text_edit else {
            panic!()
        };
        assert_eq!(e.new_text, "WhatsApp"); // the closing quote is there already
        assert_eq!((e.range.start.character, e.range.end.character), (22, 25));
        // in the middle of a string: the whole text up to the closing quote is replaced
        let offset = text.find("'wha").unwrap() + 2;
        let items = complete(
            &doc,
            InputFormat::Yaml,
            offset,
            Catalog::builtin(),
            Encoding::Utf16,
        );
        let wa = items.iter().find(|i| i.label == "WhatsApp").unwrap();
        let Some(CompletionTextEdit::Edit(e)) = &wa.text_edit else {
            panic!()
        };
        assert_eq!(
            (e.new_text.as_str(), e.range.end.character),
            ("WhatsApp", 25)
        );
        assert_eq!(string_end("it''s' x", 0, '\''), Some(5));
        assert_eq!(string_end("a\\'b", 0, '\''), None);
    }
}
