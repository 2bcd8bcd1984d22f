//! MySQL and MariaDB, with the `mysql` crate's synchronous client (no TLS, Rust zlib). The
//! session: the statement timeout (`max_execution_time`, in ms, on MySQL;
//! `max_statement_time`, in seconds, on MariaDB, told apart by `VERSION()`), UTC, and a
//! `READ ONLY` transaction that is rolled back. Values come as text and are converted by the
//! report's column types (`cells.rs`).

use super::{connect_failed, query_failed, result_set, timed_out, ConnectError, Limits, Target};
use crate::output_schema::OutputColumn;
use crate::run::ResultSet;
use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Value as MValue};
use serde_json::Value;

/// MySQL's ER_QUERY_TIMEOUT and MariaDB's ER_STATEMENT_TIMEOUT.
const TIMEOUT_CODES: [u16; 2] = [3024, 1969];

fn message(e: &mysql::Error) -> String {
    match e {
        mysql::Error::MySqlError(m) => format!("{} (error {})", m.message, m.code),
        other => other.to_string(),
    }
}

fn text(v: &MValue) -> Value {
    match v {
        MValue::NULL => Value::Null,
        MValue::Bytes(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
        MValue::Int(i) => Value::from(*i),
        MValue::UInt(u) => Value::from(*u),
        MValue::Float(f) => super::cells::float(*f as f64),
        MValue::Double(f) => super::cells::float(*f),
        other => Value::String(other.as_sql(true).trim_matches('\'').to_string()),
    }
}

pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    t.only_params(&[])?;
    let opts = OptsBuilder::new()
        .ip_or_hostname(Some(t.host.clone()))
        .tcp_port(t.port)
        .user(Some(
            t.user
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "root".into()),
        ))
        .pass(t.password.clone())
        .db_name((!t.database.is_empty()).then(|| t.database.clone()))
        .prefer_socket(false)
        .tcp_connect_timeout(Some(limits.timeout));
    let mut conn = Conn::new(opts).map_err(|e| connect_failed(t, &message(&e)))?;
    let setup = |conn: &mut Conn| -> Result<(), mysql::Error> {
        let version: Option<String> = conn.query_first("SELECT VERSION()")?;
        let secs = limits.timeout.as_secs_f64().max(0.001);
        if version.unwrap_or_default().contains("MariaDB") {
            conn.query_drop(format!("SET SESSION max_statement_time = {secs}"))?;
        } else {
            let ms = (secs * 1000.0).round() as u64;
            conn.query_drop(format!("SET SESSION max_execution_time = {ms}"))?;
        }
        conn.query_drop("SET time_zone = '+00:00'")?;
        conn.query_drop("START TRANSACTION READ ONLY")
    };
    setup(&mut conn)
        .map_err(|e| connect_failed(t, &format!("setting up the session: {}", message(&e))))?;
    let failed = |e: mysql::Error| match &e {
        mysql::Error::MySqlError(m) if TIMEOUT_CODES.contains(&m.code) => {
            timed_out(t, limits, &message(&e))
        }
        _ => query_failed(t, sql, &message(&e)),
    };
    let (names, rows) = {
        let mut result = conn.query_iter(sql).map_err(failed)?;
        let names: Vec<String> = result
            .columns()
            .as_ref()
            .iter()
            .map(|c| c.name_str().into_owned())
            .collect();
        let mut rows = Vec::new();
        for row in result.by_ref() {
            let row = row.map_err(failed)?;
            rows.push(
                (0..row.len())
                    .map(|i| row.as_ref(i).map_or(Value::Null, text))
                    .collect(),
            );
        }
        (names, rows)
    };
    let _ = conn.query_drop("ROLLBACK");
    Ok(result_set(names, rows, columns))
}
