//! Literals against typed operands: enum labels to stored codes, durations to the stored unit,
//! dates and timestamps from the report time zone to UTC, phone numbers validated.

use super::{Checker, Ctx, R};
use crate::catalog::{Codes, Column, ColumnType};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, Literal};
use crate::vocab::BinOp;

fn lit(v: Value, ty: Ty) -> TExpr {
    TExpr::new(TKind::Lit(v), ty)
}

/// A literal used on its own (not compared with a column).
pub(super) fn natural<'c>(c: &mut Checker<'c>, l: &Literal, span: Span) -> Option<R<'c>> {
    let t = match l {
        Literal::String(s) => lit(Value::Text(s.clone()), Ty::Text),
        Literal::Number(n) => {
            let ty = if n.contains('.') {
                Ty::Number
            } else {
                Ty::Integer
            };
            if ty == Ty::Integer && n.parse::<i64>().is_err() {
                return c.err(Diagnostic::error(
                    Code::BadLiteral,
                    span,
                    format!("`{n}` is too large"),
                ));
            }
            lit(Value::Number(n.clone()), ty)
        }
        Literal::Bool(b) => lit(Value::Bool(*b), Ty::Boolean),
        Literal::Null => lit(Value::Null, Ty::Null),
        Literal::Duration(_) | Literal::Date(_) | Literal::Timestamp(_) => return c.err(
            Diagnostic::error(
                Code::TypeMismatch,
                span,
                "a duration, date or timestamp literal must be compared with a column of that type",
            )
            .with_help("e.g. `wait_time > 90s` or `distribution_date >= 2026-01-01`"),
        ),
    };
    Some((t, None))
}

fn is_lit(e: &Expr) -> Option<&Literal> {
    match &e.kind {
        ExprKind::Literal(l) => Some(l),
        ExprKind::Neg(inner) => match &inner.kind {
            ExprKind::Literal(l @ Literal::Number(_)) => Some(l),
            _ => None,
        },
        _ => None,
    }
}

fn negate_number(e: &Expr, l: &Literal) -> Literal {
    match (&e.kind, l) {
        (ExprKind::Neg(_), Literal::Number(n)) => Literal::Number(format!("-{n}")),
        _ => l.clone(),
    }
}

fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::LtEq => BinOp::GtEq,
        BinOp::Gt => BinOp::Lt,
        BinOp::GtEq => BinOp::LtEq,
        o => o,
    }
}

fn cmp(op: BinOp, l: TExpr, r: TExpr) -> TExpr {
    TExpr::new(
        TKind::Binary {
            op,
            left: Box::new(l),
            right: Box::new(r),
        },
        Ty::Boolean,
    )
}

