//! `reportc run --connect URL`: the example reports on the running PostgreSQL and MariaDB
//! (`scripts/engines.sh start`; `.ci/run` starts them), loaded with `demo-data --format sql`
//! into a fresh database, give the same rows as the runner's DuckDB on the same demo data
//! (the embedded engine needs the `duckdb` feature; tests/run.rs pins it to the runner's
//! rows); and no message shows a password. Needs the cargo feature `connect` (`cargo test
//! --features connect --test connect`); without it, `--connect` must say how to build it.
//! `harness = false`: a test whose server cannot be reached is *ignored*, with the reason,
//! and fails under CI.

mod common;

use common::*;
use std::process::{Command, Output};

fn main() {
    let mut trials = vec![
        trial("bad_urls_are_refused_without_the_password", bad_urls),
        trial("a_dialect_that_disagrees_is_refused", dialect_disagrees),
    ];
    #[cfg(not(feature = "postgres"))]
    trials.push(trial(
        "without_the_feature_it_says_how_to_build_it",
        without_the_feature,
    ));
    #[cfg(all(feature = "postgres", feature = "mysql"))]
    {
        use servers::*;
        trials.push(engine_trial(
            "postgres_gives_the_runners_duckdb_rows",
            postgres_gives_the_runners_duckdb_rows,
        ));
        trials.push(engine_trial(
            "mariadb_gives_the_runners_duckdb_rows",
            mariadb_gives_the_runners_duckdb_rows,
        ));
        trials.push(engine_trial(
            "the_statement_timeout_stops_a_slow_query",
            the_statement_timeout_stops_a_slow_query,
        ));
        trials.push(engine_trial(
            "connection_and_query_errors_hide_the_password",
            errors_hide_the_password,
        ));
    }
    run_trials(trials)
}

#[cfg(all(feature = "postgres", feature = "mysql"))]
const AS_OF: &str = "2026-03-01T12:00:00";
const SECRET: &str = "Hunter2-s3cr3t";

