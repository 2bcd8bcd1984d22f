//! Parameters: the values of `--param name=VALUE` (or the defaults) bound to the declarations,
//! and `$name` replaced by the literal of its type, so the value is checked exactly like a
//! literal written in its place (an enum label against the column's labels, a date in the report
//! time zone). With `--placeholders`, `$name` stays and resolves to a bind placeholder.

use super::literals::unknown_label;
use super::{Checker, R};
use crate::catalog::{Catalog, ColumnType};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Diagnostics, Span};
use crate::ir::*;
use crate::syntax::ast::{Expr, ExprKind, ParamDef, ParamType, Report};

/// What the command line says about parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamArgs {
    /// `--param name=VALUE`, in the order given (a later value of a name wins).
    pub given: Vec<(String, String)>,
    /// `--placeholders`: `$name` becomes the dialect's bind placeholder, no value is needed.
    pub placeholders: bool,
}

/// Reads a parameter's value as the literal of its type (`syntax::params::parse_value`; the
/// driver passes it in, as this stage reads no text).
pub type ReadValue = fn(&ParamDef, &str, Span) -> Result<Expr, Diagnostic>;

/// Bind the parameters of a report: check the declarations and the `--param` names, read every
/// value (given, else the default), and replace each `$name` by its value. With placeholders,
/// `$name` is left for the checker. Every problem is reported at once.
pub fn bind_parameters(
    report: &Report,
    catalog: &Catalog,
    args: &ParamArgs,
    read: ReadValue,
) -> (Report, Diagnostics) {
    let mut diags = Diagnostics::default();
    let names = || report.parameters.iter().map(|p| p.name.value.as_str());
    for (name, _) in &args.given {
        if report.parameters.iter().any(|p| &p.name.value == name) {
            continue;
        }
        let mut d = Diagnostic::error(
            Code::UnknownParam,
            Span::empty(),
            format!("`--param {name}=...`: the report has no parameter `{name}`"),
        );
        d = match did_you_mean(name, names()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None if report.parameters.is_empty() => {
                d.with_help("the report declares no parameters")
            }
            None => d.with_help(format!("parameters: {}", list_for_help(names()))),
        };
        diags.push(d);
    }
    let source = catalog.source(&report.source.value);
    let mut values: Vec<(String, Expr)> = Vec::new();
    for p in &report.parameters {
        if let (ParamType::Enum(col), Some(source)) = (&p.ty.value, source) {
            let is_enum = source
                .column(col)
                .is_some_and(|c| matches!(c.ty, ColumnType::Enum(..)));
            if !is_enum {
                let enums = source
                    .columns
                    .iter()
                    .filter(|c| matches!(c.ty, ColumnType::Enum(..)))
                    .map(|c| c.id.as_str());
                diags.push(
                    Diagnostic::error(
                        Code::BadParam,
                        p.ty.span,
                        format!("`{col}` is not an enum column of `{}`", source.id),
                    )
                    .with_help(format!("enum columns: {}", list_for_help(enums))),
                );
                continue;
            }
        }
        if args.placeholders {
            continue;
        }
        let given = args.given.iter().rev().find(|(n, _)| *n == p.name.value);
        let (raw, span) = match (given, &p.default) {
            (Some((_, v)), _) => (v.as_str(), p.name.span),
            (None, Some(d)) => (d.value.as_str(), d.span),
            (None, None) => {
                diags.push(
                    Diagnostic::error(
                        Code::MissingParam,
                        p.name.span,
                        format!("parameter `{}` has no value", p.name.value),
                    )
                    .with_help(format!(
                        "pass `--param {}=VALUE` ({}), or declare a default",
                        p.name.value,
                        p.ty.value.text()
                    )),
                );
                continue;
            }
        };
        match read(p, raw, span) {
            Ok(e) => {
                let enum_col = match (&p.ty.value, source) {
                    (ParamType::Enum(col), Some(s)) => s.column(col),
                    _ => None,
                };
                if let Some(c) = enum_col.filter(|c| c.enum_value(raw).is_none()) {
                    diags.push(unknown_label(raw, c, span));
                    continue;
                }
                values.push((p.name.value.clone(), e));
            }
            Err(d) => diags.push(d),
        }
    }
    if args.placeholders || diags.has_errors() {
        return (report.clone(), diags);
    }
    let mut r = report.clone();
    let mut sub = |e: &mut Expr| substitute(e, &values);
    r.columns.iter_mut().for_each(|c| sub(&mut c.expr));
    r.filters.iter_mut().for_each(&mut sub);
    r.having.iter_mut().for_each(&mut sub);
    if let Some(g) = &mut r.group_by {
        g.iter_mut().for_each(&mut sub);
    }
    r.order_by.iter_mut().for_each(|o| sub(&mut o.expr));
    (r, diags)
}

/// Replace each `$name` with a value by the value, at the place `$name` was written.
fn substitute(e: &mut Expr, values: &[(String, Expr)]) {
    if let ExprKind::Param(n) = &e.kind {
        if let Some((_, v)) = values.iter().find(|(name, _)| name == n) {
            let span = e.span;
            *e = v.clone();
            e.span = span;
            if let ExprKind::Neg(x) = &mut e.kind {
                x.span = span;
            }
        }
        return;
    }
    crate::syntax::ast::for_each_child_mut(e, |c| substitute(c, values));
}

/// The IR type of a parameter left to the driver to bind, or why it cannot be.
fn placeholder_ty(ty: &ParamType) -> Option<Ty> {
    Some(match ty {
        ParamType::Text => Ty::Text,
        ParamType::Integer => Ty::Integer,
        ParamType::Number => Ty::Number,
        ParamType::Boolean => Ty::Boolean,
        ParamType::Date | ParamType::Timestamp | ParamType::Duration | ParamType::Enum(_) => {
            return None
        }
    })
}

impl<'c> Checker<'c> {
    /// `$name` after binding: a bind placeholder (with `--placeholders`), else unknown.
    pub(super) fn param(&mut self, name: &str, span: Span) -> Option<R<'c>> {
        let Some((index, p)) = self
            .params
            .iter()
            .enumerate()
            .find(|(_, p)| p.name.value == name)
        else {
            let names = self.params.iter().map(|p| p.name.value.as_str());
            let mut d = Diagnostic::error(
                Code::UnknownParam,
                span,
                format!("unknown parameter `${name}`"),
            );
            d = match did_you_mean(name, names.clone()) {
                Some(s) => d.with_help(format!("did you mean `${s}`?")),
                None if self.params.is_empty() => {
                    d.with_help("declare it under `parameters:` (`parameter NAME TYPE` in the DSL)")
                }
                None => d.with_help(format!("parameters: {}", list_for_help(names))),
            };
            return self.err(d);
        };
        let Some(ty) = placeholder_ty(&p.ty.value) else {
            let d = Diagnostic::error(
                Code::PlaceholderType,
                span,
                format!(
                    "parameter `{name}` ({}) cannot be a bind placeholder",
                    p.ty.value.text()
                ),
            )
            .with_secondary(p.ty.span, "declared here")
            .with_help(
                "reportc converts its value at compile time; give it with `--param` instead",
            );
            return self.err(d);
        };
        let t = TExpr::new(
            TKind::Param {
                index,
                name: name.to_string(),
            },
            ty,
        );
        Some((t, None))
    }
}
