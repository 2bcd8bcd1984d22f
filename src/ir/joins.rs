//! The links a report follows, in the IR: many-to-one joins, the many side pre-aggregated per
//! key, and the many side fanned out row by row (`check::paths`, `check::many`,
//! `check::fan_out`; built by `sql::builder::joins`).

use super::TExpr;
use crate::diagnostics::Span;

/// A followed link: the report's rows LEFT JOINed on `from = to` to the target table. Each
/// related column is read under a generated name (`TKind::Column(name)`) that no column of the
/// report's source has.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    pub link: String,
    /// Physical table of the target source.
    pub table: Vec<String>,
    /// The referring column of the report's source (physical name).
    pub from: String,
    /// The key column of the target (physical name).
    pub to: String,
    /// (physical column of the target, generated name it is read as).
    pub columns: Vec<(String, String)>,
    /// The "many" side of a link, pre-aggregated per key: `table` is the source whose rows
    /// link to the report's source, `from` the report source's key, `to` the many side's
    /// referring column; each part is one aggregate over the many rows of a key
    /// (`columns` is then empty). `None` for a many-to-one link.
    pub many: Option<Vec<ManyPart>>,
    /// The "many" side of a link joined row by row (fanned out), for the aggregates that
    /// cannot be merged from per-key values (distinct counts, percentiles): `table`, `from`
    /// and `to` as for `many`. `None` otherwise.
    pub fan: Option<Fan>,
    /// Where the report first names the link.
    pub span: Span,
}

/// One aggregate of the many side per key of the report's source (`count(sms)` is
/// `COUNT(*)` per interaction ID), read under a generated name.
#[derive(Debug, Clone, PartialEq)]
pub struct ManyPart {
    /// The aggregate, over the many side's own columns.
    pub expr: TExpr,
    pub name: String,
    /// A row with no related rows reads 0 (counts), else NULL.
    pub zero: bool,
}

/// The rows of a many side joined to the report's rows, each related row once: a report row
/// with k related rows is read k times (once when it has none). Every aggregate of the report
/// that reads no [`FanPart`] reads only the first of those copies (`first = 1`), so nothing is
/// counted twice (`check::fan_out`, `sql::builder::joins`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fan {
    /// Per related row, read under generated names.
    pub parts: Vec<FanPart>,
    /// The generated name of the first-copy flag: 1 on one copy of each report row, else 0.
    pub first: String,
}

/// One value per related row of a fanned-out many side: `arg` where `filter` holds, else
/// NULL, over the many side's own columns.
#[derive(Debug, Clone, PartialEq)]
pub struct FanPart {
    pub arg: TExpr,
    pub filter: Option<TExpr>,
    pub name: String,
}
