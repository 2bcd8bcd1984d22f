//! What the differential harness expects besides equal rows: the constructs each dialect
//! refuses (E0300, E0400), the known disagreements with DuckDB and the reports an engine
//! cannot run, each with its reason. A listed entry that no longer holds fails.

/// Constructs a dialect refuses (E0300), as (report stem, dialect, words of the message).
pub const EXPECTED_REFUSALS: &[(&str, &str, &str)] = &[
    // exact percentiles: no exact continuous percentile aggregate
    ("c30_percentile_median", "sqlite", "percentile"),
    ("c30_percentile_median", "mysql", "percentile"),
    ("c51_filtered_percentile", "sqlite", "percentile"),
    ("c51_filtered_percentile", "mysql", "percentile"),
    ("outgoing_exchange_time_percentile", "sqlite", "percentile"),
    ("outgoing_exchange_time_percentile", "mysql", "percentile"),
    ("wait_time_percentile_by_queue", "sqlite", "percentile"),
    ("wait_time_percentile_by_queue", "mysql", "percentile"),
    // report time zones (buckets in a named zone): SQLite has no tz database
    ("c19_paris_dst_hours", "sqlite", "time zone"),
    ("top_3_queues_per_week", "sqlite", "time zone"),
    ("c20_paris_days", "sqlite", "time zone"),
    ("c21_new_york_weeks_months", "sqlite", "time zone"),
    ("c22_kolkata_half_hour_offset", "sqlite", "time zone"),
    (
        "c46_group_by_bucket_with_timezone_and_having",
        "sqlite",
        "time zone",
    ),
    ("hourly_incoming_load_paris", "sqlite", "time zone"),
    ("weekly_service_level_wow", "sqlite", "time zone"),
    ("rolling_7_day_wait", "sqlite", "time zone"),
    ("daily_contacts_filled", "sqlite", "time zone"),
    // lower()/upper() change ASCII letters only on SQLite (without ICU), and so does
    // case-insensitive matching: refused where the result could differ
    ("c31_lower_upper", "sqlite", "lower()/upper()"),
    ("c47_expression_group_key", "sqlite", "lower()/upper()"),
    ("outgoing_agent_activity", "sqlite", "lower()/upper()"),
    (
        "sms_stop_replies_last_3_months",
        "sqlite",
        "case-insensitive matching of a non-ASCII letter",
    ),
];

/// Known disagreements between an engine and the reference engine (DuckDB), as (report stem,
/// engine, why). Each is printed, not failed; one that no longer differs fails, so the entry is
/// removed when the compiler (or the runner) is fixed.
pub const KNOWN_MISMATCHES: &[(&str, &str, &str)] = &[
    // the runner stores a NULL list as [] on ClickHouse (arrays cannot be Nullable): the data
    // differ, not the SQL
    (
        "c15_list_contains",
        "clickhouse",
        "NULL lists are [] on ClickHouse",
    ),
    (
        "c44_row_listing_limit",
        "clickhouse",
        "NULL lists are [] on ClickHouse",
    ),
];

/// Reports an engine cannot run although the SQL is right, as (report stem, engine, why):
/// skipped on that engine only, with the reason printed. fakesnow translates Snowflake SQL to
/// DuckDB and stores an ARRAY column as DuckDB JSON, on which its translation of
/// `ARRAY_CONTAINS`/`ARRAY_SIZE` (DuckDB `array_length`) has no overload.
pub const CANNOT_RUN: &[(&str, &str, &str)] = &[
    ("chatbot_checkpoint_funnel", "snowflake", FAKESNOW_LISTS),
    ("c15_list_contains", "snowflake", FAKESNOW_LISTS),
    ("c44_row_listing_limit", "snowflake", FAKESNOW_LISTS),
    ("05_transfers_by_queue", "snowflake", FAKESNOW_LISTS),
];

pub const FAKESNOW_LISTS: &str =
    "fakesnow runs ARRAY_CONTAINS/ARRAY_SIZE as DuckDB array_length on JSON, which has no such overload";

/// Names a dialect refuses to quote (E0400), as in [`EXPECTED_REFUSALS`].
pub const HOSTILE_REFUSALS: &[(&str, &str, &str)] = &[
    // a backslash is an escape inside ClickHouse's quoted names
    ("03_slashy_totals", "clickhouse", "backslash"),
];

/// Refusals of the user-catalogue corpus, as in [`EXPECTED_REFUSALS`].
pub const USER_CATALOGUE_REFUSALS: &[(&str, &str, &str)] = &[
    ("06_talk_percentiles", "sqlite", "percentile"),
    ("06_talk_percentiles", "mysql", "percentile"),
    ("01_daily_by_line_london", "sqlite", "time zone"),
    ("02_sydney_weeks", "sqlite", "time zone"),
    ("07_monthly_missed_paris", "sqlite", "time zone"),
];
