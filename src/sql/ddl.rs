//! SQL around a report's query, for pipelines: a name quoted for the dialect, a text literal
//! escaped for it, and the head of a `CREATE ... VIEW` (`compile --template`), all through the
//! builder's own escaping, so that nothing the user wrote is pasted into SQL.

use super::builder::Builder;
use super::Dialect;
use crate::diagnostics::{Diagnostic, Span};

fn builder(d: &Dialect) -> Builder<'_> {
    Builder {
        d,
        zone: None,
        table: String::new(),
        shadowed: Vec::new(),
        percentile_order: Default::default(),
    }
}

/// A name (a view, table or column) as the dialect reads it back: bare when it can be, else
/// quoted and escaped; a name the dialect cannot quote is refused (E0400).
pub fn quote_name(d: &Dialect, name: &str) -> Result<String, Diagnostic> {
    builder(d).ident(name, Span::empty()).map(|i| i.to_string())
}

/// A text literal escaped for the dialect (`'it''s'`, `N'...'` where T-SQL needs it).
pub fn text_literal(d: &Dialect, text: &str) -> Result<String, Diagnostic> {
    builder(d)
        .string(text, Span::empty())
        .map(|e| e.to_string())
}

/// What comes before the query to create or replace the view `name` (quoted here).
pub fn view_head(d: &Dialect, name: &str) -> Result<String, Diagnostic> {
    Ok(d.create_view.head(&quote_name(d, name)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::dialect_by_name;

    #[test]
    fn names_are_quoted_only_when_needed_and_escaped() {
        let pg = dialect_by_name("postgres").unwrap();
        assert_eq!(quote_name(pg, "daily").unwrap(), "daily");
        assert_eq!(quote_name(pg, "Daily").unwrap(), "\"Daily\"");
        assert_eq!(quote_name(pg, "a\"b").unwrap(), "\"a\"\"b\"");
        assert_eq!(quote_name(pg, "select").unwrap(), "\"select\"");
        let my = dialect_by_name("mysql").unwrap();
        assert_eq!(quote_name(my, "a`b c").unwrap(), "`a``b c`");
        assert!(quote_name(pg, "").is_err());
    }

    #[test]
    fn literals_use_the_dialects_escaping() {
        let pg = dialect_by_name("postgres").unwrap();
        assert_eq!(text_literal(pg, "it's").unwrap(), "'it''s'");
        let my = dialect_by_name("mysql").unwrap();
        assert_eq!(text_literal(my, "a\\'b").unwrap(), "'a\\\\\\'b'");
    }

    #[test]
    fn view_heads_follow_the_dialect() {
        let head = |d: &str| view_head(dialect_by_name(d).unwrap(), "v").unwrap();
        assert_eq!(head("postgres"), "CREATE OR REPLACE VIEW v AS");
        assert_eq!(head("mssql"), "CREATE OR ALTER VIEW v AS");
        assert_eq!(head("sqlite"), "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS");
    }
}
