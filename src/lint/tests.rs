use super::*;
use crate::diagnostics::{Code, SourceFile};
use crate::syntax::{parse_file, InputFormat};

fn codes(dsl: &str) -> Vec<Code> {
    let file = SourceFile::new("t.rpt", dsl);
    let (r, d) = parse_file(&file, InputFormat::Dsl);
    assert!(!d.has_errors(), "{dsl}: {:?}", d.0);
    let mut v: Vec<Code> = apply_allow_comments(&file, lint_report(&r.expect("report")))
        .iter()
        .map(|d| d.code)
        .collect();
    v.sort();
    v
}

fn report(filters: &str) -> String {
    format!("report t\nfrom interactions\nselect count()\nwhere {filters}\n")
}

#[test]
fn and_under_or_without_parens_warns() {
    assert_eq!(
        codes(&report("a = 1 and b = 2 or c = 3")),
        [Code::MixedAndOr]
    );
    assert_eq!(
        codes(&report("a = 1 or b = 2 and c = 3")),
        [Code::MixedAndOr]
    );
    assert!(codes(&report("(a = 1 and b = 2) or c = 3")).is_empty());
    assert!(codes(&report("a = 1 and (b = 2 or c = 3)")).is_empty());
    assert!(codes(&report("a = 1 or b = 2 or c = 3")).is_empty());
    assert!(codes(&report("a = 1 and b = 2")).is_empty());
}

#[test]
fn contradictions_and_tautologies_warn() {
    for never in [
        "x = 'a' and x = 'b'",
        "n > 5 and n < 3",
        "n >= 5 and n < 5",
        "n = 3 and n > 4",
        "x = 'a' and x != 'a'",
        "5 < n and n < 5",
    ] {
        assert_eq!(codes(&report(never)), [Code::ConstantFilter], "{never}");
    }
    for always in ["x != 'a' or x != 'b'", "n > 3 or n < 5", "n >= 5 or n <= 5"] {
        assert_eq!(codes(&report(always)), [Code::ConstantFilter], "{always}");
    }
    for fine in [
        "x = 'a' and x = 'A'",
        "x = 'a' and x = 'a '",
        "n > 5 and n < 6",
        "n >= 5 and n <= 5",
        "x = 'a' and y = 'b'",
        "x != 'a' or x != 'A'",
        "n > 5 or n < 5",
        "n > 5 or n < 3",
        "x = 'a' or x = 'b'",
        "x > 'a' and x < 'A'",
        "n = 1 and n = 1.0",
    ] {
        assert!(codes(&report(fine)).is_empty(), "{fine}");
    }
}

#[test]
fn a_contradiction_across_where_items_warns() {
    let dsl = "report t\nfrom interactions\nselect count()\nwhere n > 5\nand n < 3\n";
    assert_eq!(codes(dsl), [Code::ConstantFilter]);
}

#[test]
fn limit_without_order_by_warns() {
    let base = "report t\nfrom interactions\nselect queue, count()\ngroup by queue\n";
    assert_eq!(
        codes(&format!("{base}limit 5\n")),
        [Code::LimitWithoutOrder]
    );
    assert!(codes(&format!("{base}order by count() desc\nlimit 5\n")).is_empty());
}

#[test]
fn allow_comments_per_file_and_per_line() {
    let line = "report t\nfrom interactions\nselect count()\nwhere a = 1 and b = 2 or c = 3  # reportc: allow W0101\n";
    assert!(codes(line).is_empty());
    let other_line = "report t\nfrom interactions  # reportc: allow W0101\nselect count()\nwhere a = 1 and b = 2 or c = 3\n";
    assert_eq!(codes(other_line), [Code::MixedAndOr]);
    let file = "# reportc: allow W0103, W0101\nreport t\nfrom interactions\nselect count()\nwhere a = 1 and b = 2 or c = 3\nlimit 3\n";
    assert!(codes(file).is_empty());
    let wrong_code =
        "# reportc: allow W0102\nreport t\nfrom interactions\nselect count()\nlimit 3\n";
    assert_eq!(codes(wrong_code), [Code::LimitWithoutOrder]);
}

#[test]
fn duplicate_names_point_at_the_second_file() {
    let mut seen = SeenNames::default();
    assert!(seen
        .see("r", "a.yaml", crate::diagnostics::Span::empty())
        .is_none());
    assert!(seen
        .see("r", "a.yaml", crate::diagnostics::Span::empty())
        .is_none());
    let d = seen
        .see("r", "b.yaml", crate::diagnostics::Span::empty())
        .expect("warning");
    assert_eq!(d.code, Code::DuplicateReportName);
    assert!(d.message.contains("`a.yaml`"), "{}", d.message);
}
