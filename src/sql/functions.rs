//! The function table: logical functions and their per-dialect renderings as SQL templates.
//!
//! A template is SQL text for one expression with placeholders `__A1__`, `__A2__`, ... where
//! argument expressions go, and `{1}`, `{2}` inside string literals where compiler-made
//! constants go (interval counts, timestamps). Templates are parsed once per dialect with that
//! dialect's own sqlparser parser, then instantiated by AST substitution, never by pasting text.
//! User values only ever reach SQL as AST arguments, escaped by the dialect's literal rules.

use super::dialect::Dialect;
use sqlparser::ast::{visit_expressions_mut, Expr, Value};
use sqlparser::parser::Parser;
use std::ops::ControlFlow;
use std::sync::OnceLock;

/// Logical functions that differ between dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Func {
    TruncHour,
    TruncDay,
    TruncWeek,
    TruncMonth,
    TruncQuarter,
    TruncYear,
    /// Stored UTC timestamp -> wall clock in zone `__A2__`.
    ToLocal,
    /// Stored UTC timestamp -> wall clock in UTC (identity on most dialects).
    ToLocalUtc,
    /// Wall clock in zone `__A2__` -> stored UTC timestamp.
    FromLocal,
    /// Wall clock in UTC -> stored UTC timestamp.
    FromLocalUtc,
    /// The current instant, as a stored UTC timestamp.
    NowUtc,
    /// The current wall-clock time in zone `__A1__`.
    NowLocal,
    /// A stored-timestamp constant `{1}` (`YYYY-MM-DD HH:MM:SS`, UTC; `{1T}` writes it
    /// `YYYY-MM-DDTHH:MM:SS`).
    TimestampLit,
    /// A wall-clock constant `{1}` (bucket domain).
    LocalTimestampLit,
    /// A local bucket start (midnight) as a date (`bucket_as: date`).
    ToDate,
    AddHours,
    AddDays,
    AddMonths,
    SubHours,
    SubDays,
    SubMonths,
    /// `__A1__` plus `__A2__` hours, days, months, where the count `__A2__` is an expression
    /// (the numbers of a filled report, `BucketSeries::Numbers`), not a compiler-made
    /// constant: rendered as `AddHours` & co. unless the dialect's puts the count inside a
    /// string literal (Trino's `INTERVAL '{2}' DAY`) and says otherwise.
    StepHours,
    StepDays,
    StepMonths,
    /// Exact continuous percentile of `__A1__` at fraction `__A2__`.
    Percentile,
    /// The same as a window function, `OVER ()`, where the dialect has no percentile aggregate
    /// (`builder::percentile_rows` puts the group keys in its PARTITION BY).
    PercentileOver,
    /// Text list `__A1__` contains value `__A2__`.
    ListContains,
    ToFloat,
    Round,
    Lower,
    Upper,
    /// `__A1__` contains / starts with / ends with the text `__A2__`, case-sensitively
    /// (used where LIKE ignores case).
    ContainsText,
    StartsText,
    EndsText,
    // generic renderings, shared by every dialect unless it overrides them
    /// 1 when `__A1__` is NULL, else 0: the sort key that puts NULLs last.
    NullFlag,
    /// The sort key of a text value in byte order (UTF-8 bytes), whatever the collation: the
    /// tie-break of `top`'s ranking, so the same groups make the top on every engine.
    TextOrder,
    NullIfZero,
    /// `__A1__`, or `__A2__` where it is NULL.
    Coalesce,
    /// 0 for NULL: the count of a linked many side over no rows (`SUM` of per-key counts).
    ZeroIfNull,
    CaseWhen,
    CountStar,
    Count,
    CountDistinct,
    Sum,
    /// `SUM` of an integer expression (falls back to `Sum`): where the sum keeps the
    /// argument's 32-bit type (SQL Server), it is widened first.
    SumInteger,
    Avg,
    Min,
    Max,
    /// The sum of the group aggregate `__A1__` over all groups, `OVER ()`: the builder puts
    /// the share's keys in its PARTITION BY.
    TotalOver,
}

/// A table of renderings: a dialect's own rows, a family of dialects (`dialects::families`) or
/// a part of [`BASE`].
pub type Table = &'static [(Func, Render)];

/// The renderings every dialect starts from, searched after the dialect's own rows, its
/// families and its parents (`Dialect::render`).
pub static BASE: &[Table] = &[STANDARD, COMMON];

