//! `reportc fmt` as a user meets it: `--diff` (a unified diff, exit 1), CRLF line endings and a
//! BOM kept, a report with errors refused (the parser's and the checker's), and the project's
//! own examples in canonical layout.

mod common;

use common::{files_in, load, root};

/// `reportc ARGS` run in `dir`: the transcript.
fn transcript(dir: &std::path::Path, args: &[&str]) -> String {
    common::transcript_in(dir, args)
}

const MESSY: &str = "source:   sms\ncolumns: [origin, credits]\norder_by: [credits desc]\n";
const TIDY: &str = "source: sms\ncolumns:\n  - origin\n  - credits\norder_by:\n  - credits desc\n";

#[test]
fn diff_prints_a_unified_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), MESSY).unwrap();
    std::fs::write(dir.path().join("tidy.yaml"), TIDY).unwrap();
    let t = transcript(dir.path(), &["fmt", "--diff", "."]);
    insta::assert_snapshot!("fmt_diff", t);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
        MESSY
    );
    // fmt then writes what the diff showed
    let t = transcript(dir.path(), &["fmt", "a.yaml"]);
    assert!(t.starts_with("exit: Some(0)"), "{t}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.yaml")).unwrap(),
        TIDY
    );
    let t = transcript(dir.path(), &["fmt", "--diff", "."]);
    assert_eq!(t, "exit: Some(0)\n--- stdout\n--- stderr\n");
}

#[test]
fn crlf_and_bom_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let cases = [
        ("crlf.yaml", crlf(MESSY), crlf(TIDY)),
        (
            "bom.yaml",
            format!("\u{feff}{MESSY}"),
            format!("\u{feff}{TIDY}"),
        ),
        (
            "both.rpt",
            format!("\u{feff}{}", crlf("FROM sms\nselect origin\n")),
            format!("\u{feff}{}", crlf("from sms\nselect origin\n")),
        ),
    ];
    for (name, before, _) in &cases {
        std::fs::write(dir.path().join(name), before).unwrap();
    }
    let t = transcript(dir.path(), &["fmt", "."]);
    assert_eq!(t, "exit: Some(0)\n--- stdout\n--- stderr\n");
    for (name, _, after) in &cases {
        let got = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(&got, after, "{name}");
    }
    // once formatted, nothing more to do
    let t = transcript(dir.path(), &["fmt", "--check", "."]);
    assert!(t.starts_with("exit: Some(0)"), "{t}");
}

#[test]
fn a_report_with_errors_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        // the checker's errors: an unknown column, an enum value not allowed
        ("unknown_column.yaml", "source:   sms\ncolumns: [nope]\n"),
        (
            "bad_value.rpt",
            "FROM sms\nselect origin\nwhere status = 'SENTT'\n",
        ),
        // the parser's
        ("syntax.yaml", "source: sms\ncolumns: [origin,\n"),
        // a parameter without a default needs no value to be formatted
        (
            "param.rpt",
            "FROM sms\nparameter since date\nselect origin\nwhere send_date >= $since\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let t = transcript(dir.path(), &["fmt", "."]);
    insta::assert_snapshot!("fmt_refuses_errors", t);
    for (name, text) in &files[..3] {
        let got = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(&got, text, "{name} was rewritten");
    }
    let got = std::fs::read_to_string(dir.path().join("param.rpt")).unwrap();
    assert!(got.starts_with("from sms\nparameter since date\n"), "{got}");
}

/// `fmt --check reports` is clean: every example, YAML and DSL, is in canonical layout.
#[test]
fn examples_are_in_canonical_layout() {
    let t = transcript(&root(), &["fmt", "--check", "reports"]);
    assert_eq!(t, "exit: Some(0)\n--- stdout\n--- stderr\n");
    // and the one comment every YAML example has survives
    for p in files_in("reports", &["yaml"]) {
        let f = load(&p);
        assert!(
            f.text.starts_with("# yaml-language-server: $schema="),
            "{}",
            f.name
        );
    }
}
