//! The DSL clauses as `grammar/report.pest` has them: `select` items (`name = expr`), `where`
//! and `having` (split at top-level `and`s, as the DSL's pest path does), `group by` keys,
//! `order by` items, and the clauses of one name or text (`report`, `title`, `from`, ...).
//! `parameter` is left to pest.

use super::Fast;
use crate::diagnostics::Spanned;
use crate::syntax::ast::*;
use crate::syntax::expr::SpanMap;
use crate::vocab::is_identifier;

/// A clause read by the fast path.
pub(crate) enum Clause {
    Select(Vec<ColumnDef>),
    Where(Vec<Expr>),
    Having(Vec<Expr>),
    Group(Vec<Expr>),
    Order(Vec<OrderItem>),
    Report(Ident, Option<Spanned<String>>),
    Title(Spanned<String>),
    Description(Spanned<String>),
    Timezone(Spanned<String>),
    From(Ident),
    Limit(Spanned<i64>),
}

/// `text` as one of the clauses above (a `dsl_clause_entry`), or `None` for pest to read it.
pub(crate) fn parse_clause(text: &str, map: &dyn SpanMap) -> Option<Clause> {
    let mut p = Fast::new(text, map);
    p.ws();
    let clause = if p.keyword("select") {
        p.ws();
        Clause::Select(p.select_items()?)
    } else if p.keyword("where") {
        p.ws();
        Clause::Where(p.conjuncts()?)
    } else if p.keyword("having") {
        p.ws();
        Clause::Having(p.conjuncts()?)
    } else if p.keyword("group") {
        p.ws();
        p.keyword("by").then_some(())?;
        p.ws();
        let keys = p.attempt(Fast::comma_separated);
        Clause::Group(keys.map(|(k, _)| k).unwrap_or_default())
    } else if p.keyword("order") {
        p.ws();
        p.keyword("by").then_some(())?;
        p.ws();
        Clause::Order(p.separated(Fast::order_item)?)
    } else if p.keyword("report") {
        p.ws();
        let name = p.spanned(Fast::output_name)?;
        p.ws();
        Clause::Report(name, p.attempt(Fast::string_value))
    } else if p.keyword("title") {
        p.ws();
        Clause::Title(p.string_value()?)
    } else if p.keyword("description") {
        p.ws();
        Clause::Description(p.string_value()?)
    } else if p.keyword("timezone") {
        p.ws();
        Clause::Timezone(p.string_value()?)
    } else if p.keyword("from") {
        p.ws();
        Clause::From(p.spanned(Fast::any_name)?)
    } else if p.keyword("limit") {
        p.ws();
        Clause::Limit(p.spanned(Fast::limit)?)
    } else {
        return None;
    };
    p.end().then_some(clause)
}

impl Fast<'_> {
    /// `item ~ ("," ~ item)*`.
    fn separated<T>(&mut self, item: fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = vec![item(self)?];
        self.ws();
        let mut first = true;
        while let Some(x) = self.attempt(|p| {
            if !first {
                p.ws();
            }
            p.token(",").then_some(())?;
            p.ws();
            item(p)
        }) {
            first = false;
            items.push(x);
        }
        Some(items)
    }

    fn select_items(&mut self) -> Option<Vec<ColumnDef>> {
        self.separated(Self::select_item)
    }

    /// `(output_name ~ "=" ~ !"=")? ~ expr`.
    fn select_item(&mut self) -> Option<ColumnDef> {
        let start = self.pos;
        let name = self.attempt(|p| {
            let name = p.spanned(Self::output_name)?;
            p.ws();
            p.token("=").then_some(())?;
            p.ws();
            (p.peek() != Some(b'=')).then_some(name)
        });
        self.ws();
        let (expr, _) = self.expr()?;
        Some(match name {
            Some(name) => ColumnDef {
                name: Some(name),
                expr,
                span: self.span(start, self.pos),
            },
            None => ColumnDef {
                name: None,
                span: expr.span,
                expr,
            },
        })
    }

    /// `order_item = { expr ~ order_dir? ~ nulls_clause? }`.
    pub(super) fn order_item(&mut self) -> Option<OrderItem> {
        let start = self.pos;
        let (expr, _) = self.expr()?;
        self.ws();
        let descending = self.word_any(&["asc", "desc"]) == Some(1);
        self.ws();
        let nulls = self.attempt(|p| {
            p.keyword("nulls").then_some(())?;
            p.ws();
            p.word_any(&["first", "last"])
        });
        Some(OrderItem {
            expr,
            descending,
            nulls: nulls.map(|w| {
                if w == 0 {
                    NullsOrder::First
                } else {
                    NullsOrder::Last
                }
            }),
            span: self.span(start, self.pos),
        })
    }

    /// `output_name = ${ quoted_ident | ident }`, as a valid output name (else pest reports).
    fn output_name(&mut self) -> Option<String> {
        let name = self.any_name()?;
        let ok = is_identifier(&name).then_some(name);
        self.refuse(ok)
    }

    /// `output_name` as `from` takes it: any name, quoted or not.
    fn any_name(&mut self) -> Option<String> {
        match self.peek() {
            Some(b'`') => self.quoted_name(),
            _ => self.ident().map(str::to_string),
        }
    }

    /// `int = @{ "-"? ~ ASCII_DIGIT+ ~ !ident_char }` as an `i64` (else pest reports).
    fn limit(&mut self) -> Option<i64> {
        let start = self.pos;
        self.token("-");
        let digits = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == digits || self.at_ident_char() {
            return None;
        }
        let n = self.text[start..self.pos].parse().ok();
        self.refuse(n)
    }

    /// `f`'s value with the span of what it read.
    fn spanned<T>(&mut self, f: fn(&mut Self) -> Option<T>) -> Option<Spanned<T>> {
        let start = self.pos;
        let v = f(self)?;
        Some(Spanned::new(v, self.span(start, self.pos)))
    }

    /// A string literal's text, spanned with its quotes.
    fn string_value(&mut self) -> Option<Spanned<String>> {
        if !matches!(self.peek(), Some(b'\'' | b'"')) {
            return None;
        }
        let s = self.spanned(Self::string)?;
        match s.value {
            Literal::String(v) => Some(Spanned::new(v, s.span)),
            _ => None,
        }
    }

    /// `expr`, split at its top-level `and`s unless it has a top-level `or` (pest's
    /// `build_conjuncts`): the `and`s folded left without parentheses are the spine.
    fn conjuncts(&mut self) -> Option<Vec<Expr>> {
        let (e, _) = self.expr()?;
        let mut out = Vec::new();
        let mut e = e;
        loop {
            match e.kind {
                ExprKind::Binary {
                    op: BinOp::And,
                    left,
                    right,
                } if !e.parens => {
                    out.push(*right);
                    e = *left;
                }
                kind => {
                    out.push(Expr { kind, ..e });
                    break;
                }
            }
        }
        out.reverse();
        Some(out)
    }
}
