//! A source's `measures:`: named aggregates defined once in the catalogue (`abandon_rate`,
//! `avg_handle_time`), read here with the report expression parser so that a measure means
//! what the same text means in a report. What a measure may contain (aggregates only, no
//! cycles, bounded size) is checked once per catalogue by `check::check_measures`, which knows
//! the columns' types.

use super::Column;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Span};
use crate::syntax::ast::Expr;
use crate::syntax::expr::{parse_expr, InScalar};
use crate::vocab::is_identifier;
use crate::yaml::{fields, get, scalar, Node, Scalar};

pub const MEASURE_KEYS: &[&str] = &["label", "description", "expr", "unit", "format", "decision"];

/// How a measure's value reads: a plain number, or a share (0..1) shown as a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureFormat {
    Number,
    Percent,
}

impl MeasureFormat {
    pub const NAMES: &'static [&'static str] = &["number", "percent"];
    pub fn name(self) -> &'static str {
        match self {
            MeasureFormat::Number => "number",
            MeasureFormat::Percent => "percent",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: String,
    pub label: String,
    pub description: String,
    /// The expression as written in the catalogue.
    pub text: String,
    /// The parsed expression; its spans point into the catalogue file.
    pub expr: Expr,
    /// What the value counts or measures (`contacts`, `credits`), for listings.
    pub unit: Option<String>,
    pub format: MeasureFormat,
    pub decision: Option<String>,
    /// The measure's id in the catalogue file.
    pub span: Span,
}

/// The `measures:` mapping of a source. A measure whose id or expression is invalid is
/// reported and left out; a name shared with a column is refused (a report could not say
/// which one it means).
pub(super) fn measures(node: &Node, columns: &[Column], diags: &mut Diagnostics) -> Vec<Measure> {
    let Node::Map(entries, _) = node else {
        diags.push(
            Diagnostic::error(
                Code::WrongShape,
                node.span(),
                "`measures` must be a mapping from measure id to its definition",
            )
            .with_help("e.g. `measures:` then `  offered:` then `    expr: count()`"),
        );
        return Vec::new();
    };
    let mut out: Vec<Measure> = Vec::new();
    for (k, v) in entries {
        if let Some(m) = measure(k, v, diags) {
            if columns.iter().any(|c| c.id == m.id) {
                diags.push(
                    Diagnostic::error(
                        Code::Catalog,
                        k.span,
                        format!("measure `{}` has the name of a column", m.id),
                    )
                    .with_help("a report could not tell them apart: rename the measure"),
                );
                continue;
            }
            out.push(m);
        }
    }
    out
}

fn measure(k: &Scalar, v: &Node, diags: &mut Diagnostics) -> Option<Measure> {
    let id_ok = is_identifier(&k.value);
    if !id_ok {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                k.span,
                format!("measure id `{}` is not a valid name", k.value),
            )
            .with_help("use letters, digits and `_`, starting with a letter; put the display name in `label`"),
        );
    }
    let f = fields(v, &format!("measure `{}`", k.value), MEASURE_KEYS, diags)?;
    let text = |key: &str, diags: &mut Diagnostics| {
        get(&f, key)
            .and_then(|(_, v)| scalar(key, v, diags))
            .map(|s| s.value.clone())
    };
    let format = match get(&f, "format").and_then(|(_, v)| scalar("format", v, diags)) {
        None => MeasureFormat::Number,
        Some(s) if s.value == "number" => MeasureFormat::Number,
        Some(s) if s.value == "percent" => MeasureFormat::Percent,
        Some(s) => {
            let mut d = Diagnostic::error(
                Code::Catalog,
                s.span,
                format!("unknown measure format `{}`", s.value),
            );
            d = match did_you_mean(&s.value, MeasureFormat::NAMES.iter().copied()) {
                Some(n) => d.with_help(format!("did you mean `{n}`?")),
                None => d.with_help("formats: number, percent"),
            };
            diags.push(d);
            MeasureFormat::Number
        }
    };
    let label = text("label", diags);
    let description = text("description", diags);
    let unit = text("unit", diags);
    let decision = text("decision", diags);
    let Some((_, enode)) = get(&f, "expr") else {
        diags.push(
            Diagnostic::error(
                Code::Catalog,
                k.span,
                format!("measure `{}` has no `expr`", k.value),
            )
            .with_help("give the aggregate it stands for, e.g. `expr: count() where interaction_status = 'treated'`"),
        );
        return None;
    };
    let es = scalar("expr", enode, diags)?;
    let expr = match parse_expr(&es.value, &InScalar { scalar: es }) {
        Ok(e) => e,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if !id_ok {
        return None;
    }
    Some(Measure {
        id: k.value.clone(),
        label: label.unwrap_or_else(|| k.value.clone()),
        description: description.unwrap_or_default(),
        text: es.value.clone(),
        expr,
        unit,
        format,
        decision,
        span: k.span,
    })
}