fn reportc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("reportc runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn bad_urls() {
    for (url, code) in [
        (format!("oracle://ann:{SECRET}@h/dw"), "E0510"),
        (format!("postgres://ann:{SECRET}@h:70000/dw"), "E0510"),
        (format!("postgres:ann:{SECRET}@h"), "E0510"),
        // the client checks its parameters: a build without it says it has none
        (
            format!("mysql://ann:{SECRET}@h/dw?ssl=1"),
            if cfg!(feature = "mysql") {
                "E0510"
            } else {
                "E0511"
            },
        ),
    ] {
        let o = reportc(&["run", "reports/monthly_sms_credits.yaml", "--connect", &url]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{url}: {t}");
        assert!(t.contains(code), "{url}: {t}");
        assert!(!t.contains(SECRET), "{url}: the password is shown: {t}");
    }
}

fn dialect_disagrees() {
    let o = reportc(&[
        "run",
        "reports/monthly_sms_credits.yaml",
        "--connect",
        &format!("mysql://ann:{SECRET}@127.0.0.1:1/dw"),
        "-d",
        "postgres",
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("E0515") && t.contains("mysql"), "{t}");
    assert!(!t.contains(SECRET), "{t}");
}

#[cfg(not(feature = "postgres"))]
fn without_the_feature() {
    let o = reportc(&[
        "run",
        "reports/monthly_sms_credits.yaml",
        "--connect",
        &format!("postgres://ann:{SECRET}@127.0.0.1:1/dw"),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("E0511") && t.contains("--features postgres"),
        "{t}"
    );
    assert!(!t.contains(SECRET), "{t}");
}

#[cfg(all(feature = "postgres", feature = "mysql"))]
mod servers {
    use super::*;
    use reportc::catalog::Catalog;
    use reportc::sql::SqlOptions;
    use std::path::Path;

    const ROWS: &str = "400";

    fn env(k: &str) -> Result<String, String> {
        std::env::var(k).map_err(|_| format!("{k} is not set (eval \"$(scripts/engines.sh env)\")"))
    }

    fn tool(cmd: &str) -> Result<(), String> {
        match Command::new(cmd).arg("--version").output() {
            Ok(o) if o.status.success() => Ok(()),
            _ => Err(format!("`{cmd}` is not installed")),
        }
    }

    fn ok(cmd: &mut Command) -> Result<String, String> {
        let o = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
        if !o.status.success() {
            return Err(format!("{cmd:?}: {}", String::from_utf8_lossy(&o.stderr)));
        }
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    }

    /// The server's client, on a database (`None`: the server's default one).
    type Client = Box<dyn Fn(Option<&str>) -> Command>;

    /// A server and a fresh database on it, dropped at the end.
    struct Db {
        kind: &'static str,
        name: String,
        url: String,
        admin: Client,
    }

    impl Drop for Db {
        fn drop(&mut self) {
            let drop = format!("DROP DATABASE IF EXISTS {}", self.name);
            let flag = if self.kind == "postgres" { "-c" } else { "-e" };
            let db = (self.kind == "postgres").then_some("postgres");
            let _ = (self.admin)(db).args([flag, &drop]).output();
        }
    }

    fn postgres(tag: &str) -> Result<Db, String> {
        let (host, port) = (env("REPORTC_PG_HOST")?, env("REPORTC_PG_PORT")?);
        let user = env("REPORTC_PG_USER")?;
        tool("psql")?;
        let name = format!("connect_{tag}_{}", std::process::id());
        let (h, p, u) = (host.clone(), port.clone(), user.clone());
        let admin = move |db: Option<&str>| {
            let mut c = Command::new("psql");
            c.args(["-h", &h, "-p", &p, "-U", &u, "-d", db.unwrap_or("postgres")])
                .args(["-v", "ON_ERROR_STOP=1", "-q"]);
            c
        };
        ok(admin(None).args(["-c", &format!("CREATE DATABASE {name}")]))?;
        Ok(Db {
            kind: "postgres",
            url: format!("postgres://{user}@{host}:{port}/{name}"),
            name,
            admin: Box::new(admin),
        })
    }

    fn mariadb(tag: &str) -> Result<Db, String> {
        let (host, port) = (env("REPORTC_MYSQL_HOST")?, env("REPORTC_MYSQL_PORT")?);
        let user = env("REPORTC_MYSQL_USER")?;
        let pw = std::env::var("REPORTC_MYSQL_PASSWORD").unwrap_or_default();
        tool("mariadb")?;
        let name = format!("connect_{tag}_{}", std::process::id());
        let (h, p, u, w) = (host.clone(), port.clone(), user.clone(), pw.clone());
        let admin = move |db: Option<&str>| {
            let mut c = Command::new("mariadb");
            c.args(["-h", &h, "-P", &p, "-u", &u]);
            if !w.is_empty() {
                c.arg(format!("-p{w}"));
            }
            c.args(db);
            c
        };
        ok(admin(None).args([
            "-e",
            &format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"),
        ]))?;
        let auth = if pw.is_empty() {
            user
        } else {
            format!("{user}:{pw}")
        };
        Ok(Db {
            kind: "mariadb",
            url: format!("mariadb://{auth}@{host}:{port}/{name}"),
            name,
            admin: Box::new(admin),
        })
    }

    /// Load the demo data (`demo-data --format sql -d DIALECT`) with the server's client.
    fn load(db: &Db, dialect: &str) -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().to_str().unwrap();
        let o = reportc(&[
            "demo-data",
            "--format",
            "sql",
            "-d",
            dialect,
            "--rows",
            ROWS,
            "--as-of",
            AS_OF,
            "--out",
            out,
        ]);
        assert!(o.status.success(), "{}", text(&o));
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            if db.kind == "postgres" {
                ok((db.admin)(Some(&db.name)).args(["-f", f.to_str().unwrap()]))?;
            } else {
                let input = std::fs::File::open(&f).unwrap();
                ok((db.admin)(Some(&db.name)).stdin(input))?;
            }
        }
        Ok(())
    }

    /// `run --connect --format json`: its columns and rows; `None` when the dialect refuses
    /// the report (E0300).
    fn connect_rows(url: &str, report: &Path) -> Option<QueryResult> {
        let o = reportc(&[
            "run",
            report.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--connect",
            url,
            "--format",
            "json",
        ]);
        let t = text(&o);
        if o.status.code() == Some(1) && t.contains("E0300") {
            return None;
        }
        assert!(o.status.success(), "{}: {t}", stem(report));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let columns: Vec<String> = doc["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let rows = doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| columns.iter().map(|c| r[c].clone()).collect())
            .collect();
        Some(QueryResult { columns, rows })
    }

    /// Every example report: the rows of `run --connect` are the runner's DuckDB rows on the
    /// same demo data. Returns how many reports were compared.
    fn agrees_with_duckdb(db: &Db, dialect: &str) -> Result<usize, Skipped> {
        let anchor: jiff::civil::DateTime = AS_OF.parse().unwrap();
        let duck = reportc::sql::dialect_by_name("duckdb").unwrap();
        let opts = SqlOptions {
            as_of: Some(anchor),
        };
        let reports = examples();
        let queries: Vec<(String, String)> = reports
            .iter()
            .map(|p| (stem(p), compile(p, duck, &opts).unwrap()))
            .collect();
        let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
            Catalog::builtin(),
            ROWS.parse().unwrap(),
            42,
            anchor,
        ));
        let results = engine_result("duckdb", run_engine("duckdb", &tables, &queries))?;
        let mut compared = 0;
        let mut diffs = Vec::new();
        for (p, (id, r)) in reports.iter().zip(&results) {
            let want = r.as_ref().unwrap_or_else(|e| panic!("{id} on DuckDB: {e}"));
            let Some(got) = connect_rows(&db.url, p) else {
                continue;
            };
            // ties of ORDER BY and collations differ between engines: compared as multisets
            if let Some(d) = compare(want, &got, false) {
                diffs.push(format!("{id} ({dialect}): {d}"));
            }
            compared += 1;
        }
        assert!(diffs.is_empty(), "{}", diffs.join("\n"));
        Ok(compared)
    }

    pub fn postgres_gives_the_runners_duckdb_rows() -> Result<(), Skipped> {
        let db = engine_result("postgres", postgres("rows"))?;
        engine_result("postgres", load(&db, "postgres"))?;
        let n = agrees_with_duckdb(&db, "postgres")?;
        assert_eq!(n, examples().len(), "every example runs on PostgreSQL");
        Ok(())
    }

    pub fn mariadb_gives_the_runners_duckdb_rows() -> Result<(), Skipped> {
        let db = engine_result("mariadb", mariadb("rows"))?;
        engine_result("mariadb", load(&db, "mysql"))?;
        let n = agrees_with_duckdb(&db, "mysql")?;
        assert!(
            n + 3 >= examples().len(),
            "only {n} examples ran on MariaDB"
        );
        Ok(())
    }

    /// `sms` as a view that sleeps 3 s (PostgreSQL) or 20 ms a row (MariaDB, 400 rows):
    /// `--timeout 1` stops it, E0514, exit 1, in well under the sleep.
    pub fn the_statement_timeout_stops_a_slow_query() -> Result<(), Skipped> {
        let pg = engine_result("postgres", postgres("slow"))?;
        let my = engine_result("mariadb", mariadb("slow"))?;
        for (db, dialect, flag, view) in [
            (
                &pg,
                "postgres",
                "-c",
                "CREATE VIEW sms AS SELECT s.* FROM sms_real s CROSS JOIN pg_sleep(3)",
            ),
            (
                &my,
                "mysql",
                "-e",
                "CREATE VIEW sms AS SELECT s.* FROM sms_real s WHERE SLEEP(0.02) = 0",
            ),
        ] {
            engine_result(db.kind, load(db, dialect))?;
            let rename = if db.kind == "postgres" {
                "ALTER TABLE sms RENAME TO sms_real"
            } else {
                "RENAME TABLE sms TO sms_real"
            };
            for sql in [rename, view] {
                engine_result(db.kind, ok((db.admin)(Some(&db.name)).args([flag, sql])))?;
            }
            let start = std::time::Instant::now();
            let o = reportc(&[
                "run",
                "reports/monthly_sms_credits.yaml",
                "--as-of",
                AS_OF,
                "--connect",
                &db.url,
                "--timeout",
                "1",
            ]);
            let t = text(&o);
            assert_eq!(o.status.code(), Some(1), "{}: {t}", db.kind);
            assert!(t.contains("E0514"), "{}: {t}", db.kind);
            assert!(start.elapsed().as_secs_f64() < 2.9, "{}: {t}", db.kind);
        }
        Ok(())
    }

    pub fn errors_hide_the_password() -> Result<(), Skipped> {
        let (host, port) = (
            engine_result("mariadb", env("REPORTC_MYSQL_HOST"))?,
            engine_result("mariadb", env("REPORTC_MYSQL_PORT"))?,
        );
        let pg_port = engine_result("postgres", env("REPORTC_PG_PORT"))?;
        let report = "reports/monthly_sms_credits.yaml";
        // a wrong password (MariaDB's user `reportc` has none): the login is refused
        let url = format!("mysql://reportc:{SECRET}@{host}:{port}/reportc");
        let o = reportc(&["run", report, "--connect", &url]);
        let t = text(&o);
        assert!(
            t.contains("E0512") && t.contains("mysql://reportc:***@"),
            "{t}"
        );
        assert!(!t.contains(SECRET), "{t}");
        // nothing listens there
        let url = format!("postgres://postgres:{SECRET}@127.0.0.1:1/x");
        let o = reportc(&["run", report, "--connect", &url]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(t.contains("E0512"), "{t}");
        assert!(!t.contains(SECRET), "{t}");
        // logged in (trust), then an engine error: the database has no table `sms`
        let url = format!("postgres://postgres:{SECRET}@127.0.0.1:{pg_port}/postgres");
        let o = Command::new(env!("CARGO_BIN_EXE_reportc"))
            .args(["run", report, "--connect", &url])
            .current_dir(root())
            .env("PGPASSWORD", "from-env-secret")
            .output()
            .unwrap();
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{t}");
        assert!(t.contains("E0513") && t.contains("sms"), "{t}");
        assert!(!t.contains(SECRET) && !t.contains("from-env-secret"), "{t}");
        Ok(())
    }
}
