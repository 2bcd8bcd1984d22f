//! Known-bad reports (tests/bad) and catalogues (tests/bad_catalogs): the codes each one
//! produces, and snapshots of the rendered diagnostics, so an improved message shows as a diff.

mod common;

use common::*;
use reportc::catalog::{parse_catalog, Catalog};
use reportc::diagnostics::{
    render_human, render_json, Code, Diagnostic, RenderOptions, SourceFile, MAX_SHOWN,
};
use reportc::sql::{dialect_by_name, SqlOptions};
use reportc::InputFormat;
use std::collections::BTreeSet;

fn diagnose(file: &SourceFile, name: &str) -> Vec<Diagnostic> {
    // files about a dialect refusal are compiled for that dialect
    let dialect = if name.contains("bigquery") {
        "bigquery"
    } else {
        "postgres"
    };
    let d = dialect_by_name(dialect).unwrap();
    // files about bind placeholders are compiled with `--placeholders`
    let params = reportc::compile::ParamArgs {
        placeholders: name.contains("placeholders"),
        ..Default::default()
    };
    match reportc::compile::compile_report_with(
        file,
        InputFormat::Yaml,
        Catalog::builtin(),
        d,
        &SqlOptions::default(),
        &params,
    ) {
        Ok(c) => panic!("{name} compiles for {dialect}:\n{}", c.sql),
        Err(diags) => diags,
    }
}

/// The codes of a catalogue's own problems, shown by tests/bad_catalogs.
const CATALOG_CODES: &[Code] = &[
    Code::Catalog,
    Code::MeasureCycle,
    Code::MeasureNotAggregate,
    Code::MeasureTooLarge,
    Code::BrokenMeasure,
    Code::BadLink,
    Code::LinkTypeMismatch,
    Code::LinkTargetNotKey,
    Code::DuplicateLink,
    Code::LinkCycle,
    Code::BadKey,
    Code::BadReverse,
];

#[test]
fn bad_reports() {
    let files = files_in("tests/bad", &["yaml", "yml"]);
    assert!(files.len() >= 20, "only {} bad reports", files.len());
    let mut seen = BTreeSet::new();
    let mut mismatches = Vec::new();
    for path in files {
        let name = stem(&path);
        let file = load(&path);
        let diags = diagnose(&file, &name);
        // the errors; a warning beside them (W0103 in one) is in the snapshot
        let got: BTreeSet<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code.as_str().to_string())
            .collect();
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
        }
        seen.extend(got);
        let text = render_human(&file, &diags, RenderOptions::default());
        insta::assert_snapshot!(format!("bad__{name}"), text);
    }
    assert!(
        mismatches.is_empty(),
        "codes differ:\n{}",
        mismatches.join("\n")
    );
    // every code a report can produce is shown by at least one file (E05xx are `reportc
    // run`'s engine and data problems, tested in src/run/tests.rs and tests/run.rs; E0600 is
    // the project config's, tested in tests/project.rs; E0010 is two reports of one `compile --out`
    // run writing the same file, tested in tests/hostile/writes.rs; E07xx are templates', tested in
    // tests/templates.rs)
    for c in Code::ALL {
        if matches!(
            c,
            Code::Io | Code::Catalog | Code::Config | Code::TooManyDiagnostics | Code::OutputClash
        ) || CATALOG_CODES.contains(c)
            // warnings: tests/lint (lint_warnings below; W0104, across files, in tests/cli.rs)
            || c.is_warning()
            || c.as_str().starts_with("E05")
            || c.as_str().starts_with("E07")
        {
            continue;
        }
        assert!(
            seen.contains(c.as_str()),
            "no bad report produces {}",
            c.as_str()
        );
    }
}

/// The warning codes a lint fixture's first line names.
fn expected_warnings(text: &str) -> BTreeSet<String> {
    let first = text.lines().next().unwrap_or("");
    let first = first.split(" (").next().unwrap_or(first);
    first
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() == 5 && w.starts_with('W'))
        .map(str::to_string)
        .collect()
}

/// Valid reports with lint warnings (tests/lint, YAML and DSL): the codes each produces (all
/// warnings: the report still compiles), and snapshots of the rendered warnings.
#[test]
fn lint_warnings() {
    let files = files_in("tests/lint", &["yaml", "rpt"]);
    let mut seen = BTreeSet::new();
    for path in files {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        let file = load(&path);
        let format = if path.extension().is_some_and(|e| e == "rpt") {
            InputFormat::Dsl
        } else {
            InputFormat::Yaml
        };
        let d = dialect_by_name("postgres").unwrap();
        let c = reportc::compile::compile_report_with(
            &file,
            format,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
            &Default::default(),
        )
        .unwrap_or_else(|e| panic!("{name} does not compile: {e:?}"));
        assert!(c.warnings.iter().all(|w| !w.is_error()), "{name}");
        let got: BTreeSet<String> = c.warnings.iter().map(|d| d.code.to_string()).collect();
        assert_eq!(got, expected_warnings(&file.text), "{name}");
        seen.extend(got);
        let text = render_human(&file, &c.warnings, RenderOptions::default());
        insta::assert_snapshot!(format!("lint__{name}"), text);
    }
    for c in Code::ALL.iter().filter(|c| c.is_warning()) {
        if *c != Code::DuplicateReportName {
            assert!(seen.contains(c.as_str()), "no lint fixture produces {c}");
        }
    }
}

