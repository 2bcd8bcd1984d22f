//! `demo-data --format sql`: the statements per dialect (snapshots), a dialect that cannot
//! store a list column writes nothing, and the files load into the running PostgreSQL and
//! MariaDB with their own clients (`psql -f`, `mariadb <`), giving a report the same rows on
//! both. The engine part needs the engines' environment (`scripts/engines.sh env`); without
//! it, it says so and checks nothing more.

mod common;

use common::root;
use std::path::Path;
use std::process::{Command, Stdio};

fn reportc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("reportc runs")
}

fn demo(dir: &Path, dialect: &str, rows: &str) -> std::process::Output {
    reportc(&[
        "demo-data",
        "--format",
        "sql",
        "-d",
        dialect,
        "--rows",
        rows,
        "--as-of",
        "2026-03-01T12:00:00",
        "--out",
        dir.to_str().unwrap(),
    ])
}

#[test]
fn statements_per_dialect() {
    for dialect in ["postgres", "mysql", "sqlite", "duckdb"] {
        let dir = tempfile::tempdir().unwrap();
        let o = demo(dir.path(), dialect, "2");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let sms = std::fs::read_to_string(dir.path().join("sms.sql")).unwrap();
        insta::assert_snapshot!(format!("sms_{dialect}"), sms);
    }
}

#[test]
fn a_dialect_without_list_columns_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = demo(dir.path(), "bigquery", "2");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E0505") && err.contains("list column"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

fn tool(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(cmd: &mut Command) -> String {
    let o = cmd.output().expect("client runs");
    assert!(
        o.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn loads_into_postgres_and_mariadb_with_the_same_report_rows() {
    let (Ok(pg_port), Ok(my_port)) = (
        std::env::var("REPORTC_PG_PORT"),
        std::env::var("REPORTC_MYSQL_PORT"),
    ) else {
        eprintln!("no engines' environment (scripts/engines.sh env): not loaded");
        return;
    };
    if !tool("psql") || !tool("mariadb") {
        eprintln!("psql or mariadb not installed: not loaded");
        return;
    }
    let host = std::env::var("REPORTC_PG_HOST").unwrap_or("127.0.0.1".into());
    let pg_user = std::env::var("REPORTC_PG_USER").unwrap_or("postgres".into());
    let my_host = std::env::var("REPORTC_MYSQL_HOST").unwrap_or("127.0.0.1".into());
    let my_user = std::env::var("REPORTC_MYSQL_USER").unwrap_or("reportc".into());
    let db = format!("demo_sql_{}", std::process::id());
    let psql = |database: &str| {
        let mut c = Command::new("psql");
        c.args(["-h", &host, "-p", &pg_port, "-U", &pg_user, "-d", database])
            .args(["-v", "ON_ERROR_STOP=1", "-q", "-At", "-F", "|"])
            .env(
                "PGPASSWORD",
                std::env::var("PGPASSWORD").unwrap_or("reportc".into()),
            );
        c
    };
    let mariadb = |database: Option<&str>| {
        let mut c = Command::new("mariadb");
        c.args(["-h", &my_host, "-P", &my_port, "-u", &my_user, "-N", "-B"]);
        if let Ok(pw) = std::env::var("REPORTC_MYSQL_PASSWORD") {
            if !pw.is_empty() {
                c.arg(format!("-p{pw}"));
            }
        }
        c.args(database);
        c
    };
    run(psql("postgres").args(["-c", &format!("CREATE DATABASE {db}")]));
    run(mariadb(None).args(["-e", &format!("CREATE DATABASE {db} CHARACTER SET utf8mb4")]));
    let pg_dir = tempfile::tempdir().unwrap();
    let my_dir = tempfile::tempdir().unwrap();
    assert!(demo(pg_dir.path(), "postgres", "300").status.success());
    assert!(demo(my_dir.path(), "mysql", "300").status.success());
    let mut tables: Vec<_> = std::fs::read_dir(pg_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    tables.sort();
    for t in &tables {
        run(psql(&db).args(["-f", pg_dir.path().join(t).to_str().unwrap()]));
        let f = std::fs::File::open(my_dir.path().join(t)).unwrap();
        run(mariadb(Some(&db)).stdin(f));
        let name = t.trim_end_matches(".sql");
        let count = format!("SELECT COUNT(*) FROM {name}");
        assert_eq!(run(psql(&db).args(["-c", &count])).trim(), "300", "{name}");
        assert_eq!(run(mariadb(Some(&db)).args(["-e", &count])).trim(), "300");
    }
    // the same report on both servers: the same rows (NULL and number formats aside)
    let sql = |d: &str| {
        let o = reportc(&[
            "compile",
            "reports/monthly_sms_credits.yaml",
            "-d",
            d,
            "--as-of",
            "2026-03-01T12:00:00",
        ]);
        String::from_utf8(o.stdout).unwrap()
    };
    let pg = run(psql(&db).args(["-c", &sql("postgres")]));
    let my = run(mariadb(Some(&db)).args(["-e", &sql("mysql")]));
    let norm = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| {
                l.replace('\t', "|")
                    .split('|')
                    .map(|c| if c == "NULL" { "" } else { c })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    let (pg, my) = (norm(&pg), norm(&my));
    run(psql("postgres").args(["-c", &format!("DROP DATABASE {db}")]));
    run(mariadb(None).args(["-e", &format!("DROP DATABASE {db}")]));
    assert!(!pg.is_empty());
    assert_eq!(pg, my);
}
