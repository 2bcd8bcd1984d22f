//! The "many" side of a link: a source whose rows link to the report's source (the SMS of a
//! message, from a `messages` report). Its rows are never joined to the report's rows (that
//! would repeat them: fan-out); they are aggregated per key of the report's source instead,
//! and the per-key values re-aggregated by the report:
//!
//! - `count(sms)`, `sum(sms.credits)`, `avg(sms.credits)`, `min`/`max`, each with an optional
//!   `where sms.<column> ...`: one pre-aggregate per key ([`ir::ManyPart`]), then `SUM`, `MIN`
//!   or `MAX` of it over the report's rows (`avg` is the sum of sums over the sum of counts);
//! - `any(sms.origin = 'payment module')`: the row has at least one such related row, the
//!   per-key count of them above 0;
//! - `count_distinct` and percentiles of the many rows cannot be merged from per-key values:
//!   the many rows are joined row by row instead (`fan_out.rs`).

use super::calls::{call, misplaced_aggregate};
use super::{Checker, Ctx, Mode, R};
use crate::catalog::{Link, Source};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::ir::{self, AggFunc, ScalarFunc, TExpr, TKind, Ty, Value};
use crate::syntax::ast::{for_each_child, for_each_child_mut, Expr, ExprKind, Ident};
use crate::vocab::BinOp;

/// A source linking to the report's source, under the name a report gives its rows.
pub(super) struct ManySide<'c> {
    pub name: String,
    pub source: &'c Source,
    pub link: &'c Link,
}