pub(super) fn compare<'c>(
    c: &mut Checker<'c>,
    op: BinOp,
    l: &Expr,
    r: &Expr,
    span: Span,
    ctx: Ctx,
) -> Option<R<'c>> {
    // put the literal (if any) on the right
    let (op, col_side, lit_side) = match (is_lit(l), is_lit(r)) {
        (Some(_), None) => (flip(op), r, l),
        _ => (op, l, r),
    };
    if let Some(Literal::Null) = is_lit(lit_side) {
        let neg = if op == BinOp::NotEq { "not " } else { "" };
        return c.err(
            Diagnostic::error(
                Code::TypeMismatch,
                span,
                format!("`{} null` is never true in SQL", op.symbol()),
            )
            .with_help(format!("write `is {neg}null`")),
        );
    }
    let (t, col) = c.expr(col_side, ctx)?;
    // a timestamp compared with a date covers the whole day
    if let (Some(Literal::Date(d)), Ty::Timestamp { local }) = (is_lit(lit_side), t.ty) {
        let start = d.to_datetime(jiff::civil::Time::midnight());
        let next = start
            .checked_add(jiff::Span::new().days(1))
            .unwrap_or(start);
        let conv = |c: &mut Checker, dt| to_domain(c, dt, local, lit_side.span);
        let (d0, d1) = (conv(c, start)?, conv(c, next)?);
        let tty = t.ty;
        let ts = |v| lit(Value::Timestamp(v), tty);
        let e = match op {
            BinOp::Eq => cmp(
                BinOp::And,
                cmp(BinOp::GtEq, t.clone(), ts(d0)),
                cmp(BinOp::Lt, t, ts(d1)),
            ),
            BinOp::NotEq => cmp(
                BinOp::Or,
                cmp(BinOp::Lt, t.clone(), ts(d0)),
                cmp(BinOp::GtEq, t, ts(d1)),
            ),
            BinOp::Lt => cmp(BinOp::Lt, t, ts(d0)),
            BinOp::LtEq => cmp(BinOp::Lt, t, ts(d1)),
            BinOp::Gt => cmp(BinOp::GtEq, t, ts(d1)),
            _ => cmp(BinOp::GtEq, t, ts(d0)),
        };
        return Some((e, None));
    }
    let other = operand_against(c, lit_side, &t, col, ctx)?;
    if matches!(t.ty, Ty::TextList) {
        return c.err(
            Diagnostic::error(
                Code::TypeMismatch,
                col_side.span,
                "a list column cannot be compared with `=` or `<`",
            )
            .with_help("use `contains 'value'`"),
        );
    }
    if t.ty == Ty::Boolean && !matches!(op, BinOp::Eq | BinOp::NotEq) {
        return c.err(Diagnostic::error(
            Code::TypeMismatch,
            span,
            "yes/no values can only be compared with `=` or `!=`",
        ));
    }
    Some((cmp(op, t, other), None))
}

/// Resolve `e` as an operand compared with `t` (a literal is coerced to `t`'s type).
pub(super) fn operand_against<'c>(
    c: &mut Checker<'c>,
    e: &Expr,
    t: &TExpr,
    col: Option<&Column>,
    ctx: Ctx,
) -> Option<TExpr> {
    if let Some(l) = is_lit(e) {
        let l = negate_number(e, l);
        return coerce(c, &l, t, col, e.span).map(|mut lit| {
            lit.span = e.span;
            lit
        });
    }
    let (o, _) = c.expr(e, ctx)?;
    if compatible(t.ty, o.ty) {
        return Some(o);
    }
    c.diags.push(
        Diagnostic::error(
            Code::TypeMismatch,
            e.span,
            format!("cannot compare {} with {}", t.ty.a(), o.ty.a()),
        )
        .with_label(o.ty.name())
        .with_help(help_for(t.ty)),
    );
    None
}

fn compatible(a: Ty, b: Ty) -> bool {
    match (a, b) {
        (Ty::Null, _) | (_, Ty::Null) => true,
        (x, y) if x.is_numeric() && y.is_numeric() => true,
        (Ty::Duration(u), Ty::Duration(v)) => u == v,
        (x, y) => x == y,
    }
}

fn to_domain(
    c: &mut Checker,
    dt: jiff::civil::DateTime,
    local: bool,
    span: Span,
) -> Option<jiff::civil::DateTime> {
    let Some(tz) = c.tz.as_ref().map(|z| &z.tz) else {
        return Some(dt);
    };
    if local {
        return Some(dt);
    }
    match dt.to_zoned(tz.clone()) {
        Ok(z) => Some(z.with_time_zone(jiff::tz::TimeZone::UTC).datetime()),
        Err(e) => {
            c.diags.push(Diagnostic::error(
                Code::BadLiteral,
                span,
                format!("cannot place this time in the report time zone: {e}"),
            ));
            None
        }
    }
}

fn mismatch(
    c: &mut Checker,
    span: Span,
    t: &TExpr,
    col: Option<&Column>,
    found: &str,
    help: &str,
) -> Option<TExpr> {
    let what = match col {
        Some(col) => {
            let d = col.ty.describe();
            let art = if d.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("`{}` is {art} {d}", col.id)
        }
        None => format!("the other side is {}", t.ty.a()),
    };
    c.diags.push(
        Diagnostic::error(
            Code::TypeMismatch,
            span,
            format!("type mismatch: {what}, but this is {found}"),
        )
        .with_label(found.to_string())
        .with_help(help.to_string()),
    );
    None
}

