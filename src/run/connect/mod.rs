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
//! | `sqlite.rs` | SQLite files (feature `sqlite`) |
//! | `duckdb.rs` | DuckDB files, on the embedded engine's crate (feature `duckdb`) |
//!
//! Every problem is a [`ConnectError`] (a [`DataError`] about the redacted URL) with a code
//! E0510-E0516; no message holds the password (drivers' and servers' messages are scrubbed).

#![cfg_attr(
    not(any(
        feature = "postgres",
        feature = "mysql",
        feature = "clickhouse",
        feature = "sqlite"
    )),
    allow(dead_code, unused_variables)
)]

mod cells;
mod url;

#[cfg(feature = "clickhouse")]
mod clickhouse;
#[cfg(feature = "duckdb")]
mod duckdb;
#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;

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

/// The database file of a `sqlite:` or `duckdb:` URL cannot be read (E0516).
#[cfg(any(feature = "sqlite", feature = "duckdb"))]
pub(crate) fn unreadable(t: &Target, why: &str) -> ConnectError {
    let what = match t.kind {
        Kind::DuckDb => "DuckDB",
        _ => "SQLite",
    };
    ConnectError::new(
        Code::ConnectFileUnreadable,
        t.redacted(),
        format!(
            "cannot read the {what} file `{}`: {}",
            t.database,
            t.scrub(why)
        ),
    )
    .with_help(format!(
        "`{}:PATH` names an existing {what} database file (a relative PATH is from the current \
         folder, `{}:///abs/path` is absolute); it is opened read-only and never created",
        t.kind.dialect(),
        t.kind.dialect()
    ))
}

/// The file of a `sqlite:` or `duckdb:` URL, when it is one that can be read (not a folder):
/// the database itself then opens it read-only, so a missing file is never created.
#[cfg(any(feature = "sqlite", feature = "duckdb"))]
pub(crate) fn readable_file(t: &Target) -> Result<&std::path::Path, ConnectError> {
    t.only_params(&[])?;
    let path = std::path::Path::new(&t.database);
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(unreadable(t, "there is no such file"))
        }
        Err(e) => Err(unreadable(t, &e.to_string())),
        Ok(m) if m.is_dir() => Err(unreadable(t, "it is a folder")),
        Ok(_) => match std::fs::File::open(path) {
            Ok(_) => Ok(path),
            Err(e) => Err(unreadable(t, &e.to_string())),
        },
    }
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

/// The cargo feature that gives the client of a kind of database.
fn feature_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Postgres | Kind::Redshift => "postgres",
        Kind::MySql => "mysql",
        Kind::ClickHouse => "clickhouse",
        Kind::Sqlite => "sqlite",
        Kind::DuckDb => "duckdb",
    }
}

/// This build has no client for the target's database: E0511, naming the feature.
fn no_client(t: &Target) -> ConnectError {
    let feature = feature_of(t.kind);
    ConnectError::new(
        Code::ConnectUnsupported,
        t.redacted(),
        format!("this build of reportc has no {} client", t.kind.dialect()),
    )
    .with_help(if feature == "duckdb" {
        "build it with `cargo build --release --features duckdb` (the embedded DuckDB, a long \
         C++ build)"
            .to_string()
    } else {
        format!(
            "build it with `cargo build --release --features {feature}` (or `--features connect` \
             for PostgreSQL, MySQL, ClickHouse and SQLite)"
        )
    })
}

/// Run `sql` (a report compiled for the target's dialect, whose output columns are
/// `columns`) on the database of `t`.
pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    match t.kind {
        #[cfg(feature = "postgres")]
        Kind::Postgres | Kind::Redshift => postgres::query(t, sql, columns, limits),
        #[cfg(feature = "mysql")]
        Kind::MySql => mysql::query(t, sql, columns, limits),
        #[cfg(feature = "clickhouse")]
        Kind::ClickHouse => clickhouse::query(t, sql, columns, limits),
        #[cfg(feature = "sqlite")]
        Kind::Sqlite => sqlite::query(t, sql, columns, limits),
        #[cfg(feature = "duckdb")]
        Kind::DuckDb => duckdb::query(t, sql, limits),
        // the kinds whose client this build lacks (none with every feature)
        #[allow(unreachable_patterns)]
        _ => Err(no_client(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_this_build_lacks_is_a_diagnostic() {
        let lim = Limits {
            timeout: Duration::from_secs(1),
        };
        let missing = std::env::temp_dir().join("reportc-no-such-dir/x.db");
        for (url, feature, has) in [
            ("sqlite:", "sqlite", cfg!(feature = "sqlite")),
            ("duckdb:", "duckdb", cfg!(feature = "duckdb")),
        ] {
            let t = Target::parse(&format!("{url}{}", missing.display()), &|_| None).unwrap();
            let e = query(&t, "SELECT 1", &[], lim).unwrap_err();
            if has {
                assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
            } else {
                assert_eq!(e.code(), Code::ConnectUnsupported, "{e}");
                let help = e.into_data_error().diagnostic.help.unwrap_or_default();
                assert!(help.contains(&format!("--features {feature}")), "{help}");
            }
        }
    }
}
