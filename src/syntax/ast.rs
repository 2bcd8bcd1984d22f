//! The report AST: what the author wrote, with a span on every node. It knows no catalogue and
//! no SQL. Both front ends (YAML and the DSL) produce it.

use crate::diagnostics::{Span, Spanned};

/// The operators, time units and ranges of the language, shared with the IR.
pub use crate::vocab::{BinOp, MatchOp, RelativeRange, TimeUnit};

pub type Ident = Spanned<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: Option<Ident>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub source: Ident,
    pub timezone: Option<Spanned<String>>,
    /// The typed parameters (`parameters:` / `parameter` clauses), used as `$name`.
    pub parameters: Vec<ParamDef>,
    pub columns: Vec<ColumnDef>,
    pub filters: Vec<Expr>,
    pub group_by: Option<Vec<Expr>>,
    pub having: Vec<Expr>,
    pub order_by: Vec<OrderItem>,
    pub limit: Option<Spanned<i64>>,
    /// `labels: yes|no` (DSL `labels yes|no`): enum outputs show their labels (or stored
    /// codes) whatever the catalogue's default; `None` follows the catalogue.
    pub labels: Option<Spanned<bool>>,
    /// `top: {n: 5, by: contacts, per: [week], rest: Other}` (DSL `top 5 by contacts per week
    /// rest 'Other'`): the N groups with the most of an output, and one row for the rest.
    pub top: Option<TopDef>,
    /// `fill: yes|no` (DSL `fill`): every bucket of the report's date range appears, empty
    /// ones with 0 counts and sums (`sql::builder::fill`).
    pub fill: Option<Spanned<bool>>,
    /// `bucket_as: date|timestamp` (DSL `bucket_as date`): `true` shows day, week, month,
    /// quarter and year buckets as dates; `None` or `false`, as timestamps.
    pub bucket_dates: Option<Spanned<bool>>,
    /// The notation it was written in, so that diagnostics use its words.
    pub notation: Notation,
}

/// YAML or the DSL: diagnostics name a part of the report as its author wrote it (`order_by`
/// or `order by`, `- name: expression` or `name = expression`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notation {
    #[default]
    Yaml,
    Dsl,
}

impl Notation {
    /// The YAML key `key` (`columns`, `filters`, `group_by`, `having`, `order_by`) in this
    /// notation: the key itself, or its DSL clause.
    pub fn word(self, key: &'static str) -> &'static str {
        const DSL: &[(&str, &str)] = &[
            ("columns", "select"),
            ("filters", "where"),
            ("group_by", "group by"),
            ("order_by", "order by"),
        ];
        match self {
            Notation::Yaml => key,
            Notation::Dsl => DSL.iter().find(|(k, _)| *k == key).map_or(key, |(_, w)| w),
        }
    }

    /// A named output as written in this notation: `- name: expr` or `name = expr`.
    pub fn named_output(self, name: &str, expr: &str) -> String {
        match self {
            Notation::Yaml => format!("- {name}: {expr}"),
            Notation::Dsl => format!("{name} = {expr}"),
        }
    }
}

/// The top N groups by an output, and the rest as one row (`top:` / the `top` clause).
#[derive(Debug, Clone, PartialEq)]
pub struct TopDef {
    /// How many groups are shown (per value of the `per` keys).
    pub n: Spanned<i64>,
    /// The output the groups are ranked by, most first.
    pub by: Ident,
    /// Group-key outputs within each value of which the groups are ranked (none: overall).
    pub per: Vec<Ident>,
    /// The label of the row that aggregates every other group (`None`: `Other`).
    pub rest: Option<Spanned<String>>,
    /// The whole `top:` value or clause.
    pub span: Span,
}

/// The label of the rest row when the report names none.
pub const DEFAULT_REST: &str = "Other";

/// A declared parameter: `$name` stands for a value given at compile time (`--param`) or,
/// with `--placeholders`, for a bind placeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamDef {
    pub name: Ident,
    pub ty: Spanned<ParamType>,
    /// The default value as written (read like a `--param` value).
    pub default: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub span: Span,
}

/// The type of a parameter; `Enum` names a column of the source whose labels are the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamType {
    Text,
    Integer,
    Number,
    Date,
    Timestamp,
    Duration,
    Boolean,
    Enum(String),
}

/// The parameter type names as written, in the order the help lists them.
pub const PARAM_TYPES: &[&str] = &[
    "text",
    "integer",
    "number",
    "date",
    "timestamp",
    "duration",
    "boolean",
    "enum(column)",
];