fn literal_kind(l: &Literal) -> &'static str {
    match l {
        Literal::String(_) => "text",
        Literal::Number(_) => "a number",
        Literal::Bool(_) => "a yes/no value",
        Literal::Null => "null",
        Literal::Date(_) => "a date",
        Literal::Timestamp(_) => "a timestamp",
        Literal::Duration(_) => "a duration",
    }
}

fn help_for(t: Ty) -> &'static str {
    match t {
        Ty::Duration(_) => "write a duration such as `90s`, `2m` or `1h30m`",
        Ty::Timestamp { .. } => "write a date such as `2026-01-31` or a timestamp such as `2026-01-31T08:00`, without quotes",
        Ty::Boolean => "write `yes` or `no`, without quotes",
        Ty::Integer | Ty::Number => "write a number without quotes",
        Ty::Text => "write the value in quotes, e.g. 'Sales'",
        Ty::TextList => "use `contains 'value'` to test a list column",
        Ty::Null => "",
    }
}

fn coerce(
    c: &mut Checker,
    l: &Literal,
    t: &TExpr,
    col: Option<&Column>,
    span: Span,
) -> Option<TExpr> {
    let found = literal_kind(l);
    let enum_col = col.filter(|c| matches!(c.ty, ColumnType::Enum(..)));
    match (t.ty, l) {
        (_, Literal::Null) => Some(lit(Value::Null, t.ty)),
        // an enum is compared with its labels, whatever type its stored codes have
        (_, Literal::String(s)) if enum_col.is_some() => text_value(c, s, col, span),
        (Ty::Integer, Literal::Number(n)) if enum_col.is_some() => {
            let help = format!("write the value's label in quotes, e.g. '{n}' if that is a label");
            mismatch(c, span, t, col, found, &help)
        }
        (Ty::Text, Literal::String(s)) => text_value(c, s, col, span),
        (Ty::Integer | Ty::Number, Literal::Number(n)) => Some(lit(Value::Number(n.clone()), t.ty)),
        (Ty::Duration(u), Literal::Duration(ms)) => {
            Some(lit(Value::Number(in_unit(*ms, u.millis())), t.ty))
        }
        (Ty::Duration(_), Literal::Number(n))
            if n.trim_start_matches('-')
                .chars()
                .all(|ch| ch == '0' || ch == '.') =>
        {
            Some(lit(Value::Number("0".into()), t.ty))
        }
        (Ty::Boolean, Literal::Bool(b)) => Some(lit(Value::Bool(*b), Ty::Boolean)),
        (Ty::Timestamp { local }, Literal::Timestamp(dt)) => {
            let v = to_domain(c, *dt, local, span)?;
            Some(lit(Value::Timestamp(v), t.ty))
        }
        (Ty::Timestamp { local }, Literal::Date(d)) => {
            let v = to_domain(c, d.to_datetime(jiff::civil::Time::midnight()), local, span)?;
            Some(lit(Value::Timestamp(v), t.ty))
        }
        (Ty::Boolean, Literal::String(s))
            if matches!(s.to_lowercase().as_str(), "yes" | "no" | "true" | "false") =>
        {
            mismatch(c, span, t, col, found, "write `yes` or `no` without quotes")
        }
        (Ty::Integer | Ty::Number, Literal::String(s)) if s.parse::<f64>().is_ok() => mismatch(
            c,
            span,
            t,
            col,
            found,
            "remove the quotes around the number",
        ),
        (Ty::Text, Literal::Number(n)) => {
            let help = format!("put the value in quotes: '{n}'");
            mismatch(c, span, t, col, found, &help)
        }
        _ => mismatch(c, span, t, col, found, help_for(t.ty)),
    }
}

/// Milliseconds in a column's unit, as exact decimal digits.
fn in_unit(ms: i64, per: i64) -> String {
    let (q, r) = (ms / per, (ms % per).abs());
    if r == 0 {
        return q.to_string();
    }
    let width = (per as f64).log10() as usize;
    let frac = format!("{r:0width$}");
    let sign = if ms < 0 && q == 0 { "-" } else { "" };
    format!("{sign}{q}.{}", frac.trim_end_matches('0'))
}

