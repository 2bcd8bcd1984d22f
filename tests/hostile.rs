//! Hostile and huge input (issue 10): long flat lists compile without recursing once per item,
//! and the command line survives a closed stdout or a full disk; writes and folders under
//! attack are in `hostile/writes.rs`. Bounds are asserted on sizes and counts, never on time
//! (speed is measured in `benches/`).

mod common;
#[path = "hostile/writes.rs"]
mod writes;

use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::{SqlOptions, DIALECTS};
use reportc::InputFormat;

/// 20,000 `and`-ed filters compile for every dialect on a 2 MiB test thread (the old printer
/// recursed once per condition and overflowed at about 12,000 here; 60,000 aborted `compile`).
#[test]
fn a_long_and_chain_compiles_everywhere() {
    let n = 20_000;
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["credits>1"; n].join(" and ")
    );
    let file = SourceFile::new("and.rpt", text.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    let q = q.unwrap_or_else(|| panic!("{diags:?}"));
    for d in DIALECTS {
        let sql = reportc::sql::build_sql(&q, d, &SqlOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", d.name));
        // one condition a line: WHERE, then n lines
        assert_eq!(sql.matches(" AND\n").count(), n - 1, "{}", d.name);
    }
}

fn reportc() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_reportc"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

/// A closed stdout (`reportc ... | head`) ends the command quietly with its usual status.
#[test]
fn a_closed_stdout_ends_quietly() {
    use std::process::Stdio;
    let report = "reports/chatbot_checkpoint_funnel.rpt";
    let commands: &[&[&str]] = &[
        &["catalog", "sms", "--format", "json"],
        &["catalog"],
        &["dialects"],
        &["dialects", "--format", "json"],
        &["explain", "E0201"],
        &["convert", "--to", "yaml", report],
        &["compile", report],
        &["check", "--format", "json", "reports"],
    ];
    for args in commands {
        let mut child = reportc()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

/// A stdout that cannot be written (`> /dev/full`) is an I/O error: exit 2 and a message.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux's /dev/full")]
fn a_full_stdout_is_an_io_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = reportc()
        .args(["compile", "reports/chatbot_checkpoint_funnel.rpt"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
}

/// The worst shapes under the 1 MiB cap check in linear time (duplicate keys, names and enum
/// values are found through maps, not by scanning what came before), and their rendering is
/// capped: 100,000 unknown keys, 100,000 DSL columns, an enum of 100,000 values.
#[test]
fn huge_inputs_check_and_render_bounded() {
    use reportc::diagnostics::{render_human, RenderOptions, MAX_SHOWN};
    let n = 100_000;
    let keys: String = (0..n).map(|i| format!("k{i}: 1\n")).collect();
    let cols: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
    let inputs = [
        (
            "keys.yaml",
            format!("report: r\nsource: sms\ncolumns:\n  - n: count()\n{keys}"),
            InputFormat::Yaml,
        ),
        (
            "cols.rpt",
            format!("report r\nfrom sms\nselect {}\n", cols.join(", ")),
            InputFormat::Dsl,
        ),
    ];
    for (name, text, format) in inputs {
        assert!(text.len() <= reportc::yaml::MAX_INPUT_BYTES, "{name}");
        let file = SourceFile::new(name, text.as_str());
        let (_, diags) = reportc::check_file(&file, format, Catalog::builtin());
        assert!(diags.len() >= n, "{name}: {}", diags.len());
        let human = render_human(&file, &diags, RenderOptions::default());
        assert_eq!(human.matches("\n  × ").count(), MAX_SHOWN + 1, "{name}");
        assert!(
            human.len() < (MAX_SHOWN + 1) * 2_000,
            "{name}: {}",
            human.len()
        );
    }
    let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    let catalog = format!(
        "catalog: big\nsources:\n  s:\n    table: s\n    columns:\n      e:\n        type: enum\n        values: [{}]\n",
        values.join(", ")
    );
    let (cat, diags) = reportc::catalog::parse_catalog(&catalog);
    assert!(!diags.has_errors(), "{:?}", diags.0.first());
    let cat = cat.unwrap();
    let report = "report r\nfrom s\nselect e, n = count()\nwhere e = 'v99999'\n";
    let file = SourceFile::new("enum.rpt", report);
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, &cat);
    assert!(q.is_some(), "{diags:?}");
}

/// A closed stderr (a closed pipe, or `2>&-`) does not panic: the command ends with its usual
/// status (`eprintln!` panicked, exit 101).
#[test]
fn a_closed_stderr_does_not_panic() {
    use std::process::Stdio;
    let bad = "tests/bad/03_unknown_key_colums.yaml";
    let commands: &[(&[&str], i32)] = &[
        (&["check", bad], 1),
        (&["compile", bad], 1),
        (&["explain", "E9999"], 2),
        (&["catalog", "nosuch"], 1),
        (&["check", "nowhere.yaml"], 2),
    ];
    for (args, code) in commands {
        let mut child = reportc()
            .args(*args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(*code), "{args:?}");
    }
    #[cfg(unix)]
    {
        let bin = env!("CARGO_BIN_EXE_reportc");
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' check {bad} 2>&-"))
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
    }
}

/// A `.rpt` with a byte order mark reads as without one; one with CR-only line endings is
/// refused with one diagnostic that says so (it read as one line, with misleading errors).
#[test]
fn a_bom_is_read_and_lone_crs_are_named() {
    let dsl = "report r\nfrom sms\nselect n = count()\n";
    let with_bom = format!("\u{feff}{dsl}");
    let file = SourceFile::new("bom.rpt", with_bom.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_some() && diags.is_empty(), "{diags:?}");
    let cr_only = dsl.replace('\n', "\r");
    let file = SourceFile::new("cr.rpt", cr_only.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_none());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code.as_str(), "E0100");
    assert!(diags[0].message.contains("carriage return"), "{diags:?}");
    assert_eq!(diags[0].span.range(), 8..9, "the first lone CR");
    // CRLF is fine
    let crlf = dsl.replace('\n', "\r\n");
    let file = SourceFile::new("crlf.rpt", crlf.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_some() && diags.is_empty(), "{diags:?}");
}

/// `convert --to yaml` of a DSL comment holding NUL (or another character YAML cannot hold)
/// is an E0006 at that character, not an internal "this is a bug"; DSL to DSL keeps it.
#[test]
fn a_comment_yaml_cannot_hold_is_refused_by_convert() {
    use reportc::syntax::print::reprint;
    for bad in ['\0', '\u{1}', '\u{7f}', '\u{feff}'] {
        let text = format!("report r\nfrom sms\n# a {bad} b\nselect n = count()\n");
        let diags = reprint(&text, InputFormat::Dsl, InputFormat::Yaml).unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code.as_str(), "E0006", "{diags:?}");
        assert_eq!(diags[0].span.start as usize, text.find(bad).unwrap());
        assert!(!diags[0].help.as_deref().unwrap_or("").contains("bug"));
        let same = reprint(&text, InputFormat::Dsl, InputFormat::Dsl).unwrap();
        assert!(same.contains(bad), "{same:?}");
    }
    // a tab and non-ASCII text are fine in YAML comments
    let text = "report r\nfrom sms\n# a\tb é 😀\nselect n = count()\n";
    let yaml = reprint(text, InputFormat::Dsl, InputFormat::Yaml).unwrap();
    assert!(yaml.contains("# a\tb é 😀"), "{yaml}");
}

/// A `table:` name the dialect cannot quote (a `"` on Oracle) is refused with E0400 pointing
/// at the report's `from` / `source:` (it had no place).
#[test]
fn a_table_name_refused_by_the_dialect_has_a_span() {
    let cat = "catalog: t\nsources:\n  s:\n    table: 'x\"y'\n    columns:\n      x:\n        type: text\n";
    let (cat, diags) = reportc::catalog::parse_catalog(cat);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    let oracle = reportc::sql::dialect_by_name("oracle").unwrap();
    for (name, text, format, at) in [
        (
            "r.yaml",
            "source: s\ncolumns: [x]\n",
            InputFormat::Yaml,
            8..9,
        ),
        ("r.rpt", "from s\nselect x\n", InputFormat::Dsl, 5..6),
    ] {
        let file = SourceFile::new(name, text);
        let diags =
            reportc::compile_file(&file, format, &cat, oracle, &SqlOptions::default()).unwrap_err();
        assert_eq!(diags[0].code.as_str(), "E0400", "{diags:?}");
        assert_eq!(diags[0].span.range(), at, "{name}");
    }
}

/// 57,242 `and`-ed conditions on one unknown column (the fuzzer's timeout, fuzz/FINDINGS.md
/// finding 5): each gets its diagnostic and help; the did-you-mean is computed once per
/// name (it was computed 57,242 times, 87 % of the time). The time bound is the fuzz
/// replay's 10 s timeout (`fuzz/regressions/huge_input/`); here, the diagnostics.
#[test]
fn a_repeated_unknown_name_is_diagnosed_every_time() {
    let n = 57_242;
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["ruppeer= '('"; n].join(" and ")
    );
    assert!(text.len() <= reportc::yaml::MAX_INPUT_BYTES);
    let file = SourceFile::new("t.rpt", text.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_none());
    assert_eq!(diags.len(), n);
    let help = diags[0].help.clone();
    assert!(help.is_some());
    assert!(diags.iter().all(|d| d.help == help));
    // a near miss gets its suggestion each time
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["orign = 'x'"; 1000].join(" and ")
    );
    let file = SourceFile::new("t.rpt", text.as_str());
    let (_, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert_eq!(diags.len(), 1000);
    assert!(
        diags
            .iter()
            .all(|d| d.help.as_deref() == Some("did you mean `origin`?")),
        "{:?}",
        diags[0]
    );
}
