//! `reportc.toml` text -> [`Config`] and every problem of the file, each at its key or value.

use super::{Config, Item};
use crate::diagnostics::{did_you_mean, list_for_help, Code, Diagnostic, Diagnostics, Span};
use std::path::Path;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

/// The top-level keys, in the order README documents them.
const KEYS: &[&str] = &["catalog", "dialects", "reports", "exclude", "out", "lint"];
/// The keys of `[lint]`.
const LINT_KEYS: &[&str] = &["allow", "deny"];

/// Read a config file's text. `dir` is the file's folder (relative paths are joined to it);
/// `dialects` the dialect names a `dialects` item may take. Every problem is a diagnostic:
/// TOML syntax (E0600), unknown keys with a suggestion (E0003), a value of the wrong kind
/// (E0005), an unknown dialect or lint code, or a catalogue file that does not exist (E0600).
pub fn parse_config(text: &str, dir: &Path, dialects: &[&str]) -> (Config, Vec<Diagnostic>) {
    let mut cfg = Config {
        dir: dir.to_path_buf(),
        ..Config::default()
    };
    let mut diags = Diagnostics::default();
    let (doc, errors) = DeTable::parse_recoverable(text);
    for e in &errors {
        let span = e
            .span()
            .map(|r| Span::new(r.start, r.end))
            .unwrap_or_default();
        let msg = e.message().trim_end().to_string();
        diags.push(Diagnostic::error(
            Code::Config,
            span,
            format!("invalid TOML: {msg}"),
        ));
    }
    if !errors.is_empty() {
        // the values recovered around a syntax error are guesses: report the syntax only
        return (cfg, diags.sorted());
    }
    let mut r = Reader {
        diags: &mut diags,
        dir,
    };
    for (key, value) in doc.get_ref().iter() {
        let k = key.get_ref().as_ref();
        match k {
            "catalog" => {
                cfg.catalog = r.string(value).map(|s| {
                    let path = r.join(s.clone());
                    if !path.value.is_file() {
                        r.missing_catalog(&s);
                    }
                    path
                })
            }
            "dialects" => cfg.dialects = r.names(value, "dialect", dialects),
            "reports" => cfg.reports = r.strings(value).into_iter().map(|s| r.join(s)).collect(),
            "exclude" => cfg.exclude = r.strings(value),
            "out" => cfg.out = r.string(value).map(|s| r.join(s)),
            "lint" => r.lint(value, &mut cfg),
            _ => r.unknown(key, KEYS, ""),
        }
    }
    (cfg, diags.sorted())
}

struct Reader<'a> {
    diags: &'a mut Diagnostics,
    dir: &'a Path,
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

