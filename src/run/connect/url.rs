//! The `--connect` URL: which database (the scheme), where, who, and the password (from the
//! URL or the database's usual environment variable). Shown only redacted.

use super::ConnectError;
use crate::diagnostics::Code;

/// The kind of database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Postgres,
    Redshift,
    MySql,
    Sqlite,
    DuckDb,
    ClickHouse,
}

impl Kind {
    /// The reportc dialect of the database.
    pub fn dialect(self) -> &'static str {
        match self {
            Kind::Postgres => "postgres",
            Kind::Redshift => "redshift",
            Kind::MySql => "mysql",
            Kind::Sqlite => "sqlite",
            Kind::DuckDb => "duckdb",
            Kind::ClickHouse => "clickhouse",
        }
    }

    /// The environment variable the database's own clients read a password from.
    fn password_env(self) -> Option<&'static str> {
        match self {
            Kind::Postgres | Kind::Redshift => Some("PGPASSWORD"),
            Kind::MySql => Some("MYSQL_PWD"),
            Kind::ClickHouse => Some("CLICKHOUSE_PASSWORD"),
            Kind::Sqlite | Kind::DuckDb => None,
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Kind::Postgres => 5432,
            Kind::Redshift => 5439,
            Kind::MySql => 3306,
            Kind::ClickHouse => 8123,
            Kind::Sqlite | Kind::DuckDb => 0,
        }
    }
}

/// A parsed `--connect` URL.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    /// Never printed: [`Target::redacted`] shows the URL without it.
    pub password: Option<String>,
    /// The database (PostgreSQL, MySQL, ClickHouse), or the file (SQLite, DuckDB).
    pub database: String,
    /// `?key=value` parameters, in order.
    pub params: Vec<(String, String)>,
    /// `https://` (ClickHouse).
    pub tls: bool,
    redacted: String,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Target({})", self.redacted)
    }
}

fn bad(url_shown: &str, msg: String, help: &str) -> ConnectError {
    ConnectError::new(Code::ConnectUrl, url_shown, msg).with_help(help)
}

const FORMS: &str = "URLs: postgres://USER@HOST:PORT/DB, redshift://..., mysql://... or \
mariadb://..., clickhouse://USER@HOST:8123/DB or http://HOST:8123/, sqlite:PATH, duckdb:PATH";

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The URL with its password replaced by `***` (and nothing after a stray `@` shown twice).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        // `scheme:user:password@host` (a malformed URL): nothing between `:` and `@` shown
        return match (url.split_once(':'), url.rsplit_once('@')) {
            (Some((scheme, _)), Some((_, host))) => format!("{scheme}:***@{host}"),
            _ => url.to_string(),
        };
    };
    let (auth_end, _) = rest
        .char_indices()
        .find(|(_, c)| *c == '/' || *c == '?')
        .unwrap_or((rest.len(), ' '));
    let authority = &rest[..auth_end];
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            let pw = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{pw}@{host}{}", &rest[auth_end..])
        }
        None => url.to_string(),
    }
}

