//! MySQL 8 and MariaDB 10.11. Backslash string escapes (the default sql_mode); no DATE_TRUNC;
//! no NULLS FIRST/LAST (emulated); time zones through CONVERT_TZ, which needs the server's
//! time-zone tables loaded (`mysql_tzinfo_to_sql`), else it returns NULL. Lists are JSON.
//! Sources: dev.mysql.com/doc/refman/8.4/en (string-literals, date-and-time-functions,
//! time-zone-support, json-search-functions), mariadb.com/kb.

use super::families::{AVG_DOUBLE, CAST_DATE, INTERVAL_UNIT};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "mysql",
    display: "MySQL",
    parser: || Box::new(sqlparser::dialect::MySqlDialect {}),
    ident_quote: '`',
    ident_bmp_only: true,
    fold: Fold::None,
    reserved: include_str!("../reserved/mysql.txt"),
    strings: StringStyle::Backslash,
    nul_escape: Some("\\0"),
    // nonbinary comparisons follow the collation; the default utf8mb4_0900_ai_ci ignores case
    text_follows_collation: true,
    nulls_ordering: false,
    // MariaDB refuses an alias of an aggregate inside an ORDER BY expression (error 1247)
    order_alias_in_expr: false,
    functions: FUNCTIONS,
    families: &[INTERVAL_UNIT, AVG_DOUBLE, CAST_DATE],
    caches: &CACHES,
    load_prelude: "SET NAMES utf8mb4;\n",
    table_options: " DEFAULT CHARACTER SET utf8mb4",
    list_column: Some(ListColumn {
        sql_type: "JSON",
        literal: ListLiteral::JsonText,
    }),
    type_names: TypeNames {
        text: "TEXT",
        integer: "BIGINT",
        number: "DOUBLE",
        boolean: "BOOLEAN",
        timestamp: "DATETIME",
        date: "DATE",
    },
    // recursive CTEs: docs/research/dialect-facts.md, "Recursive CTEs"; run here on the engine
    bucket_series: BucketSeries::RecursiveCte,
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    // a binary string compares byte by byte, whatever the column's (case-insensitive) collation
    (Func::TextOrder, Sql("CAST(__A1__ AS BINARY)")),
    (
        Func::TruncHour,
        Sql("CAST(DATE_FORMAT(__A1__, '%Y-%m-%d %H:00:00') AS DATETIME)"),
    ),
    (Func::TruncDay, Sql("CAST(DATE(__A1__) AS DATETIME)")),
    // WEEKDAY() is 0 on Monday
    (
        Func::TruncWeek,
        Sql("CAST(DATE(__A1__) - INTERVAL WEEKDAY(__A1__) DAY AS DATETIME)"),
    ),
    (
        Func::TruncMonth,
        Sql("CAST(DATE_FORMAT(__A1__, '%Y-%m-01') AS DATETIME)"),
    ),
    (
        Func::TruncQuarter,
        Sql("CAST(MAKEDATE(YEAR(__A1__), 1) + INTERVAL (QUARTER(__A1__) - 1) QUARTER AS DATETIME)"),
    ),
    (
        Func::TruncYear,
        Sql("CAST(MAKEDATE(YEAR(__A1__), 1) AS DATETIME)"),
    ),
    (Func::ToLocal, Sql("CONVERT_TZ(__A1__, 'UTC', __A2__)")),
    (Func::FromLocal, Sql("CONVERT_TZ(__A1__, __A2__, 'UTC')")),
    (Func::NowUtc, Sql("UTC_TIMESTAMP()")),
    (
        Func::NowLocal,
        Sql("CONVERT_TZ(UTC_TIMESTAMP(), 'UTC', __A1__)"),
    ),
    (
        Func::Percentile,
        Unsupported(
            "MySQL has no percentile aggregate and MariaDB's PERCENTILE_CONT is a window function",
        ),
    ),
    (
        Func::ListContains,
        Sql("JSON_CONTAINS(__A1__, JSON_QUOTE(__A2__))"),
    ),
    // ROUND of a DOUBLE rounds half to even; of a DECIMAL, half away from zero like elsewhere
    (
        Func::Round,
        Sql("ROUND(CAST(__A1__ AS DECIMAL(65, 10)), __A2__)"),
    ),
];