impl Reader<'_> {
    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, known: &[&str], table: &str) {
        let k = key.get_ref().as_ref();
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            span_of(key),
            format!("unknown key `{table}{k}` in reportc.toml"),
        );
        d = match did_you_mean(k, known.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "known keys: {}",
                list_for_help(known.iter().copied())
            )),
        };
        self.diags.push(d);
    }

    fn missing_catalog(&mut self, s: &Item<String>) {
        self.diags.push(
            Diagnostic::error(
                Code::Config,
                s.span,
                format!("catalogue file `{}` does not exist", s.value),
            )
            .with_help("paths in reportc.toml are relative to its folder"),
        );
    }

    fn wrong(&mut self, v: &Spanned<DeValue<'_>>, expected: &str) {
        self.diags.push(Diagnostic::error(
            Code::WrongShape,
            span_of(v),
            format!("expected {expected}, found {}", v.get_ref().type_str()),
        ));
    }

    fn string(&mut self, v: &Spanned<DeValue<'_>>) -> Option<Item<String>> {
        match v.get_ref() {
            DeValue::String(s) if !s.is_empty() => Some(Item {
                value: s.to_string(),
                span: span_of(v),
            }),
            _ => {
                self.wrong(v, "a non-empty string");
                None
            }
        }
    }

    /// A string or an array of strings (one value may stand for a list of one).
    fn strings(&mut self, v: &Spanned<DeValue<'_>>) -> Vec<Item<String>> {
        match v.get_ref() {
            DeValue::Array(a) => self.items(a),
            DeValue::String(_) => self.string(v).into_iter().collect(),
            _ => {
                self.wrong(v, "an array of strings");
                Vec::new()
            }
        }
    }

    fn items(&mut self, a: &DeArray<'_>) -> Vec<Item<String>> {
        a.iter().filter_map(|item| self.string(item)).collect()
    }

    fn join(&self, s: Item<String>) -> Item<std::path::PathBuf> {
        Item {
            value: self.dir.join(&s.value),
            span: s.span,
        }
    }

    /// Strings that must be one of `known` (ignoring case; kept as `known` spells them).
    fn names(&mut self, v: &Spanned<DeValue<'_>>, what: &str, known: &[&str]) -> Vec<Item<String>> {
        let mut out = Vec::new();
        for mut s in self.strings(v) {
            if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(&s.value)) {
                s.value = k.to_string();
                out.push(s);
                continue;
            }
            let help = match did_you_mean(&s.value, known.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("{what}s: {}", list_for_help(known.iter().copied())),
            };
            self.diags.push(
                Diagnostic::error(
                    Code::Config,
                    s.span,
                    format!("unknown {what} `{}`", s.value),
                )
                .with_help(help),
            );
        }
        out
    }

    fn lint(&mut self, v: &Spanned<DeValue<'_>>, cfg: &mut Config) {
        let DeValue::Table(t) = v.get_ref() else {
            return self.wrong(v, "a table (`[lint]`)");
        };
        let codes = lint_codes();
        for (key, value) in t.iter() {
            match key.get_ref().as_ref() {
                "allow" => cfg.allow = self.names(value, "lint code", &codes),
                "deny" => cfg.deny = self.names(value, "lint code", &codes),
                _ => self.unknown(key, LINT_KEYS, "lint."),
            }
        }
    }
}

/// What `[lint]` lists may name: every warning code, and `warnings` for all of them.
fn lint_codes() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Code::ALL
        .iter()
        .filter(|c| c.is_warning())
        .map(|c| c.as_str())
        .collect();
    v.push("warnings");
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        parse_config(text, Path::new("/p"), &["postgres", "duckdb"])
    }

    #[test]
    fn keys_and_paths_relative_to_the_file() {
        let (c, d) = parse(
            "dialects = ['DuckDB']\nreports = ['reports', 'more']\nexclude = 'drafts/'\nout = 'sql'\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.dialects[0].value, "duckdb");
        assert_eq!(c.reports[1].value, Path::new("/p/more"));
        assert_eq!(c.exclude[0].value, "drafts/");
        assert_eq!(c.out.unwrap().value, Path::new("/p/sql"));
    }

    #[test]
    fn every_problem_at_its_place() {
        let text = "dialect = ['x']\ndialects = ['postgress', 3]\ncatalog = 'nope.yaml'\n[lint]\nalow = []\n";
        let (_, d) = parse(text);
        let got: Vec<(&str, &str, String)> = d
            .iter()
            .map(|d| (d.code.as_str(), &text[d.span.range()], d.message.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "E0003",
                    "dialect",
                    "unknown key `dialect` in reportc.toml".to_string()
                ),
                (
                    "E0600",
                    "'postgress'",
                    "unknown dialect `postgress`".to_string()
                ),
                (
                    "E0005",
                    "3",
                    "expected a non-empty string, found integer".to_string()
                ),
                (
                    "E0600",
                    "'nope.yaml'",
                    "catalogue file `nope.yaml` does not exist".to_string()
                ),
                (
                    "E0003",
                    "alow",
                    "unknown key `lint.alow` in reportc.toml".to_string()
                ),
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean `dialects`?"));
    }

    #[test]
    fn bad_toml_is_a_diagnostic() {
        let (_, d) = parse("catalog = \nout = [\n");
        assert!(d.len() >= 2, "{d:?}");
        assert!(d.iter().all(|d| d.code == Code::Config), "{d:?}");
        assert!(d[0].message.starts_with("invalid TOML"), "{:?}", d[0]);
    }
}
