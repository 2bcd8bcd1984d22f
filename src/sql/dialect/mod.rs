//! The dialect capability table. Every difference between SQL dialects is a field here or a row
//! of a function table (`functions.rs`, `dialects/families.rs`, a dialect's own file); the
//! builder reads them and never matches on a dialect's name. A dialect names a parent (or
//! none: then [`BASE`]); its capability row is built from its parent's and states only what
//! differs, and [`Dialect::render`] looks in its own rows, its families, then its parent's, up
//! to `functions::BASE`. A new dialect is one file in `dialects/`, its reserved words, and its
//! entry in [`DIALECTS`].

use super::functions::{Func, Render, Table, TemplateCache};
use std::sync::OnceLock;

mod styles;
pub use styles::*;

pub struct Dialect {
    /// The name used on the command line.
    pub name: &'static str,
    /// The product name used in messages.
    pub display: &'static str,
    /// The dialect this one is a variant of (Redshift of PostgreSQL, Databricks of Spark,
    /// Athena of Trino): the row is written `Dialect { name, ..parent::ROW }`, and the
    /// renderings it does not state are the parent's. `None`: the parent is [`BASE`].
    pub parent: Option<&'static Dialect>,
    /// The sqlparser dialect used to parse templates and to verify output.
    pub parser: fn() -> Box<dyn sqlparser::dialect::Dialect>,
    pub ident_quote: char,
    /// A backslash inside a quoted identifier starts an escape (BigQuery, ClickHouse): a name
    /// holding a backslash is refused, since sqlparser (which verifies the output) reads it
    /// literally. Elsewhere a backslash in a quoted name is an ordinary character.
    pub ident_backslash_escape: bool,
    /// The quote character inside a quoted identifier is written doubled. Where it cannot be
    /// (BigQuery: backslash escapes only; Oracle: no `"` in any name), a name holding it is refused.
    pub ident_quote_doubles: bool,
    /// Names hold only characters of the Basic Multilingual Plane (MySQL, MariaDB).
    pub ident_bmp_only: bool,
    pub fold: Fold,
    /// How output names are written so that they come back as the report wrote them.
    pub output_names: OutputNames,
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
    /// `lower()`/`upper()` change ASCII letters only (SQLite without ICU): `lower(x)` and
    /// `upper(x)` are refused, and so is `icontains` & co. with a non-ASCII cased letter in the
    /// pattern (an ASCII pattern matches the same rows as elsewhere).
    pub case_fold_ascii_only: bool,
    /// Text comparisons, matching, grouping and ordering follow the column's collation, and the
    /// engine's default collation ignores case (MySQL `utf8mb4_0900_ai_ci`, SQL Server
    /// `SQL_Latin1_General_CP1_CI_AS`): documented to the user, not written around
    /// (docs/research/dialect-facts.md, "Case-insensitive default collations").
    pub text_follows_collation: bool,
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
    /// Why a report following links (a LEFT JOIN inside a derived table, `builder/joins.rs`)
    /// is refused (E0300): no vendor documentation fact was recorded for this dialect yet.
    pub joins_refused: Option<&'static str>,
    /// A derived table's alias is written `) AS r` (the form Trino documents); otherwise
    /// `) r` (Oracle accepts no `AS` before a table alias).
    pub derived_alias_as: bool,
    /// `TRUE`/`FALSE` literals.
    pub boolean_literals: bool,
    /// Every PERCENTILE_CONT of a query must order by the same expression (Redshift: "they
    /// must all use the same ORDER BY values"); a second one that differs is refused (E0300).
    pub percentiles_share_order: bool,
    /// Why an unmatched row of a LEFT JOIN does not get NULLs (ClickHouse fills default values
    /// unless the session sets `join_use_nulls`): `previous()` is refused (E0300) with it.
    pub left_join_defaults: Option<&'static str>,
    /// The query setting that makes the columns of an unmatched LEFT JOIN row NULL, written
    /// `SETTINGS <name> = 1` on a query that relies on it (ClickHouse `join_use_nulls`).
    pub null_join_setting: Option<&'static str>,
    /// Why a join whose condition is not a plain equality of columns cannot be relied on
    /// (BigQuery: no vendor fact found that it accepts them): `previous()`, `rolling()` and
    /// `running()` are refused (E0300) with it.
    pub expression_join: Option<&'static str>,
    /// How the buckets of a filled report are generated.
    pub bucket_series: BucketSeries,
    /// Time zones are named by Windows names (SQL Server), mapped from IANA names.
    pub windows_zone_names: bool,
    /// How `--placeholders` writes a bind placeholder.
    pub placeholders: Placeholders,
    /// The SQL type names of the logical types: text, integer, number, boolean, timestamp, date.
    pub type_names: TypeNames,
    /// How a view is created or replaced.
    pub create_view: CreateView,
    /// A view's query may have ORDER BY only with a row limit (SQL Server: "unless there is
    /// also a TOP clause"): the view body of a report with `order_by` and no `limit` drops its
    /// ORDER BY (a view keeps no order anyway). See docs/research/dialect-facts.md.
    pub view_order_needs_limit: bool,
    /// How a list-of-text column is stored; `None`: `demo-data --format sql` cannot write one.
    pub list_column: Option<ListColumn>,
    /// `demo-data --format sql`: a statement before the tables (MySQL/MariaDB: the client's
    /// character set, so that non-BMP text loads) and options after `CREATE TABLE (...)`.
    pub load_prelude: &'static str,
    pub table_options: &'static str,
    /// The dialect's own renderings: only those that differ from its families and parent.
    pub functions: Table,
    /// Shared tables of renderings the dialect writes alike with unrelated dialects
    /// (`dialects::families`), searched after `functions`, before the parent.
    pub families: &'static [Table],
    /// What the dialect computes once (each dialect file has its own `static CACHES`).
    pub caches: &'static Caches,
}

