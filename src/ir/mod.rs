//! The resolved report: every name bound to a catalogue column or an output, every expression
//! typed, enum labels replaced by stored codes, literals normalised to the column's unit.
//! Produced by `check`, consumed by `sql`. Not serialisable: it is an internal boundary.

use crate::catalog::DurationUnit;
use crate::diagnostics::Span;
use crate::vocab::{BinOp, MatchOp, RelativeRange, TimeUnit};

mod joins;
pub use joins::{Fan, FanPart, Join, ManyPart};

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub name: Option<String>,
    /// The report's `title:` and `description:` (for templates and the output schema).
    pub title: Option<String>,
    pub description: Option<String>,
    /// The catalogue source the report reads (`source:`).
    pub source: String,
    /// Physical table name parts.
    pub table: Vec<String>,
    /// Where the report names its data source (`from`, `source:`): the place of a diagnostic
    /// about the table's name (E0400 when the dialect cannot quote it).
    pub table_span: Span,
    pub outputs: Vec<Output>,
    pub filters: Vec<TExpr>,
    /// `Some` when the query aggregates: the GROUP BY keys (possibly empty: one total row).
    pub group_by: Option<Vec<GroupKey>>,
    pub having: Vec<TExpr>,
    pub order_by: Vec<Order>,
    pub limit: Option<u64>,
    /// The report time zone for buckets, relative ranges and local literals; `None` is UTC.
    pub timezone: Option<Zone>,
    /// The declared parameters, in declaration order (`TKind::Param` indexes them).
    pub parameters: Vec<Param>,
    /// The many-to-one links the report follows (`link.column` paths), in first-use order.
    pub joins: Vec<Join>,
    /// `top`: the N groups with the most of an output, and one row for the rest.
    pub top: Option<Top>,
    /// `fill: yes`: every bucket of the date range appears (`sql::builder::fill`); the span of
    /// the key. Checked: one time bucket, the only group key, and a bounded range.
    pub fill: Option<Span>,
}

/// The top N groups (per value of the `per` keys) by an aggregate output, most first, ties by
/// the ranked keys ascending (NULL last); every other group aggregated into one row whose
/// ranked keys show `rest` (`sql::builder::top_rest`).
#[derive(Debug, Clone, PartialEq)]
pub struct Top {
    pub n: u64,
    /// The output ranked by (an aggregate).
    pub by: usize,
    /// The group-key outputs ranked within; the other group keys are ranked.
    pub per: Vec<usize>,
    /// The label of the rest row in the ranked keys.
    pub rest: String,
    pub span: Span,
}

/// A declared parameter, as the report states it (for the output schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    /// The type as written: `date`, `enum(queue)`.
    pub ty: String,
    pub default: Option<String>,
    pub description: Option<String>,
}

impl Query {
    /// The parameters left as bind placeholders, as declaration indexes, in clause order.
    pub fn params_used(&self) -> Vec<usize> {
        fn walk(e: &TExpr, out: &mut Vec<usize>) {
            if let TKind::Param { index, .. } = &e.kind {
                out.push(*index);
            }
            e.kind.for_each_child(|c| walk(c, out));
        }
        let mut out = Vec::new();
        self.outputs.iter().for_each(|o| walk(&o.expr, &mut out));
        self.filters.iter().for_each(|f| walk(f, &mut out));
        if let Some(g) = &self.group_by {
            for k in g {
                if let GroupKey::Expr(e) = k {
                    walk(e, &mut out);
                }
            }
        }
        self.having.iter().for_each(|h| walk(h, &mut out));
        out
    }
}

/// A report time zone, resolved once by check: later stages never look the name up again.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// The canonical IANA name (`europe/paris` is `Europe/Paris`), as written into SQL:
    /// warehouses are case-sensitive.
    pub name: String,
    pub tz: jiff::tz::TimeZone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub name: String,
    pub expr: TExpr,
    pub span: Span,
    /// An enum column shown with its catalogue labels instead of its stored codes (`labels:`).
    pub labels: Option<Labels>,
    /// The unit the report names for its numbers (`minutes(...)`: `minutes`); a duration's
    /// stored unit comes from its type.
    pub unit: Option<&'static str>,
    /// A day (or longer) time bucket shown as a date (`bucket_as: date`).
    pub as_date: bool,
}