impl ParamType {
    /// Read a type as written: `date`, `enum(queue)`; `None` when it is no type.
    pub fn parse(s: &str) -> Option<ParamType> {
        let s = s.trim();
        if let Some(col) = s
            .strip_prefix("enum")
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('('))
            .and_then(|r| r.strip_suffix(')'))
        {
            let col = col.trim();
            return crate::vocab::is_identifier(col).then(|| ParamType::Enum(col.to_string()));
        }
        Some(match s {
            "text" => ParamType::Text,
            "integer" => ParamType::Integer,
            "number" => ParamType::Number,
            "date" => ParamType::Date,
            "timestamp" => ParamType::Timestamp,
            "duration" => ParamType::Duration,
            "boolean" => ParamType::Boolean,
            _ => return None,
        })
    }
    /// The type as written in a report.
    pub fn text(&self) -> String {
        match self {
            ParamType::Text => "text".into(),
            ParamType::Integer => "integer".into(),
            ParamType::Number => "number".into(),
            ParamType::Date => "date".into(),
            ParamType::Timestamp => "timestamp".into(),
            ParamType::Duration => "duration".into(),
            ParamType::Boolean => "boolean".into(),
            ParamType::Enum(c) => format!("enum({c})"),
        }
    }
}

/// One output column: `name: expr`, or a bare column reference whose name is the column's.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    pub name: Option<Ident>,
    pub expr: Expr,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderItem {
    pub expr: Expr,
    pub descending: bool,
    pub nulls: Option<NullsOrder>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NullsOrder {
    First,
    Last,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// Written in parentheses that the grammar did not need (`(a and b) or c`): changes no
    /// SQL; `fmt` and `convert` keep them around an `and` under an `or`, and lint W0101 reads it.
    pub parens: bool,
}

impl Expr {
    /// `left op right`, spanning both (the parsers fold operator chains with it), with its
    /// depth counted by the caller.
    pub fn binary_parts(op: BinOp, left: Expr, right: Expr) -> (ExprKind, Span) {
        let span = left.span.join(right.span);
        let kind = ExprKind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        };
        (kind, span)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A column of the source, or (in `having`/`order_by` and later columns) an output name.
    Name(String),
    Literal(Literal),
    /// `$name`: a declared parameter.
    Param(String),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    InList {
        expr: Box<Expr>,
        list: Vec<Expr>,
        negated: bool,
    },
    InRange {
        expr: Box<Expr>,
        range: Spanned<RelativeRange>,
        negated: bool,
    },
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
        negated: bool,
    },
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
    Match {
        op: MatchOp,
        case_insensitive: bool,
        expr: Box<Expr>,
        pattern: Box<Expr>,
        negated: bool,
    },
    Call {
        name: Ident,
        args: Vec<Expr>,
        filter: Option<Box<Expr>>,
    },
    Bucket {
        expr: Box<Expr>,
        unit: Spanned<TimeUnit>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    /// Digits as written (an integer or a decimal), kept exact.
    Number(String),
    Bool(bool),
    Null,
    Date(jiff::civil::Date),
    Timestamp(jiff::civil::DateTime),
    /// A duration in milliseconds.
    Duration(i64),
}

/// The body of [`for_each_child`] and [`for_each_child_mut`]: `$kind` is `&e.kind` or
/// `&mut e.kind`, `$iter` is `iter` or `iter_mut`.
macro_rules! each_child {
    ($kind:expr, $f:ident, $iter:ident) => {
        match $kind {
            ExprKind::Name(_) | ExprKind::Literal(_) | ExprKind::Param(_) => {}
            ExprKind::Neg(x) | ExprKind::Not(x) => $f(x),
            ExprKind::Binary { left, right, .. } => {
                $f(left);
                $f(right);
            }
            ExprKind::InList { expr, list, .. } => {
                $f(expr);
                list.$iter().for_each(&mut $f);
            }
            ExprKind::InRange { expr, .. }
            | ExprKind::IsNull { expr, .. }
            | ExprKind::Bucket { expr, .. } => $f(expr),
            ExprKind::Between {
                expr, low, high, ..
            } => {
                $f(expr);
                $f(low);
                $f(high);
            }
            ExprKind::Match { expr, pattern, .. } => {
                $f(expr);
                $f(pattern);
            }
            ExprKind::Call { args, filter, .. } => {
                args.$iter().for_each(&mut $f);
                if let Some(w) = filter {
                    $f(w);
                }
            }
        }
    };
}

/// Call `f` on each direct sub-expression.
pub fn for_each_child(e: &Expr, mut f: impl FnMut(&Expr)) {
    each_child!(&e.kind, f, iter)
}

/// Call `f` on each direct sub-expression, mutably.
pub fn for_each_child_mut(e: &mut Expr, mut f: impl FnMut(&mut Expr)) {
    each_child!(&mut e.kind, f, iter_mut)
}

/// The report with every span set to empty: compare ASTs of different files (a YAML report and
/// its DSL twin) by meaning alone.
pub fn erase_spans(r: &Report) -> Report {
    let id = |i: &Ident| Spanned::new(i.value.clone(), Span::empty());
    let text = |t: &Option<Spanned<String>>| t.as_ref().map(id);
    Report {
        name: text(&r.name),
        title: text(&r.title),
        description: text(&r.description),
        source: id(&r.source),
        timezone: text(&r.timezone),
        parameters: r
            .parameters
            .iter()
            .map(|p| ParamDef {
                name: id(&p.name),
                ty: Spanned::new(p.ty.value.clone(), Span::empty()),
                default: text(&p.default),
                description: text(&p.description),
                span: Span::empty(),
            })
            .collect(),
        columns: r
            .columns
            .iter()
            .map(|c| ColumnDef {
                name: text(&c.name),
                expr: erase_expr_spans(&c.expr),
                span: Span::empty(),
            })
            .collect(),
        filters: r.filters.iter().map(erase_expr_spans).collect(),
        group_by: r
            .group_by
            .as_ref()
            .map(|g| g.iter().map(erase_expr_spans).collect()),
        having: r.having.iter().map(erase_expr_spans).collect(),
        order_by: r
            .order_by
            .iter()
            .map(|o| OrderItem {
                expr: erase_expr_spans(&o.expr),
                descending: o.descending,
                nulls: o.nulls,
                span: Span::empty(),
            })
            .collect(),
        limit: r
            .limit
            .as_ref()
            .map(|l| Spanned::new(l.value, Span::empty())),
        labels: r
            .labels
            .as_ref()
            .map(|l| Spanned::new(l.value, Span::empty())),
        top: r.top.as_ref().map(|t| TopDef {
            n: Spanned::new(t.n.value, Span::empty()),
            by: Spanned::new(t.by.value.clone(), Span::empty()),
            per: t
                .per
                .iter()
                .map(|p| Spanned::new(p.value.clone(), Span::empty()))
                .collect(),
            rest: t
                .rest
                .as_ref()
                .map(|r| Spanned::new(r.value.clone(), Span::empty())),
            span: Span::empty(),
        }),
        fill: r
            .fill
            .as_ref()
            .map(|l| Spanned::new(l.value, Span::empty())),
        bucket_dates: r
            .bucket_dates
            .as_ref()
            .map(|l| Spanned::new(l.value, Span::empty())),
        // twins in the two notations mean the same
        notation: Notation::Yaml,
    }
}

/// The expression with every span set to empty.
pub fn erase_expr_spans(e: &Expr) -> Expr {
    let b = |x: &Expr| Box::new(erase_expr_spans(x));
    let kind = match &e.kind {
        ExprKind::Name(n) => ExprKind::Name(n.clone()),
        ExprKind::Literal(l) => ExprKind::Literal(l.clone()),
        ExprKind::Param(p) => ExprKind::Param(p.clone()),
        ExprKind::Neg(x) => ExprKind::Neg(b(x)),
        ExprKind::Not(x) => ExprKind::Not(b(x)),
        ExprKind::Binary { op, left, right } => ExprKind::Binary {
            op: *op,
            left: b(left),
            right: b(right),
        },
        ExprKind::InList {
            expr,
            list,
            negated,
        } => ExprKind::InList {
            expr: b(expr),
            list: list.iter().map(erase_expr_spans).collect(),
            negated: *negated,
        },
        ExprKind::InRange {
            expr,
            range,
            negated,
        } => ExprKind::InRange {
            expr: b(expr),
            range: Spanned::new(range.value, Span::empty()),
            negated: *negated,
        },
        ExprKind::Between {
            expr,
            low,
            high,
            negated,
        } => ExprKind::Between {
            expr: b(expr),
            low: b(low),
            high: b(high),
            negated: *negated,
        },
        ExprKind::IsNull { expr, negated } => ExprKind::IsNull {
            expr: b(expr),
            negated: *negated,
        },
        ExprKind::Match {
            op,
            case_insensitive,
            expr,
            pattern,
            negated,
        } => ExprKind::Match {
            op: *op,
            case_insensitive: *case_insensitive,
            expr: b(expr),
            pattern: b(pattern),
            negated: *negated,
        },
        ExprKind::Call { name, args, filter } => ExprKind::Call {
            name: Spanned::new(name.value.clone(), Span::empty()),
            args: args.iter().map(erase_expr_spans).collect(),
            filter: filter.as_ref().map(|f| b(f)),
        },
        ExprKind::Bucket { expr, unit } => ExprKind::Bucket {
            expr: b(expr),
            unit: Spanned::new(unit.value, Span::empty()),
        },
    };
    Expr {
        kind,
        span: Span::empty(),
        parens: false,
    }
}
