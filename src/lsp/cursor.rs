//! What is at the cursor: which key or clause it is in, and the expression tokens around it.
//!
//! This works on the text, not on the AST, because the document being typed is usually broken:
//! the section is found from the lines (YAML: the nearest unindented `key:` line; DSL: the clause
//! that [`split_clauses`] puts the cursor in), and the expression fragment of the current item
//! is cut into tokens by a small lexer that forgives unclosed strings.

use crate::syntax::dsl::split_clauses;
use crate::InputFormat;

/// The key or clause the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Typing a key (YAML) or a clause keyword (DSL) at the start of a line.
    Key,
    Source,
    Timezone,
    Columns,
    Filters,
    GroupBy,
    Having,
    OrderBy,
    /// Another key (`report`, `title`, `limit`, ...) or nothing known.
    Other,
}

impl Section {
    /// Whether the section holds expressions.
    pub fn is_expr(self) -> bool {
        matches!(
            self,
            Section::Columns
                | Section::Filters
                | Section::GroupBy
                | Section::Having
                | Section::OrderBy
        )
    }

    fn of_key(key: &str) -> Section {
        match key {
            "source" | "from" => Section::Source,
            "timezone" => Section::Timezone,
            "columns" | "select" => Section::Columns,
            "filters" | "where" => Section::Filters,
            "group_by" | "group by" => Section::GroupBy,
            "having" => Section::Having,
            "order_by" | "order by" => Section::OrderBy,
            _ => Section::Other,
        }
    }
}

/// Where the cursor is: its section, and where the text of the current item starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub section: Section,
    /// The byte offset where the current value or item starts (for [`Section::Key`], the start
    /// of the line).
    pub start: usize,
}

