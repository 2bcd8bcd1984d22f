//! pest pairs -> [`Expr`]: operators folded left to right, `not` and `-` chains, predicates
//! (`in`, `between`, `is null`, `contains`), calls with `where`, buckets and relative ranges.
//! Every node counts its depth, and a tree deeper than [`MAX_EXPR_DEPTH`] is refused.

use super::{SpanMap, MAX_EXPR_DEPTH};
use crate::diagnostics::{Code, Diagnostic, Span, Spanned};
use crate::syntax::ast::*;
use crate::syntax::grammar::Rule;
use pest::iterators::Pair;

/// Build the AST of an `expr` pair (or any expression rule) parsed elsewhere (the DSL).
pub(crate) fn build_expr(p: Pair<Rule>, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    let mut b = AstBuilder { map };
    Ok(b.expr(p)?.0)
}

/// The conditions of an `expr` pair joined by top-level `and`s, each built separately: the
/// DSL's `where a and b` is the YAML `filters: [a, b]`. A parenthesised `and` stays one
/// condition; a top-level `or` makes the whole expression one condition.
pub(crate) fn build_conjuncts(p: Pair<Rule>, map: &dyn SpanMap) -> Vec<Result<Expr, Diagnostic>> {
    let mut p = p;
    if p.as_rule() == Rule::expr {
        p = p.into_inner().next().expect("or_expr");
    }
    let parts: Vec<Pair<Rule>> = p.clone().into_inner().collect();
    if p.as_rule() != Rule::or_expr || parts.len() != 1 {
        return vec![build_expr(p, map)];
    }
    let and = parts.into_iter().next().expect("and_expr");
    and.into_inner()
        .filter(|q| q.as_rule() != Rule::kw_and)
        .map(|q| build_expr(q, map))
        .collect()
}

/// Build an order item from a pair whose children are `expr`, `order_dir?`, `nulls_clause?`.
pub(crate) fn build_order_item(p: Pair<Rule>, map: &dyn SpanMap) -> Result<OrderItem, Diagnostic> {
    let span = map.span(p.as_span().start(), p.as_span().end());
    let mut b = AstBuilder { map };
    let mut inner = p.into_inner();
    let expr = b.expr(inner.next().expect("expr"))?.0;
    let mut descending = false;
    let mut nulls = None;
    for p in inner {
        match p.as_rule() {
            Rule::order_dir => descending = p.as_str().eq_ignore_ascii_case("desc"),
            Rule::nulls_clause => {
                let which = p.into_inner().nth(1).expect("first|last");
                nulls = Some(if which.as_rule() == Rule::kw_first {
                    NullsOrder::First
                } else {
                    NullsOrder::Last
                });
            }
            _ => {}
        }
    }
    Ok(OrderItem {
        expr,
        descending,
        nulls,
        span,
    })
}

pub(super) struct AstBuilder<'a> {
    pub(super) map: &'a dyn SpanMap,
}

type Built = (Expr, usize);

fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        span,
        format!("expression nested deeper than {MAX_EXPR_DEPTH} levels"),
    )
    .with_help("split the expression; no report needs this many operators in a chain")
}

