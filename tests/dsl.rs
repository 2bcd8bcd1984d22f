//! The report DSL (`.rpt`): every example's DSL twin compiles to the same SQL as its YAML for
//! every dialect, `fmt` is idempotent and keeps the meaning, `convert` round-trips, malformed
//! DSL gets located diagnostics in the user's words, and random ASTs print and parse back.

mod common;
#[path = "dsl/strategies.rs"]
mod strategies;

use common::*;
use proptest::prelude::*;
use reportc::ast::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::{render_human, Code, Diagnostic, RenderOptions, SourceFile};
use reportc::sql::{dialect_by_name, SqlOptions, DIALECTS};
use reportc::syntax::print::{reprint, to_dsl, to_yaml, Comments};
use reportc::syntax::{parse_report_dsl, parse_report_yaml};
use reportc::{parse_file, InputFormat};
use std::collections::BTreeSet;
use std::path::Path;
use strategies::{any_report, dsl_noise};

fn parse_ok(path: &Path) -> Report {
    let f = load(path);
    let fmt = InputFormat::from_path(&f.name).unwrap();
    let (r, d) = parse_file(&f, fmt);
    assert!(!d.has_errors(), "{}: {:?}", f.name, d);
    r.unwrap()
}

fn outcome(r: Result<String, Vec<Diagnostic>>) -> Result<String, Vec<(Code, String)>> {
    r.map_err(|ds| ds.into_iter().map(|d| (d.code, d.message)).collect())
}

#[test]
fn every_example_has_a_dsl_twin_with_the_same_sql() {
    let yamls = files_in("reports", &["yaml", "yml"]);
    assert!(!yamls.is_empty());
    let as_of = SqlOptions {
        as_of: Some(jiff::civil::datetime(2026, 3, 1, 12, 0, 0, 0)),
    };
    for y in yamls {
        let rpt = y.with_extension("rpt");
        assert!(
            rpt.exists(),
            "{} has no DSL twin {}",
            y.display(),
            rpt.display()
        );
        assert_eq!(
            erase_spans(&parse_ok(&y)),
            erase_spans(&parse_ok(&rpt)),
            "{}: the DSL twin means something else",
            stem(&y)
        );
        for d in DIALECTS {
            for opts in [&SqlOptions::default(), &as_of] {
                let a = outcome(compile(&y, d, opts));
                let b = outcome(compile(&rpt, d, opts));
                assert_eq!(a, b, "{} on {}", stem(&y), d.name);
            }
        }
    }
}

#[test]
fn examples_are_in_canonical_layout() {
    for p in files_in("reports", &["yaml", "yml", "rpt"]) {
        let f = load(&p);
        let fmt = InputFormat::from_path(&f.name).unwrap();
        let out = reprint(&f.text, fmt, fmt).unwrap();
        assert_eq!(out, f.text, "{}: `reportc fmt` would change it", f.name);
    }
}

/// `fmt` of every example, in both formats: a snapshot, idempotent, same AST.
#[test]
fn fmt_is_idempotent_and_keeps_the_meaning() {
    let mut files = files_in("reports", &["yaml", "yml", "rpt"]);
    files.extend(files_in("tests/fixtures/dsl", &["yaml", "rpt"]));
    for p in files {
        let f = load(&p);
        let fmt = InputFormat::from_path(&f.name).unwrap();
        let once = reprint(&f.text, fmt, fmt).unwrap_or_else(|e| panic!("{}: {e:?}", f.name));
        let twice = reprint(&once, fmt, fmt).unwrap();
        assert_eq!(once, twice, "{}: fmt is not idempotent", f.name);
        let (a, _) = parse_file(&f, fmt);
        let (b, _) = parse_file(&SourceFile::new(f.name.clone(), once.clone()), fmt);
        assert_eq!(
            erase_spans(&a.unwrap()),
            erase_spans(&b.unwrap()),
            "{}",
            f.name
        );
        let ext = p.extension().unwrap().to_string_lossy().to_string();
        let dir = p.parent().unwrap().file_name().unwrap().to_string_lossy();
        insta::assert_snapshot!(format!("fmt__{dir}__{}_{ext}", stem(&p)), once);
    }
}

