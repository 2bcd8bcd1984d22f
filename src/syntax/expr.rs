//! The expression parser: text -> [`Expr`] through the pest grammar in `grammar/report.pest`.
//! Spans are mapped back to the user's file through a [`SpanMap`], so an error inside a YAML
//! value points at the exact characters.

use super::ast::*;
use crate::diagnostics::{Code, Diagnostic, Span, Spanned};
use pest::iterators::Pair;
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/report.pest"]
pub struct ExprParser;

/// Deepest accepted expression nesting (parentheses, operators, `not`s).
pub const MAX_EXPR_DEPTH: usize = 128;

/// Maps byte offsets in the parsed text to spans in the user's file.
pub trait SpanMap {
    fn span(&self, start: usize, end: usize) -> Span;
}

/// The parsed text is a verbatim slice of the file starting at this byte offset.
pub struct Offset(pub usize);

impl SpanMap for Offset {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.0 + start, self.0 + end)
    }
}

/// The parsed text is the value of a YAML scalar.
pub struct InScalar<'a> {
    pub scalar: &'a crate::yaml::Scalar,
}

impl SpanMap for InScalar<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        let v = &self.scalar.value;
        let to_char = |b: usize| {
            v.get(..b.min(v.len()))
                .map(|s| s.chars().count())
                .unwrap_or(0)
        };
        self.scalar.sub_span(to_char(start), to_char(end))
    }
}

/// Parse one expression (a filter, a column, a having item).
pub fn parse_expr(text: &str, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    check_depth(text, map)?;
    let mut pairs = ExprParser::parse(Rule::expr_entry, text)
        .map_err(|e| syntax_error(e, text, map, Flavor::Yaml))?;
    let entry = pairs.next().expect("expr_entry");
    let expr_pair = entry.into_inner().next().expect("expr");
    build_expr(expr_pair, map)
}

