//! ClickHouse over its HTTP interface (port 8123), with `ureq` (no TLS). One POST per query:
//! the SQL is the body; the settings are URL parameters: `default_format=JSONCompact` (with
//! 64-bit integers and decimals as JSON numbers), `session_timezone=UTC`,
//! `max_execution_time` (seconds) and, last so that the others may still be set,
//! `readonly=1`. The user and password go in the `X-ClickHouse-User` / `X-ClickHouse-Key`
//! headers, never in the URL.

use super::{connect_failed, query_failed, result_set, timed_out, ConnectError, Limits, Target};
use crate::diagnostics::Code;
use crate::output_schema::OutputColumn;
use crate::run::ResultSet;
use serde_json::Value;

/// ClickHouse's error codes for a login refused: UNKNOWN_USER, WRONG_PASSWORD,
/// REQUIRED_PASSWORD, AUTHENTICATION_FAILED, UNKNOWN_DATABASE.
const LOGIN_CODES: [u32; 5] = [192, 193, 194, 516, 81];
/// TIMEOUT_EXCEEDED.
const TIMEOUT_CODE: u32 = 159;

/// The settings of a query, in order (`readonly` last).
pub fn settings(t: &Target, limits: Limits) -> Vec<(&'static str, String)> {
    let mut s = vec![
        ("default_format", "JSONCompact".to_string()),
        ("output_format_json_quote_64bit_integers", "0".into()),
        ("output_format_json_quote_decimals", "0".into()),
        ("session_timezone", "UTC".into()),
        (
            "max_execution_time",
            limits.timeout.as_secs().max(1).to_string(),
        ),
    ];
    if !t.database.is_empty() {
        s.insert(0, ("database", t.database.clone()));
    }
    s.push(("readonly", "1".into()));
    s
}

/// The code of a ClickHouse error message (`Code: 60. DB::Exception: ...`).
fn error_code(body: &str) -> Option<u32> {
    let rest = body.trim_start().strip_prefix("Code: ")?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// A JSONCompact response as column names and rows.
pub fn parse_response(body: &str) -> Result<(Vec<String>, Vec<Vec<Value>>), String> {
    let doc: Value = serde_json::from_str(body).map_err(|e| format!("not JSON: {e}"))?;
    let names = doc["meta"]
        .as_array()
        .ok_or("no `meta` in the response")?
        .iter()
        .map(|m| m["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let rows = doc["data"]
        .as_array()
        .ok_or("no `data` in the response")?
        .iter()
        .map(|r| r.as_array().cloned().unwrap_or_default())
        .collect();
    Ok((names, rows))
}

pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    t.only_params(&[])?;
    if t.tls {
        return Err(ConnectError::new(
            Code::ConnectUnsupported,
            t.redacted(),
            "`https://`: this build connects without TLS".to_string(),
        )
        .with_help("use `http://` over a trusted network or an SSH tunnel"));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(limits.timeout + std::time::Duration::from_secs(5)))
        .build()
        .into();
    let host = if t.host.contains(':') {
        format!("[{}]", t.host)
    } else {
        t.host.clone()
    };
    let mut req = agent.post(format!("http://{host}:{}/", t.port));
    for (k, v) in settings(t, limits) {
        req = req.query(k, v);
    }
    req = req.header("X-ClickHouse-User", t.user.as_deref().unwrap_or("default"));
    if let Some(p) = &t.password {
        req = req.header("X-ClickHouse-Key", p.as_str());
    }
    let mut resp = req
        .send(sql)
        .map_err(|e| connect_failed(t, &e.to_string()))?;
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .read_to_string()
        .map_err(|e| connect_failed(t, &e.to_string()))?;
    if status != 200 {
        return Err(match error_code(&body) {
            Some(TIMEOUT_CODE) => timed_out(t, limits, &body),
            Some(c) if LOGIN_CODES.contains(&c) => connect_failed(t, body.trim()),
            _ => query_failed(t, sql, &body),
        });
    }
    let (names, rows) = parse_response(&body).map_err(|e| query_failed(t, sql, &e))?;
    Ok(result_set(names, rows, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_end_with_readonly_and_responses_parse() {
        let t = Target::parse("clickhouse://u:pw@h/dw", &|_| None).unwrap();
        let lim = Limits {
            timeout: std::time::Duration::from_secs(30),
        };
        let s = settings(&t, lim);
        assert_eq!(s[0], ("database", "dw".to_string()));
        assert_eq!(s.last().unwrap(), &("readonly", "1".to_string()));
        assert!(s.contains(&("max_execution_time", "30".to_string())));
        assert!(!s.iter().any(|(_, v)| v.contains("pw")));
        let (names, rows) = parse_response(
            r#"{"meta":[{"name":"q","type":"String"},{"name":"n","type":"UInt64"}],
                "data":[["a",1],[null,2]],"rows":2}"#,
        )
        .unwrap();
        assert_eq!(names, ["q", "n"]);
        assert_eq!(rows[1], vec![Value::Null, json!(2)]);
        assert_eq!(
            error_code("Code: 159. DB::Exception: Timeout exceeded"),
            Some(159)
        );
        assert_eq!(error_code("oops"), None);
    }
}