impl Target {
    /// Parse a URL; the password, when the URL has none, from `env` (the process environment
    /// in the command, a map in tests).
    pub fn parse(url: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Target, ConnectError> {
        let shown = redact(url);
        let (scheme, rest) = url
            .split_once(':')
            .ok_or_else(|| bad(&shown, format!("`{shown}` is not a URL"), FORMS))?;
        let kind = match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Kind::Postgres,
            "redshift" => Kind::Redshift,
            "mysql" | "mariadb" => Kind::MySql,
            "sqlite" => Kind::Sqlite,
            "duckdb" => Kind::DuckDb,
            "clickhouse" | "http" | "https" => Kind::ClickHouse,
            other => {
                return Err(bad(
                    &shown,
                    format!("unknown database `{other}` in `{shown}`"),
                    FORMS,
                ))
            }
        };
        let tls = scheme.eq_ignore_ascii_case("https");
        if matches!(kind, Kind::Sqlite | Kind::DuckDb) {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(bad(&shown, format!("`{shown}` names no file"), FORMS));
            }
            return Ok(Target {
                kind,
                host: String::new(),
                port: 0,
                user: None,
                password: None,
                database: path.to_string(),
                params: Vec::new(),
                tls,
                redacted: shown,
            });
        }
        let rest = rest.strip_prefix("//").ok_or_else(|| {
            bad(
                &shown,
                format!("`{shown}`: expected `{scheme}://` and a host"),
                FORMS,
            )
        })?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = main.split_once('/').unwrap_or((main, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let decode = |s: &str, what: &str| {
            percent_decode(s).ok_or_else(|| {
                bad(
                    &shown,
                    format!("`{shown}`: the {what} has a bad `%` escape"),
                    "write a `%` in a URL as `%25`",
                )
            })
        };
        let (user, password) = match userinfo {
            None => (None, None),
            Some(u) => match u.split_once(':') {
                Some((u, p)) => (Some(decode(u, "user")?), Some(decode(p, "password")?)),
                None => (Some(decode(u, "user")?), None),
            },
        };
        let (host, port) = if let Some(h) = hostport.strip_prefix('[') {
            // [IPv6]:port
            let (h, p) = h.split_once(']').unwrap_or((h, ""));
            (h.to_string(), p.strip_prefix(':').unwrap_or(""))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p),
                None => (hostport.to_string(), ""),
            }
        };
        if host.is_empty() {
            return Err(bad(&shown, format!("`{shown}` names no host"), FORMS));
        }
        let port = if port.is_empty() {
            if scheme.eq_ignore_ascii_case("https") {
                8443
            } else {
                kind.default_port()
            }
        } else {
            port.parse::<u16>().map_err(|_| {
                bad(
                    &shown,
                    format!("`{shown}`: `{port}` is not a port number"),
                    "a port is a number from 1 to 65535",
                )
            })?
        };
        let mut params = Vec::new();
        for kv in query.split('&').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            params.push((decode(k, "parameter")?, decode(v, "parameter")?));
        }
        let password = password.or_else(|| kind.password_env().and_then(env));
        Ok(Target {
            kind,
            host,
            port,
            user,
            password,
            database: decode(path.trim_end_matches('/'), "database")?,
            params,
            tls,
            redacted: shown,
        })
    }

    /// The URL as it may be shown: without the password.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// `text` with the password (if any) replaced by `***`: for every message that quotes a
    /// driver or a server.
    pub fn scrub(&self, text: &str) -> String {
        match &self.password {
            Some(p) if !p.is_empty() => text.replace(p.as_str(), "***"),
            _ => text.to_string(),
        }
    }

    /// A parameter of the URL.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Refuse parameters other than `known`.
    pub fn only_params(&self, known: &[&str]) -> Result<(), ConnectError> {
        match self
            .params
            .iter()
            .find(|(k, _)| !known.iter().any(|n| n.eq_ignore_ascii_case(k)))
        {
            None => Ok(()),
            Some((k, _)) => Err(bad(
                &self.redacted,
                format!("`{}`: unknown parameter `{k}`", self.redacted),
                &if known.is_empty() {
                    "this database's URL takes no parameters".to_string()
                } else {
                    format!("parameters: {}", known.join(", "))
                },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn parses_and_redacts() {
        let t = Target::parse(
            "postgresql://ann:s%40cret@db.local:6543/dw?sslmode=disable",
            &no_env,
        )
        .unwrap();
        assert_eq!(t.kind, Kind::Postgres);
        assert_eq!((t.host.as_str(), t.port), ("db.local", 6543));
        assert_eq!(t.user.as_deref(), Some("ann"));
        assert_eq!(t.password.as_deref(), Some("s@cret"));
        assert_eq!(t.database, "dw");
        assert_eq!(t.param("sslmode"), Some("disable"));
        assert_eq!(
            t.redacted(),
            "postgresql://ann:***@db.local:6543/dw?sslmode=disable"
        );
        assert!(!format!("{t:?}").contains("cret"));
        assert_eq!(t.scrub("bad s@cret here"), "bad *** here");
        let m = Target::parse("mariadb://u@h/x", &no_env).unwrap();
        assert_eq!((m.kind, m.port), (Kind::MySql, 3306));
        let r = Target::parse("redshift://u@h/x", &no_env).unwrap();
        assert_eq!((r.kind.dialect(), r.port), ("redshift", 5439));
        let s = Target::parse("sqlite:///tmp/a.db", &no_env).unwrap();
        assert_eq!((s.kind, s.database.as_str()), (Kind::Sqlite, "/tmp/a.db"));
        let s = Target::parse("sqlite:a.db", &no_env).unwrap();
        assert_eq!(s.database, "a.db");
        let c = Target::parse("http://[::1]:8124/", &no_env).unwrap();
        assert_eq!(
            (c.kind, c.host.as_str(), c.port),
            (Kind::ClickHouse, "::1", 8124)
        );
    }

    #[test]
    fn password_from_the_environment_only_without_one_in_the_url() {
        let env = |k: &str| (k == "PGPASSWORD").then(|| "fromenv".to_string());
        let t = Target::parse("postgres://u@h/db", &env).unwrap();
        assert_eq!(t.password.as_deref(), Some("fromenv"));
        assert_eq!(t.redacted(), "postgres://u@h/db");
        let t = Target::parse("postgres://u:inurl@h/db", &env).unwrap();
        assert_eq!(t.password.as_deref(), Some("inurl"));
        let t = Target::parse("mysql://u@h/db", &env).unwrap();
        assert_eq!(t.password, None);
    }

    #[test]
    fn bad_urls_are_diagnostics_without_the_password() {
        for url in [
            "oracle://u:topsecret@h/x",
            "postgres://u:topsecret@h:99999/x",
            "postgres://u:topsecret@/x",
            "postgres:u:topsecret@h",
            "postgres://u:top%zzsecret@h/x",
            "nothing",
        ] {
            let e = Target::parse(url, &no_env).unwrap_err();
            assert_eq!(e.code(), Code::ConnectUrl, "{url}");
            let shown = e.to_string();
            assert!(!shown.contains("topsecret"), "{shown}");
        }
    }
}
