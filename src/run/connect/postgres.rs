//! PostgreSQL and Redshift (the same wire protocol), with the `postgres` crate's synchronous
//! client, without TLS. The session: `statement_timeout`, UTC, and a `READ ONLY` transaction
//! that is rolled back. Values come as text (the simple query protocol) and are converted by
//! the report's column types (`cells.rs`); a text array (`{a,"b c",NULL}`) becomes a list.
//! Redshift takes the same session: `START TRANSACTION [ ... ] [ READ WRITE | READ ONLY ]`
//! (https://docs.aws.amazon.com/redshift/latest/dg/r_BEGIN.html) and its `statement_timeout`
//! parameter, in milliseconds (not tried on a Redshift cluster: none here).

use super::{connect_failed, query_failed, result_set, timed_out, ConnectError, Limits, Target};
use crate::diagnostics::Code;
use crate::output_schema::OutputColumn;
use crate::run::ResultSet;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls, SimpleQueryMessage};
use serde_json::Value;

/// The elements of a one-dimensional PostgreSQL array literal, `None` when it is not one.
pub fn parse_array(s: &str) -> Option<Vec<Value>> {
    let inner = s.strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    if inner.is_empty() {
        return Some(out);
    }
    let mut chars = inner.chars().peekable();
    loop {
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut item = String::new();
            loop {
                match chars.next()? {
                    '\\' => item.push(chars.next()?),
                    '"' => break,
                    c => item.push(c),
                }
            }
            out.push(Value::String(item));
        } else {
            let mut item = String::new();
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                if c == '{' || c == '"' {
                    return None;
                }
                item.push(c);
                chars.next();
            }
            out.push(if item == "NULL" {
                Value::Null
            } else {
                Value::String(item)
            });
        }
        match chars.next() {
            None => return Some(out),
            Some(',') => {}
            Some(_) => return None,
        }
    }
}

fn message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => d.message().to_string(),
        None => e.to_string(),
    }
}

fn connect(t: &Target, limits: Limits) -> Result<Client, ConnectError> {
    t.only_params(&["sslmode", "application_name"])?;
    if let Some(mode) = t.param("sslmode") {
        if !matches!(mode, "disable" | "allow" | "prefer") {
            return Err(ConnectError::new(
                Code::ConnectUnsupported,
                t.redacted(),
                format!("`sslmode={mode}`: this build connects without TLS"),
            )
            .with_help("use `sslmode=disable` over a trusted network or an SSH tunnel"));
        }
    }
    let mut cfg = Config::new();
    cfg.host(&t.host)
        .port(t.port)
        .connect_timeout(limits.timeout)
        .application_name(t.param("application_name").unwrap_or("reportc"));
    let user = t
        .user
        .clone()
        .or_else(|| std::env::var("PGUSER").ok())
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "postgres".into());
    cfg.user(&user);
    if let Some(p) = &t.password {
        cfg.password(p);
    }
    if !t.database.is_empty() {
        cfg.dbname(&t.database);
    }
    cfg.connect(NoTls)
        .map_err(|e| connect_failed(t, &message(&e)))
}

pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    let mut client = connect(t, limits)?;
    let ms = limits.timeout.as_millis().clamp(1, i32::MAX as u128);
    client
        .batch_execute(&format!(
            "SET statement_timeout = {ms}; SET timezone TO 'UTC'; START TRANSACTION READ ONLY"
        ))
        .map_err(|e| connect_failed(t, &format!("setting up the session: {}", message(&e))))?;
    let msgs = client.simple_query(sql).map_err(|e| {
        if e.code() == Some(&SqlState::QUERY_CANCELED) {
            timed_out(t, limits, &message(&e))
        } else {
            query_failed(t, sql, &message(&e))
        }
    })?;
    let _ = client.batch_execute("ROLLBACK");
    let mut names: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for m in msgs {
        match m {
            SimpleQueryMessage::RowDescription(cols) if names.is_empty() => {
                names = cols.iter().map(|c| c.name().to_string()).collect();
            }
            SimpleQueryMessage::Row(r) => {
                let row = (0..r.len())
                    .map(|i| match r.get(i) {
                        None => Value::Null,
                        Some(s) => {
                            let list = columns
                                .get(i)
                                .is_some_and(|c| c.logical_type == "text list");
                            match parse_array(s).filter(|_| list) {
                                Some(items) => Value::Array(items),
                                None => Value::String(s.to_string()),
                            }
                        }
                    })
                    .collect();
                rows.push(row);
            }
            _ => {}
        }
    }
    Ok(result_set(names, rows, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn array_literals() {
        assert_eq!(parse_array("{}"), Some(vec![]));
        assert_eq!(
            parse_array(r#"{a,"b c",NULL,"NULL","x\"y\\z"}"#),
            Some(vec![
                json!("a"),
                json!("b c"),
                Value::Null,
                json!("NULL"),
                json!("x\"y\\z")
            ])
        );
        assert_eq!(parse_array("{{a},{b}}"), None);
        assert_eq!(parse_array("abc"), None);
        assert_eq!(parse_array(r#"{"open}"#), None);
    }
}
