//! Names in SQL: bare when the dialect reads them back as written, else quoted and escaped
//! for the dialect (never pasted as they are).

use super::Builder;
use crate::sql::dialect::Fold;
use sqlparser::ast::Ident;

impl Builder<'_> {
    /// An identifier, quoted only when the dialect needs it.
    pub fn ident(&self, name: &str) -> Ident {
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
        if regular && case_ok && !self.d.is_reserved(name) {
            Ident::new(name)
        } else if self.d.ident_backslash_escape {
            // sqlparser's printer leaves a backslash-escaped quote alone
            let q = self.d.ident_quote;
            let mut v = String::with_capacity(name.len() + 2);
            for c in name.chars() {
                if c == '\\' || c == q {
                    v.push('\\');
                }
                v.push(c);
            }
            Ident::with_quote(q, v)
        } else {
            Ident::with_quote(self.d.ident_quote, name)
        }
    }
}
