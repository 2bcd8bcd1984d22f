//! Cutting a DSL text into clauses at clause keywords that start a line (outside strings,
//! comments and, except for an indented `where`, parentheses), so each clause is parsed alone.

use crate::diagnostics::{did_you_mean, Span};

/// The clauses of a report, in canonical order, as written at the start of a line.
pub const CLAUSES: &[&str] = &[
    "report",
    "title",
    "description",
    "from",
    "timezone",
    "parameter",
    "select",
    "where",
    "group by",
    "having",
    "order by",
    "limit",
    "labels",
    "top",
    "fill",
    "bucket_as",
];

/// Words that start a clause; a name spelt like one is printed in backticks.
pub const CLAUSE_WORDS: &[&str] = &[
    "report",
    "title",
    "description",
    "from",
    "timezone",
    "parameter",
    "select",
    "where",
    "group",
    "having",
    "order",
    "limit",
    "labels",
    "top",
    "fill",
    "bucket_as",
];

/// One clause of the text: its keyword (as in [`CLAUSES`], or the unknown word) and byte range.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub keyword: Option<&'static str>,
    pub start: usize,
    pub end: usize,
    /// The span of the keyword (or of the unknown word).
    pub word: Span,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}
pub(super) fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Split the text into clauses. Text before the first clause is returned as a chunk without
/// keyword when it holds anything but spaces, comments and a leading byte order mark. A line that starts (unindented) with
/// a word close to a clause keyword (`selct`) starts an unknown clause, so it is reported alone.
pub fn split_clauses(text: &str) -> Vec<Chunk> {
    let b = text.as_bytes();
    let mut chunks: Vec<Chunk> = Vec::new();
    // a byte order mark (U+FEFF, as some Windows editors write) opens the first line
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut depth: usize = 0;
    let mut line_start = true;
    let lead_start = 0; // the prelude starts the file
    let mut prelude_has_text = false;
    while i < b.len() {
        let c = b[i];
        if line_start {
            line_start = false;
            let mut j = i;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            // inside parentheses (a condition over several lines), a clause keyword still
            // starts a clause, so an unclosed `(` does not swallow the rest of the file; only
            // `where` is also an aggregate filter there, so it must then be unindented
            if j < b.len() && is_ident_start(b[j]) {
                let mut k = j;
                while k < b.len() && is_ident_char(b[k]) {
                    k += 1;
                }
                let word = text[j..k].to_ascii_lowercase();
                let mut kw: Option<&'static str> = None;
                let mut is_clause = false;
                // `limit(x)` is a call, not a clause
                let call = b.get(k) == Some(&b'(');
                if let Some(w) = CLAUSE_WORDS.iter().find(|w| **w == word).filter(|_| !call) {
                    if *w == "group" || *w == "order" {
                        let rest = &text[k..];
                        let trimmed = rest.trim_start();
                        let has_by = trimmed.len() < rest.len()
                            && trimmed
                                .as_bytes()
                                .get(..2)
                                .is_some_and(|w| w.eq_ignore_ascii_case(b"by"))
                            && !trimmed
                                .as_bytes()
                                .get(2)
                                .copied()
                                .is_some_and(is_ident_char);
                        if has_by {
                            kw = Some(if *w == "group" {
                                "group by"
                            } else {
                                "order by"
                            });
                        }
                        // unindented `group queue`: an unknown clause (did you mean `group by`?)
                        is_clause = has_by || j == i;
                    } else {
                        kw = CLAUSES.iter().copied().find(|c| *c == *w);
                        is_clause = true;
                    }
                } else if j == i
                    && did_you_mean(&word, CLAUSE_WORDS.iter().copied()).is_some()
                    && !matches!(b.get(k), Some(b'(') | Some(b','))
                {
                    is_clause = true; // an unknown clause, reported by the parser
                }
                if is_clause && depth > 0 && ((word == "where" && j != i) || kw.is_none()) {
                    is_clause = false;
                }
                if is_clause {
                    depth = 0;
                    if let Some(last) = chunks.last_mut() {
                        last.end = j;
                    } else if prelude_has_text {
                        chunks.push(Chunk {
                            keyword: None,
                            start: lead_start,
                            end: j,
                            word: Span::new(lead_start, lead_start),
                        });
                    }
                    chunks.push(Chunk {
                        keyword: kw,
                        start: j,
                        end: b.len(),
                        word: Span::new(j, k),
                    });
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' | b'`' => {
                if chunks.is_empty() {
                    prelude_has_text = true;
                }
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' && c != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                if chunks.is_empty() {
                    prelude_has_text = true;
                }
                i += 1;
            }
        }
    }
    if chunks.is_empty() && prelude_has_text {
        chunks.push(Chunk {
            keyword: None,
            start: 0,
            end: b.len(),
            word: Span::new(0, 0),
        });
    }
    for ch in &mut chunks {
        // a clause ends with its last character, so "found the end of the clause" points there
        let end = ch.end.min(b.len()).max(ch.start);
        ch.end = ch.start + text[ch.start..end].trim_end().len();
    }
    chunks
}
