//! Primaries: parentheses, calls with `where`, names, `$parameters` and the literals.

use super::{ident_char, Built, Fast, KEYWORDS};
use crate::diagnostics::Spanned;
use crate::syntax::ast::*;
use crate::syntax::expr::unescape;

impl<'a> Fast<'a> {
    // ---- primaries -------------------------------------------------------------------------

    pub(super) fn primary(&mut self) -> Option<Built> {
        if let Some(b) = self.attempt(Self::paren) {
            return Some(b);
        }
        if let Some(lit) = self.attempt(Self::literal) {
            return Some(lit);
        }
        if let Some(b) = self.attempt(Self::param) {
            return Some(b);
        }
        if let Some(b) = self.attempt(Self::call) {
            return Some(b);
        }
        self.name()
    }

    pub(super) fn paren(&mut self) -> Option<Built> {
        if !self.token("(") {
            return None;
        }
        self.ws();
        let (mut e, depth) = self.expr()?;
        self.ws();
        if !self.token(")") {
            return None;
        }
        e.parens = true;
        Some((e, depth))
    }

    pub(super) fn leaf(&self, kind: ExprKind, start: usize) -> Built {
        let span = self.span(start, self.pos);
        (
            Expr {
                kind,
                span,
                parens: false,
            },
            1,
        )
    }

    pub(super) fn param(&mut self) -> Option<Built> {
        let start = self.pos;
        if !self.token("$") {
            return None;
        }
        let name = self.ident()?;
        Some(self.leaf(ExprKind::Param(name.to_string()), start))
    }

