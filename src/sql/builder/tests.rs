use super::matching::like_escape;
use super::*;
use crate::sql::dialect::{Dialect, Fold};
use crate::sql::DIALECTS;
use sqlparser::tokenizer::{Token, Tokenizer};

const HOSTILE: &[&str] = &[
    "it's",
    "back\\slash",
    "\\'",
    "a\\",
    "''",
    "-- comment",
    "/* x */",
    "$$ dollar $$",
    "]",
    "line\nbreak\r\ttab",
    "emoji 😀 Zoë",
    "%_",
    "\"",
    "`",
];

fn builder(d: &'static Dialect) -> Builder<'static> {
    Builder::new(d, None, "t".into(), vec![])
}

/// Every hostile string, printed as a literal, reads back as exactly one string token with
/// the same value in the dialect's own tokenizer.
#[test]
fn string_literals_round_trip() {
    for d in DIALECTS {
        let b = builder(d);
        for s in HOSTILE {
            let sql = b.string(s, Span::empty()).unwrap().to_string();
            let dialect = (d.parser)();
            let tokens = Tokenizer::new(dialect.as_ref(), &sql)
                .with_unescape(true)
                .tokenize()
                .unwrap_or_else(|e| panic!("{}: {sql}: {e}", d.name));
            let ok = matches!(tokens.as_slice(),
                [Token::SingleQuotedString(v)] | [Token::NationalStringLiteral(v)] if v == s);
            assert!(
                ok,
                "{}: {s:?} printed as {sql}, read back as {tokens:?}",
                d.name
            );
        }
    }
}

#[test]
fn nul_is_refused_where_it_cannot_be_stored() {
    let pg = builder(crate::sql::dialect_by_name("postgres").unwrap());
    assert_eq!(
        pg.string("a\0b", Span::empty()).unwrap_err().code,
        Code::Unsupported
    );
}

/// Names an attacker or a careless catalogue could hold (the issue's injections among them).
const HOSTILE_NAMES: &[&str] = &[
    "t\" UNION SELECT secret FROM secrets --",
    "t\\\" UNION SELECT secret FROM secrets --",
    "t\\\"; DROP TABLE victim; --",
    "a\"\"b",
    "\"\"",
    "\"",
    "a\\",
    "\\",
    "`",
    "a``b",
    "x` UNION SELECT 1 --",
    "]",
    "[x]",
    "-- c",
    "; DROP TABLE victim; --",
    "/* x */",
    "it's",
    "$$ d $$",
    "Zoë 日本",
    "emoji 😀",
    " lead",
    "user",
    "Mixed",
    "queue",
];

/// The object a name stands for in the dialect: a name that may be written bare (a plain
/// ASCII word in the case the dialect folds to) stands for its folded spelling, any other for
/// itself, exactly.
fn denoted(d: &Dialect, name: &str, quoted: bool) -> String {
    let plain = name.chars().enumerate().all(|(i, c)| {
        c == '_'
            || if i == 0 {
                c.is_ascii_alphabetic()
            } else {
                c.is_ascii_alphanumeric()
            }
    });
    match d.fold {
        _ if quoted || !plain => name.to_owned(),
        Fold::Upper => name.to_ascii_uppercase(),
        Fold::Lower => name.to_ascii_lowercase(),
        Fold::None => name.to_owned(),
    }
}

/// Every hostile name, printed as an identifier, reads back as exactly one identifier in the
/// dialect's own tokenizer, standing for the object the name stands for when written bare
/// (`user` on Oracle is printed `"USER"`: reserved, and an unquoted `user` would mean USER), or
/// is refused with E0400 for a documented reason.
#[test]
fn identifiers_round_trip_or_are_refused() {
    let mut refused = Vec::new();
    for d in DIALECTS {
        let b = builder(d);
        for name in HOSTILE_NAMES {
            let ident = match b.ident(name, Span::empty()) {
                Ok(i) => i,
                Err(e) => {
                    assert_eq!(e.code, Code::Catalog, "{}: {name:?}", d.name);
                    refused.push(format!("{} {name:?}", d.name));
                    continue;
                }
            };
            let sql = ident.to_string();
            let dialect = (d.parser)();
            let tokens = Tokenizer::new(dialect.as_ref(), &sql)
                .with_unescape(true)
                .tokenize()
                .unwrap_or_else(|e| panic!("{}: {sql}: {e}", d.name));
            // what the catalogue name means: bare if it may be, else as written
            let bare_ok = match d.fold {
                Fold::Lower => !name.chars().any(|c| c.is_ascii_uppercase()),
                Fold::Upper => {
                    !name.chars().any(|c| c.is_ascii_uppercase())
                        || !name.chars().any(|c| c.is_ascii_lowercase())
                }
                Fold::None => true,
            };
            let meant = denoted(d, name, !bare_ok);
            let ok = matches!(tokens.as_slice(), [Token::Word(w)]
                if denoted(d, &w.value, w.quote_style.is_some()) == meant);
            assert!(
                ok,
                "{}: {name:?} printed as {sql}, read back as {tokens:?}",
                d.name
            );
        }
    }
    // exactly the documented refusals
    let expected: Vec<String> = [
        ("bigquery", "t\\\" UNION SELECT secret FROM secrets --"),
        ("bigquery", "t\\\"; DROP TABLE victim; --"),
        ("bigquery", "a\\"),
        ("bigquery", "\\"),
        ("bigquery", "`"),
        ("bigquery", "a``b"),
        ("bigquery", "x` UNION SELECT 1 --"),
        ("clickhouse", "t\\\" UNION SELECT secret FROM secrets --"),
        ("clickhouse", "t\\\"; DROP TABLE victim; --"),
        ("clickhouse", "a\\"),
        ("clickhouse", "\\"),
        ("mysql", "emoji 😀"),
        ("oracle", "t\" UNION SELECT secret FROM secrets --"),
        ("oracle", "t\\\" UNION SELECT secret FROM secrets --"),
        ("oracle", "t\\\"; DROP TABLE victim; --"),
        ("oracle", "a\"\"b"),
        ("oracle", "\"\""),
        ("oracle", "\""),
    ]
    .iter()
    .map(|(d, n)| format!("{d} {n:?}"))
    .collect();
    let mut refused_sorted = refused.clone();
    refused_sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(refused_sorted, expected_sorted);
}

#[test]
fn control_characters_and_empty_names_are_refused_everywhere() {
    for d in DIALECTS {
        let b = builder(d);
        for name in ["a\0b", "a\nb", "\r", "tab\there", "\u{7f}", ""] {
            let e = b.ident(name, Span::empty()).unwrap_err();
            assert_eq!(e.code, Code::Catalog, "{}: {name:?}", d.name);
        }
    }
}

#[test]
fn identifiers_are_quoted_when_needed() {
    let pg = builder(crate::sql::dialect_by_name("postgres").unwrap());
    let id = |b: &Builder, n: &str| b.ident(n, Span::empty()).unwrap().to_string();
    assert_eq!(id(&pg, "queue"), "queue");
    assert_eq!(id(&pg, "user"), "\"user\"");
    assert_eq!(id(&pg, "Agent Name"), "\"Agent Name\"");
    assert_eq!(id(&pg, "WaitTime"), "\"WaitTime\"");
    assert_eq!(id(&pg, "a\"b"), "\"a\"\"b\"");
    assert_eq!(id(&pg, "a\"\"b"), "\"a\"\"\"\"b\"");
    assert_eq!(id(&pg, "t\\\" x"), "\"t\\\"\" x\"");
    let sf = builder(crate::sql::dialect_by_name("snowflake").unwrap());
    assert_eq!(id(&sf, "START_TS"), "START_TS");
    assert_eq!(id(&sf, "WaitTime"), "\"WaitTime\"");
    let my = builder(crate::sql::dialect_by_name("mysql").unwrap());
    assert_eq!(id(&my, "a`b\\"), "`a``b\\`");
}

#[test]
fn like_patterns_escape_wildcards() {
    assert_eq!(like_escape("50%_off\\", false), "50\\%\\_off\\\\");
    assert_eq!(like_escape("[a]", true), "\\[a]");
}

/// A relative range's stored bounds are built afresh on its first use, kept from its second,
/// and the same expressions every time, on every dialect.
#[test]
fn repeated_range_bounds_are_kept_and_unchanged() {
    use crate::vocab::{RelativeRange, TimeUnit};
    let weeks = RelativeRange::Last(8, TimeUnit::Week);
    let days = RelativeRange::This(TimeUnit::Day);
    for d in DIALECTS {
        let fresh = |r| builder(d).range_bounds(r, Span::empty());
        let (Ok(weeks_once), Ok(days_once)) = (fresh(weeks), fresh(days)) else {
            continue; // a dialect that refuses relative ranges has nothing to keep
        };
        let b = builder(d);
        for round in 0..3 {
            assert_eq!(
                b.range_bounds(weeks, Span::empty()).unwrap(),
                weeks_once,
                "{}",
                d.name
            );
            let kept = b.range_bounds.borrow().kept.len();
            assert_eq!(kept, usize::from(round > 0), "{} round {round}", d.name);
        }
        assert_eq!(
            b.range_bounds(days, Span::empty()).unwrap(),
            days_once,
            "{}",
            d.name
        );
        assert_eq!(
            b.range_bounds.borrow().seen,
            vec![weeks, days],
            "{}",
            d.name
        );
    }
}
