//! Names in SQL: bare when the dialect reads them back as written, else quoted and escaped
//! here for the dialect, never pasted as they are. Quoting never changes which object a name
//! denotes: a name that could be bare but for a reserved word is quoted in the case the dialect
//! stores a bare name (`"ORDER"` on Snowflake and Oracle, which fold to upper case), so a wrong
//! or extra entry in a reserved-word list can only quote a name needlessly, never rename it.
//! Output names are quoted as written instead (`quoted_as_written`): they must come back as
//! the report wrote them. sqlparser's `Ident` printer does not escape a quote that follows a
//! backslash or one that already looks doubled, so the quoted text is built here and handed to
//! the printer as final (an `Ident` without a quote style is printed verbatim). A name the
//! dialect cannot quote safely is refused with E0400.

use super::{Builder, B};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::sql::dialect::Fold;
use sqlparser::ast::Ident;

impl Builder<'_> {
    /// An identifier, quoted only when the dialect needs it; `span` is where the name is used.
    pub fn ident(&self, name: &str, span: Span) -> B<Ident> {
        let regular = {
            let mut chars = name.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        // a bare name must fold to itself: lower case where the engine folds to lower case;
        // all lower or all upper case where it folds to upper case (lower case is how
        // catalogues usually spell names created without quotes)
        let case_ok = match self.d.fold {
            Fold::Lower => !name.chars().any(|c| c.is_ascii_uppercase()),
            Fold::Upper => {
                !name.chars().any(|c| c.is_ascii_uppercase())
                    || !name.chars().any(|c| c.is_ascii_lowercase())
            }
            Fold::None => true,
        };
        if regular && case_ok {
            if !self.d.is_reserved(name) {
                return Ok(Ident::new(name));
            }
            // the bare name's stored spelling, quoted: plain ASCII, so nothing to escape
            let folded = match self.d.fold {
                Fold::Upper => name.to_ascii_uppercase(),
                Fold::Lower => name.to_ascii_lowercase(),
                Fold::None => name.to_owned(),
            };
            return Ok(self.delimited(&folded));
        }
        self.quoted_as_written(name, span)
    }

    /// `name` quoted exactly as written (an output name must come back as the report wrote
    /// it), escaped for the dialect, or refused with E0400 where the dialect cannot hold it.
    pub(super) fn quoted_as_written(&self, name: &str, span: Span) -> B<Ident> {
        if let Some(why) = self.unquotable(name) {
            return Err(Diagnostic::error(
                Code::Catalog,
                span,
                format!(
                    "{} cannot quote the name `{}`: {why}",
                    self.d.display,
                    name.escape_debug()
                ),
            )
            .with_label(format!("refused for {}", self.d.display))
            .with_help("rename the table or column in the catalogue (or give it a `column:` name without these characters)"));
        }
        Ok(self.delimited(name))
    }

    /// `name` between the dialect's quotes, a closing quote inside it doubled; the caller has
    /// checked that the dialect can hold it (`unquotable`).
    fn delimited(&self, name: &str) -> Ident {
        let q = self.d.ident_quote;
        let close = if q == '[' { ']' } else { q };
        let mut quoted = String::with_capacity(name.len() + 2);
        quoted.push(q);
        for c in name.chars() {
            if c == close {
                quoted.push(c);
            }
            quoted.push(c);
        }
        quoted.push(close);
        Ident::new(quoted)
    }

    /// Why the dialect cannot hold `name` in a quoted identifier, if it cannot.
    fn unquotable(&self, name: &str) -> Option<String> {
        let close = if self.d.ident_quote == '[' {
            ']'
        } else {
            self.d.ident_quote
        };
        if name.is_empty() {
            return Some("a name cannot be empty".into());
        }
        for c in name.chars() {
            if c.is_control() {
                return Some(format!("it holds the control character U+{:04X}", c as u32));
            }
            if c == '\\' && self.d.ident_backslash_escape {
                return Some("a backslash starts an escape inside its quoted names".into());
            }
            if c == close && !self.d.ident_quote_doubles {
                return Some(format!("its quoted names cannot hold {close:?}"));
            }
            if self.d.ident_bmp_only && u32::from(c) > 0xFFFF {
                return Some(format!(
                    "its names hold only characters up to U+FFFF, not U+{:X}",
                    c as u32
                ));
            }
        }
        None
    }
}
