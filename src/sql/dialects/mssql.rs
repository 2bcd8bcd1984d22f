//! SQL Server 2022 (T-SQL). TOP instead of LIMIT; N'' for non-ASCII text; `[` is a LIKE
//! wildcard; no boolean type (BIT 1/0); no NULLS FIRST/LAST (emulated, with the output's
//! expression since ORDER BY expressions cannot use aliases); GROUP BY repeats expressions;
//! DATETRUNC (2022+). Lists are JSON text. `AT TIME ZONE` takes Windows zone names, mapped
//! from the report's IANA zone (`windows_zones.rs`). Sources: learn.microsoft.com/en-us/sql/t-sql
//! (functions/datetrunc-transact-sql, queries/at-time-zone-transact-sql,
//! functions/openjson-transact-sql, queries/select-order-by-clause-transact-sql).

use super::families::{DATEADD, NO_SHARE_FACT};
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "mssql",
    display: "SQL Server",
    parser: || Box::new(sqlparser::dialect::MsSqlDialect {}),
    fold: Fold::None,
    reserved: include_str!("../reserved/mssql.txt"),
    national_strings: true,
    like_brackets: true,
    // the default collations are case-insensitive (_CI_): `=` and LIKE follow them
    text_follows_collation: true,
    limit: LimitStyle::Top,
    nulls_ordering: false,
    order_alias_in_expr: false,
    group_by_ordinal: false,
    boolean_literals: false,
    windows_zone_names: true,
    functions: FUNCTIONS,
    families: &[DATEADD, NO_SHARE_FACT],
    // a recursive CTE stops at 100 levels unless the statement ends with OPTION
    // (MAXRECURSION n), which a view cannot hold: the numbers of a VALUES cross join instead
    bucket_series: BucketSeries::Numbers(VALUES_NUMBERS),
    caches: &CACHES,
    placeholders: Placeholders::AtName,
    create_view: CreateView::OrAlter,
    view_order_needs_limit: true,
    type_names: TypeNames {
        text: "NVARCHAR(MAX)",
        integer: "BIGINT",
        number: "FLOAT",
        boolean: "BIT",
        timestamp: "DATETIME2",
        date: "DATE",
    },
    ..BASE
};

static CACHES: Caches = Caches::new();

static FUNCTIONS: Table = &[
    // SYSDATETIME (Transact-SQL), example B: `CONVERT (date, SYSDATETIME())` of a datetime2(7)
    // is its date
    (Func::ToDate, Sql("CONVERT(DATE, __A1__)")),
    (Func::TruncHour, Sql("DATETRUNC(hour, __A1__)")),
    (Func::TruncDay, Sql("DATETRUNC(day, __A1__)")),
    (Func::TruncWeek, Sql("DATETRUNC(iso_week, __A1__)")),
    (Func::TruncMonth, Sql("DATETRUNC(month, __A1__)")),
    (Func::TruncQuarter, Sql("DATETRUNC(quarter, __A1__)")),
    (Func::TruncYear, Sql("DATETRUNC(year, __A1__)")),
    (Func::ToLocal, Sql("CAST(__A1__ AT TIME ZONE 'UTC' AT TIME ZONE __A2__ AS DATETIME2)")),
    (Func::FromLocal, Sql("CAST(__A1__ AT TIME ZONE __A2__ AT TIME ZONE 'UTC' AS DATETIME2)")),
    (Func::NowUtc, Sql("SYSUTCDATETIME()")),
    (Func::NowLocal, Sql("CAST(SYSUTCDATETIME() AT TIME ZONE 'UTC' AT TIME ZONE __A1__ AS DATETIME2)")),
    // the ISO 8601 form with `T` "is not affected by the SET DATEFORMAT or SET LANGUAGE
    // settings" (SQL Server, ISO 8601 Format); the form with a space is not said to be
    (Func::TimestampLit, Sql("CAST('{1T}' AS DATETIME2)")),
    (
        Func::Percentile,
        Unsupported(
            "SQL Server's PERCENTILE_CONT is a window function (it needs OVER), not an aggregate: reportc computes it over the rows of one table, not yet with linked sources",
        ),
    ),
    // "PERCENTILE_CONT ( numeric_literal ) WITHIN GROUP ( ORDER BY order_by_expression [ ASC |
    // DESC ] ) OVER ( [ <partition_by_clause> ] )", "Any nulls in the data set are ignored"
    // (PERCENTILE_CONT (Transact-SQL)): computed per group over the rows (`percentile_rows`)
    (
        Func::PercentileOver,
        Sql("PERCENTILE_CONT(__A2__) WITHIN GROUP (ORDER BY __A1__) OVER ()"),
    ),
    // lists are JSON arrays. EXISTS is a condition, not a value, here: a NULL list must still
    // give UNKNOWN (as on every engine), hence `OR (list IS NULL AND <unknown>)`
    (
        Func::ListContains,
        Sql("(EXISTS (SELECT 1 FROM OPENJSON(__A1__) WHERE value = __A2__) OR (__A1__ IS NULL AND NULLIF(1, 1) = 1))"),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS FLOAT)")),
    // AVG's result type is its argument's (int -> int, truncated): average floats. SUM of an
    // int is an int and COUNT an int, both failing past 2^31: widen to bigint, COUNT_BIG
    // (avg-transact-sql, sum-transact-sql, count-big-transact-sql)
    (Func::Avg, Sql("AVG(CAST(__A1__ AS FLOAT))")),
    (Func::SumInteger, Sql("SUM(CAST(__A1__ AS BIGINT))")),
    (Func::CountStar, Sql("COUNT_BIG(*)")),
    (Func::Count, Sql("COUNT_BIG(__A1__)")),
    (Func::CountDistinct, Sql("COUNT_BIG(DISTINCT __A1__)")),
];
