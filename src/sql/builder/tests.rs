use super::matching::like_escape;
use super::*;
use crate::sql::dialect::Dialect;
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
    Builder {
        d,
        zone: None,
        table: "t".into(),
        shadowed: vec![],
        percentile_order: Default::default(),
    }
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

#[test]
fn identifiers_are_quoted_when_needed() {
    let pg = builder(crate::sql::dialect_by_name("postgres").unwrap());
    assert_eq!(pg.ident("queue").to_string(), "queue");
    assert_eq!(pg.ident("user").to_string(), "\"user\"");
    assert_eq!(pg.ident("Agent Name").to_string(), "\"Agent Name\"");
    assert_eq!(pg.ident("WaitTime").to_string(), "\"WaitTime\"");
    assert_eq!(pg.ident("a\"b").to_string(), "\"a\"\"b\"");
    let sf = builder(crate::sql::dialect_by_name("snowflake").unwrap());
    assert_eq!(sf.ident("START_TS").to_string(), "START_TS");
    assert_eq!(sf.ident("WaitTime").to_string(), "\"WaitTime\"");
    let bq = builder(crate::sql::dialect_by_name("bigquery").unwrap());
    assert_eq!(bq.ident("a`b").to_string(), "`a\\`b`");
}

#[test]
fn like_patterns_escape_wildcards() {
    assert_eq!(like_escape("50%_off\\", false), "50\\%\\_off\\\\");
    assert_eq!(like_escape("[a]", true), "\\[a]");
}