/// YAML -> DSL -> YAML keeps the AST and the comments, for every example and the fixtures.
#[test]
fn convert_round_trips() {
    let mut files = files_in("reports", &["yaml", "rpt"]);
    files.extend(files_in("tests/fixtures/dsl", &["yaml", "rpt"]));
    for p in files {
        let f = load(&p);
        let from = InputFormat::from_path(&f.name).unwrap();
        let other = match from {
            InputFormat::Yaml => InputFormat::Dsl,
            InputFormat::Dsl => InputFormat::Yaml,
        };
        let there = reprint(&f.text, from, other).unwrap();
        let back = reprint(&there, other, from).unwrap();
        let fmt = reprint(&f.text, from, from).unwrap();
        assert_eq!(
            back, fmt,
            "{}: convert there and back differs from fmt",
            f.name
        );
        let comments = f.text.lines().filter(|l| l.contains('#')).count();
        let kept = there.lines().filter(|l| l.contains('#')).count();
        assert!(kept >= comments, "{}: comments lost:\n{there}", f.name);
    }
}

#[test]
fn comments_are_carried_over() {
    let yaml = "# Weekly volume\nreport: weekly  # the name\nsource: sms\n# outputs\ncolumns:\n  # when\n  - week: send_date by week  # ISO weeks\n  - total: count()\n# only delivered\nfilters:\n  - status = 'delivered'\n# tail\n";
    let dsl = reprint(yaml, InputFormat::Yaml, InputFormat::Dsl).unwrap();
    insta::assert_snapshot!("convert__comments_yaml_to_dsl", dsl);
    let back = reprint(&dsl, InputFormat::Dsl, InputFormat::Yaml).unwrap();
    insta::assert_snapshot!("convert__comments_back_to_yaml", back);
}

