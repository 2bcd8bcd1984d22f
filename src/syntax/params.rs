//! Parameters in the syntax: the `parameters:` list of a YAML report, the type names both front
//! ends share, and a parameter's value (`--param name=VALUE` or its `default`) read as the
//! literal of its type, with the diagnostics a literal written in the report would get.

use super::ast::*;
use super::expr::{parse_expr, SpanMap};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::vocab::is_identifier;
use crate::yaml::{fields, get, items, scalar, Node};

/// The keys of one item of `parameters:`.
pub const PARAM_KEYS: &[&str] = &["name", "type", "default", "description"];

/// A type as written (`date`, `enum(queue)`), or an error that lists the types.
pub fn param_type(text: &str, span: Span) -> Result<Spanned<ParamType>, Diagnostic> {
    ParamType::parse(text)
        .map(|t| Spanned::new(t, span))
        .ok_or_else(|| {
            let d = Diagnostic::error(
                Code::BadParam,
                span,
                format!("`{}` is not a parameter type", text.trim()),
            );
            let names = PARAM_TYPES.iter().map(|t| t.trim_end_matches("(column)"));
            match did_you_mean(text.trim(), names) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("parameter types: {}", PARAM_TYPES.join(", "))),
            }
        })
}

/// A parameter name, or an error.
pub fn param_name(name: &Ident) -> Result<(), Diagnostic> {
    if is_identifier(&name.value) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::BadParam,
        name.span,
        format!("parameter name `{}` is not a valid name", name.value),
    )
    .with_help("use letters, digits and `_`, starting with a letter, e.g. `since`"))
}

/// The `parameters:` list of a YAML report.
pub fn yaml_parameters(node: &Node, diags: &mut Diagnostics) -> Vec<ParamDef> {
    let mut out: Vec<ParamDef> = Vec::new();
    for item in items("parameters", node, diags) {
        let Some(f) = fields(item, "a parameter", PARAM_KEYS, diags) else {
            continue;
        };
        let text = |key: &str, diags: &mut Diagnostics| {
            get(&f, key)
                .and_then(|(_, v)| scalar(key, v, diags))
                .map(|s| Spanned::new(s.value.clone(), s.span))
        };
        let name = text("name", diags);
        let ty = text("type", diags);
        let default = text("default", diags);
        let description = text("description", diags);
        let (Some(name), Some(ty)) = (name, ty) else {
            let missing = if get(&f, "name").is_none() {
                "name"
            } else {
                "type"
            };
            if get(&f, missing).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        item.span(),
                        format!("the parameter has no `{missing}`"),
                    )
                    .with_help(
                        "a parameter needs `name:` and `type:`, e.g. `- {name: since, type: date}`",
                    ),
                );
            }
            continue;
        };
        if let Err(d) = param_name(&name) {
            diags.push(d);
            continue;
        }
        let ty = match param_type(&ty.value, ty.span) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        out.push(ParamDef {
            name,
            ty,
            default,
            description,
            span: item.span(),
        });
    }
    out
}

/// Every parameter declared twice, as diagnostics (both front ends).
pub fn duplicate_params(params: &[ParamDef], diags: &mut Diagnostics) {
    for (i, p) in params.iter().enumerate() {
        if let Some(first) = params[..i].iter().find(|q| q.name.value == p.name.value) {
            diags.push(
                Diagnostic::error(
                    Code::BadParam,
                    p.name.span,
                    format!("parameter `{}` is declared twice", p.name.value),
                )
                .with_label("second declaration")
                .with_secondary(first.name.span, "first declared here")
                .with_help("declare each parameter once"),
            );
        }
    }
}

/// Every position of the value maps to one span: the parameter's declaration (a `--param` value
/// is not in the file) or its `default`.
struct At(Span);

impl SpanMap for At {
    fn span(&self, _: usize, _: usize) -> Span {
        self.0
    }
}

