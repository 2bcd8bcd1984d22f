//! `reportc run --connect URL`: the compiled SQL run on the user's own database, in a
//! read-only transaction with a statement timeout, its rows as a [`ResultSet`] (printed by
//! the same printers as the embedded engine's).
//!
//! | file | job |
//! |---|---|
//! | `url.rs` | the URL: database kind (and so dialect), host, user, password (URL or env), redaction |
//! | `cells.rs` | the database's values as the embedded engine's (logical type of each column) |
//! | `postgres.rs` | PostgreSQL and Redshift (feature `postgres`) |
//! | `mysql.rs` | MySQL and MariaDB (feature `mysql`) |
//! | `clickhouse.rs` | ClickHouse over HTTP (feature `clickhouse`) |
//!
//! Every problem is a [`ConnectError`] (a [`DataError`] about the redacted URL) with a code
//! E0510-E0515; no message holds the password (drivers' and servers' messages are scrubbed).

#![cfg_attr(
    not(any(feature = "postgres", feature = "mysql", feature = "clickhouse")),
    allow(dead_code, unused_variables)
)]

mod cells;
mod url;

#[cfg(feature = "clickhouse")]
mod clickhouse;
#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;

pub use cells::{cell, float, timestamp_text};
pub use url::{redact, Kind, Target};

use super::{DataError, ResultSet};
use crate::diagnostics::Code;
use crate::output_schema::OutputColumn;
use std::time::Duration;

/// A problem connecting to or querying the user's database: a [`DataError`] about the
/// redacted URL (boxed: results carry it on their error path only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError(pub Box<DataError>);

impl ConnectError {
    pub fn new(code: Code, url: &str, message: impl Into<String>) -> ConnectError {
        ConnectError(Box::new(DataError::new(code, url, message)))
    }

    pub fn with_help(self, help: impl Into<String>) -> ConnectError {
        ConnectError(Box::new(self.0.with_help(help)))
    }

    pub fn code(&self) -> Code {
        self.0.code()
    }

    /// The diagnostic, to print.
    pub fn into_data_error(self) -> DataError {
        *self.0
    }
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How to run a query: the statement timeout (also bounding the connection's setup).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
}

/// The error of a query that the database stopped at the timeout.
pub(crate) fn timed_out(t: &Target, limits: Limits, msg: &str) -> ConnectError {
    ConnectError::new(
        Code::ConnectTimeout,
        t.redacted(),
        format!(
            "the query ran longer than {} s and was stopped: {}",
            limits.timeout.as_secs(),
            t.scrub(msg)
        ),
    )
    .with_help("raise --timeout SECONDS, or narrow the report (a shorter range, filters)")
}

/// The database could not be reached or refused the login.
pub(crate) fn connect_failed(t: &Target, msg: &str) -> ConnectError {
    ConnectError::new(
        Code::ConnectFailed,
        t.redacted(),
        format!("cannot connect to `{}`: {}", t.redacted(), t.scrub(msg)),
    )
    .with_help(format!(
        "check the host, port, user and database of the URL; a password comes from the URL or \
         the environment ({})",
        match t.kind {
            Kind::Postgres | Kind::Redshift => "PGPASSWORD",
            Kind::MySql => "MYSQL_PWD",
            _ => "CLICKHOUSE_PASSWORD",
        }
    ))
}

/// The database could not run the query.
pub(crate) fn query_failed(t: &Target, sql: &str, msg: &str) -> ConnectError {
    ConnectError::new(
        Code::ConnectQuery,
        t.redacted(),
        format!(
            "the database could not run this report: {}",
            t.scrub(msg.trim())
        ),
    )
    .with_help(format!(
        "check that the catalogue's tables exist there; the SQL it was given:\n{sql}"
    ))
}

/// Rows whose cells are the driver's (text, or JSON), converted by the columns' types.
pub(crate) fn result_set(
    names: Vec<String>,
    raw: Vec<Vec<serde_json::Value>>,
    columns: &[OutputColumn],
) -> ResultSet {
    let rows = raw
        .into_iter()
        .map(|r| {
            r.into_iter()
                .enumerate()
                .map(|(i, v)| cell(columns.get(i), v))
                .collect()
        })
        .collect();
    ResultSet {
        columns: names,
        rows,
    }
}

/// The cargo feature a build needs for a kind of database, when this build lacks it.
fn missing_feature(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Postgres | Kind::Redshift => (!cfg!(feature = "postgres")).then_some("postgres"),
        Kind::MySql => (!cfg!(feature = "mysql")).then_some("mysql"),
        Kind::ClickHouse => (!cfg!(feature = "clickhouse")).then_some("clickhouse"),
        Kind::Sqlite | Kind::DuckDb => None,
    }
}

/// Run `sql` (a report compiled for the target's dialect, whose output columns are
/// `columns`) on the database of `t`.
pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    if let Some(feature) = missing_feature(t.kind) {
        return Err(ConnectError::new(
            Code::ConnectUnsupported,
            t.redacted(),
            format!("this build of reportc has no {} client", t.kind.dialect()),
        )
        .with_help(format!(
            "build it with `cargo build --release --features {feature}` (or `--features connect` \
             for PostgreSQL, MySQL and ClickHouse)"
        )));
    }
    match t.kind {
        #[cfg(feature = "postgres")]
        Kind::Postgres | Kind::Redshift => postgres::query(t, sql, columns, limits),
        #[cfg(feature = "mysql")]
        Kind::MySql => mysql::query(t, sql, columns, limits),
        #[cfg(feature = "clickhouse")]
        Kind::ClickHouse => clickhouse::query(t, sql, columns, limits),
        Kind::DuckDb => Err(ConnectError::new(
            Code::ConnectUnsupported,
            t.redacted(),
            "a DuckDB file is read by the embedded DuckDB, not through --connect".to_string(),
        )
        .with_help(format!(
            "run `reportc run REPORT --data {}` (a build with the `duckdb` feature)",
            t.database
        ))),
        _ => Err(ConnectError::new(
            Code::ConnectUnsupported,
            t.redacted(),
            format!("reportc has no {} client", t.kind.dialect()),
        )
        .with_help(
            "for a SQLite file, run the SQL of `reportc compile -d sqlite` with `sqlite3 FILE`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_this_build_lacks_is_a_diagnostic() {
        let t = Target::parse("sqlite:x.db", &|_| None).unwrap();
        let lim = Limits {
            timeout: Duration::from_secs(1),
        };
        let e = query(&t, "SELECT 1", &[], lim).unwrap_err();
        assert_eq!(e.code(), Code::ConnectUnsupported);
        let t = Target::parse("duckdb:x.duckdb", &|_| None).unwrap();
        let e = query(&t, "SELECT 1", &[], lim).unwrap_err();
        assert!(e.to_string().contains("--data x.duckdb"), "{e}");
    }
}
