//! BigQuery (GoogleSQL). Stored timestamps are TIMESTAMP (UTC instants); buckets are DATETIME
//! (wall clock). Sources: cloud.google.com/bigquery/docs/reference/standard-sql (lexical,
//! datetime_functions, timestamp_functions, operators#like_operator, navigation_functions).

use super::families::NO_SHARE_FACT;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "bigquery",
    display: "BigQuery",
    parser: || Box::new(sqlparser::dialect::BigQueryDialect {}),
    ident_quote: '`',
    ident_backslash_escape: true,
    ident_quote_doubles: false,
    fold: Fold::None,
    reserved: include_str!("../reserved/bigquery.txt"),
    // '' is not an escape in BigQuery: quotes and backslashes are escaped with a backslash
    strings: StringStyle::Backslash,
    // LIKE has no ESCAPE clause; a backslash escapes % and _
    like_escape: LikeEscape::DefaultBackslash,
    functions: FUNCTIONS,
    families: &[NO_SHARE_FACT],
    caches: &CACHES,
    placeholders: Placeholders::AtName,
    type_names: TypeNames {
        text: "STRING",
        integer: "INT64",
        number: "FLOAT64",
        boolean: "BOOL",
        timestamp: "TIMESTAMP",
        date: "DATE",
    },
    // docs/research/dialect-facts.md, "CTEs and joins of comparisons and windows": no vendor
    // page found that accepts a join on bounds or computed buckets; BigQuery users report
    // "LEFT OUTER JOIN cannot be used without a condition that is an equality of fields"
    expression_join: Some("no BigQuery documentation was found that it joins on a range of timestamps or a computed bucket (an outer join without an equality of fields from both sides is reported refused)"),
    // no recursion: the numbers of GENERATE_ARRAY, UNNESTed (dialect-facts.md, "Recursive
    // CTEs"); the join to the aggregates holds an equality of fields from both sides
    bucket_series: BucketSeries::Numbers(UNNEST_NUMBERS),
    ..BASE
};

static CACHES: Caches = Caches::new();

/// The numbers 0 to 999 (`BucketSeries::Numbers`): BigQuery has no `VALUES` table, but
/// `GENERATE_ARRAY` gives an array from its inclusive start to its inclusive end, and `UNNEST`
/// makes it a table of one row an element.
const UNNEST_NUMBERS: &str = "SELECT n AS rc_n FROM UNNEST(GENERATE_ARRAY(0, 999)) AS n";

static FUNCTIONS: Table = &[
    (Func::TruncHour, Sql("DATETIME_TRUNC(__A1__, HOUR)")),
    (Func::TruncDay, Sql("DATETIME_TRUNC(__A1__, DAY)")),
    (Func::TruncWeek, Sql("DATETIME_TRUNC(__A1__, ISOWEEK)")),
    (Func::TruncMonth, Sql("DATETIME_TRUNC(__A1__, MONTH)")),
    (Func::TruncQuarter, Sql("DATETIME_TRUNC(__A1__, QUARTER)")),
    (Func::TruncYear, Sql("DATETIME_TRUNC(__A1__, YEAR)")),
    (Func::ToLocal, Sql("DATETIME(__A1__, __A2__)")),
    (Func::ToLocalUtc, Sql("DATETIME(__A1__)")),
    (Func::FromLocal, Sql("TIMESTAMP(__A1__, __A2__)")),
    (Func::FromLocalUtc, Sql("TIMESTAMP(__A1__)")),
    (Func::NowUtc, Sql("CURRENT_TIMESTAMP()")),
    (Func::NowLocal, Sql("CURRENT_DATETIME(__A1__)")),
    (Func::LocalTimestampLit, Sql("DATETIME '{1}'")),
    (Func::AddHours, Sql("DATETIME_ADD(__A1__, INTERVAL __A2__ HOUR)")),
    (Func::AddDays, Sql("DATETIME_ADD(__A1__, INTERVAL __A2__ DAY)")),
    (Func::AddMonths, Sql("DATETIME_ADD(__A1__, INTERVAL __A2__ MONTH)")),
    (Func::SubHours, Sql("DATETIME_SUB(__A1__, INTERVAL __A2__ HOUR)")),
    (Func::SubDays, Sql("DATETIME_SUB(__A1__, INTERVAL __A2__ DAY)")),
    (Func::SubMonths, Sql("DATETIME_SUB(__A1__, INTERVAL __A2__ MONTH)")),
    // a filled report's steps: a column count, `rc_n * 7` for weeks, in parentheses so that
    // the product is the interval's whole count (`DATETIME_ADD(x, INTERVAL int64_expression
    // part)`, dialect-facts.md "Recursive CTEs")
    (Func::StepHours, Sql("DATETIME_ADD(__A1__, INTERVAL (__A2__) HOUR)")),
    (Func::StepDays, Sql("DATETIME_ADD(__A1__, INTERVAL (__A2__) DAY)")),
    (Func::StepMonths, Sql("DATETIME_ADD(__A1__, INTERVAL (__A2__) MONTH)")),
    // a bucket is a DATETIME: `DATE(datetime_expression)` extracts its date (dialect-facts.md,
    // "Buckets as dates")
    (Func::ToDate, Sql("DATE(__A1__)")),
    (
        Func::Percentile,
            Unsupported("BigQuery's PERCENTILE_CONT is an analytic (window) function, not an aggregate (reportc computes it over the rows of one table, not yet with linked sources), and APPROX_QUANTILES is approximate"),
        ),
    // "PERCENTILE_CONT (value_expression, percentile [{RESPECT | IGNORE} NULLS]) OVER
    // over_clause", "with linear interpolation", NULLs ignored without RESPECT NULLS
    // (navigation functions): computed per group over the rows (`builder::percentile_rows`)
    (Func::PercentileOver, Sql("PERCENTILE_CONT(__A1__, __A2__) OVER ()")),
    (Func::ListContains, Sql("__A2__ IN UNNEST(__A1__)")),
    (Func::ToFloat, Sql("CAST(__A1__ AS FLOAT64)")),
    // round the decimal value, half away from zero, like every dialect; a FLOAT64 becomes the
    // exact BIGNUMERIC of its binary value (50.714999999999996...), so it goes to 10 places
    // first, as DECIMAL(38, 10) casts do elsewhere, or a float just below a tie rounds down
    (
        Func::Round,
        Sql("ROUND(ROUND(CAST(__A1__ AS BIGNUMERIC), 10), __A2__)"),
    ),
];