/// Standard SQL's upper-case spellings. A dialect whose parent spells these otherwise lists
/// this table among its families to get them back (Redshift, whose parent PostgreSQL writes
/// them in lower case).
pub static STANDARD: Table = &[
    (Func::ToLocalUtc, Render::Sql("__A1__")),
    (Func::FromLocalUtc, Render::Sql("__A1__")),
    (Func::TimestampLit, Render::Sql("TIMESTAMP '{1}'")),
    (
        Func::Percentile,
        Render::Sql("PERCENTILE_CONT(__A2__) WITHIN GROUP (ORDER BY __A1__)"),
    ),
    // the decimal value to 10 places, rounded half away from zero, as on every dialect
    (
        Func::Round,
        Render::Sql("ROUND(CAST(__A1__ AS DECIMAL(38, 10)), __A2__)"),
    ),
    (Func::Lower, Render::Sql("LOWER(__A1__)")),
    (Func::Upper, Render::Sql("UPPER(__A1__)")),
];

/// Generic renderings, shared by every dialect unless it overrides them.
pub static COMMON: Table = &[
    (
        Func::NullFlag,
        Render::Sql("CASE WHEN __A1__ IS NULL THEN 1 ELSE 0 END"),
    ),
    // the engines' text order is byte order unless a dialect's collation says otherwise
    (Func::TextOrder, Render::Sql("__A1__")),
    (Func::NullIfZero, Render::Sql("NULLIF(__A1__, 0)")),
    // the dialects an engine runs state their own (`families::CAST_DATE`, SQLite, ClickHouse)
    (
        Func::ToDate,
        Render::NotYet("no vendor documentation of its cast of a timestamp to a date was recorded for reportc yet (docs/research/dialect-facts.md, \"Buckets as dates\")"),
    ),
    (Func::Coalesce, Render::Sql("COALESCE(__A1__, __A2__)")),
    // the CASE and IS NULL of NullFlag
    (
        Func::ZeroIfNull,
        Render::Sql("CASE WHEN __A1__ IS NULL THEN 0 ELSE __A1__ END"),
    ),
    (
        Func::CaseWhen,
        Render::Sql("CASE WHEN __A1__ THEN __A2__ END"),
    ),
    (Func::CountStar, Render::Sql("COUNT(*)")),
    (Func::Count, Render::Sql("COUNT(__A1__)")),
    (Func::CountDistinct, Render::Sql("COUNT(DISTINCT __A1__)")),
    (Func::Sum, Render::Sql("SUM(__A1__)")),
    (Func::Avg, Render::Sql("AVG(__A1__)")),
    (Func::Min, Render::Sql("MIN(__A1__)")),
    (Func::Max, Render::Sql("MAX(__A1__)")),
    (Func::TotalOver, Render::Sql("SUM(__A1__) OVER ()")),
    // not standard SQL (DOUBLE PRECISION is), but what most engines write
    (Func::ToFloat, Render::Sql("CAST(__A1__ AS DOUBLE)")),
];

impl Func {
    /// A function that a dialect renders as another one unless it says otherwise: a wall-clock
    /// constant is written as a stored-timestamp constant wherever the two types are one
    /// (all but BigQuery and ClickHouse).
    pub fn falls_back_to(self) -> Option<Func> {
        match self {
            Func::LocalTimestampLit => Some(Func::TimestampLit),
            Func::SumInteger => Some(Func::Sum),
            Func::StepHours => Some(Func::AddHours),
            Func::StepDays => Some(Func::AddDays),
            Func::StepMonths => Some(Func::AddMonths),
            _ => None,
        }
    }

