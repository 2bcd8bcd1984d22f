//! SQLite files (feature `sqlite`; no server): the demo data loaded into a temporary file
//! from `demo-data --format sql -d sqlite` (through rusqlite, as `sqlite3 FILE < x.sql`
//! would), then `run --connect sqlite:FILE`.

use super::compare::{agrees_with_duckdb, demo_sql};
use super::*;
use reportc::sql::SqlOptions;
use std::path::{Path, PathBuf};

/// A SQLite file in `dir` holding the demo data.
fn demo_db(dir: &Path) -> PathBuf {
    let sql = dir.join("sql");
    std::fs::create_dir(&sql).unwrap();
    let db = dir.join("demo.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    for f in demo_sql("sqlite", &sql) {
        let text = std::fs::read_to_string(&f).unwrap();
        conn.execute_batch(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    db
}

/// Every example that compiles for SQLite gives the runner's DuckDB rows.
pub fn sqlite_gives_the_runners_duckdb_rows() -> Result<(), Skipped> {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let n = agrees_with_duckdb(&format!("sqlite:{}", db.display()), "sqlite")?;
    let sqlite = reportc::sql::dialect_by_name("sqlite").unwrap();
    let opts = SqlOptions {
        as_of: Some(AS_OF.parse().unwrap()),
    };
    let compiled = examples()
        .iter()
        .filter(|p| compile(p, sqlite, &opts).is_ok())
        .count();
    assert_eq!(n, compiled, "every example compiled for SQLite runs there");
    assert!(n * 2 > examples().len(), "only {n} examples ran on SQLite");
    Ok(())
}

/// `sqlite:RELATIVE` (from the current folder) and `sqlite:///ABSOLUTE` read the same file,
/// which is not written: the same bytes after, and no journal beside it.
pub fn sqlite_urls_relative_and_absolute() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = std::fs::read(&db).unwrap();
    let report = root().join("reports/monthly_sms_credits.yaml");
    let report = report.to_str().unwrap();
    let run = |cwd: &Path, url: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_reportc"))
            .args(["run", report, "--as-of", AS_OF, "--connect", url])
            .args(["--format", "csv"])
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(o.status.success(), "{url}: {}", text(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let relative = run(dir.path(), "sqlite:demo.db");
    let absolute = run(&root(), &format!("sqlite://{}", db.display()));
    assert_eq!(relative, absolute);
    assert!(relative.lines().count() > 1, "{relative}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file was written"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["demo.db", "sql"]);
}

/// `sms` as a view that counts to 200 million first: `--timeout 1` stops it, E0514, exit 1,
/// in well under the count.
pub fn sqlite_timeout_stops_a_slow_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "ALTER TABLE sms RENAME TO sms_real;
             CREATE VIEW sms AS SELECT s.* FROM sms_real s WHERE (
               WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000)
               SELECT count(*) FROM c) > 0;",
        )
        .unwrap();
    let start = std::time::Instant::now();
    let url = format!("sqlite:{}", db.display());
    let o = reportc(&[
        "run",
        "reports/monthly_sms_credits.yaml",
        "--as-of",
        AS_OF,
        "--connect",
        &url,
        "--timeout",
        "1",
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("E0514"), "{t}");
    assert!(start.elapsed().as_secs_f64() < 5.0, "{t}");
}

/// A missing file (not created), a folder, a file that is not a database: E0516, exit 2.
pub fn sqlite_file_that_cannot_be_read_is_e0516() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "not a database\n".repeat(100)).unwrap();
    for (path, says) in [
        (&missing, "no such file"),
        (&dir.path().to_path_buf(), "folder"),
        (&text_file, "not a database"),
    ] {
        let url = format!("sqlite:{}", path.display());
        let o = reportc(&["run", "reports/monthly_sms_credits.yaml", "--connect", &url]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(t.contains("E0516") && t.contains(says), "{t}");
    }
    assert!(!missing.exists(), "a missing file was created");
}