    /// `!keyword ~ (ASCII_ALPHA | "_") ~ ident_char*`.
    pub(super) fn ident(&mut self) -> Option<&'a str> {
        if KEYWORDS.iter().any(|k| {
            self.caseless(k)
                && !self
                    .s
                    .get(self.pos + k.len())
                    .is_some_and(|&b| ident_char(b))
        }) {
            return None;
        }
        let start = self.pos;
        if !self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return None;
        }
        self.pos += 1;
        while self.at_ident_char() {
            self.pos += 1;
        }
        Some(&self.text[start..self.pos])
    }

    /// `name = ${ quoted_ident | path | ident }`, `path = @{ ident ~ "." ~ ident }`.
    pub(super) fn name(&mut self) -> Option<Built> {
        let start = self.pos;
        let name = match self.peek() {
            Some(b'`') => self.quoted_name()?,
            _ => {
                self.ident()?;
                let end = self.pos;
                if self.token(".") && self.ident().is_none() {
                    self.pos = end;
                }
                self.text[start..self.pos].to_string()
            }
        };
        Some(self.leaf(ExprKind::Name(name), start))
    }

    /// `` `a``b` `` -> ``a`b``; an empty one is refused (pest reports it).
    pub(super) fn quoted_name(&mut self) -> Option<String> {
        if !self.token("`") {
            return None;
        }
        let body = self.pos;
        loop {
            match self.peek() {
                None => return None,
                Some(b'`') if self.s.get(self.pos + 1) == Some(&b'`') => self.pos += 2,
                Some(b'`') => break,
                Some(_) => self.pos += 1,
            }
        }
        let name = self.text[body..self.pos].replace("``", "`");
        self.pos += 1;
        let ok = (!name.is_empty()).then_some(name);
        self.refuse(ok)
    }

    pub(super) fn call(&mut self) -> Option<Built> {
        let start = self.pos;
        let id = self.ident()?;
        let name = Spanned::new(id.to_string(), self.span(start, self.pos));
        self.ws();
        if !self.token("(") {
            return None;
        }
        self.ws();
        let (args, d) = self.attempt(Self::comma_separated).unwrap_or_default();
        let mut depth = if args.is_empty() { 1 } else { d + 1 };
        self.ws();
        if !self.token(")") {
            return None;
        }
        self.ws();
        let filter = self.attempt(|p| {
            p.keyword("where").then_some(())?;
            p.ws();
            p.expr()
        });
        let filter = filter.map(|(c, d)| {
            depth = depth.max(d + 1);
            Box::new(c)
        });
        self.mk(
            ExprKind::Call { name, args, filter },
            self.span(start, self.pos),
            depth,
        )
    }

    /// `&ASCII_DIGIT ~ (timestamp | date | duration | number) | string | boolean | null`.
    pub(super) fn literal(&mut self) -> Option<Built> {
        let start = self.pos;
        let lit = match self.peek()? {
            b'0'..=b'9' => self
                .attempt(Self::timestamp)
                .or_else(|| self.attempt(Self::date))
                .or_else(|| self.attempt(Self::duration))
                .or_else(|| self.attempt(Self::number))?,
            b'\'' | b'"' => self.string()?,
            _ => {
                if let Some(i) = self.attempt(|p| p.word_any(&["yes", "no", "true", "false"])) {
                    Literal::Bool(i == 0 || i == 2)
                } else if self.keyword("null") {
                    Literal::Null
                } else {
                    return None;
                }
            }
        };
        Some(self.leaf(ExprKind::Literal(lit), start))
    }

    pub(super) fn digits(&mut self, n: usize) -> bool {
        let ok = self
            .s
            .get(self.pos..self.pos + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if ok {
            self.pos += n;
        }
        ok
    }

    pub(super) fn date_part(&mut self) -> bool {
        self.digits(4) && self.token("-") && self.digits(2) && self.token("-") && self.digits(2)
    }

    pub(super) fn timestamp(&mut self) -> Option<Literal> {
        let start = self.pos;
        if !(self.date_part() && (self.token("T") || self.token(" "))) {
            return None;
        }
        if !(self.digits(2) && self.token(":") && self.digits(2)) {
            return None;
        }
        self.attempt(|p| (p.token(":") && p.digits(2)).then_some(()));
        if self.at_ident_char() {
            return None;
        }
        let norm = self.text[start..self.pos].replacen(' ', "T", 1);
        let v = norm.parse().ok().map(Literal::Timestamp);
        self.refuse(v)
    }

    pub(super) fn date(&mut self) -> Option<Literal> {
        let start = self.pos;
        if !self.date_part() || self.at_ident_char() {
            return None;
        }
        let v = self.text[start..self.pos].parse().ok().map(Literal::Date);
        self.refuse(v)
    }

    /// `(ASCII_DIGIT+ ~ ("ms" | "s" | "m" | "h" | "d"))+ ~ !ident_char`.
    pub(super) fn duration(&mut self) -> Option<Literal> {
        let start = self.pos;
        let mut parts = 0;
        loop {
            let save = self.pos;
            let d0 = self.pos;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            let unit = ["ms", "s", "m", "h", "d"]
                .iter()
                .find(|u| self.s[self.pos..].starts_with(u.as_bytes()));
            match unit {
                Some(u) if self.pos > d0 => {
                    self.pos += u.len();
                    parts += 1;
                }
                _ => {
                    self.pos = save;
                    break;
                }
            }
        }
        if parts == 0 || self.at_ident_char() {
            return None;
        }
        let v =
            crate::syntax::expr::parse_duration(&self.text[start..self.pos]).map(Literal::Duration);
        self.refuse(v)
    }

    pub(super) fn number(&mut self) -> Option<Literal> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start {
            return None;
        }
        self.attempt(|p| {
            if !p.token(".") {
                return None;
            }
            let d = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            (p.pos > d).then_some(())
        });
        if self.at_ident_char() {
            return None;
        }
        Some(Literal::Number(self.text[start..self.pos].to_string()))
    }

    pub(super) fn string(&mut self) -> Option<Literal> {
        let quote = self.peek()?;
        self.pos += 1;
        let body = self.pos;
        loop {
            let c = self.peek()?;
            if quote == b'\'' && c == b'\'' && self.s.get(self.pos + 1) == Some(&b'\'') {
                self.pos += 2;
            } else if c == b'\\' {
                // `"\\" ~ ANY`: the next character, whatever its length
                self.pos += 1;
                let next = self.text[self.pos..].chars().next()?;
                self.pos += next.len_utf8();
            } else if c == quote {
                break;
            } else {
                self.pos += 1;
            }
        }
        let inner = &self.text[body..self.pos];
        self.pos += 1;
        let v = unescape(inner, quote as char).ok().map(Literal::String);
        self.refuse(v)
    }
}