    pub const ALL: &'static [Func] = &[
        Func::TruncHour,
        Func::TruncDay,
        Func::TruncWeek,
        Func::TruncMonth,
        Func::TruncQuarter,
        Func::TruncYear,
        Func::ToLocal,
        Func::ToLocalUtc,
        Func::FromLocal,
        Func::FromLocalUtc,
        Func::NowUtc,
        Func::NowLocal,
        Func::TimestampLit,
        Func::LocalTimestampLit,
        Func::ToDate,
        Func::AddHours,
        Func::AddDays,
        Func::AddMonths,
        Func::SubHours,
        Func::SubDays,
        Func::SubMonths,
        Func::StepHours,
        Func::StepDays,
        Func::StepMonths,
        Func::Percentile,
        Func::PercentileOver,
        Func::ListContains,
        Func::ToFloat,
        Func::Round,
        Func::Lower,
        Func::Upper,
        Func::ContainsText,
        Func::StartsText,
        Func::EndsText,
        Func::NullFlag,
        Func::TextOrder,
        Func::NullIfZero,
        Func::Coalesce,
        Func::ZeroIfNull,
        Func::CaseWhen,
        Func::CountStar,
        Func::Count,
        Func::CountDistinct,
        Func::Sum,
        Func::SumInteger,
        Func::Avg,
        Func::Min,
        Func::Max,
        Func::TotalOver,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Func::TruncHour
            | Func::TruncDay
            | Func::TruncWeek
            | Func::TruncMonth
            | Func::TruncQuarter
            | Func::TruncYear => "time buckets",
            Func::ToLocal | Func::FromLocal => "report time zones",
            Func::ToLocalUtc
            | Func::FromLocalUtc
            | Func::TimestampLit
            | Func::LocalTimestampLit => "timestamps",
            Func::NowUtc | Func::NowLocal => "relative time ranges",
            Func::ToDate => "time buckets as dates (`bucket_as: date`)",
            Func::AddHours
            | Func::AddDays
            | Func::AddMonths
            | Func::SubHours
            | Func::SubDays
            | Func::SubMonths => "relative time ranges",
            Func::StepHours | Func::StepDays | Func::StepMonths => "filled time buckets",
            Func::Percentile => "exact percentiles",
            Func::PercentileOver => "exact percentiles (as a window over the rows)",
            Func::ListContains => "list containment (`contains` on a list column)",
            Func::ToFloat => "division",
            Func::Round => "round()",
            Func::Lower | Func::Upper => "lower()/upper()",
            Func::NullIfZero => "division",
            Func::Coalesce => "filled time buckets",
            Func::ZeroIfNull => "counts of a linked source",
            Func::ContainsText | Func::StartsText | Func::EndsText => "text matching",
            Func::NullFlag => "NULL ordering",
            Func::TextOrder => "ties of `top` broken in byte order",
            Func::CaseWhen => "filtered aggregates",
            Func::CountStar | Func::Count | Func::CountDistinct => "count",
            Func::Sum | Func::SumInteger | Func::Avg | Func::Min | Func::Max => "aggregates",
            Func::TotalOver => "shares (a window over the grouped rows)",
        }
    }
}

/// A rendering: a template, or the reason the dialect cannot express the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Sql(&'static str),
    /// The dialect cannot express the function with the same meaning.
    Unsupported(&'static str),
    /// The dialect could, but reportc does not compile it for that dialect yet.
    NotYet(&'static str),
}

/// An argument to a template.
#[allow(clippy::large_enum_variant)] // short-lived, built per call
pub enum Arg {
    Expr(Expr),
    /// A compiler-made integer: a number expression for `__Ak__`, its digits for `{k}`.
    Int(i64),
    /// Compiler-made text substituted inside string literals of the template. Only
    /// constructible from numbers and timestamps, never from user text.
    Const(Trusted),
}

pub struct Trusted(String);

impl Trusted {
    pub fn timestamp(dt: jiff::civil::DateTime) -> Trusted {
        Trusted(dt.strftime("%Y-%m-%d %H:%M:%S").to_string())
    }
}

/// A parsed template: the expression and the placeholders in operator position.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub expr: Expr,
    slots: Vec<usize>,
    /// How often each placeholder occurs: the last use takes the argument, earlier ones clone.
    uses: [u8; 4],
}

/// The parsed function table of one dialect, built on first use (all templates at once).
pub type TemplateCache = OnceLock<Vec<Result<Parsed, String>>>;

/// Parse every template of a dialect with the dialect's own parser, once per process.
fn templates(d: &Dialect) -> &Vec<Result<Parsed, String>> {
    d.caches.templates.get_or_init(|| {
        let dialect = (d.parser)();
        Func::ALL
            .iter()
            .map(|f| match d.render(*f) {
                Render::Sql(sql) => Parser::new(dialect.as_ref())
                    .try_with_sql(&parser_friendly(sql))
                    .and_then(|mut p| p.parse_expr())
                    .map(|expr| Parsed {
                        slots: operator_slots(&expr),
                        uses: placeholder_uses(&expr),
                        expr,
                    })
                    .map_err(|e| format!("template for {f:?} in {} does not parse: {e}", d.name)),
                Render::Unsupported(_) | Render::NotYet(_) => {
                    Err(format!("{f:?} is unsupported in {}", d.name))
                }
            })
            .collect()
    })
}

