//! SQLite files, with `rusqlite` (SQLite compiled from its C source: feature `sqlite`). The
//! file is opened read-only (`SQLITE_OPEN_READ_ONLY`, never created) with `PRAGMA
//! query_only`; the statement timeout is a progress handler that interrupts the query once
//! `--timeout` has passed (SQLite has no timeout of its own). A file that is missing, a
//! folder, unreadable or not a SQLite database is E0516. Values come typed (integer, real,
//! text) and are converted by the report's column types (`cells.rs`).

use super::{
    query_failed, readable_file, result_set, timed_out, unreadable, ConnectError, Limits, Target,
};
use crate::output_schema::OutputColumn;
use crate::run::ResultSet;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde_json::Value;
use std::time::Instant;

/// Virtual-machine instructions between two looks at the clock.
const PROGRESS_OPS: i32 = 1000;

fn message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        other => other.to_string(),
    }
}

fn code(e: &rusqlite::Error) -> Option<ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

/// An error about the file itself rather than the query.
fn is_file_error(e: &rusqlite::Error) -> bool {
    matches!(
        code(e),
        Some(
            ErrorCode::CannotOpen
                | ErrorCode::NotADatabase
                | ErrorCode::DatabaseCorrupt
                | ErrorCode::PermissionDenied
                | ErrorCode::SystemIoFailure
        )
    )
}

fn open(t: &Target) -> Result<Connection, ConnectError> {
    let path = readable_file(t)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| unreadable(t, &message(&e)))?;
    // SQLite reads the file on first use: a file that is not a database fails here
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| unreadable(t, &message(&e)))?;
    conn.execute_batch("PRAGMA query_only = ON")
        .map_err(|e| unreadable(t, &message(&e)))?;
    Ok(conn)
}

fn json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => super::cells::float(f),
        ValueRef::Text(b) | ValueRef::Blob(b) => {
            Value::String(String::from_utf8_lossy(b).into_owned())
        }
    }
}

pub fn query(
    t: &Target,
    sql: &str,
    columns: &[OutputColumn],
    limits: Limits,
) -> Result<ResultSet, ConnectError> {
    let conn = open(t)?;
    let deadline = Instant::now() + limits.timeout;
    conn.progress_handler(PROGRESS_OPS, Some(move || Instant::now() >= deadline));
    let failed = |e: rusqlite::Error| {
        if code(&e) == Some(ErrorCode::OperationInterrupted) {
            timed_out(t, limits, &message(&e))
        } else if is_file_error(&e) {
            unreadable(t, &message(&e))
        } else {
            query_failed(t, sql, &message(&e))
        }
    };
    let mut stmt = conn.prepare(sql).map_err(failed)?;
    let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
    let n = names.len();
    let mut rows = stmt.query([]).map_err(failed)?;
    let mut raw = Vec::new();
    while let Some(row) = rows.next().map_err(failed)? {
        raw.push(
            (0..n)
                .map(|i| row.get_ref(i).map_or(Value::Null, json))
                .collect(),
        );
    }
    Ok(result_set(names, raw, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use std::time::Duration;

    fn target(path: &std::path::Path) -> Target {
        Target::parse(&format!("sqlite:{}", path.display()), &|_| None).unwrap()
    }

    const LIM: Limits = Limits {
        timeout: Duration::from_secs(5),
    };

    #[test]
    fn rows_come_typed_and_the_file_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        let w = Connection::open(&p).unwrap();
        w.execute_batch("CREATE TABLE t (a INTEGER, b REAL, c TEXT); INSERT INTO t VALUES (1, 2.5, 'x'), (NULL, NULL, NULL)")
            .unwrap();
        drop(w);
        let rs = query(&target(&p), "SELECT a, b, c FROM t ORDER BY a", &[], LIM).unwrap();
        assert_eq!(rs.columns, ["a", "b", "c"]);
        assert_eq!(
            rs.rows,
            [
                vec![Value::Null, Value::Null, Value::Null],
                vec![Value::from(1), Value::from(2.5), Value::from("x")]
            ]
        );
        let e = query(&target(&p), "DELETE FROM t", &[], LIM).unwrap_err();
        assert_eq!(e.code(), Code::ConnectQuery, "{e}");
        let e = query(&target(&p), "SELECT * FROM nope", &[], LIM).unwrap_err();
        assert_eq!(e.code(), Code::ConnectQuery, "{e}");
        assert!(e.to_string().contains("nope"), "{e}");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_e0516_and_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.db");
        let e = query(&target(&missing), "SELECT 1", &[], LIM).unwrap_err();
        assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
        assert!(!missing.exists());
        let e = query(&target(dir.path()), "SELECT 1", &[], LIM).unwrap_err();
        assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "this is not a database, but it is long enough to be read as a header by SQLite ........").unwrap();
        let e = query(&target(&text), "SELECT 1", &[], LIM).unwrap_err();
        assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
        assert!(e.to_string().contains("not a database"), "{e}");
    }

    #[test]
    fn the_progress_handler_stops_a_slow_query() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        Connection::open(&p)
            .unwrap()
            .execute_batch("CREATE TABLE t (a INTEGER)")
            .unwrap();
        let slow =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) \
                    SELECT count(*) FROM c";
        let lim = Limits {
            timeout: Duration::from_millis(200),
        };
        let start = Instant::now();
        let e = query(&target(&p), slow, &[], lim).unwrap_err();
        assert_eq!(e.code(), Code::ConnectTimeout, "{e}");
        assert!(start.elapsed() < Duration::from_secs(3));
    }
}
