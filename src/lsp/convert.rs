//! reportc's results in LSP terms: diagnostics (the same as `reportc check`) and formatting
//! edits (the same as `reportc fmt`).

use super::text::{Encoding, Text};
use crate::diagnostics::{Diagnostic, Severity, SourceFile};
use crate::InputFormat;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, TextEdit, Uri,
};

/// Check a report as `reportc check` does (no dialect): every diagnostic, sorted.
pub fn check(
    doc: &Text,
    name: &str,
    format: InputFormat,
    cat: &crate::catalog::Catalog,
) -> Vec<Diagnostic> {
    let file = SourceFile::new(name, doc.text.clone());
    crate::check_file(&file, format, cat).1
}

/// One diagnostic for the client: the code, the message with its label and help line, and
/// the secondary labels as related information.
pub fn diagnostic(doc: &Text, uri: &Uri, d: &Diagnostic, enc: Encoding) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(l) = &d.label {
        message.push_str(&format!(" ({l})"));
    }
    if let Some(h) = &d.help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(
                uri.clone(),
                doc.range(l.span.start as usize, l.span.end as usize, enc),
            ),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: doc.range(d.span.start as usize, d.span.end as usize, enc),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some("reportc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// `reportc fmt` as edits: one edit replacing the whole text when the layout changes, none
/// when it is already canonical, `None` when the report has errors (fmt refuses it: the
/// parser's or the checker's against the catalogue). Line endings and a BOM are kept.
pub fn format(
    doc: &Text,
    format: InputFormat,
    cat: &crate::catalog::Catalog,
    enc: Encoding,
) -> Option<Vec<TextEdit>> {
    let file = SourceFile::new("", doc.text.clone());
    let text = crate::compile::format_report(&file, format, cat).ok()?;
    if text == doc.text {
        return Some(Vec::new());
    }
    Some(vec![TextEdit {
        range: doc.full_range(enc),
        new_text: text,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn diagnostics_carry_code_help_and_utf16_range() {
        let doc = Text::new(
            "title: Durée 😀\nsource: incoming_message_distributions\ncolumns: [queue]\nfilters:\n  - queue = 'é😀' or wait_tme > 1s\n"
                .to_string(),
        );
        let diags = check(&doc, "t.yaml", InputFormat::Yaml, Catalog::builtin());
        let uri: Uri = "file:///t.yaml".parse().unwrap();
        let d = diags
            .iter()
            .find(|d| d.code == crate::diagnostics::Code::UnknownColumn)
            .unwrap();
        let l = diagnostic(&doc, &uri, d, Encoding::Utf16);
        assert_eq!(l.code, Some(NumberOrString::String("E0201".into())));
        assert!(
            l.message.contains("help: did you mean `wait_time`?"),
            "{}",
            l.message
        );
        assert_eq!((l.range.start.line, l.range.start.character), (4, 21));
        assert_eq!(l.range.end.character, 29);
    }

    #[test]
    fn formatting_refuses_errors() {
        let cat = Catalog::builtin();
        let fmt = |t: &str| {
            format(
                &Text::new(t.to_string()),
                InputFormat::Yaml,
                cat,
                Encoding::Utf16,
            )
        };
        let edits = fmt("source: sms\ncolumns: [queue]\n").unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "source: sms\ncolumns:\n  - queue\n");
        assert_eq!(fmt(&edits[0].new_text), Some(vec![]));
        // CRLF stays CRLF
        let crlf = fmt("source: sms\r\ncolumns: [queue]\r\n").unwrap();
        assert_eq!(crlf[0].new_text, "source: sms\r\ncolumns:\r\n  - queue\r\n");
        // a syntax error, and an unknown column (the checker's)
        assert_eq!(fmt("source: sms\ncolumns: [count(]\n"), None);
        assert_eq!(fmt("source: sms\ncolumns: [nope]\n"), None);
    }
}