/// Build the AST of an `expr` pair (or any expression rule) parsed elsewhere (the DSL).
pub(crate) fn build_expr(p: Pair<Rule>, map: &dyn SpanMap) -> Result<Expr, Diagnostic> {
    let mut b = Builder { map };
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
    let mut b = Builder { map };
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

/// Parse one `order_by` item: an expression, optionally `asc`/`desc` and `nulls first|last`.
pub fn parse_order_item(text: &str, map: &dyn SpanMap) -> Result<OrderItem, Diagnostic> {
    check_depth(text, map)?;
    let mut pairs = ExprParser::parse(Rule::order_entry, text)
        .map_err(|e| syntax_error(e, text, map, Flavor::Yaml))?;
    let entry = pairs.next().expect("order_entry");
    build_order_item(entry, map)
}

/// Refuse deep nesting before pest recurses into it.
pub(crate) fn check_depth(text: &str, map: &dyn SpanMap) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q != '`' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => quote = Some(c),
            '(' => {
                depth += 1;
                if depth > MAX_EXPR_DEPTH {
                    return Err(Diagnostic::error(
                        Code::InputTooLarge,
                        map.span(i, i + 1),
                        format!("expression nested deeper than {MAX_EXPR_DEPTH} levels"),
                    )
                    .with_help("simplify the expression; no report needs this much nesting"));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn describe(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::expr
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::predicate
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::bucketed
        | Rule::primary
        | Rule::paren
        | Rule::call
        | Rule::name
        | Rule::ident
        | Rule::quoted_ident
        | Rule::literal
        | Rule::number
        | Rule::string
        | Rule::date
        | Rule::timestamp
        | Rule::duration
        | Rule::boolean
        | Rule::null => "a column, a number or a string",
        Rule::cmp_op | Rule::cmp_tail => "a comparison (`=`, `<`, ...)",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::in_tail | Rule::kw_in => "`in`",
        Rule::between_tail | Rule::kw_between => "`between`",
        Rule::is_tail | Rule::kw_is => "`is null`",
        Rule::match_tail | Rule::match_op => "`contains` or `starts_with`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not | Rule::negation | Rule::not_op => "`not`",
        Rule::kw_null => "`null`",
        Rule::kw_by => "`by`",
        Rule::kw_where => "`where`",
        Rule::list => "a list in parentheses, e.g. `('a', 'b')`",
        Rule::range
        | Rule::range_last
        | Rule::range_this
        | Rule::range_prev
        | Rule::range_today
        | Rule::range_yesterday
        | Rule::kw_last
        | Rule::kw_this
        | Rule::kw_previous => "a time range such as `last 7 days`, `this month` or `today`",
        Rule::time_unit => "a time unit (hour, day, week, month, quarter, year)",
        Rule::uint => "a whole number",
        Rule::order_dir => "`asc` or `desc`",
        Rule::nulls_clause | Rule::kw_nulls => "`nulls first` or `nulls last`",
        Rule::kw_first => "`first` or `last`",
        Rule::agg_filter => "`where`",
        Rule::EOI => "the end of the expression",
        Rule::dsl_clause_entry
        | Rule::dsl_file
        | Rule::report_clause
        | Rule::title_clause
        | Rule::description_clause
        | Rule::from_clause
        | Rule::timezone_clause
        | Rule::select_clause
        | Rule::where_clause
        | Rule::group_clause
        | Rule::having_clause
        | Rule::order_clause
        | Rule::limit_clause => "a clause (`report`, `from`, `select`, `where`, ...)",
        Rule::select_item => "an output column",
        Rule::output_name => "a name",
        Rule::order_item => "an output name",
        Rule::int => "a whole number",
        Rule::kw_report => "`report`",
        Rule::kw_title => "`title`",
        Rule::kw_description => "`description`",
        Rule::kw_from => "`from`",
        Rule::kw_timezone => "`timezone`",
        Rule::kw_select => "`select`",
        Rule::kw_group => "`group by`",
        Rule::kw_having => "`having`",
        Rule::kw_order => "`order by`",
        Rule::kw_limit => "`limit`",
        _ => return None,
    })
}

fn found_at(text: &str, pos: usize) -> String {
    let rest = &text[pos.min(text.len())..];
    let rest = rest.trim_start();
    if rest.is_empty() {
        return "the end of the expression".to_string();
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .take(30)
        .collect();
    if word.is_empty() {
        format!("`{}`", rest.chars().next().unwrap_or(' '))
    } else {
        format!("`{word}`")
    }
}

/// Which front end a syntax error is reported for (the help lines differ).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Yaml,
    Dsl,
}

pub(crate) fn syntax_error(
    e: pest::error::Error<Rule>,
    text: &str,
    map: &dyn SpanMap,
    flavor: Flavor,
) -> Diagnostic {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    // point at the offending token (skip spaces)
    let skipped =
        text[pos.min(text.len())..].len() - text[pos.min(text.len())..].trim_start().len();
    let at = (pos + skipped).min(text.len());
    let tok_len = text[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>()
        .max(text[at..].chars().next().map(char::len_utf8).unwrap_or(0));
    let span = map.span(at, at + tok_len);
    let mut expected: Vec<&str> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(d) = describe(r) {
                if !expected.contains(&d) {
                    expected.push(d);
                }
            }
        }
    }
    let mut found = found_at(text, pos);
    if flavor == Flavor::Dsl && found == "the end of the expression" {
        found = "the end of the clause".into();
    }
    let what = match expected.len() {
        0 => "a valid expression".to_string(),
        1 => expected[0].to_string(),
        _ => {
            let last = expected.pop().unwrap_or_default();
            format!("{} or {}", expected.join(", "), last)
        }
    };
    let what = match flavor {
        Flavor::Dsl => what.replace("the end of the expression", "the end of the clause"),
        Flavor::Yaml => what,
    };
    let rest = text[at..].trim_start();
    let lower = rest.to_ascii_lowercase();
    let word: String = lower
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let unclosed = rest
        .chars()
        .next()
        .filter(|q| *q == '\'' || *q == '"')
        .is_some_and(|q| !rest[1..].contains(q));
    if unclosed {
        return Diagnostic::error(Code::ExprSyntax, span, "unclosed string")
            .with_label("this string is never closed")
            .with_help("close the string with the same quote it opens with");
    }
    let help: Option<String> = if text.contains("(*)") {
        Some("write `count()` to count rows".into())
    } else if word == "like" || word == "ilike" {
        Some("use `contains`, `starts_with` or `ends_with` (`icontains`, ... to ignore case); no wildcards are needed".into())
    } else if word == "where" && flavor == Flavor::Dsl {
        Some("`where` here filters an aggregate, e.g. `count() where status = 'x'`; to filter rows, start a `where` clause on its own line".into())
    } else if word == "where" {
        Some("`where` filters an aggregate, e.g. `count() where status = 'x'`; to filter rows, use `filters`".into())
    } else if rest.starts_with("=>")
        || (rest.starts_with('>') && text[..at].trim_end().ends_with('='))
    {
        Some("did you mean `>=`?".into())
    } else if rest.starts_with("=<")
        || (rest.starts_with('<') && text[..at].trim_end().ends_with('='))
    {
        Some("did you mean `<=`?".into())
    } else if rest.starts_with("&&") || rest.starts_with("||") {
        Some("write `and` / `or` instead of `&&` / `||`".into())
    } else if rest.starts_with("==") || rest.starts_with('!') {
        Some("comparisons are `=`, `!=`, `<`, `<=`, `>`, `>=`".into())
    } else if rest.starts_with(':') && flavor == Flavor::Dsl {
        Some("name an output with `=`: `select avg_wait = avg(wait_time)`".into())
    } else if rest.starts_with(':')
        && text[..at]
            .trim()
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_')
    {
        Some(format!(
            "this looks like `name: expression` inside quotes: quote only the expression, e.g. `- {}: \"...\"`",
            text[..at].trim()
        ))
    } else if rest.starts_with(',') && flavor == Flavor::Dsl {
        Some("a comma separates items only in `select`, `group by` and `order by`; join conditions with `and`".into())
    } else if rest.starts_with(',') {
        Some("to give several items, write a YAML list: one `- item` per line".into())
    } else if has_decimal_duration(text) {
        Some("durations take whole numbers per unit: write `1m30s`, not `1.5m`".into())
    } else if found == "the end of the expression" || found == "the end of the clause" {
        Some("the expression is incomplete".into())
    } else {
        None
    };
    let mut d = Diagnostic::error(
        Code::ExprSyntax,
        span,
        format!("expected {what}, found {found}"),
    )
    .with_label("unexpected here");
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

fn has_decimal_duration(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit() && {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            j > i + 1 && j < b.len() && matches!(b[j], b's' | b'm' | b'h' | b'd')
        }
    })
}

