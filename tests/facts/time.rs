//! Time zones, weeks, timestamp literals, relative ranges and the current time.

use super::*;

/// snowflake "ToLocal": the 3-argument CONVERT_TIMEZONE on TIMESTAMP_NTZ returns TIMESTAMP_NTZ;
/// redshift item 6: CONVERT_TIMEZONE(source, target, timestamp) with IANA names.
#[test]
fn snowflake_and_redshift_convert_timezone_three_arguments() {
    fact(
        "snowflake",
        "\"For the 3-argument version, returns a value of type TIMESTAMP_NTZ\"",
    );
    fact(
        "redshift",
        "`CONVERT_TIMEZONE('UTC', 'Europe/Paris', ts)` and\n   `CONVERT_TIMEZONE('Europe/Paris', 'UTC', ts)` give naive timestamp",
    );
    for d in ["snowflake", "redshift"] {
        assert_has(
            &sql(d, NO_EMPTY),
            "CONVERT_TIMEZONE('UTC', 'Europe/Paris', send_date)",
        );
    }
}

/// oracle "Trunc*": 'IW' is the ISO week, Monday; 'D' would follow NLS_TERRITORY.
#[test]
fn oracle_weeks_are_iso_iw() {
    fact(
        "oracle",
        "\"IW: Same day of the week as the first day of the calendar week as defined by the ISO 8601 standard, which is Monday\"",
    );
    let s = sql("oracle", NO_EMPTY);
    assert_has(&s, "TRUNC(CAST(FROM_TZ(CAST(send_date AS TIMESTAMP), 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP), 'IW')");
    // the other weeks that do not depend on a session setting: BigQuery ISOWEEK, SQL Server
    // iso_week, Snowflake's DAYOFWEEKISO (not WEEK_START), Redshift's and Trino's 'week'
    fact("bigquery", "Use `ISOWEEK` or `WEEK(MONDAY)`");
    fact("mssql (SQL Server T-SQL)", "`iso_week` is Monday");
    fact(
        "redshift",
        "\"Truncate the input timestamp to the Monday of a week\"",
    );
    fact("trino", "'week'\n   is ISO Monday");
    fact(
        "snowflake",
        "\"WEEK_START および WEEK_OF_YEAR_POLICY セッションパラメーターによって制御されません\"",
    );
    assert_has(&sql("bigquery", WEEKS), ", ISOWEEK) AS w");
    assert_has(&sql("mssql", WEEKS), "DATETRUNC(iso_week, ");
    assert_has(&sql("snowflake", WEEKS), "DATEADD(DAY, 1 - DAYOFWEEKISO(");
    assert_has(&sql("redshift", WEEKS), "DATE_TRUNC('week', ");
    assert_has(&sql("trino", WEEKS), "date_trunc('week', ");
}

/// mssql "literals": the ISO 8601 form with `T` is read the same whatever DATEFORMAT and
/// LANGUAGE say.
#[test]
fn mssql_timestamps_are_iso_8601_with_t() {
    fact(
        "mssql (SQL Server T-SQL)",
        "\"this format is not affected by the SET DATEFORMAT or SET LANGUAGE settings\"",
    );
    let s = sql(
        "mssql",
        "source: sms\ncolumns: [sms_type]\nfilters: [\"send_date >= 2026-02-16T08:30\"]\n",
    );
    assert_has(&s, "send_date >= CAST('2026-02-16T08:30:00' AS DATETIME2)");
    assert_lacks(&s, "2026-02-16 08:30:00");
}

/// oracle "NowUtc": SYS_EXTRACT_UTC(SYSTIMESTAMP) is the current UTC time.
#[test]
fn oracle_now_is_utc() {
    fact(
        "oracle",
        "\"SYS_EXTRACT_UTC extracts the UTC (Coordinated Universal Time—formerly Greenwich Mean Time) from a datetime value with time zone offset or time zone region name\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ncolumns:\n  - sms_type\n  - n: count()\nfilters: [\"send_date in last 7 days\"]\n",
    );
    assert_has(
        &s,
        "send_date >= TRUNC(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'DD') - NUMTODSINTERVAL(6, 'DAY')",
    );
}

/// redshift "timestamp literals": under the default MDY DateStyle `1999-01-08` is January 8.
#[test]
fn redshift_timestamps_are_year_month_day() {
    fact(
        "redshift",
        "the table reads `1999-01-08` as \"January 8, 1999\"",
    );
    let s = sql(
        "redshift",
        "source: sms\ncolumns: [sms_type]\nfilters: [\"send_date >= 2026-02-16T08:30\"]\n",
    );
    assert_has(&s, "send_date >= CAST('2026-02-16 08:30:00' AS TIMESTAMP)");
    // another DateStyle: not documented, so the default is a stated convention
    fact(
        "redshift",
        "\"Sets the display format for date and time values and also the rules for interpreting ambiguous date input values\"",
    );
    let readme = readme();
    assert!(readme.contains("the default DateStyle\n`ISO, MDY`"));
}

