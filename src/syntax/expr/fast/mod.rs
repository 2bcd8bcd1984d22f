//! A hand-written parser for the expression grammar of `grammar/report.pest`, rule for rule:
//! the same ordered choices, the same greedy repetitions and the same backtracking, so it
//! accepts exactly what the grammar accepts and builds the AST that `tree.rs` builds from
//! pest's pairs, spans and depths included.
//!
//! It is the fast path only. Whenever it meets anything it does not accept (a syntax error, a
//! bad literal, too deep a tree), it gives up with `None`, and the caller parses the text again
//! with pest, whose errors say what is wrong in the user's words. `../fast_tests.rs` holds
//! the two parsers to the same answer on every example and on generated text.
//!
//! | file | job |
//! |---|---|
//! | `mod.rs` | the entry points and the cursor: whitespace, tokens, keywords, backtracking |
//! | `rules.rs` | `or`/`and`/`not`, predicates and their tails, ranges, arithmetic, buckets |
//! | `primary.rs` | parentheses, calls, names, parameters and literals |
//! | `clauses.rs` | the DSL clauses made of expressions: `select`, `where`, `group by`, ... |

mod clauses;
mod primary;
mod rules;

pub(crate) use clauses::{parse_clause, Clause};

use super::{SpanMap, MAX_EXPR_DEPTH};
use crate::diagnostics::{Span, Spanned};
use crate::syntax::ast::*;

/// The expression of `text` (the `expr_entry` rule), or `None` for pest to decide.
pub(super) fn parse_expr(text: &str, map: &dyn SpanMap) -> Option<Expr> {
    let mut p = Fast::new(text, map);
    p.ws();
    let (e, _) = p.expr()?;
    p.end().then_some(e)
}

/// An `order_entry` (an expression, `asc`/`desc`, `nulls first|last`), or `None`.
pub(super) fn parse_order_item(text: &str, map: &dyn SpanMap) -> Option<OrderItem> {
    let mut p = Fast::new(text, map);
    p.ws();
    let item = p.order_item()?;
    // pest's `order_entry` pair runs from SOI to EOI: the whole text
    p.end().then(|| OrderItem {
        span: map.span(0, text.len()),
        ..item
    })
}

type Built = (Expr, usize);

/// What follows the left side of a predicate, with the depth of its own parts.
enum Tail {
    Cmp(BinOp, Expr),
    InRange(Spanned<RelativeRange>, bool),
    InList(Vec<Expr>, bool),
    Between(Expr, Expr, bool),
    IsNull(bool),
    Match(MatchOp, bool, Expr, bool),
}

const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "between", "is", "null", "by", "where", "yes", "no", "true", "false",
];

const TIME_UNITS: &[&str] = &[
    "hours", "hour", "days", "day", "weeks", "week", "months", "month", "quarters", "quarter",
    "years", "year",
];

const MATCH_OPS: &[&str] = &[
    "icontains",
    "istarts_with",
    "iends_with",
    "contains",
    "starts_with",
    "ends_with",
];

struct Fast<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    map: &'a dyn SpanMap,
    /// A token that pest also matches but whose value is refused (`2026-02-30`, `''` as a
    /// name, a bad escape): pest reports it, so the whole text goes to pest.
    give_up: bool,
}

fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Fast<'a> {
    fn new(text: &'a str, map: &'a dyn SpanMap) -> Self {
        Fast {
            s: text.as_bytes(),
            text,
            pos: 0,
            map,
            give_up: false,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        self.map.span(start, end)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    /// pest's implicit WHITESPACE and COMMENT between tokens.
    fn ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Whitespace then the end of the text (`EOI`), and nothing refused on the way.
    fn end(&mut self) -> bool {
        self.ws();
        self.pos == self.s.len() && !self.give_up
    }

    /// A value that matched the grammar but is refused: the text goes to pest.
    fn refuse<T>(&mut self, v: Option<T>) -> Option<T> {
        if v.is_none() {
            self.give_up = true;
        }
        v
    }

    fn at_ident_char(&self) -> bool {
        self.peek().is_some_and(ident_char)
    }

    /// An exact token (case-sensitive) at the position.
    fn token(&mut self, t: &str) -> bool {
        if self.s[self.pos..].starts_with(t.as_bytes()) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    /// `^"word"` without the word boundary.
    fn caseless(&self, w: &str) -> bool {
        self.s
            .get(self.pos..self.pos + w.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// `^"word" ~ !ident_char`: a keyword, any case.
    fn keyword(&mut self, w: &str) -> bool {
        if self.caseless(w)
            && !self
                .s
                .get(self.pos + w.len())
                .is_some_and(|&b| ident_char(b))
        {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    /// `(^"a" | ^"b" | ...) ~ !ident_char`: PEG takes the first alternative that matches and
    /// does not try the others when the boundary then fails.
    fn word_any(&mut self, words: &[&str]) -> Option<usize> {
        let i = words.iter().position(|w| self.caseless(w))?;
        let w = words[i];
        if self
            .s
            .get(self.pos + w.len())
            .is_some_and(|&b| ident_char(b))
        {
            return None;
        }
        self.pos += w.len();
        Some(i)
    }

    /// A node, unless the tree is too deep (pest's builder reports that).
    fn mk(&mut self, kind: ExprKind, span: Span, depth: usize) -> Option<Built> {
        let ok = (depth <= MAX_EXPR_DEPTH).then_some(());
        self.refuse(ok)?;
        Some((
            Expr {
                kind,
                span,
                parens: false,
            },
            depth,
        ))
    }

    /// Try `f`; on `None` put the position back (a PEG alternative that failed).
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let pos = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = pos;
        }
        r
    }
}