/// The labels an enum output shows: each stored code with its label. A stored code the
/// catalogue does not list shows as itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    pub values: Vec<crate::catalog::EnumValue>,
    /// `codes: integer`: the codes are integers (compared as numbers, shown as text).
    pub integer: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupKey {
    /// Group by an output column (index into `outputs`).
    Output(usize),
    /// Group by an expression that is not an output.
    Expr(TExpr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub output: usize,
    pub descending: bool,
    pub nulls_first: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A timestamp. `local` is true for wall-clock values in the report time zone (buckets),
    /// false for stored UTC instants (columns).
    Timestamp {
        local: bool,
    },
    Duration(DurationUnit),
    Text,
    Integer,
    Number,
    Boolean,
    TextList,
    Null,
}

impl Ty {
    pub fn name(self) -> &'static str {
        match self {
            Ty::Timestamp { .. } => "timestamp",
            Ty::Duration(_) => "duration",
            Ty::Text => "text",
            Ty::Integer => "integer",
            Ty::Number => "number",
            Ty::Boolean => "boolean",
            Ty::TextList => "text list",
            Ty::Null => "null",
        }
    }
    /// The name with its article: "an integer", "a timestamp".
    pub fn a(self) -> String {
        let n = self.name();
        if self == Ty::Text {
            return "text".to_string();
        }
        let art = if n.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{art} {n}")
    }
    pub fn is_numeric(self) -> bool {
        matches!(self, Ty::Integer | Ty::Number)
    }
}

/// Equality ignores spans: two expressions written in different places are the same expression.
#[derive(Debug, Clone)]
pub struct TExpr {
    pub kind: TKind,
    pub ty: Ty,
    /// Contains an aggregate.
    pub agg: bool,
    /// Where it was written (empty for nodes the compiler made).
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// An exact decimal or integer, as digits.
    Number(String),
    Bool(bool),
    Null,
    /// A timestamp constant, already in the domain of the other operand (UTC for columns,
    /// report-local for buckets).
    Timestamp(jiff::civil::DateTime),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggFunc {
    CountStar,
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarFunc {
    Lower,
    Upper,
    Round,
    /// The first argument, or the second where it is NULL (made by the compiler: the 0 of an
    /// empty filled bucket).
    Coalesce,
    /// 0 where the value is NULL (a count of a linked many side over no rows).
    ZeroIfNull,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TKind {
    Column(String),
    Lit(Value),
    /// A bind placeholder (`--placeholders`): the parameter's index in declaration order.
    Param {
        index: usize,
        name: String,
    },
    Neg(Box<TExpr>),
    Not(Box<TExpr>),
    /// `+`, `-`, `*` and comparisons; `and`/`or`.
    Binary {
        op: BinOp,
        left: Box<TExpr>,
        right: Box<TExpr>,
    },
    /// Float division; NULL when the divisor is zero, on every dialect.
    Div {
        left: Box<TExpr>,
        right: Box<TExpr>,
    },
    InList {
        expr: Box<TExpr>,
        list: Vec<TExpr>,
        negated: bool,
    },
    Between {
        expr: Box<TExpr>,
        low: Box<TExpr>,
        high: Box<TExpr>,
        negated: bool,
    },
    IsNull {
        expr: Box<TExpr>,
        negated: bool,
    },
    /// Substring / prefix / suffix test against a constant pattern (LIKE wildcards in the
    /// pattern are literal characters).
    Match {
        op: MatchOp,
        case_insensitive: bool,
        expr: Box<TExpr>,
        pattern: String,
        negated: bool,
    },
    /// A text list column contains a value.
    ListContains {
        list: Box<TExpr>,
        value: String,
        negated: bool,
    },
    Agg {
        func: AggFunc,
        arg: Option<Box<TExpr>>,
        filter: Option<Box<TExpr>>,
    },
    /// Exact continuous percentile (linear interpolation).
    Percentile {
        arg: Box<TExpr>,
        fraction: String,
        filter: Option<Box<TExpr>>,
    },
    Func {
        func: ScalarFunc,
        args: Vec<TExpr>,
    },
    /// Truncate a stored timestamp to a unit, in the report time zone. The result is local.
    Bucket {
        expr: Box<TExpr>,
        unit: TimeUnit,
    },
    /// A stored timestamp lies in a range relative to now, in the report time zone.
    InRange {
        expr: Box<TExpr>,
        range: RelativeRange,
        negated: bool,
    },
    /// `previous(m)` / `previous(m, year)`: the aggregate expression `m` in the previous bucket
    /// of the report's time bucket, or in the same bucket one year earlier
    /// (`sql::builder::comparison`).
    Previous {
        expr: Box<TExpr>,
        year: bool,
    },
    /// `rolling(m, N)` / `running(m[, unit])`: the aggregate expression `m` over the rows of a
    /// calendar window of buckets ending at this bucket (`sql::builder::window`).
    Window {
        expr: Box<TExpr>,
        frame: Frame,
    },
    /// The sum of an additive aggregate over every group sharing the values of `within` (group
    /// key expressions; none is the report total): a window over the grouped rows, for
    /// `share(m, k...)`.
    Total {
        expr: Box<TExpr>,
        within: Vec<TExpr>,
    },
}

/// The buckets a window aggregate covers, ending at the bucket of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// The N buckets (of the report's bucket unit) ending at this one.
    Rolling(u32),
    /// From the start of the shown range, or of this bucket's period of the unit.
    Running(Option<TimeUnit>),
}

impl PartialEq for TExpr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.ty == other.ty
    }
}