/// The parsed template of `f` for dialect `d`.
pub fn parse_template(d: &Dialect, f: Func) -> Result<&Parsed, String> {
    let i = Func::ALL.iter().position(|g| *g == f).unwrap_or(0);
    templates(d)[i].as_ref().map_err(Clone::clone)
}

/// Templates are written with `__A1__` placeholders; some parsers (Oracle) refuse names that
/// start with `_`, so they are parsed as `zzarg1`.
fn parser_friendly(sql: &str) -> String {
    let mut out = sql.to_string();
    for i in 1..=4 {
        out = out.replace(&format!("__A{i}__"), &format!("zzarg{i}"));
    }
    out
}

fn placeholder_index(e: &Expr) -> Option<usize> {
    let Expr::Identifier(id) = e else {
        return None;
    };
    // `zzargN` in any case (a parser may fold it), without lower-casing a copy
    let v = id.value.as_str();
    if id.quote_style.is_some() || v.len() < 6 || !v.as_bytes()[..5].eq_ignore_ascii_case(b"zzarg")
    {
        return None;
    }
    v[5..].parse::<usize>().ok()
}

fn substitute_consts(s: &mut String, args: &[Arg]) {
    const SLOTS: [&str; 4] = ["{1}", "{2}", "{3}", "{4}"];
    // `{kT}`: the timestamp in the ISO 8601 form, `T` between date and time
    const ISO_SLOTS: [&str; 4] = ["{1T}", "{2T}", "{3T}", "{4T}"];
    if !s.contains('{') {
        return;
    }
    for ((slot, iso), a) in SLOTS.iter().zip(ISO_SLOTS).zip(args) {
        if !s.contains(slot) && !s.contains(iso) {
            continue;
        }
        match a {
            Arg::Const(Trusted(t)) => {
                *s = s.replace(iso, &t.replacen(' ', "T", 1)).replace(slot, t);
            }
            Arg::Int(n) => *s = s.replace(slot, &n.to_string()),
            Arg::Expr(_) => {}
        }
    }
}

/// Does an argument need parentheses when put into a template?
fn atomic(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Identifier(_)
            | Expr::CompoundIdentifier(_)
            | Expr::Value(_)
            | Expr::Function(_)
            | Expr::Nested(_)
            | Expr::Cast { .. }
            | Expr::TypedString(_)
            | Expr::Case { .. }
    )
}

/// Placeholders that stand as the operand of an operator in a template: an argument put there
/// needs parentheses unless it is atomic. In a function argument or a CASE it needs none.
fn operator_slots(template: &Expr) -> Vec<usize> {
    let mut slots = Vec::new();
    let mut t = template.clone();
    let _ = visit_expressions_mut(&mut t, |e| {
        let operands: Vec<&Expr> = match e {
            Expr::BinaryOp { left, right, .. } => vec![left, right],
            Expr::UnaryOp { expr, .. } | Expr::IsNull(expr) | Expr::IsNotNull(expr) => vec![expr],
            Expr::AtTimeZone {
                timestamp,
                time_zone,
            } => vec![timestamp, time_zone],
            Expr::AnyOp { left, right, .. } => vec![left, right],
            Expr::In { expr, .. } => vec![expr],
            Expr::Between {
                expr, low, high, ..
            } => vec![expr, low, high],
            Expr::Like { expr, pattern, .. } => vec![expr, pattern],
            _ => vec![],
        };
        slots.extend(operands.into_iter().filter_map(placeholder_index));
        ControlFlow::<()>::Continue(())
    });
    slots
}

fn placeholder_uses(template: &Expr) -> [u8; 4] {
    let mut uses = [0u8; 4];
    let mut t = template.clone();
    let _ = visit_expressions_mut(&mut t, |e| {
        if let Some(i) = placeholder_index(e) {
            if let Some(u) = uses.get_mut(i - 1) {
                *u += 1;
            }
        }
        ControlFlow::<()>::Continue(())
    });
    uses
}