struct Builder<'a> {
    map: &'a dyn SpanMap,
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

impl Builder<'_> {
    fn span(&self, p: &Pair<Rule>) -> Span {
        self.map.span(p.as_span().start(), p.as_span().end())
    }

    fn mk(&self, kind: ExprKind, span: Span, depth: usize) -> Result<Built, Diagnostic> {
        if depth > MAX_EXPR_DEPTH {
            return Err(too_deep(span));
        }
        Ok((Expr { kind, span }, depth))
    }

    fn expr(&mut self, p: Pair<Rule>) -> Result<Built, Diagnostic> {
        match p.as_rule() {
            Rule::expr | Rule::paren => self.expr(p.into_inner().next().expect("inner")),
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
                    let span = acc.span.join(rhs.span);
                    let kind = ExprKind::Binary {
                        op,
                        left: Box::new(acc),
                        right: Box::new(rhs),
                    };
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
                    let span = acc.span.join(rhs.span);
                    let kind = ExprKind::Binary {
                        op,
                        left: Box::new(acc),
                        right: Box::new(rhs),
                    };
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

    fn literal(&self, p: Pair<Rule>) -> Result<Literal, Diagnostic> {
        let span = self.span(&p);
        let s = p.as_str();
        match p.as_rule() {
            Rule::number => Ok(Literal::Number(s.to_string())),
            Rule::boolean => Ok(Literal::Bool(matches!(
                s.to_ascii_lowercase().as_str(),
                "yes" | "true"
            ))),
            Rule::null => Ok(Literal::Null),
            Rule::date => s
                .parse::<jiff::civil::Date>()
                .map(Literal::Date)
                .map_err(|_| bad_date(span, s)),
            Rule::timestamp => {
                let norm = s.replacen(' ', "T", 1);
                norm.parse::<jiff::civil::DateTime>()
                    .map(Literal::Timestamp)
                    .map_err(|_| bad_date(span, s))
            }
            Rule::duration => parse_duration(s).map(Literal::Duration).ok_or_else(|| {
                Diagnostic::error(
                    Code::BadLiteral,
                    span,
                    format!("duration `{s}` is too large"),
                )
                .with_help("durations are written like `90s`, `2m`, `1h30m`")
            }),
            Rule::string => {
                let inner = p.into_inner().next().expect("string body");
                let quote = s.chars().next().unwrap_or('\'');
                unescape(inner.as_str(), quote).map(Literal::String).map_err(|(off, msg)| {
                    let st = inner.as_span().start() + off;
                    Diagnostic::error(Code::BadLiteral, self.map.span(st, st + 2), msg)
                        .with_help("valid escapes: \\\\ \\' \\\" \\n \\t \\r \\u{hex}; a quote may also be doubled: ''")
                })
            }
            r => unreachable!("unexpected literal {r:?}"),
        }
    }
}

fn bad_date(span: Span, s: &str) -> Diagnostic {
    Diagnostic::error(Code::BadLiteral, span, format!("`{s}` is not a valid date or timestamp"))
        .with_help("write dates as YYYY-MM-DD and timestamps as YYYY-MM-DDTHH:MM[:SS], with real months and days")
}

/// `1h30m` -> milliseconds.
pub fn parse_duration(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().ok()?;
        num.clear();
        let factor = match c {
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(factor)?)?;
    }
    Some(total)
}