/// Against a catalogue whose physical names differ from its ids: a physical name (`ENDED_AT`,
/// `Status Code`) is answered with the column's id.
#[test]
fn physical_names_suggest_the_column() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/callcentre_catalog.yaml")).unwrap();
    let (cat, d) = parse_catalog(&text);
    assert!(!d.has_errors(), "{d:?}");
    let cat = cat.unwrap();
    let file = SourceFile::new(
        "physical.yaml",
        "source: calls\ncolumns:\n  - ENDED_AT\nfilters:\n  - \"`status code` = 'missed'\"\n",
    );
    let (_, diags) = reportc::compile::check_file(&file, InputFormat::Yaml, &cat);
    let text = render_human(&file, &diags, RenderOptions::default());
    insta::assert_snapshot!("physical_names_suggest_the_column", text);
}

#[test]
fn json_diagnostics_have_positions() {
    let path = root().join("tests/bad/14_unknown_column_typo.yaml");
    let file = load(&path);
    let diags = diagnose(&file, "14");
    let v: serde_json::Value = serde_json::from_str(&render_json(&file, &diags)).unwrap();
    let d = &v[0];
    assert_eq!(d["code"], "E0201");
    let (line, col) = (
        d["line"].as_u64().unwrap() as usize,
        d["column"].as_u64().unwrap() as usize,
    );
    let at: String = file
        .text
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .skip(col - 1)
        .collect();
    let bad = &file.text
        [d["byte_start"].as_u64().unwrap() as usize..d["byte_end"].as_u64().unwrap() as usize];
    assert!(
        at.starts_with(bad),
        "line/column {line}:{col} do not point at `{bad}`"
    );
    assert!(d["help"].as_str().unwrap().starts_with("did you mean"));
}

#[test]
fn bad_catalogues() {
    let files = files_in("tests/bad_catalogs", &["yaml"]);
    assert!(!files.is_empty());
    let mut seen = BTreeSet::new();
    for path in files {
        let name = stem(&path);
        let file = load(&path);
        let (_, diags) = reportc::compile::load_catalog(&file.text);
        let diags = diags.sorted();
        let got: BTreeSet<String> = diags.iter().map(|d| d.code.as_str().to_string()).collect();
        seen.extend(got.clone());
        assert_eq!(got, expected_codes(&file.text), "{name}");
        insta::assert_snapshot!(
            format!("bad_catalog__{name}"),
            render_human(&file, &diags, RenderOptions::default())
        );
    }
    // the measure codes are the catalogue's (a report using a broken measure: E0413 too)
    for c in CATALOG_CODES {
        assert!(seen.contains(c.as_str()), "no bad catalogue produces {c}");
    }
}

/// A file with more diagnostics than [`MAX_SHOWN`] renders the first ones, then the E0009 note
/// with the count of the rest (human and JSON).
#[test]
fn diagnostics_per_file_are_capped() {
    let filters: String = (0..150).map(|i| format!("  - nope{i} > 1\n")).collect();
    let text = format!("report: r\nsource: sms\ncolumns:\n  - n: count()\nfilters:\n{filters}");
    let file = SourceFile::new("many.yaml", text.as_str());
    let (_, diags) = reportc::check_file(&file, InputFormat::Yaml, Catalog::builtin());
    assert_eq!(diags.len(), 150);
    let human = render_human(&file, &diags, RenderOptions::default());
    assert_eq!(human.matches("E0201").count(), MAX_SHOWN, "{human}");
    assert!(human.contains("E0009"), "{human}");
    assert!(human.contains("50 more diagnostic(s) in this file not shown (50 error(s))"));
    let json = reportc::diagnostics::to_json_values(&file, &diags);
    assert_eq!(json.len(), MAX_SHOWN + 1);
    assert_eq!(json[MAX_SHOWN].code, "E0009");
}