/// Instantiate a parsed template with arguments (moved in: an argument is cloned only when
/// its placeholder occurs more than once).
pub fn instantiate(template: &Parsed, mut args: Vec<Arg>) -> Expr {
    let mut out = template.expr.clone();
    let slots = &template.slots;
    let mut remaining = template.uses;
    let mut exprs: Vec<Option<Expr>> = args
        .iter_mut()
        .enumerate()
        .map(|(i, a)| match a {
            Arg::Expr(e) => {
                let e = std::mem::replace(e, Expr::value(Value::Null));
                Some(if !atomic(&e) && slots.contains(&(i + 1)) {
                    Expr::Nested(Box::new(e))
                } else {
                    e
                })
            }
            Arg::Int(n) => Some(Expr::value(Value::Number(n.to_string(), false))),
            Arg::Const(_) => None,
        })
        .collect();
    leaves(&mut out, &mut |e: &mut Expr| {
        if let Some(i) = placeholder_index(e) {
            let last = remaining.get(i - 1).is_none_or(|r| *r <= 1);
            if let Some(r) = remaining.get_mut(i - 1) {
                *r = r.saturating_sub(1);
            }
            if let Some(slot) = exprs.get_mut(i - 1) {
                let arg = if last { slot.take() } else { slot.clone() };
                if let Some(arg) = arg {
                    *e = arg;
                }
            }
        } else {
            match e {
                Expr::Value(v) => {
                    if let Value::SingleQuotedString(s) = &mut v.value {
                        substitute_consts(s, &args);
                    }
                }
                Expr::TypedString(ts) => {
                    if let Value::SingleQuotedString(s) = &mut ts.value.value {
                        substitute_consts(s, &args);
                    }
                }
                _ => {}
            }
        }
    });
    exprs.clear();
    out
}

/// A name or a literal: what a template's placeholders and constants are.
fn is_leaf(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Identifier(_) | Expr::CompoundIdentifier(_) | Expr::Value(_) | Expr::TypedString(_)
    )
}

/// Call `f` on every leaf expression of a template (names, literals), children before their
/// parent, as `visit_expressions_mut` would: the shapes templates are made of are walked
/// directly, any other through the visitor (which visits every field of every node).
fn leaves(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    use sqlparser::ast::{FunctionArg, FunctionArgExpr, FunctionArguments};
    if is_leaf(e) {
        return f(e);
    }
    match e {
        Expr::Nested(x) | Expr::UnaryOp { expr: x, .. } | Expr::IsNull(x) | Expr::IsNotNull(x) => {
            leaves(x, f)
        }
        Expr::BinaryOp { left, right, .. } => {
            leaves(left, f);
            leaves(right, f);
        }
        Expr::AtTimeZone {
            timestamp,
            time_zone,
        } => {
            leaves(timestamp, f);
            leaves(time_zone, f);
        }
        Expr::Cast {
            expr, format: None, ..
        } => leaves(expr, f),
        Expr::Interval(i) => leaves(&mut i.value, f),
        Expr::Case {
            operand,
            conditions,
            else_result,
            ..
        } => {
            if let Some(x) = operand {
                leaves(x, f);
            }
            for c in conditions {
                leaves(&mut c.condition, f);
                leaves(&mut c.result, f);
            }
            if let Some(x) = else_result {
                leaves(x, f);
            }
        }
        Expr::Function(func)
            if matches!(func.parameters, FunctionArguments::None)
                && func.filter.is_none()
                && func.over.is_none()
                && func.null_treatment.is_none()
                && func.within_group.is_empty()
                && match &func.args {
                    FunctionArguments::None => true,
                    FunctionArguments::List(l) => {
                        l.clauses.is_empty()
                            && l.args.iter().all(|a| {
                                matches!(a, FunctionArg::Unnamed(FunctionArgExpr::Expr(_)))
                            })
                    }
                    FunctionArguments::Subquery(_) => false,
                } =>
        {
            if let FunctionArguments::List(l) = &mut func.args {
                for a in &mut l.args {
                    if let FunctionArg::Unnamed(FunctionArgExpr::Expr(x)) = a {
                        leaves(x, f);
                    }
                }
            }
        }
        other => {
            let _ = visit_expressions_mut(other, |x| {
                if is_leaf(x) {
                    f(x);
                }
                ControlFlow::<()>::Continue(())
            });
        }
    }
}

#[cfg(test)]
#[path = "functions_tests.rs"]
mod tests;
