//! Amazon Athena engine version 3, a Trino variant: "Functions in Athena engine version 3 are
//! based on Trino", so it has Trino's row and renderings, with the words Athena reserves in
//! SELECT statements besides Trino's, except the time-zone conversions: they never cast a
//! timestamp with time zone to a timestamp (engine v3 was documented to refuse that cast, and
//! is reported to keep the UTC wall clock), but shift the UTC value by the zone's offset,
//! read with timezone_hour/timezone_minute. Sources: docs.aws.amazon.com/athena/latest/ug
//! (functions-env3, reserved-words, engine-versions-reference-0003, athena-supported-time-zones);
//! see docs/research/dialect-facts.md.

use super::trino;
use crate::sql::dialect::*;
use crate::sql::functions::{Func, Render::*, Table};

pub static DIALECT: Dialect = Dialect {
    name: "athena",
    display: "Athena",
    parent: Some(&trino::DIALECT),
    // Trino's words, and those Athena lists for SELECT statements
    reserved: concat!(
        include_str!("../reserved/trino.txt"),
        include_str!("../reserved/athena.txt")
    ),
    functions: FUNCTIONS,
    families: &[],
    caches: &CACHES,
    ..trino::ROW
};

static CACHES: Caches = Caches::new();

/// The local wall clock of a UTC value is the value plus the zone's offset at that instant
/// (timezone_hour and timezone_minute carry the offset's sign: Newfoundland gives -2 and -30);
/// a local wall clock is turned back to UTC by subtracting the offset the zone has there.
static FUNCTIONS: Table = &[
    (
        Func::ToLocal,
        Sql("date_add('minute', timezone_hour(with_timezone(__A1__, 'UTC') AT TIME ZONE __A2__) * 60 + timezone_minute(with_timezone(__A1__, 'UTC') AT TIME ZONE __A2__), __A1__)"),
    ),
    (
        Func::FromLocal,
        Sql("date_add('minute', -(timezone_hour(with_timezone(__A1__, __A2__)) * 60 + timezone_minute(with_timezone(__A1__, __A2__))), __A1__)"),
    ),
    (
        Func::NowLocal,
        Sql("date_add('minute', timezone_hour(current_timestamp AT TIME ZONE __A1__) * 60 + timezone_minute(current_timestamp AT TIME ZONE __A1__), CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP))"),
    ),
];
