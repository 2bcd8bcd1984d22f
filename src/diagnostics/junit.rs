//! Diagnostics as a JUnit XML report (the format CI systems such as GitLab, Jenkins and Azure
//! Pipelines show as test results): one `testsuite`, one `testcase` per checked file, a
//! `failure` on a file with errors whose text lists every diagnostic; a file with warnings
//! only passes, its warnings in `system-out`. Text is XML-escaped, and characters XML 1.0
//! cannot hold (control characters from a hostile file) become U+FFFD.

use super::{Checked, Diagnostic};

/// `&`, `<`, `>`, `"`, `'` escaped; characters outside XML 1.0's `Char` replaced.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// `file:line:column: severity[CODE]: message` and the help on the next line.
fn line(c: &Checked, d: &Diagnostic) -> String {
    let (l, col) = c.file.line_col(d.span.start as usize);
    let mut s = format!(
        "{}:{l}:{col}: {}[{}]: {}\n",
        c.file.name, d.severity, d.code, d.message
    );
    if let Some(h) = &d.help {
        s.push_str(&format!("  help: {h}\n"));
    }
    s
}

/// The JUnit report of the files checked (in the order given); `name` is the suite's name.
pub fn render_junit(name: &str, checked: &[Checked]) -> String {
    let failures = checked
        .iter()
        .filter(|c| c.diagnostics.iter().any(Diagnostic::is_error))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"reportc\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n  \
         <testsuite name=\"{}\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
        xml(name),
        n = checked.len(),
    ));
    for c in checked {
        let shown = c.shown();
        let name = xml(&c.file.name);
        let errors: Vec<&Diagnostic> = shown.iter().filter(|d| d.is_error()).collect();
        let body: String = shown.iter().map(|d| line(c, d)).collect();
        if shown.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"reportc\" file=\"{name}\"/>\n"
            ));
            continue;
        }
        out.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"reportc\" file=\"{name}\">\n"
        ));
        if let Some(first) = errors.first() {
            out.push_str(&format!(
                "      <failure message=\"{} error(s); first: {}\" type=\"{}\">{}</failure>\n",
                errors.len(),
                xml(&first.message),
                first.code,
                xml(&body)
            ));
        } else {
            out.push_str(&format!("      <system-out>{}</system-out>\n", xml(&body)));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, SourceFile, Span};

    #[test]
    fn a_testcase_per_file_and_escaped_text() {
        let ok = Checked::new(SourceFile::new("ok.rpt", ""), vec![]);
        let bad = Checked::new(
            SourceFile::new("b&d.rpt", "report r\nfrom x\n"),
            vec![Diagnostic::error(
                Code::UnknownSource,
                Span::new(14, 15),
                "`x` <no>\u{1}",
            )],
        );
        let x = render_junit("reportc check", &[ok, bad]);
        assert!(x.contains("tests=\"2\" failures=\"1\""), "{x}");
        assert!(x.contains("<testcase name=\"ok.rpt\" classname=\"reportc\" file=\"ok.rpt\"/>"));
        assert!(x.contains("<testcase name=\"b&amp;d.rpt\""), "{x}");
        assert!(
            x.contains("b&amp;d.rpt:2:6: error[E0200]: `x` &lt;no&gt;\u{FFFD}\n"),
            "{x}"
        );
    }
}