impl<'c> Checker<'c> {
    /// Every many side of the report's source, by every name it has: the link's `reverse:`
    /// name, else the linking source's id when it links here once; and `<source>_via_<link>`.
    pub(super) fn many_sides(&self) -> Vec<ManySide<'c>> {
        let Some(catalog) = self.catalog else {
            return Vec::new();
        };
        let here = &self.source.id;
        let mut out = Vec::new();
        for s in &catalog.sources {
            let back: Vec<&Link> = s.links.iter().filter(|l| l.to_source == *here).collect();
            for l in &back {
                let own = match &l.reverse {
                    Some((r, _)) => Some(r.clone()),
                    None if back.len() == 1 => Some(s.id.clone()),
                    None => None,
                };
                let mut names: Vec<String> = own.into_iter().collect();
                names.push(format!("{}_via_{}", s.id, l.name));
                for name in names {
                    if self.source.link(&name).is_none() {
                        out.push(ManySide {
                            name,
                            source: s,
                            link: l,
                        });
                    }
                }
            }
        }
        out
    }

    /// How reports of the target of this source's link `link` name this source's rows
    /// (`sms` for the SMS's link `message`).
    pub(super) fn reverse_name(&self, link: &Link) -> String {
        if let Some((r, _)) = &link.reverse {
            return r.clone();
        }
        let back = self
            .source
            .links
            .iter()
            .filter(|l| l.to_source == link.to_source)
            .count();
        if back == 1 {
            self.source.id.clone()
        } else {
            format!("{}_via_{}", self.source.id, link.name)
        }
    }

    /// The many side named `n`; an error when `n` is a source linking here several times
    /// under no reverse name; `None` when `n` names no many side.
    pub(super) fn many_lookup(
        &self,
        n: &str,
        span: Span,
    ) -> Option<Result<ManySide<'c>, Diagnostic>> {
        if self.source.link(n).is_some() {
            return None;
        }
        let sides = self.many_sides();
        if let Some(i) = sides.iter().position(|s| s.name == n) {
            return Some(Ok(sides.into_iter().nth(i)?));
        }
        let ways: Vec<String> = sides
            .iter()
            .filter(|s| s.source.id == n && s.name.contains("_via_"))
            .map(|s| format!("`{}` (by its link `{}`)", s.name, s.link.name))
            .collect();
        if ways.is_empty() {
            return None;
        }
        Some(Err(Diagnostic::error(
            Code::ManyName,
            span,
            format!(
                "`{n}` links to `{}` in {} ways, so `{n}` alone does not say which rows",
                self.source.id,
                ways.len()
            ),
        )
        .with_help(format!("name one: {}", ways.join(", ")))))
    }

    /// The many-side names an expression reads (`sms` of `sms.credits`), with their spans.
    fn many_refs(&self, e: &Expr, out: &mut Vec<(String, Span)>) {
        match &e.kind {
            ExprKind::Name(n) => {
                if let Some((prefix, _)) = n.split_once('.') {
                    if self.many_lookup(prefix, e.span).is_some() {
                        out.push((prefix.to_string(), e.span));
                    }
                }
            }
            // `any(...)` is a per-row test of its own, e.g. in `count() where any(...)`
            ExprKind::Call { name, .. } if name.value.eq_ignore_ascii_case("any") => {}
            _ => for_each_child(e, |c| self.many_refs(c, out)),
        }
    }

    /// `count(sms)`: a bare name that is a many side, and no column, measure or output.
    fn many_rows(&self, e: &Expr) -> Option<String> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        let plain = !n.contains('.')
            && self.source.column(n).is_none()
            && self.measure_named(n).is_none()
            && self.output_pos(n).is_none();
        (plain && self.many_lookup(n, e.span).is_some()).then(|| n.clone())
    }

    /// An aggregate call reading a many side, computed per key; `None` when it reads none.
    pub(super) fn many_call(
        &mut self,
        fname: &str,
        name: &Ident,
        args: &[Expr],
        filter: Option<&Expr>,
        span: Span,
        ctx: Ctx,
    ) -> Option<Option<R<'c>>> {
        let mut refs = Vec::new();
        let rows = match args {
            [a] if fname == "count" => self.many_rows(a),
            _ => None,
        };
        if let Some(r) = &rows {
            refs.push((r.clone(), args[0].span));
        }
        args.iter().for_each(|a| self.many_refs(a, &mut refs));
        let in_args = refs.len();
        if let Some(f) = filter {
            self.many_refs(f, &mut refs);
        }
        let (side_name, at) = refs.first().cloned()?;
        if in_args == 0 {
            // `count() where sms.origin = ...`: of which rows? Said explicitly, either way
            let what = if args.is_empty() {
                format!("{}()", name.value)
            } else {
                format!("{}(...)", name.value)
            };
            return Some(self.err(
                Diagnostic::error(
                    Code::ManyMixed,
                    at,
                    format!(
                        "the condition of `{what}` names `{side_name}`, whose rows the aggregate does not read"
                    ),
                )
                .with_help(format!(
                    "to aggregate the `{side_name}` rows write `count({side_name}) where {side_name}.<column> ...`; to keep the `{}` rows that have such `{side_name}` rows write `{what} where any({side_name}.<column> = ...)`",
                    self.source.id
                )),
            ));
        }
        if misplaced_aggregate(self, &format!("aggregate `{}`", name.value), span, ctx) {
            return Some(None);
        }
        let side = match self.many_lookup(&side_name, at)? {
            Ok(s) => s,
            Err(d) => return Some(self.err(d)),
        };
        // the distinct values of a key of the many side are its rows with a value: a count
        let key_count = fname == "count_distinct"
            && matches!(args, [a] if matches!(&a.kind, ExprKind::Name(n)
                if n.split_once('.').is_some_and(|(p, c)| p == side_name
                    && side.source.keys.len() == 1
                    && side.source.keys[0].column == c)));
        let count_name;
        let name = if key_count {
            count_name = Ident {
                value: "count".to_string(),
                span: name.span,
            };
            &count_name
        } else {
            name
        };
        let args: Vec<Expr> = if rows.is_some() {
            Vec::new()
        } else {
            match args.iter().map(|a| self.strip(a, &side_name)).collect() {
                Some(a) => a,
                None => return Some(None),
            }
        };
        let filter = match filter.map(|f| self.strip(f, &side_name)) {
            Some(None) => return Some(None),
            Some(Some(f)) => Some(f),
            None => None,
        };
        let mut inner = self.many_checker(side.source);
        let r = call(
            &mut inner,
            name,
            &args,
            filter.as_ref(),
            span,
            Ctx {
                mode: Mode::Column,
                in_agg: false,
            },
        );
        self.diags.extend(std::mem::take(&mut inner.diags.0));
        let Some((agg, _)) = r else {
            return Some(None);
        };
        if !self.no_placeholder(&agg, &side_name, span) {
            return Some(None);
        }
        if let Some(out) = self.fan_call(&side, &agg, span) {
            return Some(out);
        }
        let TKind::Agg {
            func,
            arg,
            filter: inner_filter,
        } = &agg.kind
        else {
            return Some(None);
        };
        let re_agg = |func: AggFunc, g: String, ty: Ty| {
            TExpr::new(
                TKind::Agg {
                    func,
                    arg: Some(Box::new(TExpr::new(TKind::Column(g), ty))),
                    filter: None,
                },
                ty,
            )
        };
        let out = match func {
            AggFunc::CountStar | AggFunc::Count => {
                // 0, not NULL, over no rows of the report's source
                let g = self.many_part(&side, agg.clone(), true, span);
                TExpr::new(
                    TKind::Func {
                        func: ScalarFunc::ZeroIfNull,
                        args: vec![re_agg(AggFunc::Sum, g, Ty::Integer)],
                    },
                    Ty::Integer,
                )
            }
            AggFunc::Sum | AggFunc::Min | AggFunc::Max => {
                let g = self.many_part(&side, agg.clone(), false, span);
                re_agg(*func, g, agg.ty)
            }
            AggFunc::Avg => {
                let Some(arg) = arg.clone() else {
                    return Some(None);
                };
                let part = |func, ty| {
                    TExpr::new(
                        TKind::Agg {
                            func,
                            arg: Some(arg.clone()),
                            filter: inner_filter.clone(),
                        },
                        ty,
                    )
                };
                let sum = self.many_part(&side, part(AggFunc::Sum, arg.ty), false, span);
                let count = self.many_part(&side, part(AggFunc::Count, Ty::Integer), true, span);
                TExpr::new(
                    TKind::Div {
                        left: Box::new(re_agg(AggFunc::Sum, sum, arg.ty)),
                        right: Box::new(re_agg(AggFunc::Sum, count, Ty::Integer)),
                    },
                    agg.ty,
                )
            }
            AggFunc::CountDistinct => return Some(None),
        };
        Some(Some((out, None)))
    }

    /// `any(sms.origin = 'payment module')` (or `any(sms)`): the row has at least one
    /// related row of the many side meeting the condition. A per-row yes/no.
    pub(super) fn any_call(
        &mut self,
        name: &Ident,
        args: &[Expr],
        filter: Option<&Expr>,
        span: Span,
        ctx: Ctx,
    ) -> Option<R<'c>> {
        let example = "e.g. `any(sms.origin = 'payment module')`: the row has at least one linked `sms` row with that origin";
        if let Some(f) = filter {
            return self.err(
                Diagnostic::error(
                    Code::NestedAggregate,
                    f.span,
                    "`where` applies only to aggregates, not to `any`",
                )
                .with_help("put the condition inside: `any(sms.origin = 'payment module')`"),
            );
        }
        if args.len() != 1 {
            return self.err(
                Diagnostic::error(
                    Code::BadArgument,
                    span,
                    format!(
                        "`{}` takes one condition ({} given)",
                        name.value,
                        args.len()
                    ),
                )
                .with_help(example),
            );
        }
        if ctx.mode == Mode::Having && !ctx.in_agg {
            return self.err(
                Diagnostic::error(
                    Code::NotAnOutput,
                    span,
                    "`any` tests each row: it is not an output column here",
                )
                .with_help("move the condition to `filters`, or count the rows it keeps (`count() where any(...)`)"),
            );
        }
        let mut refs = Vec::new();
        let rows = self.many_rows(&args[0]);
        if let Some(r) = &rows {
            refs.push((r.clone(), args[0].span));
        }
        self.many_refs(&args[0], &mut refs);
        let Some((side_name, at)) = refs.first().cloned() else {
            // one name per link: its first (the reverse name or the source's id, else `_via_`)
            let mut many: Vec<String> = Vec::new();
            let mut links: Vec<(&str, &str)> = Vec::new();
            let sides = self.many_sides();
            for s in &sides {
                let key = (s.source.id.as_str(), s.link.name.as_str());
                if !links.contains(&key) {
                    links.push(key);
                    many.push(format!("`{}`", s.name));
                }
            }
            let help = if many.is_empty() {
                format!(
                    "no source links to `{}` (catalogue `links:`), so it has no many side to test",
                    self.source.id
                )
            } else {
                format!(
                    "{example}; sources linking to `{}`: {}",
                    self.source.id,
                    many.join(", ")
                )
            };
            return self.err(
                Diagnostic::error(
                    Code::ManyName,
                    args[0].span,
                    "`any` tests the rows of a linked source, and this condition names none",
                )
                .with_help(help),
            );
        };
        let side = match self.many_lookup(&side_name, at)? {
            Ok(s) => s,
            Err(d) => return self.err(d),
        };
        let cond = match rows {
            Some(_) => None,
            None => {
                let stripped = self.strip(&args[0], &side_name)?;
                let mut inner = self.many_checker(side.source);
                let c = inner.condition(
                    &stripped,
                    Ctx {
                        mode: Mode::AggFilter,
                        in_agg: true,
                    },
                    "the condition of `any`",
                );
                self.diags.extend(std::mem::take(&mut inner.diags.0));
                let c = c?;
                if !self.no_placeholder(&c, &side_name, span) {
                    return None;
                }
                Some(Box::new(c))
            }
        };
        let count = TExpr::new(
            TKind::Agg {
                func: AggFunc::CountStar,
                arg: None,
                filter: cond,
            },
            Ty::Integer,
        );
        let g = self.many_part(&side, count, true, span);
        let out = TExpr::new(
            TKind::Binary {
                op: BinOp::Gt,
                left: Box::new(TExpr::new(TKind::Column(g), Ty::Integer)),
                right: Box::new(TExpr::new(
                    TKind::Lit(Value::Number("0".into())),
                    Ty::Integer,
                )),
            },
            Ty::Boolean,
        );
        Some((out, None))
    }

    /// A checker of the many side's own columns, sharing the report's zone and parameters.
    fn many_checker(&self, source: &'c Source) -> Checker<'c> {
        let mut c = Checker::new(source, self.tz.clone(), Vec::new(), self.params.clone());
        c.words = self.words;
        c
    }

    /// A bind placeholder inside a many-side aggregate would be bound in the FROM, out of the
    /// clause order the placeholders are numbered in: refused.
    fn no_placeholder(&mut self, e: &TExpr, side: &str, span: Span) -> bool {
        fn has(e: &TExpr) -> bool {
            let mut found = matches!(e.kind, TKind::Param { .. });
            e.kind.for_each_child(|c| found |= has(c));
            found
        }
        if !has(e) {
            return true;
        }
        self.diags.push(
            Diagnostic::error(
                Code::ManyMixed,
                span,
                format!("a bind placeholder inside an aggregate of `{side}` is not supported"),
            )
            .with_help("give the parameter a value (`--param name=value`), or a default"),
        );
        false
    }

    /// `e` with `side.column` written `column`; any other name is an error (E0273).
    fn strip(&mut self, e: &Expr, side: &str) -> Option<Expr> {
        let mut out = e.clone();
        let mut bad: Vec<(String, Span)> = Vec::new();
        strip_names(&mut out, side, &mut bad);
        if bad.is_empty() {
            return Some(out);
        }
        for (n, at) in bad {
            self.diags.push(
                Diagnostic::error(
                    Code::ManyMixed,
                    at,
                    format!("`{n}` is not a column of `{side}`, in an aggregate of `{side}` rows"),
                )
                .with_help(format!(
                    "an aggregate or `any` of `{side}` reads `{side}` columns only, each written `{side}.<column>`; compute the other part as its own aggregate"
                )),
            );
        }
        None
    }

    /// Register one per-key aggregate of `side`, once; its generated name.
    fn many_part(&mut self, side: &ManySide, expr: TExpr, zero: bool, span: Span) -> String {
        let i = match self
            .joins
            .iter()
            .position(|j| j.link == side.name && j.many.is_some())
        {
            Some(i) => i,
            None => {
                let from = self
                    .source
                    .column(&side.link.to_column)
                    .map(|c| c.physical.clone())
                    .unwrap_or_default();
                let to = side
                    .source
                    .column(&side.link.column)
                    .map(|c| c.physical.clone())
                    .unwrap_or_default();
                self.joins.push(ir::Join {
                    link: side.name.clone(),
                    table: side.source.table.clone(),
                    from,
                    to,
                    columns: Vec::new(),
                    many: Some(Vec::new()),
                    fan: None,
                    span,
                });
                self.joins.len() - 1
            }
        };
        let parts = self.joins[i].many.as_ref().map_or(0, Vec::len);
        if let Some(p) = self.joins[i]
            .many
            .iter()
            .flatten()
            .find(|p| p.expr == expr && p.zero == zero)
        {
            return p.name.clone();
        }
        let g = self.generated_name(&format!("{}__n{}", side.name, parts + 1), i, parts);
        if let Some(m) = self.joins[i].many.as_mut() {
            m.push(ir::ManyPart {
                expr,
                name: g.clone(),
                zero,
            });
        }
        g
    }
}

/// Rename `side.column` to `column` in place; collect every other name.
fn strip_names(e: &mut Expr, side: &str, bad: &mut Vec<(String, Span)>) {
    if let ExprKind::Name(n) = &mut e.kind {
        match n.split_once('.') {
            Some((p, c)) if p == side => *n = c.to_string(),
            _ => bad.push((n.clone(), e.span)),
        }
        return;
    }
    for_each_child_mut(e, |c| strip_names(c, side, bad));
}
