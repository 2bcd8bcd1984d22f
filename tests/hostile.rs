//! Hostile and huge input (issue 10): long flat lists compile without recursing once per item,
//! and the command line survives a closed stdout or a full disk. Bounds are asserted on sizes
//! and counts, never on time (speed is measured in `benches/`).

mod common;

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