/// The section and item start at a byte offset.
pub fn place(text: &str, format: InputFormat, offset: usize) -> Place {
    let offset = floor(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let key_typed = match format {
        InputFormat::Yaml => before.chars().all(is_word_char),
        // `group b` is the clause `group by` being typed
        InputFormat::Dsl => {
            let mut words = before.split(' ');
            let first = words.next().unwrap_or("");
            let rest: Vec<&str> = words.collect();
            first.chars().all(is_word_char)
                && (rest.is_empty()
                    || (matches!(first.to_ascii_lowercase().as_str(), "group" | "order")
                        && rest.len() == 1
                        && rest[0].chars().all(is_word_char)))
        }
    };
    if key_typed {
        return Place {
            section: Section::Key,
            start: line_start,
        };
    }
    let (section, start) = match format {
        InputFormat::Yaml => yaml_section(text, line_start, offset),
        InputFormat::Dsl => dsl_section(text, offset),
    };
    let start = item_start(text, section, format, start, offset);
    Place { section, start }
}

/// YAML: the nearest unindented `key:` line at or above the cursor's line.
fn yaml_section(text: &str, line_start: usize, offset: usize) -> (Section, usize) {
    let mut ls = line_start;
    loop {
        let line_end = text[ls..].find('\n').map_or(text.len(), |i| ls + i);
        if let Some(colon) = top_key(&text[ls..line_end]) {
            let key_end = ls + colon + 1;
            if ls < line_start || offset >= key_end {
                return (Section::of_key(&text[ls..ls + colon]), key_end.min(offset));
            }
        }
        if ls == 0 {
            return (Section::Other, line_start);
        }
        ls = text[..ls - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

/// The colon of an unindented `key:` line.
fn top_key(line: &str) -> Option<usize> {
    let first = line.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    let colon = line.find(':')?;
    line[..colon].chars().all(is_word_char).then_some(colon)
}

/// DSL: the clause the cursor is in.
fn dsl_section(text: &str, offset: usize) -> (Section, usize) {
    let chunk = split_clauses(text).into_iter().rfind(|c| c.start <= offset);
    match chunk {
        Some(c) => match c.keyword {
            Some(k) if offset >= c.word.end as usize => (Section::of_key(k), c.word.end as usize),
            _ => (Section::Other, offset),
        },
        None => (Section::Other, offset),
    }
}

/// Narrow a section's text to the current item: after `- ` and `name: ` (YAML), after an
/// opening YAML quote, after the last top-level `,` or `[`.
fn item_start(
    text: &str,
    section: Section,
    format: InputFormat,
    start: usize,
    offset: usize,
) -> usize {
    if section == Section::Key || section == Section::Other {
        return start;
    }
    let mut s = start;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    if format == InputFormat::Yaml && s < line_start {
        s = line_start;
    }
    let skip_ws = |s: usize| s + text[s..offset].len() - text[s..offset].trim_start().len();
    s = skip_ws(s);
    if format == InputFormat::Yaml {
        while text[s..offset].starts_with('-') {
            s = skip_ws(s + 1);
        }
        if section == Section::Columns {
            let rest = &text[s..offset];
            if let Some(colon) = rest.find(": ") {
                if rest[..colon].chars().all(is_word_char) && colon > 0 {
                    s = skip_ws(s + colon + 1);
                }
            }
        }
        if text[s..offset].starts_with(['"', '\'']) {
            s += 1;
        }
    }
    // the last item separator at depth 0
    let mut depth = 0i32;
    for t in tokenize(text, s, offset) {
        match (&t.kind, &text[t.start..t.end]) {
            (Tok::Punct, "(") => depth += 1,
            (Tok::Punct, ")") => depth -= 1,
            (Tok::Punct, "[") if depth == 0 => s = t.end,
            (Tok::Punct, ",") if depth == 0 && format == InputFormat::Yaml => s = t.end,
            (Tok::Punct, ",")
                if depth == 0
                    && matches!(
                        section,
                        Section::Columns | Section::GroupBy | Section::OrderBy
                    ) =>
            {
                s = t.end
            }
            _ => {}
        }
    }
    skip_ws(s)
}

/// A token of an expression fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// A name or keyword.
    Word,
    /// A name in backticks.
    Quoted,
    /// A string literal, maybe unclosed (at the end of the fragment).
    Str {
        quote: char,
        closed: bool,
    },
    /// A number, a duration (`90s`) or a date part.
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    /// The name a `Word` or `Quoted` token stands for.
    pub fn name(&self, text: &str) -> Option<String> {
        let t = self.text(text);
        match self.kind {
            Tok::Word => Some(t.to_string()),
            Tok::Quoted => {
                let inner = t.strip_prefix('`')?;
                let inner = inner.strip_suffix('`').unwrap_or(inner);
                Some(inner.replace("``", "`"))
            }
            _ => None,
        }
    }
    /// The value of a string token (escapes kept as written).
    pub fn string_value<'t>(&self, text: &'t str) -> Option<&'t str> {
        let Tok::Str { closed, .. } = self.kind else {
            return None;
        };
        let t = self.text(text);
        Some(if closed { &t[1..t.len() - 1] } else { &t[1..] })
    }
}

/// The tokens of `text[start..end]` (offsets in `text`); a comment (`#` outside strings) ends a
/// line's tokens.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let end = floor(text, end);
    let start = floor(text, start.min(end));
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = b[i];
        let at = i;
        let kind = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c == b'#' {
            i = text[i..end].find('\n').map_or(end, |n| i + n);
            continue;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < end && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            Tok::Word
        } else if c.is_ascii_digit() {
            while i < end && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Tok::Number
        } else if c == b'`' {
            i += 1;
            loop {
                match text[i..end].find('`') {
                    Some(n) if text[i + n + 1..end].starts_with('`') => i += n + 2,
                    Some(n) => {
                        i += n + 1;
                        break;
                    }
                    None => {
                        i = end;
                        break;
                    }
                }
            }
            Tok::Quoted
        } else if c == b'\'' || c == b'"' {
            i += 1;
            let mut closed = false;
            while i < end {
                if b[i] == b'\\' {
                    i = (i + 2).min(end);
                } else if b[i] == c {
                    if b.get(i + 1) == Some(&c) && i + 1 < end {
                        i += 2; // a doubled quote
                    } else {
                        i += 1;
                        closed = true;
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            Tok::Str {
                quote: c as char,
                closed,
            }
        } else {
            let two = text.get(i..i + 2).unwrap_or("");
            i += if matches!(two, "!=" | "<>" | "<=" | ">=") {
                2
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
            Tok::Punct
        };
        out.push(Token {
            kind,
            start: at,
            end: floor(text, i.min(end)),
        });
    }
    out
}

/// For a string token at `tokens[i]`, the column it is compared with: `col = 'x'`,
/// `col != 'x'`, `col in ('a', 'x')`, `col not in (...)`.
pub fn compared_column(text: &str, tokens: &[Token], i: usize) -> Option<String> {
    let punct = |j: usize, p: &str| tokens[j].kind == Tok::Punct && tokens[j].text(text) == p;
    let mut j = i.checked_sub(1)?;
    if tokens[j].kind == Tok::Punct && matches!(tokens[j].text(text), "=" | "!=" | "<>") {
        return tokens[j.checked_sub(1)?].name(text);
    }
    // back over `'a', 'b', ` to the `(`
    while punct(j, ",") {
        let k = j.checked_sub(1)?;
        if !matches!(tokens[k].kind, Tok::Str { closed: true, .. }) {
            return None;
        }
        j = k.checked_sub(1)?;
    }
    if !punct(j, "(") {
        return None;
    }
    j = j.checked_sub(1)?;
    if !tokens[j].text(text).eq_ignore_ascii_case("in") {
        return None;
    }
    j = j.checked_sub(1)?;
    if tokens[j].text(text).eq_ignore_ascii_case("not") {
        j = j.checked_sub(1)?;
    }
    tokens[j].name(text)
}

/// The word (letters, digits, `_`) around a byte offset.
pub fn word_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let offset = floor(text, offset);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then_some((start, end))
}

/// The data source a report names (`source:` in YAML, `from` in the DSL), read from the text so
/// that a broken report still has one.
pub fn source_of(text: &str, format: InputFormat) -> Option<String> {
    let value = match format {
        InputFormat::Yaml => text.lines().find_map(|l| {
            let rest = l.strip_prefix("source")?.trim_start().strip_prefix(':')?;
            Some(rest.split(" #").next().unwrap_or(rest).to_string())
        })?,
        InputFormat::Dsl => {
            let c = split_clauses(text)
                .into_iter()
                .find(|c| c.keyword == Some("from"))?;
            let rest = text.get(c.word.end as usize..c.end)?;
            rest.split('#').next().unwrap_or(rest).to_string()
        }
    };
    let v = value.trim().trim_matches(['"', '\'', '`']);
    (!v.is_empty()).then(|| v.to_string())
}

pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "report: x\nsource: incoming_message_distributions\ncolumns:\n  - queue\n  - n: count() where messaging_type = 'Wh\nfilters: [a = 1, b in ('x', 'y\n";

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap() + needle.len()
    }

    #[test]
    fn yaml_places() {
        let p = place(YAML, InputFormat::Yaml, at(YAML, "- que"));
        assert_eq!(p.section, Section::Columns);
        assert_eq!(&YAML[p.start..at(YAML, "- que")], "que");
        let p = place(YAML, InputFormat::Yaml, at(YAML, "'Wh"));
        assert_eq!(p.section, Section::Columns);
        assert_eq!(
            &YAML[p.start..at(YAML, "'Wh")],
            "count() where messaging_type = 'Wh"
        );
        let p = place(YAML, InputFormat::Yaml, at(YAML, "'y"));
        assert_eq!(p.section, Section::Filters);
        assert_eq!(&YAML[p.start..at(YAML, "'y")], "b in ('x', 'y");
        let p = place(YAML, InputFormat::Yaml, at(YAML, "sou"));
        assert_eq!(p.section, Section::Key);
        let p = place(YAML, InputFormat::Yaml, at(YAML, "source: inc"));
        assert_eq!(p.section, Section::Source);
        assert_eq!(&YAML[p.start..at(YAML, "source: inc")], "inc");
    }

    #[test]
    fn dsl_places() {
        let text = "from sms\nselect a, b = count() where status = 'de\nwhere x in last\ngroup b";
        let p = place(text, InputFormat::Dsl, at(text, "'de"));
        assert_eq!(p.section, Section::Columns);
        assert_eq!(
            &text[p.start..at(text, "'de")],
            "b = count() where status = 'de"
        );
        // (an unclosed string runs on to the next lines: close it for the next clause)
        let text = text.replacen("'de", "'de'", 1);
        let text = text.as_str();
        let p = place(text, InputFormat::Dsl, at(text, "in last"));
        assert_eq!(p.section, Section::Filters);
        assert_eq!(&text[p.start..at(text, "in last")], "x in last");
        let p = place(text, InputFormat::Dsl, text.len());
        assert_eq!(p.section, Section::Key);
        let p = place(text, InputFormat::Dsl, at(text, "from s"));
        assert_eq!(p.section, Section::Source);
    }

    #[test]
    fn strings_and_the_column_they_compare_with() {
        let text = "x = 'a' and `odd ``name``` not in ('it''s', \"b\\\"\", 'c";
        let toks = tokenize(text, 0, text.len());
        let last = toks.len() - 1;
        assert_eq!(
            toks[last].kind,
            Tok::Str {
                quote: '\'',
                closed: false
            }
        );
        assert_eq!(
            compared_column(text, &toks, last).as_deref(),
            Some("odd `name`")
        );
        assert_eq!(compared_column(text, &toks, 2).as_deref(), Some("x"));
        assert_eq!(toks[2].string_value(text), Some("a"));
        assert_eq!(toks[last].string_value(text), Some("c"));
    }

    #[test]
    fn sources_from_text() {
        assert_eq!(
            source_of(YAML, InputFormat::Yaml).as_deref(),
            Some("incoming_message_distributions")
        );
        assert_eq!(
            source_of("select a\nfrom  sms # c\n", InputFormat::Dsl).as_deref(),
            Some("sms")
        );
        assert_eq!(source_of("columns: [a]\n", InputFormat::Yaml), None);
    }

    #[test]
    fn words() {
        let t = "a: wait_time é";
        assert_eq!(word_at(t, 5), Some((3, 12)));
        assert_eq!(word_at(t, 12), Some((3, 12)));
        assert_eq!(word_at(t, 14), None); // inside `é`, not a word char
        assert_eq!(word_at("", 3), None);
    }
}
