//! Oracle Database 19c+. Unquoted names fold to upper case; '' is NULL (refused); FETCH FIRST
//! instead of LIMIT; no boolean type before 23ai (NUMBER 1/0); GROUP BY repeats expressions;
//! TRUNC(x, 'IW') is the ISO week. Sources: docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf
//! (ROUND-and-TRUNC-Date-Functions, FROM_TZ, NUMTODSINTERVAL, ADD_MONTHS, PERCENTILE_CONT,
//! SELECT row_limiting_clause).

use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "oracle",
    display: "Oracle",
    parser: || Box::new(sqlparser::dialect::OracleDialect {}),
    // a quoted name cannot hold `"` (DIA-25716)
    ident_quote_doubles: false,
    fold: Fold::Upper,
    // unquoted names fold to upper case, quoted ones keep theirs (Database Object Names)
    output_names: OutputNames::Quoted,
    reserved: include_str!("../reserved/oracle.txt"),
    empty_string_is_null: true,
    limit: LimitStyle::FetchFirst,
    order_alias_in_expr: false,
    group_by_ordinal: false,
    boolean_literals: false,
    functions: FUNCTIONS,
    caches: &CACHES,
    placeholders: Placeholders::ColonName,
    type_names: TypeNames {
        text: "VARCHAR2(4000)",
        integer: "NUMBER(19)",
        number: "BINARY_DOUBLE",
        boolean: "NUMBER(1)",
        timestamp: "TIMESTAMP",
        date: "DATE",
    },
    // recursion needs an anchor FROM dual and has no recorded limit: the numbers of three
    // ten-row unions of DUAL, cross joined ("Because DUAL has only one row, the constant is
    // returned only once"; inner_cross_join_clause `CROSS JOIN table_reference`)
    bucket_series: BucketSeries::Numbers(DUAL_NUMBERS),
    ..BASE
};

static CACHES: Caches = Caches::new();

/// The numbers 0 to 999 (`BucketSeries::Numbers`): Oracle has no `VALUES` table before 23ai, so
/// each digit table is ten one-row selects from DUAL; a derived table's alias has no `AS`.
const DUAL_NUMBERS: &str = "SELECT d0.n + 10 * d1.n + 100 * d2.n AS rc_n FROM \
    (SELECT 0 AS n FROM dual UNION ALL SELECT 1 FROM dual UNION ALL SELECT 2 FROM dual UNION ALL SELECT 3 FROM dual UNION ALL SELECT 4 FROM dual UNION ALL SELECT 5 FROM dual UNION ALL SELECT 6 FROM dual UNION ALL SELECT 7 FROM dual UNION ALL SELECT 8 FROM dual UNION ALL SELECT 9 FROM dual) d0 CROSS JOIN \
    (SELECT 0 AS n FROM dual UNION ALL SELECT 1 FROM dual UNION ALL SELECT 2 FROM dual UNION ALL SELECT 3 FROM dual UNION ALL SELECT 4 FROM dual UNION ALL SELECT 5 FROM dual UNION ALL SELECT 6 FROM dual UNION ALL SELECT 7 FROM dual UNION ALL SELECT 8 FROM dual UNION ALL SELECT 9 FROM dual) d1 CROSS JOIN \
    (SELECT 0 AS n FROM dual UNION ALL SELECT 1 FROM dual UNION ALL SELECT 2 FROM dual UNION ALL SELECT 3 FROM dual UNION ALL SELECT 4 FROM dual UNION ALL SELECT 5 FROM dual UNION ALL SELECT 6 FROM dual UNION ALL SELECT 7 FROM dual UNION ALL SELECT 8 FROM dual UNION ALL SELECT 9 FROM dual) d2";

static FUNCTIONS: Table = &[
    (
        Func::ToDate,
        NotYet("an Oracle DATE holds a time of day too, and no vendor documentation of a date-only value of a bucket was recorded for reportc yet (docs/research/dialect-facts.md, \"Buckets as dates\")"),
    ),
    (Func::TruncHour, Sql("TRUNC(__A1__, 'HH24')")),
    (Func::TruncDay, Sql("TRUNC(__A1__, 'DD')")),
    (Func::TruncWeek, Sql("TRUNC(__A1__, 'IW')")),
    (Func::TruncMonth, Sql("TRUNC(__A1__, 'MM')")),
    (Func::TruncQuarter, Sql("TRUNC(__A1__, 'Q')")),
    (Func::TruncYear, Sql("TRUNC(__A1__, 'YYYY')")),
    (Func::ToLocal, Sql("CAST(FROM_TZ(CAST(__A1__ AS TIMESTAMP), 'UTC') AT TIME ZONE __A2__ AS TIMESTAMP)")),
    (Func::FromLocal, Sql("CAST(FROM_TZ(CAST(__A1__ AS TIMESTAMP), __A2__) AT TIME ZONE 'UTC' AS TIMESTAMP)")),
    (Func::NowUtc, Sql("SYS_EXTRACT_UTC(SYSTIMESTAMP)")),
    (Func::NowLocal, Sql("CAST(SYSTIMESTAMP AT TIME ZONE __A1__ AS TIMESTAMP)")),
    (Func::AddHours, Sql("__A1__ + NUMTODSINTERVAL(__A2__, 'HOUR')")),
    (Func::AddDays, Sql("__A1__ + NUMTODSINTERVAL(__A2__, 'DAY')")),
    (Func::AddMonths, Sql("ADD_MONTHS(__A1__, __A2__)")),
    (Func::SubHours, Sql("__A1__ - NUMTODSINTERVAL(__A2__, 'HOUR')")),
    (Func::SubDays, Sql("__A1__ - NUMTODSINTERVAL(__A2__, 'DAY')")),
    (Func::SubMonths, Sql("ADD_MONTHS(__A1__, -__A2__)")),
    // lists are JSON arrays. EXISTS is a condition, not a value, here: a NULL list must still
    // give UNKNOWN (as on every engine), hence `OR (list IS NULL AND <unknown>)`
    (
        Func::ListContains,
        Sql("(EXISTS (SELECT 1 FROM JSON_TABLE(__A1__, '$[*]' COLUMNS (v VARCHAR2(4000) PATH '$')) jt WHERE jt.v = __A2__) OR (__A1__ IS NULL AND NULLIF(1, 1) = 1))"),
    ),
    (Func::ToFloat, Sql("CAST(__A1__ AS BINARY_DOUBLE)")),
    // AVG "returns the same data type as the numeric data type of the argument": average
    // doubles, so that a column declared NUMBER(p, 0) gives the fraction as everywhere
    (Func::Avg, Sql("AVG(CAST(__A1__ AS BINARY_DOUBLE))")),
    // half away from zero on NUMBER; to 10 places first, as DECIMAL(38, 10) casts do
    // elsewhere, so a BINARY_DOUBLE just below a tie does not round down
    (
        Func::Round,
        Sql("ROUND(ROUND(CAST(__A1__ AS NUMBER), 10), __A2__)"),
    ),
];
