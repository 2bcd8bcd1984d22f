//! DuckDB files, on the embedded engine's crate (feature `duckdb`). The file is opened
//! read-only (`AccessMode::ReadOnly`: never created or written), with the embedded engine's
//! session settings (no extension loaded, reportc's `timezone()`), and the report runs on the
//! file's own tables as they are (unlike `run --data FILE`, which converts them to the
//! catalogue's types). DuckDB has no statement timeout: a timer thread interrupts the query
//! once `--timeout` has passed. Values are the embedded engine's (`json_values.rs`).

use super::{query_failed, readable_file, timed_out, unreadable, ConnectError, Limits, Target};
use crate::diagnostics::Code;
use crate::run::{Engine, ResultSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;

pub fn query(t: &Target, sql: &str, limits: Limits) -> Result<ResultSet, ConnectError> {
    let path = readable_file(t)?;
    let engine = Engine::open_read_only(path).map_err(|(file, msg)| {
        if file {
            unreadable(t, &msg)
        } else {
            ConnectError::new(Code::EngineStart, t.redacted(), msg)
                .with_help("this is not caused by the report or the file; the message is DuckDB's")
        }
    })?;
    let handle = engine.interrupt_handle();
    let fired = Arc::new(AtomicBool::new(false));
    let (done, wait) = mpsc::channel::<()>();
    let timer = {
        let fired = fired.clone();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(limits.timeout) {
                fired.store(true, Ordering::SeqCst);
                handle.interrupt();
            }
        })
    };
    let result = engine.query(sql);
    let _ = done.send(());
    let _ = timer.join();
    result.map_err(|msg| {
        if fired.load(Ordering::SeqCst) {
            timed_out(t, limits, &msg)
        } else {
            query_failed(t, sql, &msg)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn target(path: &std::path::Path) -> Target {
        Target::parse(&format!("duckdb:{}", path.display()), &|_| None).unwrap()
    }

    fn lim(ms: u64) -> Limits {
        Limits {
            timeout: Duration::from_millis(ms),
        }
    }

    #[test]
    fn runs_on_the_file_read_only_and_stops_at_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.duckdb");
        let w = duckdb::Connection::open(&p).unwrap();
        w.execute_batch("CREATE TABLE t (a INTEGER, b VARCHAR); INSERT INTO t VALUES (1, 'x')")
            .unwrap();
        drop(w);
        let rs = query(&target(&p), "SELECT a, b FROM t", lim(10_000)).unwrap();
        assert_eq!(
            rs.rows,
            [vec![serde_json::json!(1), serde_json::json!("x")]]
        );
        let e = query(&target(&p), "DELETE FROM t", lim(10_000)).unwrap_err();
        assert_eq!(e.code(), Code::ConnectQuery, "{e}");
        let start = Instant::now();
        let slow = "SELECT count(*) FROM range(100000000000) a WHERE a % 7 = 3";
        let e = query(&target(&p), slow, lim(300)).unwrap_err();
        assert_eq!(e.code(), Code::ConnectTimeout, "{e}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_file_that_cannot_be_read_is_e0516_and_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.duckdb");
        let e = query(&target(&missing), "SELECT 1", lim(5000)).unwrap_err();
        assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
        assert!(!missing.exists());
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database ".repeat(400)).unwrap();
        let e = query(&target(&text), "SELECT 1", lim(5000)).unwrap_err();
        assert_eq!(e.code(), Code::ConnectFileUnreadable, "{e}");
    }
}