/// oracle "Add*": ADD_MONTHS of a day-1 start (its month-end rule never applies), and
/// NUMTODSINTERVAL(n, 'HOUR') for hours.
#[test]
fn oracle_relative_ranges() {
    fact(
        "oracle",
        "\"The return type is always DATE, regardless of the data type of date. If date is the last day of the month",
    );
    fact(
        "oracle",
        "\"NUMTODSINTERVAL converts a number to an INTERVAL DAY TO SECOND data type\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ncolumns:\n  - sms_type\n  - n: count()\nfilters: [\"send_date in last 3 months\", \"send_date in last 5 hours\"]\n",
    );
    assert_has(
        &s,
        "send_date >= ADD_MONTHS(TRUNC(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'MM'), -2)",
    );
    assert_has(&s, "- NUMTODSINTERVAL(4, 'HOUR')");
}

/// oracle "ToLocal": FROM_TZ makes a TIMESTAMP WITH TIME ZONE of a TIMESTAMP (never a DATE),
/// AT TIME ZONE returns it in the named zone, the CAST keeps its wall clock.
#[test]
fn oracle_time_zones_from_tz_at_time_zone() {
    fact("oracle", "The DATE data type is not supported\"");
    fact(
        "oracle",
        "\"time_zone_name: Oracle returns the datetime_value_expr in the time zone indicated by time_zone_name\"",
    );
    fact(
        "oracle",
        "\"The returned OracleTimeStamp contains the date and time in the current instance, but the time zone information is truncated\"",
    );
    let s = sql(
        "oracle",
        "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - d: send_date by day\n  - n: count()\nfilters: [\"send_date in last 2 days\"]\n",
    );
    assert_has(
        &s,
        "TRUNC(CAST(FROM_TZ(CAST(send_date AS TIMESTAMP), 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP), 'DD')",
    );
    assert_has(
        &s,
        "CAST(SYSTIMESTAMP AT TIME ZONE 'Europe/Paris' AS TIMESTAMP)",
    );
}

/// snowflake "Add*", "literals", "Percentile" and "GROUP BY ordinal": DATEADD with a negative
/// value subtracts; constants are TIMESTAMP_NTZ (wall clock, no zone), never the TIMESTAMP
/// alias; PERCENTILE_CONT ... WITHIN GROUP is an interpolating aggregate; GROUP BY takes a
/// position.
#[test]
fn snowflake_dateadd_literals_and_percentiles() {
    fact(
        "snowflake",
        "\"If you want to subtract two days, specify -2\"",
    );
    fact(
        "snowflake",
        "\"TIMESTAMP in Snowflake is a user-specified alias associated with one of the TIMESTAMP_* variations\"",
    );
    fact(
        "snowflake",
        "the result is calculated using linear interpolation of the two nearest input values. NULL values are ignored in the calculation\"",
    );
    fact(
        "snowflake",
        "\"A GROUP BY expression can be: A column name. A number referencing a position in the SELECT list",
    );
    let s = sql(
        "snowflake",
        "source: messages\ncolumns:\n  - queue\n  - p: percentile(wait_time, 0.9)\nfilters:\n  - \"distribution_date in last 3 months\"\n  - \"distribution_date >= 2026-02-16T08:30\"\n",
    );
    assert_has(&s, "DATEADD(MONTH, -2, DATE_TRUNC('MONTH', SYSDATE()))");
    assert_has(&s, "CAST('2026-02-16 08:30:00' AS TIMESTAMP_NTZ)");
    assert_lacks(&s, "AS TIMESTAMP)");
    assert_has(
        &s,
        "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY wait_time) AS \"p\"",
    );
    assert_has(&s, "GROUP BY\n  1");
}