impl TExpr {
    pub fn new(kind: TKind, ty: Ty) -> TExpr {
        let agg = match &kind {
            TKind::Agg { .. } | TKind::Percentile { .. } => true,
            TKind::Column(_) | TKind::Lit(_) | TKind::Param { .. } => false,
            _ => {
                let mut any = false;
                kind.for_each_child(|c| any |= c.agg);
                any
            }
        };
        TExpr {
            kind,
            ty,
            agg,
            span: Span::empty(),
        }
    }
}

impl TKind {
    /// Call `f` on each direct sub-expression.
    pub fn for_each_child(&self, mut f: impl FnMut(&TExpr)) {
        match self {
            TKind::Column(_) | TKind::Lit(_) | TKind::Param { .. } => {}
            TKind::Neg(e) | TKind::Not(e) => f(e),
            TKind::Binary { left, right, .. } | TKind::Div { left, right } => {
                f(left);
                f(right);
            }
            TKind::InList { expr, list, .. } => {
                f(expr);
                list.iter().for_each(f);
            }
            TKind::Between {
                expr, low, high, ..
            } => {
                f(expr);
                f(low);
                f(high);
            }
            TKind::IsNull { expr, .. }
            | TKind::Match { expr, .. }
            | TKind::Bucket { expr, .. }
            | TKind::InRange { expr, .. }
            | TKind::Previous { expr, .. }
            | TKind::Window { expr, .. } => f(expr),
            TKind::ListContains { list, .. } => f(list),
            TKind::Agg { arg, filter, .. } => {
                if let Some(a) = arg {
                    f(a);
                }
                if let Some(w) = filter {
                    f(w);
                }
            }
            TKind::Percentile { arg, filter, .. } => {
                f(arg);
                if let Some(w) = filter {
                    f(w);
                }
            }
            TKind::Func { args, .. } => args.iter().for_each(f),
            TKind::Total { expr, within } => {
                f(expr);
                within.iter().for_each(f);
            }
        }
    }

    /// Call `f` on each direct sub-expression, mutably.
    pub fn for_each_child_mut(&mut self, mut f: impl FnMut(&mut TExpr)) {
        match self {
            TKind::Column(_) | TKind::Lit(_) | TKind::Param { .. } => {}
            TKind::Neg(e) | TKind::Not(e) => f(e),
            TKind::Binary { left, right, .. } | TKind::Div { left, right } => {
                f(left);
                f(right);
            }
            TKind::InList { expr, list, .. } => {
                f(expr);
                list.iter_mut().for_each(f);
            }
            TKind::Between {
                expr, low, high, ..
            } => {
                f(expr);
                f(low);
                f(high);
            }
            TKind::IsNull { expr, .. }
            | TKind::Match { expr, .. }
            | TKind::Bucket { expr, .. }
            | TKind::InRange { expr, .. }
            | TKind::Previous { expr, .. }
            | TKind::Window { expr, .. } => f(expr),
            TKind::ListContains { list, .. } => f(list),
            TKind::Agg { arg, filter, .. } => {
                if let Some(a) = arg {
                    f(a);
                }
                if let Some(w) = filter {
                    f(w);
                }
            }
            TKind::Percentile { arg, filter, .. } => {
                f(arg);
                if let Some(w) = filter {
                    f(w);
                }
            }
            TKind::Func { args, .. } => args.iter_mut().for_each(f),
            TKind::Total { expr, within } => {
                f(expr);
                within.iter_mut().for_each(f);
            }
        }
    }
}

