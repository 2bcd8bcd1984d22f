//! `contains`, `starts_with` and `ends_with`: a LIKE pattern with its wildcards escaped, or
//! the dialect's text functions where LIKE ignores case; and list containment.

use super::precedence::{nest, not, prec};
use super::{Builder, B};
use crate::diagnostics::Span;
use crate::ir::TExpr;
use crate::sql::dialect::LikeEscape;
use crate::sql::functions::{Arg, Func};
use crate::vocab::MatchOp;
use sqlparser::ast::Expr;

impl Builder<'_> {
    /// `expr contains 'pattern'` & co.: the pattern matches its text literally.
    pub(super) fn text_match(
        &self,
        op: MatchOp,
        case_insensitive: bool,
        expr: &TExpr,
        pattern: &str,
        negated: bool,
        span: Span,
    ) -> B<Expr> {
        if case_insensitive && self.d.case_fold_ascii_only && has_non_ascii_cased(pattern) {
            return Err(self.unsupported(
                "case-insensitive matching of a non-ASCII letter",
                &format!("{}'s lower() changes ASCII letters only, so `É` would not match `é`; use a pattern of ASCII letters, or a case-sensitive match", self.d.display),
                span,
            ));
        }
        if pattern.is_empty() && self.d.empty_string_is_null {
            return Err(self.unsupported(
                "an empty pattern",
                &format!("{} stores the empty string as NULL, so `contains ''` would not match the empty values it matches elsewhere (test `is not null` instead)", self.d.display),
                span,
            ));
        }
        if !self.d.like_case_sensitive {
            return self.text_function(op, case_insensitive, expr, pattern, negated, span);
        }
        let body = like_escape(pattern, self.d.like_brackets);
        let pat = match op {
            MatchOp::Contains => format!("%{body}%"),
            MatchOp::StartsWith => format!("{body}%"),
            MatchOp::EndsWith => format!("%{body}"),
        };
        let mut x = self.expr(expr)?;
        let mut p = self.string(&pat, span)?;
        if case_insensitive {
            x = self.call(Func::Lower, vec![Arg::Expr(x)], span)?;
            p = self.call(Func::Lower, vec![Arg::Expr(p)], span)?;
        }
        let x = if prec(&x) <= 4 { nest(x) } else { x };
        let escape_char = match self.d.like_escape {
            LikeEscape::Clause => Some(Box::new(self.string("\\", span)?)),
            LikeEscape::DefaultBackslash => None,
        };
        Ok(Expr::Like {
            negated,
            any: false,
            expr: Box::new(x),
            pattern: Box::new(p),
            escape_char,
        })
    }

    /// `contains` & co. through the function table, where LIKE ignores case.
    fn text_function(
        &self,
        op: MatchOp,
        ci: bool,
        expr: &TExpr,
        pattern: &str,
        negated: bool,
        span: Span,
    ) -> B<Expr> {
        let f = match op {
            MatchOp::Contains => Func::ContainsText,
            MatchOp::StartsWith => Func::StartsText,
            MatchOp::EndsWith => Func::EndsText,
        };
        let mut x = self.expr(expr)?;
        let mut p = self.string(pattern, span)?;
        if ci {
            x = self.call(Func::Lower, vec![Arg::Expr(x)], span)?;
            p = self.call(Func::Lower, vec![Arg::Expr(p)], span)?;
        }
        let m = self.call(f, vec![Arg::Expr(x), Arg::Expr(p)], span)?;
        Ok(if negated { not(m) } else { m })
    }

    /// A text list column contains a value.
    pub(super) fn list_contains(
        &self,
        list: &TExpr,
        value: &str,
        negated: bool,
        span: Span,
    ) -> B<Expr> {
        let c = self.call(
            Func::ListContains,
            vec![
                Arg::Expr(self.expr(list)?),
                Arg::Expr(self.string(value, span)?),
            ],
            span,
        )?;
        Ok(if negated { not(c) } else { c })
    }
}

/// Escape LIKE wildcards so the pattern matches its text literally.
pub(super) fn like_escape(s: &str, brackets: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') || (brackets && c == '[') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A letter outside ASCII whose upper and lower case differ (`É`, `ß`, `Σ`): folding it
/// needs Unicode case tables.
pub(super) fn has_non_ascii_cased(s: &str) -> bool {
    s.chars().any(|c| {
        !c.is_ascii()
            && (c.to_lowercase().ne(std::iter::once(c)) || c.to_uppercase().ne(std::iter::once(c)))
    })
}
