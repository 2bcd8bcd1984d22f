//! Diagnostics as GitHub Actions workflow commands, one line per diagnostic:
//! `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE::message`
//! (`::warning` for a warning), which the runner turns into annotations on the pull request.
//! Columns are 1-based UTF-16 code units.
//!
//! Escaping is that of the workflow-command docs
//! (<https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions>) and of
//! the runner toolkit that implements them (`escapeData`/`escapeProperty` in
//! `@actions/core`): in the message `%` `\r` `\n` become `%25` `%0D` `%0A`; in a property
//! value `:` and `,` also become `%3A` and `%2C`.

use super::{Checked, Severity};

/// `%`, `\r`, `\n` escaped: the message after `::`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// [`escape_data`] and `:` `,`: a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Every diagnostic of every file (in the order given), one workflow command a line.
pub fn render_github(checked: &[Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        for d in c.shown() {
            let (line, col) = c.file.line_col_utf16(d.span.start as usize);
            let (end_line, end_col) = c.file.line_col_utf16(d.span.end as usize);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
                escape_property(&c.file.name),
                escape_property(&format!("{} {}", d.code, d.code.title())),
                escape_data(&message),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic, SourceFile, Span};

    #[test]
    fn escapes_as_the_runner_reads() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_diagnostic() {
        let file = SourceFile::new("dir/a,b.rpt", "report r\nfrom x\n");
        let d = Diagnostic::warning(Code::UnknownSource, Span::new(14, 15), "50% `x`\nno")
            .with_help("h");
        let text = render_github(&[Checked::new(file, vec![d])]);
        assert_eq!(
            text,
            "::warning file=dir/a%2Cb.rpt,line=2,col=6,endLine=2,endColumn=7,\
             title=E0200 unknown data source::50%25 `x`%0Ano%0Ahelp: h\n"
        );
    }
}
