//! Literals: strings escaped for the dialect, numbers, booleans (or 1/0), NULL, and timestamps
//! through the dialect's function table.

use super::precedence::num;
use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{Ty, Value as IrValue};
use crate::sql::dialect::StringStyle;
use crate::sql::functions::{Arg, Func, Trusted};
use sqlparser::ast::{Expr, UnaryOperator, Value};

impl Builder<'_> {
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

    /// A bind placeholder in the dialect's style (`--placeholders`); the name is a checked
    /// identifier, so nothing of the user's but a plain name reaches the SQL.
    pub(super) fn placeholder(&self, index: usize, name: &str, ty: Ty) -> Expr {
        let t = &self.d.type_names;
        let sql_type = match ty {
            Ty::Integer => t.integer,
            Ty::Number => t.number,
            Ty::Boolean => t.boolean,
            Ty::Timestamp { .. } => t.timestamp,
            _ => t.text,
        };
        Expr::value(Value::Placeholder(
            self.d.placeholders.text(index, name, sql_type),
        ))
    }

    pub(crate) fn value(&self, v: &IrValue, ty: Ty, span: Span) -> B<Expr> {
        Ok(match v {
            IrValue::Text(s) => self.string(s, span)?,
            IrValue::Number(n) => match n.strip_prefix('-') {
                Some(pos) => Expr::UnaryOp {
                    op: UnaryOperator::Minus,
                    expr: Box::new(num(pos)),
                },
                None => num(n),
            },
            IrValue::Bool(b) if self.d.boolean_literals => Expr::value(Value::Boolean(*b)),
            IrValue::Bool(b) => num(u8::from(*b)),
            IrValue::Null => Expr::value(Value::Null),
            IrValue::Timestamp(dt) => {
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
}
