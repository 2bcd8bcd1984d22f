//! The clients of servers: PostgreSQL and MariaDB (`scripts/engines.sh start`), each loaded
//! with `demo-data --format sql` into a fresh database.

use super::compare::{agrees_with_duckdb, demo_sql};
use super::*;

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
    for f in demo_sql(dialect, dir.path()) {
        if db.kind == "postgres" {
            ok((db.admin)(Some(&db.name)).args(["-f", f.to_str().unwrap()]))?;
        } else {
            let input = std::fs::File::open(&f).unwrap();
            ok((db.admin)(Some(&db.name)).stdin(input))?;
        }
    }
    Ok(())
}

pub fn postgres_gives_the_runners_duckdb_rows() -> Result<(), Skipped> {
    let db = engine_result("postgres", postgres("rows"))?;
    engine_result("postgres", load(&db, "postgres"))?;
    let n = agrees_with_duckdb(&db.url, "postgres")?;
    assert_eq!(n, examples().len(), "every example runs on PostgreSQL");
    Ok(())
}

pub fn mariadb_gives_the_runners_duckdb_rows() -> Result<(), Skipped> {
    let db = engine_result("mariadb", mariadb("rows"))?;
    engine_result("mariadb", load(&db, "mysql"))?;
    let n = agrees_with_duckdb(&db.url, "mysql")?;
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
