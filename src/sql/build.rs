//! IR -> sqlparser AST for one dialect. The only module that constructs sqlparser AST nodes
//! (sqlparser's AST changes every minor release; its version is pinned in Cargo.toml).
//! It reads the dialect's capability row and function table and never matches on a dialect.

use super::dialect::{Dialect, Fold, LikeEscape, StringStyle};
use super::functions::{instantiate, parse_template, Arg, Func, Render, Trusted};
use super::lower::Plan;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::*;
use crate::vocab::{BaseUnit, BinOp, MatchOp, RelativeRange, TimeUnit};
use sqlparser::ast::{
    self as sa, BinaryOperator, Expr, GroupByExpr, Ident, ObjectName, ObjectNamePart, OrderByKind,
    OrderBySort, SelectItem, SetExpr, Statement, TableFactor, UnaryOperator, Value,
};
use sqlparser::parser::Parser;

pub struct Builder<'d> {
    pub d: &'d Dialect,
    /// The report time zone (`None` is UTC), resolved by check.
    pub zone: Option<&'d Zone>,
    /// The table name that qualifies a column whose name an output alias shadows.
    pub table: String,
    /// Physical column names that are also the alias of a different output: written
    /// `table.column`, since engines disagree on which one a bare name means in HAVING.
    pub shadowed: Vec<String>,
}

type B<T> = Result<T, Diagnostic>;

/// The query skeleton of the dialect's LIMIT style, parsed once with the dialect's parser.
fn skeleton(d: &Dialect) -> Result<&Statement, Diagnostic> {
    if let Some(s) = d.caches.skeleton.get() {
        return Ok(s);
    }
    let dialect = (d.parser)();
    let parsed = Parser::parse_sql(dialect.as_ref(), d.limit.skeleton())
        .ok()
        .and_then(|mut v| v.pop())
        .ok_or_else(|| {
            Diagnostic::error(
                Code::Unsupported,
                Span::empty(),
                format!("internal error: no query skeleton for {}", d.display),
            )
        })?;
    Ok(d.caches.skeleton.get_or_init(|| parsed))
}

fn num(n: impl ToString) -> Expr {
    Expr::value(Value::Number(n.to_string(), false))
}

/// Binding strength of an expression, for parenthesising.
fn prec(e: &Expr) -> u8 {
    match e {
        Expr::BinaryOp { op, .. } => match op {
            BinaryOperator::Or => 1,
            BinaryOperator::And => 2,
            BinaryOperator::Plus | BinaryOperator::Minus => 5,
            BinaryOperator::Multiply | BinaryOperator::Divide => 6,
            _ => 4,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Not,
            ..
        } => 3,
        Expr::UnaryOp { .. } => 7,
        Expr::Like { .. }
        | Expr::ILike { .. }
        | Expr::In { .. }
        | Expr::Between { .. }
        | Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::AtTimeZone { .. }
        | Expr::AnyOp { .. } => 4,
        _ => 9,
    }
}

fn nest(e: Expr) -> Expr {
    Expr::Nested(Box::new(e))
}

fn binop(op: BinaryOperator, l: Expr, r: Expr) -> Expr {
    let p = prec(&Expr::BinaryOp {
        left: Box::new(Expr::value(Value::Null)),
        op: op.clone(),
        right: Box::new(Expr::value(Value::Null)),
    });
    let assoc = matches!(
        op,
        BinaryOperator::And | BinaryOperator::Or | BinaryOperator::Plus | BinaryOperator::Multiply
    );
    let (pl, pr) = (prec(&l), prec(&r));
    // `a AND b OR c` is right, but `(a AND b) OR c` is what a reader expects
    let and_in_or = |x: u8| p == 1 && x == 2;
    let l = if pl < p || (p == 4 && pl == 4) || and_in_or(pl) {
        nest(l)
    } else {
        l
    };
    let r = if pr < p || (pr == p && !assoc) || and_in_or(pr) {
        nest(r)
    } else {
        r
    };
    Expr::BinaryOp {
        left: Box::new(l),
        op,
        right: Box::new(r),
    }
}