/// An error past column 65,535 renders (miette cannot pad that far: the line is cut to a
/// window around the error), and many errors on one long line cost a window each, not the line.
#[test]
fn long_lines_render_a_window() {
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}nope > 1\n",
        " ".repeat(70_000)
    );
    let file = SourceFile::new("long.rpt", text.as_str());
    let (_, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    let human = render_human(&file, &diags, RenderOptions::default());
    assert!(human.contains("E0201"), "{human}");
    assert!(human.contains("[long.rpt:4:70007]"), "{human}");
    assert!(human.contains("nope"), "{human}");
    assert!(human.len() < 2_000, "{} bytes", human.len());
    // 9,000 duplicate columns on one 63 KB line
    let cols = vec!["queue"; 9_000].join(", ");
    let text = format!("report r\nfrom sms\nselect {cols}\n");
    let file = SourceFile::new("dup.rpt", text.as_str());
    let (_, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(diags.len() > MAX_SHOWN, "{}", diags.len());
    let human = render_human(&file, &diags, RenderOptions::default());
    assert!(
        human.len() < (MAX_SHOWN + 1) * 2_000,
        "{} bytes",
        human.len()
    );
}

/// Codes a report alone cannot show (input caps, I/O, run, config, placeholders): their
/// examples are text, checked only for presence.
const EXAMPLE_TEXT_ONLY: &[Code] = &[
    Code::InputTooLarge,
    Code::Io,
    Code::TooManyDiagnostics,
    Code::OutputClash,
    Code::PlaceholderType,
    Code::EngineError,
    Code::DataUnreadable,
    Code::DataMissingColumn,
    Code::DataBadValue,
    Code::DataNoTables,
    Code::DataWrite,
    Code::EngineStart,
    Code::ConnectUrl,
    Code::ConnectUnsupported,
    Code::ConnectFailed,
    Code::ConnectQuery,
    Code::ConnectTimeout,
    Code::ConnectDialect,
    Code::ConnectFileUnreadable,
    Code::Config,
    Code::TemplateSyntax,
    Code::TemplateRender,
];

/// Each report example of `reportc explain`: its bad text gives its code, its fixed text
/// compiles against the built-in catalogue.
#[test]
fn explain_examples_show_their_code() {
    let mut checked = 0;
    for code in Code::ALL {
        let ex = reportc::diagnostics::example(*code)
            .unwrap_or_else(|| panic!("{code} has no example in src/diagnostics/examples.txt"));
        if EXAMPLE_TEXT_ONLY.contains(code) || CATALOG_CODES.contains(code) || code.is_warning() {
            continue;
        }
        let bad = SourceFile::new("bad.yaml", ex.bad.to_string());
        let codes: BTreeSet<Code> = diagnose(
            &bad,
            if *code == Code::Unsupported {
                "bigquery"
            } else {
                "bad"
            },
        )
        .iter()
        .map(|d| d.code)
        .collect();
        assert!(codes.contains(code), "{code}: bad example gives {codes:?}");
        let fixed = SourceFile::new("fixed.yaml", ex.fixed.to_string());
        let d = dialect_by_name("postgres").unwrap();
        if let Err(diags) = reportc::compile::compile_report_with(
            &fixed,
            InputFormat::Yaml,
            Catalog::builtin(),
            d,
            &SqlOptions::default(),
            &Default::default(),
        ) {
            let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
            panic!("{code}: fixed example gives {codes:?}");
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} examples");
}

/// The catalogue example E0400 (the measure codes show only when a report uses the measure):
/// the bad catalogue gives E0400, the fixed one loads without error.
#[test]
fn explain_catalog_example_shows_its_code() {
    let ex = reportc::diagnostics::example(Code::Catalog).unwrap();
    let (_, d) = parse_catalog(ex.bad);
    assert!(
        d.0.iter().any(|x| x.code == Code::Catalog),
        "bad gives {d:?}"
    );
    let (cat, d) = parse_catalog(ex.fixed);
    assert!(cat.is_some() && !d.has_errors(), "fixed gives {d:?}");
}

/// The catalogue link examples E0420 to E0426: the bad catalogue gives its code, the fixed one
/// loads without error.
#[test]
fn explain_link_examples_show_their_code() {
    for code in [
        Code::BadLink,
        Code::LinkTypeMismatch,
        Code::LinkTargetNotKey,
        Code::DuplicateLink,
        Code::LinkCycle,
        Code::BadKey,
        Code::BadReverse,
    ] {
        let ex = reportc::diagnostics::example(code).unwrap();
        let (_, d) = parse_catalog(ex.bad);
        assert!(
            d.0.iter().any(|x| x.code == code),
            "{code}: bad gives {d:?}"
        );
        let (cat, d) = parse_catalog(ex.fixed);
        assert!(
            cat.is_some() && !d.has_errors(),
            "{code}: fixed gives {d:?}"
        );
    }
}

/// The lint examples W0101 to W0103: the bad report warns with its code, the fixed one does not.
#[test]
fn explain_lint_examples_show_their_code() {
    let d = dialect_by_name("postgres").unwrap();
    let warnings = |text: &str| -> Vec<Code> {
        let file = SourceFile::new("ex.yaml", text.to_string());
        let params = reportc::compile::ParamArgs::default();
        let opts = SqlOptions::default();
        let c = reportc::compile::compile_report_with(
            &file,
            InputFormat::Yaml,
            Catalog::builtin(),
            d,
            &opts,
            &params,
        )
        .unwrap_or_else(|e| panic!("{text} does not compile: {e:?}"));
        c.warnings.iter().map(|w| w.code).collect()
    };
    for code in [
        Code::MixedAndOr,
        Code::ConstantFilter,
        Code::LimitWithoutOrder,
    ] {
        let ex = reportc::diagnostics::example(code).unwrap();
        assert!(
            warnings(ex.bad).contains(&code),
            "{code}: bad does not warn"
        );
        assert!(
            !warnings(ex.fixed).contains(&code),
            "{code}: fixed still warns"
        );
    }
}
