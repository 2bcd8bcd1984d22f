//! How a dialect writes each thing the capability row names: identifier folding, string and
//! LIKE escapes, output names, LIMIT forms, placeholders, views, list columns and the bucket
//! series of `fill` (the value types of [`super::Dialect`]'s fields).

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

/// How output names (the report's column names) survive the engine's identifier folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputNames {
    /// An alias comes back as written (quoted only when `ident` needs it).
    AsWritten,
    /// Unquoted aliases come back upper-case (Snowflake, Oracle): every output gets a quoted
    /// alias, also a column output under its own name (`queue AS "queue"`).
    Quoted,
    /// Names come back lower-case, quoted or not (Redshift by default, Trino): an output name
    /// with an upper-case letter is refused (E0300).
    LowerCase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitStyle {
    /// `LIMIT n`
    Limit,
    /// `SELECT TOP (n)` (T-SQL)
    Top,
    /// `FETCH FIRST n ROWS ONLY` (Oracle)
    FetchFirst,
}

/// How a bind placeholder (`--placeholders`) is written. Sources in docs/research/dialect-facts.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholders {
    /// `?`, bound by position in the text: one value per occurrence, in the order printed.
    Question,
    /// `?1`, `?2`: numbered by declaration (SQLite's `?NNN`).
    QuestionNumbered,
    /// `$1`, `$2`: numbered by declaration (PostgreSQL, DuckDB).
    Dollar,
    /// `@name` (BigQuery named parameters, T-SQL `sp_executesql` parameters).
    AtName,
    /// `:name` (Oracle bind variables, Spark named parameter markers).
    ColonName,
    /// `{name:Type}` with the ClickHouse type (ClickHouse query parameters).
    Braced,
}

impl Placeholders {
    /// The placeholder of parameter `index` (declaration order, from 0) named `name`, whose
    /// value has the dialect's SQL type `sql_type`. For [`Placeholders::Question`] this is a
    /// numbered `?n` that `sql::placeholders` rewrites to `?` in the order printed.
    pub fn text(self, index: usize, name: &str, sql_type: &str) -> String {
        match self {
            Placeholders::Dollar => format!("${}", index + 1),
            Placeholders::Question | Placeholders::QuestionNumbered => format!("?{}", index + 1),
            Placeholders::AtName => format!("@{name}"),
            Placeholders::ColonName => format!(":{name}"),
            Placeholders::Braced => format!("{{{name}:{sql_type}}}"),
        }
    }
}

/// How a view is created or replaced (`compile --template view`). Sources in
/// docs/research/dialect-facts.md ("Creating or replacing a view").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateView {
    /// `CREATE OR REPLACE VIEW name AS`
    OrReplace,
    /// `CREATE OR ALTER VIEW name AS` (T-SQL)
    OrAlter,
    /// `DROP VIEW IF EXISTS name;` then `CREATE VIEW name AS` (SQLite has no `OR REPLACE`)
    DropThenCreate,
}

/// How a list-of-text column is stored (`demo-data --format sql`), where the dialect has a
/// storage the reports read as a list. Matches tests/engines/runner.py's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListColumn {
    /// The column's SQL type.
    pub sql_type: &'static str,
    /// How a list value is written.
    pub literal: ListLiteral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLiteral {
    /// `open` + the escaped text literals, comma-separated + `close`.
    Array {
        open: &'static str,
        close: &'static str,
    },
    /// A text literal holding a JSON array of strings.
    JsonText,
}

impl CreateView {
    /// The statement(s) before the query, for a view name already quoted for the dialect.
    pub fn head(self, quoted: &str) -> String {
        match self {
            CreateView::OrReplace => format!("CREATE OR REPLACE VIEW {quoted} AS"),
            CreateView::OrAlter => format!("CREATE OR ALTER VIEW {quoted} AS"),
            CreateView::DropThenCreate => {
                format!("DROP VIEW IF EXISTS {quoted};\nCREATE VIEW {quoted} AS")
            }
        }
    }
}

/// How a filled report (`fill: yes`) generates the buckets of its range
/// (`sql::builder::fill`). Sources in docs/research/dialect-facts.md ("Recursive CTEs").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketSeries {
    /// `WITH RECURSIVE s AS (SELECT first AS b UNION ALL SELECT b + 1 unit FROM s WHERE
    /// ...)`: each bucket from the one before, in local wall-clock time.
    RecursiveCte,
    /// No recursion, for a dialect whose recursion stops short of 1000 buckets (Athena: 10
    /// levels) or is not documented: `WITH rc_numbers AS (<numbers>), rc_series AS (SELECT
    /// first + rc_n units AS rc_b FROM rc_numbers WHERE rc_n = 0 OR first + rc_n units < end)`.
    /// The text is a query of one column `rc_n` holding 0 to 999 once each (E0263 caps a
    /// filled report at 1000 buckets); the step is the dialect's `Step*` rendering.
    Numbers(&'static str),
    /// Why the dialect's series is not generated (E0300).
    Refused(&'static str),
}

impl BucketSeries {
    /// The series query, parsed once per dialect and then edited: the anchor's and the step's
    /// select items, the step's table and condition; for [`BucketSeries::Numbers`], its one
    /// select item, table and condition.
    pub fn skeleton(self) -> &'static str {
        match self {
            BucketSeries::Numbers(_) => "SELECT 1 AS b FROM s WHERE 1 = 1",
            _ => "SELECT 1 AS b UNION ALL SELECT 1 AS b FROM s WHERE 1 = 1",
        }
    }
}

/// The numbers 0 to 999 as a cross join of three ten-row `VALUES` tables (T-SQL's table value
/// constructor, Trino's and Databricks' inline tables): [`BucketSeries::Numbers`] of the
/// dialects that document `(VALUES (0), (1)) AS t (n)` in a FROM clause.
pub const VALUES_NUMBERS: &str = "SELECT d0.n + 10 * d1.n + 100 * d2.n AS rc_n FROM \
    (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d0 (n) CROSS JOIN \
    (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d1 (n) CROSS JOIN \
    (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS d2 (n)";

/// The reason of [`BucketSeries::Refused`] where no vendor fact on recursive CTEs was
/// recorded.
pub const SERIES_UNVERIFIED: &str = "no vendor documentation of its recursive CTEs (WITH RECURSIVE) was recorded for reportc yet (docs/research/dialect-facts.md)";

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
