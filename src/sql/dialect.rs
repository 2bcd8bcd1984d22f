//! The dialect capability table. Every difference between SQL dialects is a field here or a row
//! of a dialect's function table (`functions.rs`); the builder reads them and never matches on a
//! dialect's name. A new dialect is one file in `dialects/` plus its entry in [`DIALECTS`].

use super::functions::{Func, Render, TemplateCache};
use std::sync::OnceLock;

/// How unquoted identifiers are folded by the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    Lower,
    Upper,
    /// Case-insensitive, case kept.
    None,
}

/// How string literals escape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringStyle {
    /// Only `''` escapes a quote; a backslash is an ordinary character.
    Standard,
    /// A backslash escapes (`\'`, `\\`, `\n`); `''` is not used.
    Backslash,
}

/// How `contains`/`starts_with`/`ends_with` escape LIKE wildcards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeEscape {
    /// `LIKE '...' ESCAPE '\'`.
    Clause,
    /// The backslash escapes wildcards by default and there is no ESCAPE clause.
    DefaultBackslash,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitStyle {
    Limit,
}

pub struct Dialect {
    /// The name used on the command line.
    pub name: &'static str,
    /// The product name used in messages.
    pub display: &'static str,
    /// The sqlparser dialect used to parse templates and to verify output.
    pub parser: fn() -> Box<dyn sqlparser::dialect::Dialect>,
    pub ident_quote: char,
    /// Inside a quoted identifier the quote is escaped with a backslash (BigQuery), not doubled.
    pub ident_backslash_escape: bool,
    pub fold: Fold,
    /// Reserved words (upper case, one per line), quoted when used as names.
    pub reserved: &'static str,
    pub strings: StringStyle,
    /// How a NUL character is written inside a string literal; `None`: the engine cannot store it.
    pub nul_escape: Option<&'static str>,
    pub like_escape: LikeEscape,
    pub limit: LimitStyle,
    /// `agg(...) FILTER (WHERE ...)`; otherwise `agg(CASE WHEN ... THEN ... END)`.
    pub filter_clause: bool,
    /// `NULLS FIRST` / `NULLS LAST` in ORDER BY.
    pub nulls_ordering: bool,
    /// `GROUP BY 1, 2`; otherwise the expressions are repeated.
    pub group_by_ordinal: bool,
    /// `TRUE`/`FALSE` literals.
    pub boolean_literals: bool,
    /// The function table: every [`Func`] the dialect renders.
    pub functions: &'static [(Func, Render)],
    /// Parsed templates, filled on first use (write `cache: TemplateCache::new()`).
    pub cache: TemplateCache,
    /// The reserved words as a sorted list, filled on first use.
    pub reserved_sorted: OnceLock<Vec<&'static str>>,
}

impl Dialect {
    pub fn render(&self, f: Func) -> Render {
        self.functions
            .iter()
            .chain(super::functions::BASE.iter())
            .find(|(g, _)| *g == f)
            .map(|(_, r)| *r)
            .unwrap_or(Render::Unsupported(
                "it is not in the dialect's function table",
            ))
    }

    pub fn is_reserved(&self, word: &str) -> bool {
        let sorted = self.reserved_sorted.get_or_init(|| {
            let mut v: Vec<&str> = self
                .reserved
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            v.sort_unstable();
            v
        });
        let upper = word.to_ascii_uppercase();
        sorted.binary_search(&upper.as_str()).is_ok()
    }
}

impl std::fmt::Debug for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every supported dialect, in the order `reportc dialects` shows them.
pub static DIALECTS: &[&Dialect] = &[
    &super::dialects::postgres::DIALECT,
    &super::dialects::duckdb::DIALECT,
    &super::dialects::bigquery::DIALECT,
    &super::dialects::snowflake::DIALECT,
];

pub fn dialect_by_name(name: &str) -> Option<&'static Dialect> {
    let lower = name.to_ascii_lowercase();
    DIALECTS.iter().copied().find(|d| d.name == lower)
}

pub fn dialect_names() -> Vec<&'static str> {
    DIALECTS.iter().map(|d| d.name).collect()
}