fn and_all(mut es: Vec<Expr>) -> Option<Expr> {
    if es.is_empty() {
        return None;
    }
    let first = es.remove(0);
    Some(
        es.into_iter()
            .fold(first, |acc, e| binop(BinaryOperator::And, acc, e)),
    )
}

fn not(e: Expr) -> Expr {
    let e = if prec(&e) < 9 { nest(e) } else { e };
    Expr::UnaryOp {
        op: UnaryOperator::Not,
        expr: Box::new(e),
    }
}

/// Escape LIKE wildcards so the pattern matches its text literally.
fn like_escape(s: &str, brackets: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') || (brackets && c == '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl<'d> Builder<'d> {
    fn unsupported(&self, what: &str, reason: &str, span: Span) -> Diagnostic {
        Diagnostic::error(
            Code::Unsupported,
            span,
            format!(
                "{} cannot express {what} with the same meaning",
                self.d.display
            ),
        )
        .with_label(format!("not supported by {}", self.d.display))
        .with_help(format!(
            "{reason}; compile for another dialect or remove this construct"
        ))
    }

    /// Instantiate the dialect's rendering of `f`.
    fn call(&self, f: Func, args: Vec<Arg>, span: Span) -> B<Expr> {
        match self.d.render(f) {
            Render::Sql(_) => {
                let t = parse_template(self.d, f).map_err(|e| {
                    Diagnostic::error(Code::Unsupported, span, format!("internal error: {e}"))
                        .with_help("this is a bug in reportc's function table; please report it")
                })?;
                Ok(instantiate(t, args))
            }
            Render::Unsupported(reason) => Err(self.unsupported(f.describe(), reason, span)),
            Render::NotYet(reason) => Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!(
                    "reportc cannot compile {} for {} yet",
                    f.describe(),
                    self.d.display
                ),
            )
            .with_label(format!("not yet supported for {}", self.d.display))
            .with_help(format!(
                "{reason}; compile for another dialect or remove this construct"
            ))),
        }
    }

    /// An identifier, quoted only when the dialect needs it.
    pub fn ident(&self, name: &str) -> Ident {
        let regular = {
            let mut chars = name.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        // a bare name must fold to itself: lower case where the engine folds to lower case;
        // all lower or all upper case where it folds to upper case (lower case is how
        // catalogues usually spell names created without quotes)
        let case_ok = match self.d.fold {
            Fold::Lower => !name.chars().any(|c| c.is_ascii_uppercase()),
            Fold::Upper => {
                !name.chars().any(|c| c.is_ascii_uppercase())
                    || !name.chars().any(|c| c.is_ascii_lowercase())
            }
            Fold::None => true,
        };
        if regular && case_ok && !self.d.is_reserved(name) {
            Ident::new(name)
        } else if self.d.ident_backslash_escape {
            // sqlparser's printer leaves a backslash-escaped quote alone
            let q = self.d.ident_quote;
            let mut v = String::with_capacity(name.len() + 2);
            for c in name.chars() {
                if c == '\\' || c == q {
                    v.push('\\');
                }
                v.push(c);
            }
            Ident::with_quote(q, v)
        } else {
            Ident::with_quote(self.d.ident_quote, name)
        }
    }

    /// A string literal, escaped for the dialect. sqlparser's printer leaves an escaped quote
    /// (`''` or `\'`) alone, so the text printed is exactly what is built here.
    pub fn string(&self, s: &str, span: Span) -> B<Expr> {
        if s.is_empty() && self.d.empty_string_is_null {
            return Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!(
                    "{} stores the empty string as NULL, so a comparison with '' never holds",
                    self.d.display
                ),
            )
            .with_help("test `is null` instead"));
        }
        let mut out = String::with_capacity(s.len() + 2);
        for c in s.chars() {
            match (self.d.strings, c) {
                (_, '\0') => match self.d.nul_escape {
                    Some(e) => out.push_str(e),
                    None => {
                        return Err(Diagnostic::error(
                            Code::Unsupported,
                            span,
                            format!(
                                "{} strings cannot contain the NUL character",
                                self.d.display
                            ),
                        )
                        .with_help("remove the \\0 from the string"))
                    }
                },
                (StringStyle::Standard, '\'') => out.push_str("''"),
                (StringStyle::Standard, c) => out.push(c),
                (StringStyle::Backslash, '\'') => out.push_str("\\'"),
                (StringStyle::Backslash, '\\') => out.push_str("\\\\"),
                (StringStyle::Backslash, '\n') => out.push_str("\\n"),
                (StringStyle::Backslash, '\r') => out.push_str("\\r"),
                (StringStyle::Backslash, '\t') => out.push_str("\\t"),
                (StringStyle::Backslash, c) => out.push(c),
                (StringStyle::DoubledWithBackslash, '\'') => out.push_str("''"),
                (StringStyle::DoubledWithBackslash, '\\') => out.push_str("\\\\"),
                (StringStyle::DoubledWithBackslash, c) => out.push(c),
            }
        }
        if self.d.national_strings && !s.is_ascii() {
            return Ok(Expr::value(Value::NationalStringLiteral(out)));
        }
        Ok(Expr::value(Value::SingleQuotedString(out)))
    }

    fn value(&self, v: &Value_, ty: Ty, span: Span) -> B<Expr> {
        Ok(match v {
            Value_::Text(s) => self.string(s, span)?,
            Value_::Number(n) => match n.strip_prefix('-') {
                Some(pos) => Expr::UnaryOp {
                    op: UnaryOperator::Minus,
                    expr: Box::new(num(pos)),
                },
                None => num(n),
            },
            Value_::Bool(b) if self.d.boolean_literals => Expr::value(Value::Boolean(*b)),
            Value_::Bool(b) => num(u8::from(*b)),
            Value_::Null => Expr::value(Value::Null),
            Value_::Timestamp(dt) => {
                if ty == (Ty::Timestamp { local: true }) {
                    let zone = self.zone.map_or("UTC", |z| z.name.as_str());
                    let args = vec![
                        Arg::Const(Trusted::timestamp(*dt)),
                        Arg::Expr(self.string(zone, span)?),
                    ];
                    self.call(Func::LocalTimestampLit, args, span)?
                } else {
                    self.call(
                        Func::TimestampLit,
                        vec![Arg::Const(Trusted::timestamp(*dt))],
                        span,
                    )?
                }
            }
        })
    }

    pub fn expr(&self, e: &TExpr) -> B<Expr> {
        let span = e.span;
        Ok(match &e.kind {
            TKind::Column(name) if self.shadowed.contains(name) => {
                Expr::CompoundIdentifier(vec![self.ident(&self.table), self.ident(name)])
            }
            TKind::Column(name) => Expr::Identifier(self.ident(name)),
            TKind::Lit(v) => self.value(v, e.ty, span)?,
            TKind::Neg(x) => {
                let x = self.expr(x)?;
                let x = if prec(&x) < 7 { nest(x) } else { x };
                Expr::UnaryOp {
                    op: UnaryOperator::Minus,
                    expr: Box::new(x),
                }
            }
            TKind::Not(x) => not(self.cond(x)?),
            TKind::Binary { op, left, right } => {
                let (l, r) = if matches!(op, BinOp::And | BinOp::Or) {
                    (self.cond(left)?, self.cond(right)?)
                } else {
                    (self.expr(left)?, self.expr(right)?)
                };
                let op = match op {
                    BinOp::Add => BinaryOperator::Plus,
                    BinOp::Sub => BinaryOperator::Minus,
                    BinOp::Mul => BinaryOperator::Multiply,
                    BinOp::Div => BinaryOperator::Divide,
                    BinOp::Eq => BinaryOperator::Eq,
                    BinOp::NotEq => BinaryOperator::NotEq,
                    BinOp::Lt => BinaryOperator::Lt,
                    BinOp::LtEq => BinaryOperator::LtEq,
                    BinOp::Gt => BinaryOperator::Gt,
                    BinOp::GtEq => BinaryOperator::GtEq,
                    BinOp::And => BinaryOperator::And,
                    BinOp::Or => BinaryOperator::Or,
                };
                binop(op, l, r)
            }
            TKind::Div { left, right } => {
                let l = self.call(Func::ToFloat, vec![Arg::Expr(self.expr(left)?)], span)?;
                let r = self.call(Func::NullIfZero, vec![Arg::Expr(self.expr(right)?)], span)?;
                binop(BinaryOperator::Divide, l, r)
            }
            TKind::InList {
                expr,
                list,
                negated,
            } => Expr::In {
                expr: Box::new(self.operand(expr)?),
                target: sa::InTarget::List(
                    list.iter().map(|x| self.expr(x)).collect::<B<Vec<_>>>()?,
                ),
                negated: *negated,
                global: false,
            },
            TKind::Between {
                expr,
                low,
                high,
                negated,
            } => Expr::Between {
                expr: Box::new(self.operand(expr)?),
                negated: *negated,
                low: Box::new(self.operand(low)?),
                high: Box::new(self.operand(high)?),
            },
            TKind::IsNull { expr, negated } => {
                let x = Box::new(self.operand(expr)?);
                if *negated {
                    Expr::IsNotNull(x)
                } else {
                    Expr::IsNull(x)
                }
            }
            TKind::Match {
                op,
                case_insensitive,
                expr,
                pattern,
                negated,
            } => {
                if !self.d.like_case_sensitive {
                    return self.text_match(*op, *case_insensitive, expr, pattern, *negated, span);
                }
                let body = like_escape(pattern, self.d.like_brackets);
                let pat = match op {
                    MatchOp::Contains => format!("%{body}%"),
                    MatchOp::StartsWith => format!("{body}%"),
                    MatchOp::EndsWith => format!("%{body}"),
                };
                let mut x = self.expr(expr)?;
                let mut p = self.string(&pat, span)?;
                if *case_insensitive {
                    x = self.call(Func::Lower, vec![Arg::Expr(x)], span)?;
                    p = self.call(Func::Lower, vec![Arg::Expr(p)], span)?;
                }
                let x = if prec(&x) <= 4 { nest(x) } else { x };
                let escape_char = match self.d.like_escape {
                    LikeEscape::Clause => Some(Box::new(self.string("\\", span)?)),
                    LikeEscape::DefaultBackslash => None,
                };
                Expr::Like {
                    negated: *negated,
                    any: false,
                    expr: Box::new(x),
                    pattern: Box::new(p),
                    escape_char,
                }
            }
            TKind::ListContains {
                list,
                value,
                negated,
            } => {
                let c = self.call(
                    Func::ListContains,
                    vec![
                        Arg::Expr(self.expr(list)?),
                        Arg::Expr(self.string(value, span)?),
                    ],
                    span,
                )?;
                if *negated {
                    not(c)
                } else {
                    c
                }
            }
            TKind::Agg { func, arg, filter } => {
                self.aggregate(*func, arg.as_deref(), filter.as_deref(), span)?
            }
            TKind::Percentile {
                arg,
                fraction,
                filter,
            } => {
                let a = match filter {
                    Some(f) if !self.d.filter_clause => self.case_when(f, self.expr(arg)?)?,
                    _ => self.expr(arg)?,
                };
                let mut out = self.call(
                    Func::Percentile,
                    vec![Arg::Expr(a), Arg::Expr(num(fraction))],
                    span,
                )?;
                if let (Some(f), true) = (filter, self.d.filter_clause) {
                    self.set_filter(&mut out, f)?;
                }
                out
            }
            TKind::Func { func, args } => {
                let f = match func {
                    ScalarFunc::Lower => Func::Lower,
                    ScalarFunc::Upper => Func::Upper,
                    ScalarFunc::Round => Func::Round,
                };
                let args = args
                    .iter()
                    .map(|a| self.expr(a).map(Arg::Expr))
                    .collect::<B<Vec<_>>>()?;
                self.call(f, args, span)?
            }
            TKind::Bucket { expr, unit } => {
                let local = self.stored_to_local(self.expr(expr)?, span)?;
                self.trunc(*unit, local, span)?
            }
            TKind::InRange {
                expr,
                range,
                negated,
            } => {
                let x = self.expr(expr)?;
                let (lo, hi) = self.range_bounds(*range, span)?;
                if *negated {
                    binop(
                        BinaryOperator::Or,
                        binop(BinaryOperator::Lt, x.clone(), lo),
                        binop(BinaryOperator::GtEq, x, hi),
                    )
                } else {
                    binop(
                        BinaryOperator::And,
                        binop(BinaryOperator::GtEq, x.clone(), lo),
                        binop(BinaryOperator::Lt, x, hi),
                    )
                }
            }
        })
    }

    /// `contains` & co. through the function table, where LIKE ignores case.
    fn text_match(
        &self,
        op: MatchOp,
        ci: bool,
        expr: &TExpr,
        pattern: &str,
        negated: bool,
        span: Span,
    ) -> B<Expr> {
        let f = match op {
            MatchOp::Contains => Func::ContainsText,
            MatchOp::StartsWith => Func::StartsText,
            MatchOp::EndsWith => Func::EndsText,
        };
        let mut x = self.expr(expr)?;
        let mut p = self.string(pattern, span)?;
        if ci {
            x = self.call(Func::Lower, vec![Arg::Expr(x)], span)?;
            p = self.call(Func::Lower, vec![Arg::Expr(p)], span)?;
        }
        let m = self.call(f, vec![Arg::Expr(x), Arg::Expr(p)], span)?;
        Ok(if negated { not(m) } else { m })
    }

    /// An expression used as the operand of IN/BETWEEN/IS: parenthesised unless atomic.
    fn operand(&self, e: &TExpr) -> B<Expr> {
        let x = self.expr(e)?;
        Ok(if prec(&x) <= 5 { nest(x) } else { x })
    }

    /// An expression in a condition position. Where there is no boolean type (T-SQL, Oracle),
    /// a bare yes/no column or literal becomes `x = 1`.
    fn cond(&self, e: &TExpr) -> B<Expr> {
        let x = self.expr(e)?;
        let bare = matches!(e.kind, TKind::Column(_) | TKind::Lit(_)) && e.ty == Ty::Boolean;
        Ok(if bare && !self.d.boolean_literals {
            binop(BinaryOperator::Eq, x, num(1))
        } else {
            x
        })
    }

    fn case_when(&self, cond: &TExpr, then: Expr) -> B<Expr> {
        let c = self.cond(cond)?;
        self.call(
            Func::CaseWhen,
            vec![Arg::Expr(c), Arg::Expr(then)],
            cond.span,
        )
    }

    fn set_filter(&self, e: &mut Expr, cond: &TExpr) -> B<()> {
        let c = self.cond(cond)?;
        if let Expr::Function(f) = e {
            f.filter = Some(Box::new(c));
        }
        Ok(())
    }

    fn aggregate(
        &self,
        func: AggFunc,
        arg: Option<&TExpr>,
        filter: Option<&TExpr>,
        span: Span,
    ) -> B<Expr> {
        let f = match func {
            AggFunc::CountStar => Func::CountStar,
            AggFunc::Count => Func::Count,
            AggFunc::CountDistinct => Func::CountDistinct,
            AggFunc::Sum => Func::Sum,
            AggFunc::Avg => Func::Avg,
            AggFunc::Min => Func::Min,
            AggFunc::Max => Func::Max,
        };
        let use_case = filter.is_some() && !self.d.filter_clause;
        let mut args = Vec::new();
        let f = match (arg, filter) {
            (None, Some(cond)) if use_case => {
                // COUNT(*) FILTER (WHERE c)  ==  COUNT(CASE WHEN c THEN 1 END)
                args.push(Arg::Expr(self.case_when(cond, num(1))?));
                Func::Count
            }
            (Some(a), Some(cond)) if use_case => {
                args.push(Arg::Expr(self.case_when(cond, self.expr(a)?)?));
                f
            }
            (Some(a), _) => {
                args.push(Arg::Expr(self.expr(a)?));
                f
            }
            (None, _) => f,
        };
        let mut out = self.call(f, args, span)?;
        if let (Some(cond), false) = (filter, use_case) {
            self.set_filter(&mut out, cond)?;
        }
        Ok(out)
    }

    fn tz_arg(&self, tz: &str, span: Span) -> B<Arg> {
        if !self.d.windows_zone_names {
            return Ok(Arg::Expr(self.string(tz, span)?));
        }
        match super::windows_zones::windows_zone(tz) {
            Some(w) => Ok(Arg::Expr(self.string(w, span)?)),
            None => Err(Diagnostic::error(
                Code::Unsupported,
                span,
                format!("{} names time zones with Windows names, and reportc knows none for `{tz}`", self.d.display),
            )
            .with_help("use the report time zone of a nearby city (src/sql/windows_zones.rs lists the known ones)")),
        }
    }

    fn stored_to_local(&self, x: Expr, span: Span) -> B<Expr> {
        match self.zone {
            Some(z) => self.call(
                Func::ToLocal,
                vec![Arg::Expr(x), self.tz_arg(&z.name, span)?],
                span,
            ),
            None => self.call(Func::ToLocalUtc, vec![Arg::Expr(x)], span),
        }
    }

    fn local_to_stored(&self, x: Expr, span: Span) -> B<Expr> {
        match self.zone {
            Some(z) => self.call(
                Func::FromLocal,
                vec![Arg::Expr(x), self.tz_arg(&z.name, span)?],
                span,
            ),
            None => self.call(Func::FromLocalUtc, vec![Arg::Expr(x)], span),
        }
    }

    fn trunc(&self, unit: TimeUnit, x: Expr, span: Span) -> B<Expr> {
        let f = match unit {
            TimeUnit::Hour => Func::TruncHour,
            TimeUnit::Day => Func::TruncDay,
            TimeUnit::Week => Func::TruncWeek,
            TimeUnit::Month => Func::TruncMonth,
            TimeUnit::Quarter => Func::TruncQuarter,
            TimeUnit::Year => Func::TruncYear,
        };
        self.call(f, vec![Arg::Expr(x)], span)
    }

    /// `x + k units`, in local wall-clock time.
    fn shift(&self, x: Expr, k: i64, unit: TimeUnit, span: Span) -> B<Expr> {
        let (base, per) = unit.in_base();
        let k = per * k;
        if k == 0 {
            return Ok(x);
        }
        let f = match (base, k > 0) {
            (BaseUnit::Hours, true) => Func::AddHours,
            (BaseUnit::Days, true) => Func::AddDays,
            (BaseUnit::Months, true) => Func::AddMonths,
            (BaseUnit::Hours, false) => Func::SubHours,
            (BaseUnit::Days, false) => Func::SubDays,
            (BaseUnit::Months, false) => Func::SubMonths,
        };
        let n = k.abs();
        self.call(f, vec![Arg::Expr(x), Arg::Int(n)], span)
    }

    /// Lower and upper bounds (stored-UTC domain) of a relative range, computed by the engine.
    fn range_bounds(&self, r: RelativeRange, span: Span) -> B<(Expr, Expr)> {
        let local_now = match self.zone {
            Some(z) => self.call(Func::NowLocal, vec![self.tz_arg(&z.name, span)?], span)?,
            None => {
                let now = self.call(Func::NowUtc, vec![], span)?;
                self.stored_to_local(now, span)?
            }
        };
        let (unit, lo_k, hi_k) = r.unit_offsets();
        let start = self.trunc(unit, local_now, span)?;
        let lo = self.shift(start.clone(), lo_k, unit, span)?;
        let hi = self.shift(start, hi_k, unit, span)?;
        Ok((
            self.local_to_stored(lo, span)?,
            self.local_to_stored(hi, span)?,
        ))
    }

    /// The whole SELECT statement.
    pub fn statement(&self, plan: &Plan) -> Result<Statement, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut keep = |r: B<Expr>| match r {
            Ok(e) => Some(e),
            Err(d) => {
                errors.push(d);
                None
            }
        };
        let mut stmt = match skeleton(self.d) {
            Ok(s) => s.clone(),
            Err(e) => return Err(vec![e]),
        };
        let Statement::Query(q) = &mut stmt else {
            unreachable!("the skeleton is a query")
        };
        let SetExpr::Select(sel) = q.body.as_mut() else {
            unreachable!("the skeleton is a select")
        };
        let mut projection = Vec::new();
        for o in &plan.outputs {
            let Some(expr) = keep(self.expr(&o.expr)) else {
                continue;
            };
            let same_name = matches!(&o.expr.kind, TKind::Column(c) if *c == o.name);
            projection.push(if same_name {
                SelectItem::UnnamedExpr(expr)
            } else {
                SelectItem::ExprWithAlias {
                    expr,
                    alias: self.ident(&o.name),
                }
            });
        }
        sel.projection = projection;
        if let Some(twj) = sel.from.first_mut() {
            if let TableFactor::Table { name, .. } = &mut twj.relation {
                *name = ObjectName(
                    plan.table
                        .iter()
                        .map(|p| ObjectNamePart::Identifier(self.ident(p)))
                        .collect(),
                );
            }
        }
        sel.selection = and_all(
            plan.filters
                .iter()
                .filter_map(|f| keep(self.expr(f)))
                .collect(),
        );
        sel.group_by = match &plan.group_by {
            Some(keys) if !keys.is_empty() => {
                let mut exprs = Vec::new();
                for k in keys {
                    let e = match k {
                        GroupKey::Output(i) if self.d.group_by_ordinal => Ok(num(i + 1)),
                        GroupKey::Output(i) => self.expr(&plan.outputs[*i].expr),
                        GroupKey::Expr(e) => self.expr(e),
                    };
                    exprs.extend(keep(e));
                }
                GroupByExpr::Expressions(exprs, vec![])
            }
            _ => GroupByExpr::Expressions(vec![], vec![]),
        };
        sel.having = and_all(
            plan.having
                .iter()
                .filter_map(|h| keep(self.expr(h)))
                .collect(),
        );
        if plan.order_by.is_empty() {
            q.order_by = None;
        } else if let Some(ob) = &mut q.order_by {
            let mut items = Vec::new();
            for o in plan.order_by {
                let alias = Expr::Identifier(self.ident(&plan.outputs[o.output].name));
                if !self.d.nulls_ordering {
                    // the same NULL order everywhere: a `CASE WHEN x IS NULL` key first
                    let subject = if self.d.order_alias_in_expr {
                        Ok(alias.clone())
                    } else {
                        self.expr(&plan.outputs[o.output].expr)
                    };
                    let flag = subject
                        .and_then(|x| self.call(Func::NullFlag, vec![Arg::Expr(x)], Span::empty()));
                    if let Some(flag) = keep(flag) {
                        items.push(sa::OrderByExpr {
                            expr: flag,
                            options: sa::OrderByOptions {
                                sort: if o.nulls_first {
                                    Some(OrderBySort::Desc)
                                } else {
                                    None
                                },
                                nulls_first: None,
                            },
                            with_fill: None,
                        });
                    }
                }
                items.push(sa::OrderByExpr {
                    expr: alias,
                    options: sa::OrderByOptions {
                        sort: if o.descending {
                            Some(OrderBySort::Desc)
                        } else {
                            None
                        },
                        nulls_first: if self.d.nulls_ordering {
                            Some(o.nulls_first)
                        } else {
                            None
                        },
                    },
                    with_fill: None,
                });
            }
            ob.kind = OrderByKind::Expressions(items);
        }
        // LIMIT, TOP or FETCH FIRST: whichever the dialect's skeleton has
        match plan.limit {
            None => {
                q.limit_clause = None;
                q.fetch = None;
                sel.top = None;
            }
            Some(n) => {
                if let Some(sa::LimitClause::LimitOffset { limit, .. }) = &mut q.limit_clause {
                    *limit = Some(num(n));
                }
                if let Some(f) = &mut q.fetch {
                    f.quantity = Some(num(n));
                }
                if let Some(t) = &mut sel.top {
                    t.quantity = Some(sa::TopQuantity::Constant(n));
                }
            }
        }
        if errors.is_empty() {
            Ok(stmt)
        } else {
            errors.sort_by_key(|d| (d.span.start, d.span.end));
            errors.dedup();
            Err(errors)
        }
    }
}