/// The expression uses `previous` (also through `change` and `relative_change`).
pub fn contains_previous(e: &TExpr) -> bool {
    let mut found = matches!(e.kind, TKind::Previous { .. });
    e.kind.for_each_child(|c| found |= contains_previous(c));
    found
}

/// The expression uses `share`.
pub fn contains_share(e: &TExpr) -> bool {
    let mut found = matches!(e.kind, TKind::Total { .. });
    e.kind.for_each_child(|c| found |= contains_share(c));
    found
}

/// The expression uses an exact percentile (`percentile`, `median`).
pub fn contains_percentile(e: &TExpr) -> bool {
    let mut found = matches!(e.kind, TKind::Percentile { .. });
    e.kind.for_each_child(|c| found |= contains_percentile(c));
    found
}

/// The expression uses `rolling` or `running`.
pub fn contains_window(e: &TExpr) -> bool {
    let mut found = matches!(e.kind, TKind::Window { .. });
    e.kind.for_each_child(|c| found |= contains_window(c));
    found
}

/// The date range of a filled report: the one range the filters put on the bucketed column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FillRange<'a> {
    /// `ts in last 7 days` & co.
    Relative(RelativeRange),
    /// `ts >= lo and ts < hi` (`<=` when `hi_inclusive`), `ts between lo and hi`.
    Bounds {
        lo: &'a TExpr,
        hi: &'a TExpr,
        hi_inclusive: bool,
    },
}

/// The range the filters put on stored column `ts`: a relative range, or one lower and one
/// upper bound (top-level conditions, `and` included). `Err` says what is missing.
pub fn fill_range<'a>(filters: &'a [TExpr], ts: &str) -> Result<FillRange<'a>, &'static str> {
    fn conjuncts<'a>(e: &'a TExpr, out: &mut Vec<&'a TExpr>) {
        match &e.kind {
            TKind::Binary {
                op: BinOp::And,
                left,
                right,
            } => {
                conjuncts(left, out);
                conjuncts(right, out);
            }
            _ => out.push(e),
        }
    }
    let mut all = Vec::new();
    filters.iter().for_each(|f| conjuncts(f, &mut all));
    let is_ts = |e: &TExpr| matches!(&e.kind, TKind::Column(c) if c == ts);
    let (mut rel, mut lo, mut hi) = (Vec::new(), Vec::new(), Vec::new());
    for c in all {
        match &c.kind {
            TKind::InRange {
                expr,
                range,
                negated: false,
            } if is_ts(expr) => rel.push(*range),
            TKind::Binary { op, left, right } if is_ts(left) && !is_ts(right) => match op {
                BinOp::Gt | BinOp::GtEq => lo.push(&**right),
                BinOp::Lt => hi.push((&**right, false)),
                BinOp::LtEq => hi.push((&**right, true)),
                _ => {}
            },
            TKind::Binary { op, left, right } if is_ts(right) && !is_ts(left) => match op {
                BinOp::Lt | BinOp::LtEq => lo.push(&**left),
                BinOp::Gt => hi.push((&**left, false)),
                BinOp::GtEq => hi.push((&**left, true)),
                _ => {}
            },
            TKind::Between {
                expr,
                low,
                high,
                negated: false,
            } if is_ts(expr) => {
                lo.push(low);
                hi.push((high, true));
            }
            _ => {}
        }
    }
    match (rel.as_slice(), lo.as_slice(), hi.as_slice()) {
        ([r], [], []) => Ok(FillRange::Relative(*r)),
        ([], [l], [(h, inclusive)]) => Ok(FillRange::Bounds {
            lo: l,
            hi: h,
            hi_inclusive: *inclusive,
        }),
        ([], [], []) => Err("the filters put no range on the bucketed column"),
        ([], [_], []) => Err("the range on the bucketed column has no upper bound"),
        ([], [], [_]) => Err("the range on the bucketed column has no lower bound"),
        _ => Err("the filters put more than one range on the bucketed column"),
    }
}
