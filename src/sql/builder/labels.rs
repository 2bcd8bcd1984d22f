//! Enum labels: `CASE code WHEN 'WA' THEN 'WhatsApp' ... ELSE code END`, each code and label a
//! literal escaped for the dialect (integer codes as numbers). A stored code the catalogue does
//! not list shows as itself (text codes) or as NULL (integer codes: a number cannot stand in a
//! column of labels without a cast).

use super::precedence::num;
use super::{Builder, B};
use crate::diagnostics::Span;
use crate::ir::Labels;
use sqlparser::ast::helpers::attached_token::AttachedToken;
use sqlparser::ast::{CaseWhen, Expr};

impl Builder<'_> {
    /// The label of the stored code `code`.
    pub(super) fn labelled(&self, code: Expr, labels: &Labels, span: Span) -> B<Expr> {
        let mut conditions = Vec::with_capacity(labels.values.len());
        for v in &labels.values {
            let condition = if labels.integer {
                num(&v.code)
            } else {
                self.string(&v.code, span)?
            };
            conditions.push(CaseWhen {
                condition,
                result: self.string(&v.label, span)?,
            });
        }
        let else_result = (!labels.integer).then(|| Box::new(code.clone()));
        Ok(Expr::Case {
            case_token: AttachedToken::empty(),
            end_token: AttachedToken::empty(),
            operand: Some(Box::new(code)),
            conditions,
            else_result,
        })
    }
}