/// athena item 5: no cast of a timestamp with time zone to a timestamp (refused or read as
/// the UTC wall clock on engine v3): the UTC value is shifted by the zone's offset, read with
/// timezone_hour/timezone_minute, which carry its sign (Newfoundland: -2 and -30).
#[test]
fn athena_time_zones_shift_by_the_zone_offset() {
    const SECTION: &str = "athena (Amazon Athena engine version 3, a Trino variant)";
    cited(
        SECTION,
        "https://docs.aws.amazon.com/athena/latest/ug/athena-supported-time-zones.html",
        "its example\n   `SELECT timezone_hour(timestamp '2021-08-22 04:00 UTC' AT TIME ZONE 'Canada/Newfoundland')`\n   giving `-2`, and `timezone_minute` of the same giving `-30`",
    );
    cited(
        SECTION,
        "https://github.com/cube-js/cube/pull/10779",
        "CAST(timestamp WITH TIME ZONE AS TIMESTAMP) returns the UTC instant's wall-clock fields",
    );
    fact(
        SECTION,
        "\"Casting from TimestampTZ to\n   Timestamp is not supported ... Any explicit or implicit cast from TimestampTZ to Timestamp\n   throws the exception\"",
    );
    fact(
        SECTION,
        "Subtraction can be performed by using a negative value",
    );
    assert!(readme().contains("it shifts the UTC value by the\n  zone's offset"));
    let report = "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - d: send_date by day\n  - n: count()\nfilters: [\"send_date in last 7 days\"]\n";
    let s = sql("athena", report);
    assert_has(
        &s,
        "date_trunc('day', date_add('minute', timezone_hour(with_timezone(send_date, 'UTC') AT TIME ZONE 'Europe/Paris') * 60 + timezone_minute(with_timezone(send_date, 'UTC') AT TIME ZONE 'Europe/Paris'), send_date)) AS d",
    );
    assert_has(
        &s,
        "date_add('minute', timezone_hour(current_timestamp AT TIME ZONE 'Europe/Paris') * 60 + timezone_minute(current_timestamp AT TIME ZONE 'Europe/Paris'), CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP))",
    );
    assert_has(
        &s,
        "send_date >= date_add('minute', -(timezone_hour(with_timezone(",
    );
    // the only cast left is of the UTC now, which is the UTC wall clock whichever report holds
    assert_eq!(
        s.matches("AS TIMESTAMP)").count(),
        s.matches("CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)")
            .count()
    );
    assert_lacks(&s, "AT TIME ZONE 'Europe/Paris' AS TIMESTAMP");
    // Trino keeps its casts (the reports are Athena's)
    assert_has(
        &sql("trino", report),
        "CAST(with_timezone(send_date, 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP)",
    );
}

/// trino "ToLocal/FromLocal": Trino's own tests cast a timestamp with time zone to a timestamp
/// keeping the value's wall clock, which the `CAST(... AT TIME ZONE z AS TIMESTAMP)` renderings
/// rest on (Athena, reported to read it otherwise, writes around it).
#[test]
fn trino_casts_keep_the_wall_clock() {
    cited(
        "trino",
        "https://github.com/trinodb/trino/blob/master/core/trino-main/src/test/java/io/trino/type/TestTimestampWithTimeZone.java",
        "`assertFunction(\"cast(TIMESTAMP '2001-1-22 03:04:05.321 +07:09' as timestamp)\", TIMESTAMP_MILLIS, sqlTimestampOf(3, 2001, 1, 22, 3, 4, 5, 321))`",
    );
    let s = sql(
        "trino",
        "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - h: send_date by hour\n  - n: count()\n",
    );
    assert_has(
        &s,
        "date_trunc('hour', CAST(with_timezone(send_date, 'UTC') AT TIME ZONE 'Europe/Paris' AS TIMESTAMP)) AS h",
    );
}

/// trino "LIMIT", "literals", "Add*/Sub*", "NowUtc": the manual's own examples of each form
/// reportc writes (Athena inherits them, time zones aside).
#[test]
fn trino_limit_literals_and_interval_arithmetic() {
    cited(
        "trino",
        "https://trino.io/docs/current/sql/select.html",
        "\"The `LIMIT` or `FETCH FIRST` clause restricts the number of rows in the result set\"",
    );
    cited(
        "trino",
        "https://trino.io/docs/current/language/types.html",
        "`SELECT TIMESTAMP '2020-06-10 15:55:23';` gives `2020-06-10 15:55:23`",
    );
    cited(
        "trino",
        "https://trino.io/docs/current/functions/datetime.html",
        "`timestamp '2012-08-08 01:00' - interval '29' hour` gives `2012-08-06 20:00:00.000`",
    );
    fact(
        "trino",
        "current_timestamp \"Returns the current timestamp with time zone as of the start of the query\"",
    );
    let s = sql(
        "trino",
        "source: sms\ncolumns:\n  - sms_type\n  - n: count()\nfilters: [\"send_date in last 5 hours\", \"send_date >= 2026-02-16T08:30\"]\nlimit: 3\n",
    );
    assert_has(&s, "- INTERVAL '4' HOUR");
    assert_has(
        &s,
        "CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)",
    );
    assert_has(&s, "send_date >= TIMESTAMP '2026-02-16 08:30:00'");
    assert_has(&s, "LIMIT 3");
}
