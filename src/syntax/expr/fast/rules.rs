//! The rules from `expr` down to `bucketed`, each where pest puts its implicit whitespace.

use super::{Built, Fast, Tail, MATCH_OPS, TIME_UNITS};
use crate::diagnostics::Spanned;
use crate::syntax::ast::*;

impl Fast<'_> {
    // ---- boolean structure ---------------------------------------------------------------
    //
    // pest puts its implicit whitespace between the elements of a sequence, and keeps it even
    // when an optional or repeated element after it then fails: a rule that ends with one ends
    // after the whitespace, and so does its span. Each `ws()` below stands where pest's is.

    pub(super) fn expr(&mut self) -> Option<Built> {
        self.chain(Self::and_expr, |p| p.keyword("or").then_some(BinOp::Or))
    }

    pub(super) fn and_expr(&mut self) -> Option<Built> {
        self.chain(Self::not_expr, |p| p.keyword("and").then_some(BinOp::And))
    }

    pub(super) fn sum(&mut self) -> Option<Built> {
        self.chain(Self::product, |p| {
            (p.token("+").then_some(BinOp::Add)).or_else(|| p.token("-").then_some(BinOp::Sub))
        })
    }

    pub(super) fn product(&mut self) -> Option<Built> {
        self.chain(Self::unary, |p| {
            (p.token("*").then_some(BinOp::Mul)).or_else(|| p.token("/").then_some(BinOp::Div))
        })
    }

    /// `operand ~ (op ~ operand)*`, folded left.
    pub(super) fn chain(
        &mut self,
        operand: fn(&mut Self) -> Option<Built>,
        op: fn(&mut Self) -> Option<BinOp>,
    ) -> Option<Built> {
        let (mut acc, mut depth) = operand(self)?;
        self.ws();
        let mut first = true;
        loop {
            let next = self.attempt(|p| {
                if !first {
                    p.ws();
                }
                let op = op(p)?;
                p.ws();
                operand(p).map(|r| (op, r))
            });
            let Some((op, (rhs, d))) = next else { break };
            first = false;
            let (kind, span) = Expr::binary_parts(op, acc, rhs);
            (acc, depth) = self.mk(kind, span, depth.max(d) + 1)?;
        }
        Some((acc, depth))
    }

    /// `x* ~ next`: how many times `x` matched, with the whitespace after them taken.
    pub(super) fn repeated(&mut self, x: fn(&mut Self) -> bool) -> usize {
        let mut n = 0;
        if self.attempt(|p| x(p).then_some(())).is_some() {
            n = 1;
            while self
                .attempt(|p| {
                    p.ws();
                    x(p).then_some(())
                })
                .is_some()
            {
                n += 1;
            }
        }
        self.ws();
        n
    }

    pub(super) fn not_expr(&mut self) -> Option<Built> {
        let start = self.pos;
        let nots = self.repeated(|p| p.keyword("not"));
        let (mut e, mut depth) = self.predicate()?;
        let span = self.span(start, self.pos);
        for _ in 0..nots {
            (e, depth) = self.mk(ExprKind::Not(Box::new(e)), span, depth + 1)?;
        }
        Some((e, depth))
    }

    pub(super) fn predicate(&mut self) -> Option<Built> {
        let start = self.pos;
        let (lhs, ld) = self.sum()?;
        self.ws();
        let tail = self
            .attempt(Self::cmp_tail)
            .or_else(|| self.attempt(Self::in_tail))
            .or_else(|| self.attempt(Self::between_tail))
            .or_else(|| self.attempt(Self::is_tail))
            .or_else(|| self.attempt(Self::match_tail));
        let Some((tail, td)) = tail else {
            return Some((lhs, ld));
        };
        let expr = Box::new(lhs);
        let kind = match tail {
            Tail::Cmp(op, rhs) => ExprKind::Binary {
                op,
                left: expr,
                right: Box::new(rhs),
            },
            Tail::InRange(range, negated) => ExprKind::InRange {
                expr,
                range,
                negated,
            },
            Tail::InList(list, negated) => ExprKind::InList {
                expr,
                list,
                negated,
            },
            Tail::Between(low, high, negated) => ExprKind::Between {
                expr,
                low: Box::new(low),
                high: Box::new(high),
                negated,
            },
            Tail::IsNull(negated) => ExprKind::IsNull { expr, negated },
            Tail::Match(op, case_insensitive, pattern, negated) => ExprKind::Match {
                op,
                case_insensitive,
                expr,
                pattern: Box::new(pattern),
                negated,
            },
        };
        self.mk(kind, self.span(start, self.pos), ld.max(td) + 1)
    }

    /// `negation? ~ next`: whether it was there, with the whitespace after it taken.
    pub(super) fn negation(&mut self) -> bool {
        let got = self.attempt(|p| p.keyword("not").then_some(())).is_some();
        self.ws();
        got
    }

    pub(super) fn cmp_tail(&mut self) -> Option<(Tail, usize)> {
        const OPS: &[(&str, BinOp)] = &[
            ("<=", BinOp::LtEq),
            (">=", BinOp::GtEq),
            ("!=", BinOp::NotEq),
            ("<>", BinOp::NotEq),
            ("==", BinOp::Eq),
            ("=", BinOp::Eq),
            ("<", BinOp::Lt),
            (">", BinOp::Gt),
        ];
        let op = OPS.iter().find(|(t, _)| self.token(t))?.1;
        self.ws();
        let (rhs, rd) = self.sum()?;
        Some((Tail::Cmp(op, rhs), rd))
    }

    pub(super) fn in_tail(&mut self) -> Option<(Tail, usize)> {
        let negated = self.negation();
        if !self.keyword("in") {
            return None;
        }
        self.ws();
        if let Some(range) = self.attempt(Self::range) {
            return Some((Tail::InRange(range, negated), 0));
        }
        let (list, d) = self.list()?;
        Some((Tail::InList(list, negated), d))
    }

    /// `"(" ~ (expr ~ ("," ~ expr)* ~ ","?)? ~ ")"`.
    pub(super) fn list(&mut self) -> Option<(Vec<Expr>, usize)> {
        if !self.token("(") {
            return None;
        }
        self.ws();
        let items = self.attempt(|p| {
            let items = p.comma_separated()?;
            p.ws();
            p.attempt(|p| p.token(",").then_some(()));
            Some(items)
        });
        self.ws();
        if !self.token(")") {
            return None;
        }
        Some(items.unwrap_or_default())
    }

    /// `expr ~ ("," ~ expr)*`, with the deepest item's depth.
    pub(super) fn comma_separated(&mut self) -> Option<(Vec<Expr>, usize)> {
        let (e, mut depth) = self.expr()?;
        let mut items = vec![e];
        self.ws();
        let mut first = true;
        while let Some((e, d)) = self.attempt(|p| {
            if !first {
                p.ws();
            }
            if !p.token(",") {
                return None;
            }
            p.ws();
            p.expr()
        }) {
            first = false;
            items.push(e);
            depth = depth.max(d);
        }
        Some((items, depth))
    }

    pub(super) fn between_tail(&mut self) -> Option<(Tail, usize)> {
        let negated = self.negation();
        if !self.keyword("between") {
            return None;
        }
        self.ws();
        let (low, d1) = self.sum()?;
        self.ws();
        if !self.keyword("and") {
            return None;
        }
        self.ws();
        let (high, d2) = self.sum()?;
        Some((Tail::Between(low, high, negated), d1.max(d2)))
    }

    pub(super) fn is_tail(&mut self) -> Option<(Tail, usize)> {
        if !self.keyword("is") {
            return None;
        }
        self.ws();
        let negated = self.negation();
        self.keyword("null").then_some((Tail::IsNull(negated), 0))
    }

    pub(super) fn match_tail(&mut self) -> Option<(Tail, usize)> {
        let negated = self.negation();
        let word = MATCH_OPS[self.word_any(MATCH_OPS)?];
        self.ws();
        let (pattern, pd) = self.sum()?;
        let op = match word.trim_start_matches('i') {
            "contains" => MatchOp::Contains,
            "starts_with" => MatchOp::StartsWith,
            _ => MatchOp::EndsWith,
        };
        let tail = Tail::Match(op, word.starts_with('i'), pattern, negated);
        Some((tail, pd))
    }

    // ---- relative ranges -------------------------------------------------------------------

    pub(super) fn range(&mut self) -> Option<Spanned<RelativeRange>> {
        let start = self.pos;
        let value = if let Some(v) = self.attempt(|p| {
            if !p.keyword("last") {
                return None;
            }
            p.ws();
            let digits = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            if p.pos == digits {
                return None;
            }
            let n = &p.text[digits..p.pos];
            p.ws();
            let unit = p.time_unit()?;
            let count = n.parse().ok().filter(|n| (1..=100_000).contains(n));
            let count: u32 = p.refuse(count)?;
            Some(RelativeRange::Last(count, unit))
        }) {
            v
        } else if let Some(v) = self.attempt(|p| {
            p.keyword("this").then_some(())?;
            p.ws();
            p.time_unit().map(RelativeRange::This)
        }) {
            v
        } else if let Some(v) = self.attempt(|p| {
            p.keyword("previous").then_some(())?;
            p.ws();
            p.time_unit().map(RelativeRange::Previous)
        }) {
            v
        } else if self.keyword("today") {
            RelativeRange::This(TimeUnit::Day)
        } else if self.keyword("yesterday") {
            RelativeRange::Previous(TimeUnit::Day)
        } else {
            return None;
        };
        Some(Spanned::new(value, self.span(start, self.pos)))
    }

    pub(super) fn time_unit(&mut self) -> Option<TimeUnit> {
        let i = self.word_any(TIME_UNITS)?;
        TimeUnit::parse(TIME_UNITS[i])
    }

    // ---- arithmetic ------------------------------------------------------------------------

    pub(super) fn unary(&mut self) -> Option<Built> {
        let start = self.pos;
        let negs = self.repeated(|p| p.token("-"));
        let (mut e, mut depth) = self.bucketed()?;
        let span = self.span(start, self.pos);
        for _ in 0..negs {
            (e, depth) = self.mk(ExprKind::Neg(Box::new(e)), span, depth + 1)?;
        }
        Some((e, depth))
    }

    pub(super) fn bucketed(&mut self) -> Option<Built> {
        let start = self.pos;
        let (e, depth) = self.primary()?;
        self.ws();
        let unit = self.attempt(|p| {
            p.keyword("by").then_some(())?;
            p.ws();
            let at = p.pos;
            let unit = p.time_unit()?;
            Some(Spanned::new(unit, p.span(at, p.pos)))
        });
        match unit {
            None => Some((e, depth)),
            Some(unit) => {
                let kind = ExprKind::Bucket {
                    expr: Box::new(e),
                    unit,
                };
                self.mk(kind, self.span(start, self.pos), depth + 1)
            }
        }
    }
}