/// A label that is not one of an enum column's (a literal, or an enum parameter's value).
pub(super) fn unknown_label(s: &str, col: &Column, span: Span) -> Diagnostic {
    let labels: Vec<&str> = match &col.ty {
        ColumnType::Enum(values, _) => values.iter().map(|v| v.label.as_str()).collect(),
        _ => Vec::new(),
    };
    let d = Diagnostic::error(
        Code::UnknownEnumValue,
        span,
        format!("'{s}' is not an allowed value of `{}`", col.id),
    );
    match did_you_mean(s, labels.iter().copied()) {
        Some(m) => d.with_help(format!(
            "did you mean '{m}'? allowed values: {}",
            list_for_help(labels)
        )),
        None => d.with_help(format!("allowed values: {}", list_for_help(labels))),
    }
}

fn text_value(c: &mut Checker, s: &str, col: Option<&Column>, span: Span) -> Option<TExpr> {
    let Some(col) = col else {
        return Some(lit(Value::Text(s.to_string()), Ty::Text));
    };
    match &col.ty {
        ColumnType::Enum(..) => match col.enum_value(s) {
            Some(v) => Some(match &col.ty {
                ColumnType::Enum(_, Codes::Integer) => {
                    lit(Value::Number(v.code.clone()), Ty::Integer)
                }
                _ => lit(Value::Text(v.code.clone()), Ty::Text),
            }),
            None => {
                c.diags.push(unknown_label(s, col, span));
                None
            }
        },
        ColumnType::Phone => phone(c, s, col, span, true),
        ColumnType::PhoneOrId if s.trim_start().starts_with('+') => phone(c, s, col, span, false),
        _ => Some(lit(Value::Text(s.to_string()), Ty::Text)),
    }
}

/// The E.164 country calling codes in use (`country_codes.txt`, with its source).
const COUNTRY_CODES: &str = include_str!("country_codes.txt");

/// The assigned country code a number's digits start with (codes are prefix-free).
pub fn country_code(digits: &str) -> Option<&'static str> {
    COUNTRY_CODES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|code| digits.starts_with(code))
}

/// E.164 in shape: `+`, then 7 to 15 digits in all, starting with an assigned country code.
/// Whether the rest of the number exists in that country's numbering plan is not checked.
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && country_code(digits).is_some()
}

fn phone(c: &mut Checker, s: &str, col: &Column, span: Span, strict: bool) -> Option<TExpr> {
    if is_e164(s) {
        return Some(lit(Value::Text(s.to_string()), Ty::Text));
    }
    let cleaned: String = s
        .chars()
        .filter(|ch| !matches!(ch, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let cleaned = match cleaned.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => cleaned,
    };
    let what = if strict {
        "a phone number"
    } else {
        "a phone number or a messaging id"
    };
    let mut d = Diagnostic::error(
        Code::BadPhone,
        span,
        format!(
            "'{s}' is not a phone number in international format; `{}` holds {what}",
            col.id
        ),
    );
    let digits = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let shaped = (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
    d = if is_e164(&cleaned) {
        d.with_help(format!(
            "phone numbers are stored without spaces or punctuation: did you mean '{cleaned}'?"
        ))
    } else if cleaned.starts_with('+') && shaped && country_code(digits).is_none() {
        d.with_help(format!(
            "'{cleaned}' starts with no country calling code in use (ITU E.164, e.g. `+33` France, `+1` North America)"
        ))
    } else {
        d.with_help("write `+`, the country code and the number: 7 to 15 digits in all, without spaces, e.g. '+33612345678'")
    };
    c.diags.push(d);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_units() {
        assert_eq!(in_unit(90_000, 1000), "90");
        assert_eq!(in_unit(1_500, 1000), "1.5");
        assert_eq!(in_unit(250, 1000), "0.25");
        assert_eq!(in_unit(250, 1), "250");
    }

    #[test]
    fn e164() {
        assert!(is_e164("+33612345678"));
        assert!(!is_e164("+033612345678"));
        assert!(!is_e164("0612345678"));
        assert!(!is_e164("+33 6 12 34 56 78"));
    }
}
