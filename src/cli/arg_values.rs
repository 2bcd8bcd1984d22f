//! Option values that clap cannot check: `--dialect` (a name of the dialect table) and
//! `--as-of` (a UTC timestamp); and the default `--as-of`, now.

use super::exit::ExitStatus;
use super::output::Printer;
use reportc::sql::{dialect_by_name, dialect_names, Dialect};

/// The dialect of `--dialect`; an unknown name is a usage error that lists the names.
pub fn dialect(name: &str, out: &Printer) -> Result<&'static Dialect, ExitStatus> {
    dialect_by_name(name).ok_or_else(|| {
        out.usage(format!(
            "unknown dialect `{name}`; dialects: {}",
            dialect_names().join(", ")
        ))
    })
}

/// `--as-of`: `2026-03-01T12:00:00`, with a space for the `T`, a final `Z`, or a bare date
/// (midnight).
pub fn parse_as_of(s: &str, out: &Printer) -> Result<jiff::civil::DateTime, ExitStatus> {
    let norm = s.trim().trim_end_matches('Z').replacen(' ', "T", 1);
    norm.parse::<jiff::civil::DateTime>()
        .or_else(|_| {
            norm.parse::<jiff::civil::Date>()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .map_err(|_| {
            out.usage(format!(
                "--as-of `{s}` is not a timestamp like 2026-03-01T12:00:00"
            ))
        })
}

/// `--as-of` if given, else now: the anchor of `demo-data` and `run`.
pub fn as_of_or_now(s: Option<&str>, out: &Printer) -> Result<jiff::civil::DateTime, ExitStatus> {
    Ok(s.map(|s| parse_as_of(s, out))
        .transpose()?
        .unwrap_or_else(now_utc))
}

/// The current UTC time, to the second.
fn now_utc() -> jiff::civil::DateTime {
    let now = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .datetime();
    now.with().subsec_nanosecond(0).build().unwrap_or(now)
}