#[test]
fn bad_dsl_reports() {
    let files = files_in("tests/bad_dsl", &["rpt"]);
    assert!(files.len() >= 15, "only {} bad DSL reports", files.len());
    let mut mismatches = Vec::new();
    let d = dialect_by_name("postgres").unwrap();
    for path in files {
        let name = stem(&path);
        let file = load(&path);
        let diags = match reportc::compile_file(
            &file,
            InputFormat::Dsl,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
        ) {
            Ok(sql) => panic!("{name} compiles:\n{sql}"),
            Err(diags) => diags,
        };
        let got: BTreeSet<String> = diags.iter().map(|d| d.code.as_str().to_string()).collect();
        let want = expected_codes(&file.text);
        assert!(
            !want.is_empty(),
            "{name}: name the expected codes on the first line"
        );
        if got != want {
            mismatches.push(format!("{name}: got {got:?}, first line says {want:?}"));
        }
        for d in &diags {
            assert!(
                d.span.end as usize <= file.text.len(),
                "{name}: span out of the file"
            );
            for word in ["_clause", "_item", "_entry", "kw_", "EOI", "Rule::"] {
                assert!(
                    !d.message.contains(word),
                    "{name}: rule name in `{}`",
                    d.message
                );
            }
        }
        let text = render_human(&file, &diags, RenderOptions::default());
        insta::assert_snapshot!(format!("bad_dsl__{name}"), text);
    }
    assert!(
        mismatches.is_empty(),
        "codes differ:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn one_run_reports_every_broken_clause() {
    let text = std::fs::read_to_string(root().join("tests/bad_dsl/12_several_broken_clauses.rpt"))
        .unwrap();
    let (_, d) = parse_report_dsl(&text);
    let lines: BTreeSet<usize> =
        d.0.iter()
            .map(|d| text[..d.span.start as usize].lines().count())
            .collect();
    assert_eq!(d.len(), 3, "{d:?}");
    assert_eq!(lines.len(), 3, "one error per broken clause: {d:?}");
}

#[test]
fn ten_thousand_nested_parentheses_are_refused() {
    let text = format!(
        "from sms\nselect a\nwhere {}a = 1{}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let (_, d) = parse_report_dsl(&text);
    assert_eq!(d.0[0].code, Code::InputTooLarge);
    let deep_not = format!("from sms\nselect a\nwhere {}a\n", "not ".repeat(10_000));
    assert_eq!(
        parse_report_dsl(&deep_not).1 .0[0].code,
        Code::InputTooLarge
    );
    let chain = format!("from sms\nselect a = {}\n", vec!["b"; 10_000].join(" + "));
    assert_eq!(parse_report_dsl(&chain).1 .0[0].code, Code::InputTooLarge);
}

#[test]
fn input_size_is_capped() {
    let text = format!("from sms\nselect a\n{}", "# padding\n".repeat(120_000));
    let (r, d) = parse_report_dsl(&text);
    assert!(r.is_none());
    assert_eq!(d.0[0].code, Code::InputTooLarge);
}

#[test]
fn where_and_splits_into_yaml_filters() {
    let yaml =
        "source: s\ncolumns: [a]\nfilters:\n  - a = 1 and b = 2\n  - c = 3 or d = 4\n  - e = 5\n";
    let (y, d) = parse_report_yaml(yaml);
    assert!(d.is_empty(), "{d:?}");
    let y = y.unwrap();
    let dsl = to_dsl(&y, &Comments::default());
    assert!(
        dsl.contains("where (a = 1 and b = 2)\n  and (c = 3 or d = 4)\n  and e = 5\n"),
        "{dsl}"
    );
    let (r, d) = parse_report_dsl(&dsl);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(erase_spans(&r.unwrap()), erase_spans(&y));
}

#[test]
fn cli_fmt_check_and_convert() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.rpt");
    std::fs::write(&messy, "FROM sms\nselect   status,total=count()\nLIMIT 5").unwrap();
    let tidy = dir.path().join("tidy.rpt");
    std::fs::write(&tidy, "from sms\nselect status, total = count()\nlimit 5\n").unwrap();
    let bin = env!("CARGO_BIN_EXE_reportc");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["fmt", "--check", d]);
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("messy.rpt") && !listed.contains("tidy.rpt"),
        "{listed}"
    );
    assert_eq!(run(&["fmt", d]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        std::fs::read_to_string(&tidy).unwrap()
    );
    assert_eq!(run(&["fmt", "--check", d]).status.code(), Some(0));
    let out = run(&["convert", messy.to_str().unwrap(), "--to", "yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "source: sms\ncolumns:\n  - status\n  - total: count()\nlimit: 5\n"
    );
    let out = run(&["check", d]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let broken = dir.path().join("broken.rpt");
    std::fs::write(&broken, "from sms\nselect status,\n").unwrap();
    let out = run(&["fmt", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "from sms\nselect status,\n"
    );
}

// ---- property test: random ASTs print and parse back, in both formats -----------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_reports_print_and_parse_back(r in any_report()) {
        let want = erase_spans(&r);
        let dsl = to_dsl(&r, &Comments::default());
        let (back, d) = parse_report_dsl(&dsl);
        prop_assert!(!d.has_errors(), "DSL:\n{dsl}\n{d:?}");
        prop_assert_eq!(erase_spans(&back.unwrap()), want.clone(), "DSL:\n{}", dsl);
        let yaml = to_yaml(&r, &Comments::default());
        let (back, d) = parse_report_yaml(&yaml);
        prop_assert!(!d.has_errors(), "YAML:\n{yaml}\n{d:?}");
        prop_assert_eq!(erase_spans(&back.unwrap()), want, "YAML:\n{}", yaml);
    }
}

/// The side-by-side example of the README's DSL section: both halves are the same report.
#[test]
fn readme_side_by_side_example_agrees() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## The report DSL").expect("DSL section")..];
    let block = |open: &str| {
        let start = section.find(open).expect("code block") + open.len();
        let len = section[start..].find("```").unwrap();
        section[start..start + len].to_string()
    };
    let yaml = block("```yaml\n");
    let dsl = {
        let right = &section[section.find("</td><td>").expect("second column")..];
        let start = right.find("```\n").unwrap() + 4;
        let len = right[start..].find("```").unwrap();
        right[start..start + len].to_string()
    };
    let (y, d) = parse_report_yaml(&yaml);
    assert!(d.is_empty(), "{d:?}");
    let (r, d) = parse_report_dsl(&dsl);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(erase_spans(&y.unwrap()), erase_spans(&r.unwrap()));
    let cat = Catalog::builtin();
    for d in DIALECTS {
        let sql = |text: &str, fmt| {
            let f = SourceFile::new("readme", text);
            outcome(reportc::compile_file(
                &f,
                fmt,
                cat,
                d,
                &SqlOptions::default(),
            ))
        };
        assert_eq!(sql(&yaml, InputFormat::Yaml), sql(&dsl, InputFormat::Dsl));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// User input never panics, and every diagnostic points inside the file.
    #[test]
    fn any_text_gives_diagnostics_not_panics(text in dsl_noise()) {
        let (_, d) = parse_report_dsl(&text);
        for d in &d.0 {
            prop_assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end);
            prop_assert!(text.is_char_boundary(d.span.start as usize));
            prop_assert!(text.is_char_boundary(d.span.end as usize));
        }
        let _ = reprint(&text, InputFormat::Dsl, InputFormat::Yaml);
        let _ = reprint(&text, InputFormat::Dsl, InputFormat::Dsl);
    }
}