impl AstBuilder<'_> {
    pub(super) fn span(&self, p: &Pair<Rule>) -> Span {
        self.map.span(p.as_span().start(), p.as_span().end())
    }

    fn mk(&self, kind: ExprKind, span: Span, depth: usize) -> Result<Built, Diagnostic> {
        if depth > MAX_EXPR_DEPTH {
            return Err(too_deep(span));
        }
        Ok((
            Expr {
                kind,
                span,
                parens: false,
            },
            depth,
        ))
    }

    fn expr(&mut self, p: Pair<Rule>) -> Result<Built, Diagnostic> {
        match p.as_rule() {
            Rule::expr => self.expr(p.into_inner().next().expect("inner")),
            Rule::paren => {
                let (mut e, depth) = self.expr(p.into_inner().next().expect("inner"))?;
                e.parens = true;
                Ok((e, depth))
            }
            Rule::or_expr | Rule::and_expr => {
                let op = if p.as_rule() == Rule::or_expr {
                    BinOp::Or
                } else {
                    BinOp::And
                };
                let mut it = p.into_inner();
                let (mut acc, mut depth) = self.expr(it.next().expect("operand"))?;
                for q in it {
                    if matches!(q.as_rule(), Rule::kw_and | Rule::kw_or) {
                        continue;
                    }
                    let (rhs, d) = self.expr(q)?;
                    let (kind, span) = Expr::binary_parts(op, acc, rhs);
                    (acc, depth) = self.mk(kind, span, depth.max(d) + 1)?;
                }
                Ok((acc, depth))
            }
            Rule::not_expr => {
                let span = self.span(&p);
                let mut nots = 0;
                let mut last = None;
                for q in p.into_inner() {
                    if q.as_rule() == Rule::not_op {
                        nots += 1;
                    } else {
                        last = Some(q);
                    }
                }
                let (mut e, mut depth) = self.expr(last.expect("predicate"))?;
                for _ in 0..nots {
                    (e, depth) = self.mk(ExprKind::Not(Box::new(e)), span, depth + 1)?;
                }
                Ok((e, depth))
            }
            Rule::predicate => self.predicate(p),
            Rule::sum | Rule::product => {
                let mut it = p.into_inner();
                let (mut acc, mut depth) = self.expr(it.next().expect("operand"))?;
                while let Some(op) = it.next() {
                    let op = match op.as_str() {
                        "+" => BinOp::Add,
                        "-" => BinOp::Sub,
                        "*" => BinOp::Mul,
                        _ => BinOp::Div,
                    };
                    let (rhs, d) = self.expr(it.next().expect("rhs"))?;
                    let (kind, span) = Expr::binary_parts(op, acc, rhs);
                    (acc, depth) = self.mk(kind, span, depth.max(d) + 1)?;
                }
                Ok((acc, depth))
            }
            Rule::unary => {
                let span = self.span(&p);
                let mut negs = 0;
                let mut last = None;
                for q in p.into_inner() {
                    if q.as_rule() == Rule::neg_op {
                        negs += 1;
                    } else {
                        last = Some(q);
                    }
                }
                let (mut e, mut depth) = self.expr(last.expect("operand"))?;
                for _ in 0..negs {
                    (e, depth) = self.mk(ExprKind::Neg(Box::new(e)), span, depth + 1)?;
                }
                Ok((e, depth))
            }
            Rule::bucketed => {
                let span = self.span(&p);
                let mut it = p.into_inner();
                let (e, depth) = self.expr(it.next().expect("primary"))?;
                match it.find(|q| q.as_rule() == Rule::time_unit) {
                    None => Ok((e, depth)),
                    Some(u) => {
                        let unit = self.time_unit(&u);
                        self.mk(
                            ExprKind::Bucket {
                                expr: Box::new(e),
                                unit,
                            },
                            span,
                            depth + 1,
                        )
                    }
                }
            }
            Rule::primary => self.expr(p.into_inner().next().expect("primary")),
            Rule::literal => {
                let inner = p.into_inner().next().expect("literal");
                let span = self.span(&inner);
                let lit = self.literal(inner)?;
                Ok((
                    Expr {
                        kind: ExprKind::Literal(lit),
                        span,
                        parens: false,
                    },
                    1,
                ))
            }
            Rule::param => {
                let span = self.span(&p);
                let name = p.into_inner().next().expect("ident").as_str().to_string();
                Ok((
                    Expr {
                        kind: ExprKind::Param(name),
                        span,
                        parens: false,
                    },
                    1,
                ))
            }
            Rule::name => {
                let span = self.span(&p);
                let name = self.name(p)?;
                Ok((
                    Expr {
                        kind: ExprKind::Name(name),
                        span,
                        parens: false,
                    },
                    1,
                ))
            }
            Rule::call => {
                let span = self.span(&p);
                let mut it = p.into_inner();
                let id = it.next().expect("ident");
                let name = Spanned::new(id.as_str().to_string(), self.span(&id));
                let mut args = Vec::new();
                let mut filter = None;
                let mut depth = 1;
                for q in it {
                    if q.as_rule() == Rule::agg_filter {
                        let cond = q
                            .into_inner()
                            .find(|r| r.as_rule() == Rule::expr)
                            .expect("cond");
                        let (c, d) = self.expr(cond)?;
                        depth = depth.max(d + 1);
                        filter = Some(Box::new(c));
                    } else {
                        let (a, d) = self.expr(q)?;
                        depth = depth.max(d + 1);
                        args.push(a);
                    }
                }
                self.mk(ExprKind::Call { name, args, filter }, span, depth)
            }
            r => unreachable!("unexpected rule {r:?}"),
        }
    }

    fn predicate(&mut self, p: Pair<Rule>) -> Result<Built, Diagnostic> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let (lhs, ld) = self.expr(it.next().expect("lhs"))?;
        let Some(tail) = it.next() else {
            return Ok((lhs, ld));
        };
        let tail_rule = tail.as_rule();
        let mut parts = tail.into_inner().peekable();
        let negated = parts
            .peek()
            .map(|q| q.as_rule() == Rule::negation)
            .unwrap_or(false);
        if negated {
            parts.next();
        }
        let lhs = Box::new(lhs);
        match tail_rule {
            Rule::cmp_tail => {
                let op = parts.next().expect("op");
                let op = match op.as_str() {
                    "=" | "==" => BinOp::Eq,
                    "!=" | "<>" => BinOp::NotEq,
                    "<" => BinOp::Lt,
                    "<=" => BinOp::LtEq,
                    ">" => BinOp::Gt,
                    _ => BinOp::GtEq,
                };
                let (rhs, rd) = self.expr(parts.next().expect("rhs"))?;
                self.mk(
                    ExprKind::Binary {
                        op,
                        left: lhs,
                        right: Box::new(rhs),
                    },
                    span,
                    ld.max(rd) + 1,
                )
            }
            Rule::in_tail => {
                let target = parts
                    .find(|q| q.as_rule() != Rule::kw_in)
                    .expect("in target");
                if target.as_rule() == Rule::range {
                    let range = self.range(target)?;
                    self.mk(
                        ExprKind::InRange {
                            expr: lhs,
                            range,
                            negated,
                        },
                        span,
                        ld + 1,
                    )
                } else {
                    let mut list = Vec::new();
                    let mut depth = ld;
                    for item in target.into_inner() {
                        let (e, d) = self.expr(item)?;
                        depth = depth.max(d);
                        list.push(e);
                    }
                    self.mk(
                        ExprKind::InList {
                            expr: lhs,
                            list,
                            negated,
                        },
                        span,
                        depth + 1,
                    )
                }
            }
            Rule::between_tail => {
                let mut ops = parts.filter(|q| q.as_rule() == Rule::sum);
                let (low, d1) = self.expr(ops.next().expect("low"))?;
                let (high, d2) = self.expr(ops.next().expect("high"))?;
                self.mk(
                    ExprKind::Between {
                        expr: lhs,
                        low: Box::new(low),
                        high: Box::new(high),
                        negated,
                    },
                    span,
                    ld.max(d1).max(d2) + 1,
                )
            }
            Rule::is_tail => {
                let negated = parts.any(|q| q.as_rule() == Rule::negation);
                self.mk(ExprKind::IsNull { expr: lhs, negated }, span, ld + 1)
            }
            Rule::match_tail => {
                let op = parts.next().expect("match op");
                let word = op.as_str().to_ascii_lowercase();
                let case_insensitive = word.starts_with('i');
                let op = match word.trim_start_matches('i') {
                    "contains" => MatchOp::Contains,
                    "starts_with" => MatchOp::StartsWith,
                    _ => MatchOp::EndsWith,
                };
                let (pattern, pd) = self.expr(parts.next().expect("pattern"))?;
                self.mk(
                    ExprKind::Match {
                        op,
                        case_insensitive,
                        expr: lhs,
                        pattern: Box::new(pattern),
                        negated,
                    },
                    span,
                    ld.max(pd) + 1,
                )
            }
            r => unreachable!("unexpected tail {r:?}"),
        }
    }

    fn time_unit(&self, p: &Pair<Rule>) -> Spanned<TimeUnit> {
        let unit = TimeUnit::parse(p.as_str()).unwrap_or(TimeUnit::Day);
        Spanned::new(unit, self.span(p))
    }

    fn range(&mut self, p: Pair<Rule>) -> Result<Spanned<RelativeRange>, Diagnostic> {
        let span = self.span(&p);
        let inner = p.into_inner().next().expect("range");
        let rule = inner.as_rule();
        let value = match rule {
            Rule::range_today => RelativeRange::This(TimeUnit::Day),
            Rule::range_yesterday => RelativeRange::Previous(TimeUnit::Day),
            _ => {
                let parts: Vec<Pair<Rule>> = inner.into_inner().collect();
                let unit = self.time_unit(parts.last().expect("unit")).value;
                match rule {
                    Rule::range_last => {
                        let n = &parts[1];
                        let count: u32 = n
                            .as_str()
                            .parse()
                            .ok()
                            .filter(|n| (1..=100_000).contains(n))
                            .ok_or_else(|| {
                                Diagnostic::error(
                                    Code::OutOfRange,
                                    self.span(n),
                                    format!("`last {}` is out of range", n.as_str()),
                                )
                                .with_help("use a whole number from 1 to 100000")
                            })?;
                        RelativeRange::Last(count, unit)
                    }
                    Rule::range_this => RelativeRange::This(unit),
                    _ => RelativeRange::Previous(unit),
                }
            }
        };
        Ok(Spanned::new(value, span))
    }

    fn name(&self, p: Pair<Rule>) -> Result<String, Diagnostic> {
        let inner = p.into_inner().next().expect("name");
        if inner.as_rule() == Rule::quoted_ident {
            let s = inner.as_str();
            let body = &s[1..s.len() - 1];
            let name = body.replace("``", "`");
            if name.is_empty() {
                return Err(Diagnostic::error(
                    Code::BadLiteral,
                    self.span(&inner),
                    "empty quoted name",
                ));
            }
            Ok(name)
        } else {
            Ok(inner.as_str().to_string())
        }
    }
}