use crate::ir::Value as Value_;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::DIALECTS;
    use sqlparser::tokenizer::{Token, Tokenizer};

    const HOSTILE: &[&str] = &[
        "it's",
        "back\\slash",
        "\\'",
        "a\\",
        "''",
        "-- comment",
        "/* x */",
        "$$ dollar $$",
        "]",
        "line\nbreak\r\ttab",
        "emoji 😀 Zoë",
        "%_",
        "\"",
        "`",
    ];

    fn builder(d: &'static Dialect) -> Builder<'static> {
        Builder {
            d,
            zone: None,
            table: "t".into(),
            shadowed: vec![],
        }
    }

    /// Every hostile string, printed as a literal, reads back as exactly one string token with
    /// the same value in the dialect's own tokenizer.
    #[test]
    fn string_literals_round_trip() {
        for d in DIALECTS {
            let b = builder(d);
            for s in HOSTILE {
                let sql = b.string(s, Span::empty()).unwrap().to_string();
                let dialect = (d.parser)();
                let tokens = Tokenizer::new(dialect.as_ref(), &sql)
                    .with_unescape(true)
                    .tokenize()
                    .unwrap_or_else(|e| panic!("{}: {sql}: {e}", d.name));
                let ok = matches!(tokens.as_slice(),
                    [Token::SingleQuotedString(v)] | [Token::NationalStringLiteral(v)] if v == s);
                assert!(
                    ok,
                    "{}: {s:?} printed as {sql}, read back as {tokens:?}",
                    d.name
                );
            }
        }
    }

    #[test]
    fn nul_is_refused_where_it_cannot_be_stored() {
        let pg = builder(crate::sql::dialect_by_name("postgres").unwrap());
        assert_eq!(
            pg.string("a\0b", Span::empty()).unwrap_err().code,
            Code::Unsupported
        );
    }

    #[test]
    fn identifiers_are_quoted_when_needed() {
        let pg = builder(crate::sql::dialect_by_name("postgres").unwrap());
        assert_eq!(pg.ident("queue").to_string(), "queue");
        assert_eq!(pg.ident("user").to_string(), "\"user\"");
        assert_eq!(pg.ident("Agent Name").to_string(), "\"Agent Name\"");
        assert_eq!(pg.ident("WaitTime").to_string(), "\"WaitTime\"");
        assert_eq!(pg.ident("a\"b").to_string(), "\"a\"\"b\"");
        let sf = builder(crate::sql::dialect_by_name("snowflake").unwrap());
        assert_eq!(sf.ident("START_TS").to_string(), "START_TS");
        assert_eq!(sf.ident("WaitTime").to_string(), "\"WaitTime\"");
        let bq = builder(crate::sql::dialect_by_name("bigquery").unwrap());
        assert_eq!(bq.ident("a`b").to_string(), "`a\\`b`");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_escape("50%_off\\", false), "50\\%\\_off\\\\");
        assert_eq!(like_escape("[a]", true), "\\[a]");
    }
}
