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
    /// `''` escapes a quote and a backslash escapes too, so both are doubled (Redshift).
    DoubledWithBackslash,
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
    /// `LIMIT n`
    Limit,
    /// `SELECT TOP n` (T-SQL)
    Top,
    /// `FETCH FIRST n ROWS ONLY` (Oracle)
    FetchFirst,
}

impl LimitStyle {
    /// A query of every clause the builder fills, parsed once per dialect and then edited.
    pub fn skeleton(self) -> &'static str {
        match self {
            LimitStyle::Limit => "SELECT a FROM t WHERE 1 = 1 GROUP BY a HAVING 1 = 1 ORDER BY a LIMIT 1",
            LimitStyle::Top => "SELECT TOP 1 a FROM t WHERE 1 = 1 GROUP BY a HAVING 1 = 1 ORDER BY a",
            LimitStyle::FetchFirst => {
                "SELECT a FROM t WHERE 1 = 1 GROUP BY a HAVING 1 = 1 ORDER BY a FETCH FIRST 1 ROWS ONLY"
            }
        }
    }
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
    /// Text with non-ASCII characters is written `N'...'` (T-SQL).
    pub national_strings: bool,
    /// The engine stores `''` as NULL (Oracle): an empty string literal is refused.
    pub empty_string_is_null: bool,
    /// How a NUL character is written inside a string literal; `None`: the engine cannot store it.
    pub nul_escape: Option<&'static str>,
    pub like_escape: LikeEscape,
    /// `[` is a LIKE wildcard too (T-SQL) and is escaped.
    pub like_brackets: bool,
    /// LIKE is case-sensitive. Where it is not (SQLite), `contains` & co. use the
    /// `ContainsText`/`StartsText`/`EndsText` functions of the function table.
    pub like_case_sensitive: bool,
    pub limit: LimitStyle,
    /// `agg(...) FILTER (WHERE ...)`; otherwise `agg(CASE WHEN ... THEN ... END)`.
    pub filter_clause: bool,
    /// `NULLS FIRST` / `NULLS LAST` in ORDER BY; otherwise a `CASE WHEN x IS NULL` key first.
    pub nulls_ordering: bool,
    /// An output alias may be used inside an ORDER BY expression (not in T-SQL, where the
    /// output's expression is repeated).
    pub order_alias_in_expr: bool,
    /// `GROUP BY 1, 2`; otherwise the expressions are repeated.
    pub group_by_ordinal: bool,
    /// `TRUE`/`FALSE` literals.
    pub boolean_literals: bool,
    /// Time zones are named by Windows names (SQL Server), mapped from IANA names.
    pub windows_zone_names: bool,
    /// The function table: every [`Func`] the dialect renders.
    pub functions: &'static [(Func, Render)],
    /// What the dialect computes once (each dialect file has its own `static CACHES`).
    pub caches: &'static Caches,
}

/// Per-dialect values computed on first use.
pub struct Caches {
    /// The parsed function table.
    pub templates: TemplateCache,
    /// The reserved words, sorted.
    pub reserved: OnceLock<Vec<&'static str>>,
    /// The parsed query skeleton of the dialect's LIMIT style.
    pub skeleton: OnceLock<sqlparser::ast::Statement>,
}

impl Caches {
    pub const fn new() -> Caches {
        Caches {
            templates: TemplateCache::new(),
            reserved: OnceLock::new(),
            skeleton: OnceLock::new(),
        }
    }
}

impl Default for Caches {
    fn default() -> Self {
        Caches::new()
    }
}

/// A placeholder for BASE; every dialect sets its own (a test checks they are distinct).
pub static NO_CACHES: Caches = Caches::new();

/// The defaults every dialect starts from: standard SQL. A dialect file overrides only what
/// differs (`Dialect { name: ..., ..BASE }`).
pub const BASE: Dialect = Dialect {
    name: "",
    display: "",
    parser: || Box::new(sqlparser::dialect::GenericDialect {}),
    ident_quote: '"',
    ident_backslash_escape: false,
    fold: Fold::Lower,
    reserved: "",
    strings: StringStyle::Standard,
    national_strings: false,
    empty_string_is_null: false,
    nul_escape: None,
    like_escape: LikeEscape::Clause,
    like_brackets: false,
    like_case_sensitive: true,
    limit: LimitStyle::Limit,
    filter_clause: false,
    nulls_ordering: true,
    order_alias_in_expr: true,
    group_by_ordinal: true,
    boolean_literals: true,
    windows_zone_names: false,
    functions: &[],
    caches: &NO_CACHES,
};

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
        let sorted = self.caches.reserved.get_or_init(|| {
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
    &super::dialects::sqlite::DIALECT,
    &super::dialects::mysql::DIALECT,
    &super::dialects::clickhouse::DIALECT,
    &super::dialects::spark::DIALECT,
    &super::dialects::trino::DIALECT,
    &super::dialects::mssql::DIALECT,
    &super::dialects::oracle::DIALECT,
    &super::dialects::redshift::DIALECT,
];

pub fn dialect_by_name(name: &str) -> Option<&'static Dialect> {
    let lower = name.to_ascii_lowercase();
    DIALECTS.iter().copied().find(|d| d.name == lower)
}

pub fn dialect_names() -> Vec<&'static str> {
    DIALECTS.iter().map(|d| d.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_has_its_own_caches_and_a_unique_name() {
        for (i, a) in DIALECTS.iter().enumerate() {
            assert!(
                !std::ptr::eq(a.caches, &NO_CACHES),
                "{} uses the placeholder caches",
                a.name
            );
            assert!(!a.reserved.is_empty(), "{} has no reserved words", a.name);
            for b in &DIALECTS[i + 1..] {
                assert!(
                    !std::ptr::eq(a.caches, b.caches),
                    "{} and {} share caches",
                    a.name,
                    b.name
                );
                assert_ne!(a.name, b.name);
            }
        }
    }

    /// Every template of every dialect parses with the dialect's own parser.
    #[test]
    fn every_template_parses() {
        for d in DIALECTS {
            for f in Func::ALL {
                if let Render::Sql(_) = d.render(*f) {
                    if let Err(e) = super::super::functions::parse_template(d, *f) {
                        panic!("{e}");
                    }
                }
            }
        }
    }
}
