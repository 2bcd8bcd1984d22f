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
    bucket_series: BucketSeries::Refused("no vendor documentation of a recursive subquery's anchor without a table (FROM dual) or of its recursion limit was recorded for reportc, nor of a table of numbers without recursion (docs/research/dialect-facts.md, \"Recursive CTEs\")"),
    ..BASE
};

static CACHES: Caches = Caches::new();

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