/// The SQL type a dialect gives a value of each logical type (the output schema, ClickHouse
/// placeholders, `demo-data --format sql`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeNames {
    pub text: &'static str,
    pub integer: &'static str,
    pub number: &'static str,
    pub boolean: &'static str,
    pub timestamp: &'static str,
    /// A time bucket shown as a date (`bucket_as: date`).
    pub date: &'static str,
}

/// Per-dialect values computed on first use.
pub struct Caches {
    /// The parsed function table.
    pub templates: TemplateCache,
    /// The reserved words, sorted.
    pub reserved: OnceLock<Vec<&'static str>>,
    /// The parsed query skeleton of the dialect's LIMIT style.
    pub skeleton: OnceLock<sqlparser::ast::Statement>,
    /// The parsed series skeleton of a filled report.
    pub series: OnceLock<sqlparser::ast::Statement>,
    /// The parsed numbers query of `BucketSeries::Numbers`.
    pub numbers: OnceLock<sqlparser::ast::Statement>,
}

impl Caches {
    pub const fn new() -> Caches {
        Caches {
            templates: TemplateCache::new(),
            reserved: OnceLock::new(),
            skeleton: OnceLock::new(),
            series: OnceLock::new(),
            numbers: OnceLock::new(),
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

/// The reason of [`Dialect::joins_refused`] for the dialects without an engine here whose join
/// syntax no recorded vendor fact covers yet.
pub const JOINS_UNVERIFIED: &str = "no vendor documentation of its derived tables and LEFT JOIN was recorded for reportc yet (docs/research/dialect-facts.md, joins)";

/// The defaults every dialect starts from: standard SQL. A dialect file overrides only what
/// differs (`Dialect { name: ..., ..BASE }`).
pub const BASE: Dialect = Dialect {
    name: "",
    display: "",
    parent: None,
    parser: || Box::new(sqlparser::dialect::GenericDialect {}),
    ident_quote: '"',
    ident_backslash_escape: false,
    ident_quote_doubles: true,
    ident_bmp_only: false,
    fold: Fold::Lower,
    output_names: OutputNames::AsWritten,
    reserved: "",
    strings: StringStyle::Standard,
    national_strings: false,
    empty_string_is_null: false,
    nul_escape: None,
    like_escape: LikeEscape::Clause,
    like_brackets: false,
    like_case_sensitive: true,
    case_fold_ascii_only: false,
    text_follows_collation: false,
    limit: LimitStyle::Limit,
    filter_clause: false,
    nulls_ordering: true,
    order_alias_in_expr: true,
    group_by_ordinal: true,
    joins_refused: None,
    derived_alias_as: false,
    boolean_literals: true,
    percentiles_share_order: false,
    left_join_defaults: None,
    null_join_setting: None,
    expression_join: None,
    bucket_series: BucketSeries::Refused(SERIES_UNVERIFIED),
    windows_zone_names: false,
    placeholders: Placeholders::Question,
    create_view: CreateView::OrReplace,
    view_order_needs_limit: false,
    list_column: None,
    load_prelude: "",
    table_options: "",
    type_names: TypeNames {
        text: "VARCHAR",
        integer: "BIGINT",
        number: "DOUBLE PRECISION",
        boolean: "BOOLEAN",
        timestamp: "TIMESTAMP",
        date: "DATE",
    },
    functions: &[],
    families: &[],
    caches: &NO_CACHES,
};

impl Dialect {
    /// How the dialect renders `f`: its own row, else its families', else its parent's (and so
    /// on up), else `functions::BASE`; a function with a fallback (`Func::falls_back_to`) that
    /// none of them states is rendered as that one.
    pub fn render(&self, f: Func) -> Render {
        self.stated(f)
            .or_else(|| find(super::functions::BASE, f))
            .or_else(|| f.falls_back_to().map(|g| self.render(g)))
            .unwrap_or(Render::Unsupported(
                "it is not in the dialect's function table",
            ))
    }

    /// The rendering stated by the dialect or one of its ancestors (not by BASE).
    fn stated(&self, f: Func) -> Option<Render> {
        let mut d = Some(self);
        while let Some(x) = d {
            if let Some(r) = find(&[x.functions], f).or_else(|| find(x.families, f)) {
                return Some(r);
            }
            d = x.parent;
        }
        None
    }

    /// The dialect and its ancestors, nearest first.
    pub fn lineage(&self) -> impl Iterator<Item = &Dialect> {
        std::iter::successors(Some(self), |d| d.parent)
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
        // the list is upper case: compare with the word upper-cased, without allocating it
        sorted
            .binary_search_by(|w| w.bytes().cmp(word.bytes().map(|b| b.to_ascii_uppercase())))
            .is_ok()
    }
}

fn find(tables: &[Table], f: Func) -> Option<Render> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|(g, _)| *g == f)
        .map(|(_, r)| *r)
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
    &super::dialects::databricks::DIALECT,
    &super::dialects::trino::DIALECT,
    &super::dialects::athena::DIALECT,
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

    /// Every table a rendering can be written in: each dialect's own rows, each family, BASE.
    fn every_table() -> Vec<(String, Table)> {
        let mut v: Vec<(String, Table)> = DIALECTS
            .iter()
            .map(|d| (d.name.to_string(), d.functions))
            .collect();
        v.extend(
            super::super::dialects::families::ALL
                .iter()
                .map(|(n, t)| (format!("families::{n}"), *t)),
        );
        v.push((
            "functions::STANDARD".into(),
            super::super::functions::STANDARD,
        ));
        v.push(("functions::COMMON".into(), super::super::functions::COMMON));
        v
    }

    /// No rendering is written twice: a (function, rendering) pair stands in one table only.
    #[test]
    fn no_rendering_is_written_twice() {
        let tables = every_table();
        let mut seen: Vec<(Func, Render, &str)> = Vec::new();
        for (name, t) in &tables {
            for (f, r) in t.iter() {
                if let Some((_, _, other)) = seen.iter().find(|(g, s, _)| g == f && s == r) {
                    panic!("{f:?} => {r:?} is written in {other} and in {name}");
                }
                seen.push((*f, *r, name));
            }
        }
    }

    /// A dialect's own row states a difference: without it the dialect would render the
    /// function otherwise.
    #[test]
    fn own_rows_differ_from_what_is_inherited() {
        for d in DIALECTS {
            let bare = Dialect {
                functions: &[],
                caches: &NO_CACHES,
                ..**d
            };
            for (f, r) in d.functions {
                assert_ne!(
                    bare.render(*f),
                    *r,
                    "{}: {f:?} repeats what it inherits",
                    d.name
                );
            }
        }
    }

    /// A family is shared (else its rows belong in the one dialect's file), and the families of
    /// one dialect render disjoint functions, so their order does not matter.
    #[test]
    fn families_are_shared_and_disjoint() {
        for (name, t) in super::super::dialects::families::ALL {
            let users = DIALECTS.iter().filter(|d| d.families.contains(t)).count();
            assert!(users >= 2, "family {name} is used by {users} dialect(s)");
        }
        for d in DIALECTS {
            let mut funcs: Vec<Func> = Vec::new();
            for t in d.families {
                for (f, _) in t.iter() {
                    assert!(!funcs.contains(f), "{}: two families render {f:?}", d.name);
                    funcs.push(*f);
                }
            }
        }
    }

    /// Parents are real dialects, listed before their children.
    #[test]
    fn parents_come_first() {
        for (i, d) in DIALECTS.iter().enumerate() {
            if let Some(p) = d.parent {
                let at = DIALECTS.iter().position(|x| std::ptr::eq(*x, p));
                assert!(
                    at.is_some_and(|j| j < i),
                    "{}: parent {} is not listed before it",
                    d.name,
                    p.name
                );
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