/// A parameter's value, as written on the command line or as its default, read as the literal of
/// its type: text and enum labels verbatim (never parsed, so no quoting is needed and nothing is
/// interpreted), the other types through the expression grammar's literals (a negative number
/// as `-` and the number). `span` is where errors point.
pub fn parse_value(p: &ParamDef, raw: &str, span: Span) -> Result<Expr, Diagnostic> {
    let lit = |kind| Expr {
        kind,
        span,
        parens: false,
    };
    let wrong = |what: &str, example: &str| {
        Diagnostic::error(
            Code::BadLiteral,
            span,
            format!(
                "`{}` is not {what}, the type of parameter `{}`",
                shorten(raw),
                p.name.value
            ),
        )
        .with_help(format!("write {what}, e.g. `{}={example}`", p.name.value))
    };
    let expected = match &p.ty.value {
        ParamType::Text | ParamType::Enum(_) => {
            return Ok(lit(ExprKind::Literal(Literal::String(raw.to_string()))))
        }
        ParamType::Integer => ("a whole number", "42"),
        ParamType::Number => ("a number", "2.5"),
        ParamType::Date => ("a date", "2026-01-31"),
        ParamType::Timestamp => ("a timestamp", "2026-01-31T08:00:00"),
        ParamType::Duration => ("a duration", "90s"),
        ParamType::Boolean => ("yes or no", "yes"),
    };
    let text = raw.trim();
    // only a literal, optionally negated: anything else (a name, an operator, a second token)
    // is refused before the grammar sees it
    let ok_chars = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | ' '));
    if text.is_empty() || !ok_chars || text.len() > 64 {
        return Err(wrong(expected.0, expected.1));
    }
    let e = parse_expr(text, &At(span)).map_err(|mut d| {
        d.message = format!("parameter `{}`: {}", p.name.value, d.message);
        d
    })?;
    let (negated, l) = match &e.kind {
        ExprKind::Literal(l) => (false, l),
        ExprKind::Neg(x) => match &x.kind {
            ExprKind::Literal(l @ Literal::Number(_)) => (true, l),
            _ => return Err(wrong(expected.0, expected.1)),
        },
        _ => return Err(wrong(expected.0, expected.1)),
    };
    let fits = match (&p.ty.value, l) {
        (ParamType::Integer, Literal::Number(n)) => !n.contains('.'),
        (ParamType::Number, Literal::Number(_)) => true,
        (ParamType::Date, Literal::Date(_)) => true,
        (ParamType::Timestamp, Literal::Timestamp(_)) => true,
        (ParamType::Duration, Literal::Duration(_)) => !negated,
        (ParamType::Boolean, Literal::Bool(_)) => !negated,
        _ => false,
    };
    if !fits {
        return Err(wrong(expected.0, expected.1));
    }
    let value = lit(ExprKind::Literal(l.clone()));
    Ok(if negated {
        lit(ExprKind::Neg(Box::new(value)))
    } else {
        value
    })
}

/// A value cut for a message: at most 40 characters.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(ty: &str) -> ParamDef {
        ParamDef {
            name: Spanned::new("p".into(), Span::new(0, 1)),
            ty: Spanned::new(ParamType::parse(ty).unwrap(), Span::empty()),
            default: None,
            description: None,
            span: Span::new(0, 1),
        }
    }

    fn value(ty: &str, raw: &str) -> Result<ExprKind, String> {
        parse_value(&decl(ty), raw, Span::new(0, 1))
            .map(|e| erase_expr_spans(&e).kind)
            .map_err(|d| format!("{}: {}", d.code.as_str(), d.message))
    }

    #[test]
    fn types_read_back() {
        for t in PARAM_TYPES.iter().filter(|t| !t.starts_with("enum")) {
            assert_eq!(ParamType::parse(t).unwrap().text(), *t);
        }
        assert_eq!(
            ParamType::parse("enum( queue )"),
            Some(ParamType::Enum("queue".into()))
        );
        assert_eq!(ParamType::parse("enum(1x)"), None);
        assert_eq!(ParamType::parse("int"), None);
        let d = param_type("dat", Span::empty()).unwrap_err();
        assert_eq!(d.help.as_deref(), Some("did you mean `date`?"));
    }

    #[test]
    fn values_are_literals_of_their_type() {
        assert_eq!(
            value("text", "it's ' OR 1=1 --"),
            Ok(ExprKind::Literal(Literal::String(
                "it's ' OR 1=1 --".into()
            )))
        );
        assert_eq!(
            value("integer", "-5"),
            Ok(ExprKind::Neg(Box::new(Expr {
                kind: ExprKind::Literal(Literal::Number("5".into())),
                span: Span::empty(),
                parens: false,
            })))
        );
        assert!(matches!(
            value("date", "2026-01-31"),
            Ok(ExprKind::Literal(Literal::Date(_)))
        ));
        assert!(matches!(
            value("duration", "1m30s"),
            Ok(ExprKind::Literal(Literal::Duration(90_000)))
        ));
        assert!(matches!(
            value("boolean", "yes"),
            Ok(ExprKind::Literal(Literal::Bool(true)))
        ));
    }

    #[test]
    fn bad_values_are_refused() {
        for (ty, raw) in [
            ("integer", "1.5"),
            ("integer", "1; drop table x"),
            ("integer", "queue"),
            ("number", "1 + 1"),
            ("date", "2026-02-30"),
            ("date", "yesterday"),
            ("duration", "-5s"),
            ("boolean", "maybe"),
            ("integer", ""),
        ] {
            let e = value(ty, raw).unwrap_err();
            assert!(e.starts_with("E01"), "{ty} {raw}: {e}");
        }
    }
}
