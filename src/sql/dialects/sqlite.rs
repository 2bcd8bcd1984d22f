//! SQLite 3.30+. Timestamps are ISO text (`YYYY-MM-DD HH:MM:SS`, UTC), lists are JSON text.
//! LIKE ignores case for ASCII, so text matching uses instr/substr; lower()/upper() change ASCII
//! letters only (without ICU), so they and case-insensitive matching of non-ASCII letters are
//! refused. No time-zone database.
//! Sources: sqlite.org/lang_datefunc.html, lang_expr.html, json1.html, lang_aggfunc.html,
//! lang_corefunc.html#lower.

use super::families::LOWER_CASE;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "sqlite",
    display: "SQLite",
    parser: || Box::new(sqlparser::dialect::SQLiteDialect {}),
    fold: Fold::None,
    reserved: include_str!("../reserved/sqlite.txt"),
    like_case_sensitive: false,
    // lang_corefunc: "The default built-in lower() function works for ASCII characters only"
    case_fold_ascii_only: true,
    filter_clause: true,
    functions: FUNCTIONS,
    families: &[LOWER_CASE],
    caches: &CACHES,
    placeholders: Placeholders::QuestionNumbered,
    create_view: CreateView::DropThenCreate,
    list_column: Some(ListColumn {
        sql_type: "TEXT",
        literal: ListLiteral::JsonText,
    }),
    type_names: TypeNames {
        text: "TEXT",
        integer: "INTEGER",
        number: "REAL",
        boolean: "INTEGER",
        timestamp: "TEXT",
        date: "TEXT",
    },
    // recursive CTEs: docs/research/dialect-facts.md, "Recursive CTEs"; run here on the engine
    bucket_series: BucketSeries::RecursiveCte,
    ..BASE
};

static CACHES: Caches = Caches::new();

const NO_TZ: &str = "SQLite has no time-zone database: it knows only UTC and the host's local time";

static FUNCTIONS: Table = &[
    (Func::TruncHour, Sql("strftime('%Y-%m-%d %H:00:00', __A1__)")),
    (Func::TruncDay, Sql("datetime(__A1__, 'start of day')")),
    // `weekday 0` moves to the next Sunday (or stays on one); 6 days back is the ISO Monday
    (Func::TruncWeek, Sql("datetime(__A1__, 'weekday 0', '-6 days', 'start of day')")),
    (Func::TruncMonth, Sql("datetime(__A1__, 'start of month')")),
    (
        Func::TruncQuarter,
        Sql("datetime(__A1__, 'start of month', printf('-%d months', (CAST(strftime('%m', __A1__) AS INTEGER) - 1) % 3))"),
    ),
    (Func::TruncYear, Sql("datetime(__A1__, 'start of year')")),
    (Func::ToLocal, Unsupported(NO_TZ)),
    (Func::FromLocal, Unsupported(NO_TZ)),
    (Func::NowUtc, Sql("datetime('now')")),
    (Func::NowLocal, Unsupported(NO_TZ)),
    (Func::TimestampLit, Sql("'{1}'")),
    // lang_datefunc: date() returns "the date as text in this format: YYYY-MM-DD"
    (Func::ToDate, Sql("date(__A1__)")),
    (Func::AddHours, Sql("datetime(__A1__, '+{2} hours')")),
    (Func::AddDays, Sql("datetime(__A1__, '+{2} days')")),
    (Func::AddMonths, Sql("datetime(__A1__, '+{2} months')")),
    (Func::SubHours, Sql("datetime(__A1__, '-{2} hours')")),
    (Func::SubDays, Sql("datetime(__A1__, '-{2} days')")),
    (Func::SubMonths, Sql("datetime(__A1__, '-{2} months')")),
    (Func::Percentile, Unsupported("SQLite's core build has no percentile aggregate")),
    // a NULL list contains nothing, but is not known to lack a value either: NULL, as elsewhere
    (
        Func::ListContains,
        Sql("CASE WHEN __A1__ IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_each(__A1__) WHERE value = __A2__) END"),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS REAL)")),
    (Func::Round, Sql("round(__A1__, __A2__)")),
    (Func::ContainsText, Sql("instr(__A1__, __A2__) > 0")),
    (Func::StartsText, Sql("substr(__A1__, 1, length(__A2__)) = __A2__")),
    (Func::EndsText, Sql("substr(__A1__, -length(__A2__)) = __A2__")),
];