/// Decode a string body. Errors give the byte offset of the bad escape.
pub fn unescape(body: &str, quote: char) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == quote && quote == '\'' {
            // `''` stands for one quote
            it.next();
            out.push('\'');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            return Err((i, "a string cannot end with a lone backslash".into()));
        };
        match e {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'u' => {
                if it.next().map(|x| x.1) != Some('{') {
                    return Err((i, "expected `{` after `\\u`".into()));
                }
                let mut hex = String::new();
                loop {
                    match it.next() {
                        Some((_, '}')) => break,
                        Some((_, h)) if h.is_ascii_hexdigit() && hex.len() < 6 => hex.push(h),
                        _ => {
                            return Err((
                                i,
                                "invalid unicode escape; write it as `\\u{1F600}`".into(),
                            ))
                        }
                    }
                }
                let ch = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or((i, format!("`\\u{{{hex}}}` is not a unicode character")))?;
                out.push(ch);
            }
            other => return Err((i, format!("unknown escape `\\{other}`"))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Expr {
        parse_expr(s, &Offset(0)).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }
    fn err(s: &str) -> Diagnostic {
        parse_expr(s, &Offset(0)).unwrap_err()
    }

    #[test]
    fn precedence() {
        let e = p("a = 1 or b = 2 and not c = 3");
        let ExprKind::Binary {
            op: BinOp::Or,
            right,
            ..
        } = e.kind
        else {
            panic!()
        };
        assert!(matches!(
            right.kind,
            ExprKind::Binary { op: BinOp::And, .. }
        ));
        let e = p("a + b * c");
        let ExprKind::Binary {
            op: BinOp::Add,
            right,
            ..
        } = e.kind
        else {
            panic!()
        };
        assert!(matches!(
            right.kind,
            ExprKind::Binary { op: BinOp::Mul, .. }
        ));
    }

    #[test]
    fn literals() {
        let lit = |s: &str| match p(s).kind {
            ExprKind::Literal(l) => l,
            k => panic!("{k:?}"),
        };
        assert_eq!(lit("'it''s'"), Literal::String("it's".into()));
        assert_eq!(lit(r#""a\"b\u{1F600}""#), Literal::String("a\"b😀".into()));
        assert_eq!(lit("1h30m"), Literal::Duration(5_400_000));
        assert_eq!(lit("250ms"), Literal::Duration(250));
        assert_eq!(lit("yes"), Literal::Bool(true));
        assert_eq!(lit("No"), Literal::Bool(false));
        assert_eq!(
            lit("2026-02-28"),
            Literal::Date(jiff::civil::date(2026, 2, 28))
        );
        assert!(matches!(lit("2026-02-28T08:30"), Literal::Timestamp(_)));
        assert!(matches!(lit("2026-02-28 08:30:15"), Literal::Timestamp(_)));
        assert_eq!(lit("12.50"), Literal::Number("12.50".into()));
    }

    #[test]
    fn tails_and_ranges() {
        assert!(matches!(
            p("x not in ('a', 'b')").kind,
            ExprKind::InList { negated: true, .. }
        ));
        assert!(matches!(
            p("d in last 7 days").kind,
            ExprKind::InRange {
                range: Spanned {
                    value: RelativeRange::Last(7, TimeUnit::Day),
                    ..
                },
                ..
            }
        ));
        assert!(matches!(
            p("d in previous month").kind,
            ExprKind::InRange {
                range: Spanned {
                    value: RelativeRange::Previous(TimeUnit::Month),
                    ..
                },
                ..
            }
        ));
        assert!(matches!(
            p("x between 1 and 5").kind,
            ExprKind::Between { .. }
        ));
        assert!(matches!(
            p("x is not null").kind,
            ExprKind::IsNull { negated: true, .. }
        ));
        assert!(matches!(
            p("x not icontains 'a'").kind,
            ExprKind::Match {
                negated: true,
                case_insensitive: true,
                op: MatchOp::Contains,
                ..
            }
        ));
        assert!(matches!(
            p("d by week").kind,
            ExprKind::Bucket {
                unit: Spanned {
                    value: TimeUnit::Week,
                    ..
                },
                ..
            }
        ));
        let ExprKind::Call { filter, .. } = p("count() where s = 'a' and t = 'b'").kind else {
            panic!()
        };
        assert!(filter.is_some());
    }

    #[test]
    fn errors_in_user_words() {
        let e = err("queue = ");
        assert_eq!(e.code, Code::ExprSyntax);
        assert!(
            e.message
                .contains("expected a column, a number or a string"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Span::new(8, 8));
        let e = err("a = 'x' && b = 1");
        assert_eq!(
            e.help.as_deref(),
            Some("write `and` / `or` instead of `&&` / `||`")
        );
        assert_eq!(err(r"'\q'").code, Code::BadLiteral);
        assert_eq!(err("2026-02-30").code, Code::BadLiteral);
    }

    #[test]
    fn depth_is_capped() {
        let deep = "(".repeat(10_000) + "1" + &")".repeat(10_000);
        assert_eq!(err(&deep).code, Code::InputTooLarge);
        let chain = vec!["a"; 5_000].join(" + ");
        assert_eq!(err(&chain).code, Code::InputTooLarge);
        let nots = "not ".repeat(5_000) + "a";
        assert_eq!(err(&nots).code, Code::InputTooLarge);
    }

    #[test]
    fn order_items() {
        let o = parse_order_item("abandons desc nulls first", &Offset(0)).unwrap();
        assert!(o.descending);
        assert_eq!(o.nulls, Some(NullsOrder::First));
    }
}
