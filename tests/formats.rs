//! `check --format json|sarif|github|junit` (and `compile` in a machine format) driven through
//! the binary: the SARIF log validated against the real SARIF 2.1.0 schema (OASIS errata 01,
//! vendored in tests/fixtures) and against what GitHub code scanning reads; positions in UTF-16
//! code units where the format says so.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// A report with two errors: an enum value holding a character of two UTF-16 code units
/// (E0202), and `nope` after it (E0201).
const EMOJI: &str =
    "report r\nfrom sms\nselect n = count()\nwhere status = '\u{1F600}' and nope > 1\n";

fn run(cwd: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .arg("--isolated")
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A folder with a valid report, the emoji report, and a YAML report with two errors.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/emoji.rpt"), EMOJI).unwrap();
    for f in [
        "reports/monthly_sms_credits.rpt",
        "tests/bad/38_several_errors_sms.yaml",
    ] {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(root.join(f), dir.path().join("reports").join(name)).unwrap();
    }
    dir
}

fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/sarif-schema-2.1.0.json"))
            .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_is_valid_and_as_github_reads_it() {
    let dir = project();
    let (code, stdout, stderr) = run(dir.path(), &["check", "reports", "--format", "sarif"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr, "");
    let log: Value = serde_json::from_str(&stdout).unwrap();
    let v = sarif_validator();
    let errors: Vec<String> = v
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // a log that breaks the schema is refused: the validator can fail
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!v.is_valid(&broken));

    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-schema-2.1.0.json"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "reportc");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), reportc::diagnostics::Code::ALL.len());
    for r in rules {
        for k in ["shortDescription", "fullDescription"] {
            assert!(!r[k]["text"].as_str().unwrap().is_empty(), "{r}");
        }
        assert!(!r["help"]["text"].as_str().unwrap().is_empty(), "{r}");
        assert!(!r["help"]["markdown"].as_str().unwrap().is_empty(), "{r}");
        assert!(
            ["error", "warning"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    // 6 errors in the YAML report, 2 in the emoji report, none in the valid one
    assert_eq!(results.len(), 8, "{results:#?}");
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("reports/") && dir.path().join(uri).exists(),
            "{uri}"
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    let emoji = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/emoji.rpt"
                && r["ruleId"] == "E0201"
        })
        .unwrap();
    let region = &emoji["locations"][0]["physicalLocation"]["region"];
    assert_eq!(emoji["ruleId"], "E0201");
    // `nope` starts after 23 characters, 24 UTF-16 code units
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(4),
            &Value::from(25),
            &Value::from(4),
            &Value::from(29)
        )
    );
    // same input, same bytes
    assert_eq!(run_again(dir.path(), "sarif"), stdout);
}

fn run_again(dir: &Path, format: &str) -> String {
    run(dir, &["check", "reports", "--format", format]).1
}

#[test]
fn json_keeps_the_documented_order_and_counts_utf16() {
    let dir = project();
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "reports/emoji.rpt", "--format", "json"],
    );
    assert_eq!(code, Some(1));
    let top: Vec<usize> = [
        "\"files\"",
        "\"invalid\"",
        "\"errors\"",
        "\"warnings\"",
        "\"diagnostics\"",
    ]
    .iter()
    .map(|k| stdout.find(k).unwrap())
    .collect();
    assert!(top.windows(2).all(|w| w[0] < w[1]), "{stdout}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let d = &v["diagnostics"][1];
    assert_eq!(d["code"], "E0201");
    // the literal `'😀'` ends one character but two code units after its start
    let e = &v["diagnostics"][0];
    assert_eq!(
        (
            &e["column"],
            &e["end_column"],
            &e["column_utf16"],
            &e["end_column_utf16"]
        ),
        (
            &Value::from(16),
            &Value::from(19),
            &Value::from(16),
            &Value::from(20)
        )
    );
    assert_eq!(
        (&d["line"], &d["column"], &d["column_utf16"]),
        (&Value::from(4), &Value::from(24), &Value::from(25))
    );
    assert_eq!(
        (&v["files"], &v["invalid"], &v["errors"]),
        (&Value::from(1), &Value::from(1), &Value::from(2))
    );
}

#[test]
fn github_annotations() {
    let dir = project();
    let (code, stdout, stderr) = run(dir.path(), &["check", "reports", "--format", "github"]);
    assert_eq!(code, Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{stdout}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=reports/")),
        "{stdout}"
    );
    let emoji = lines
        .iter()
        .find(|l| l.contains("emoji.rpt") && l.contains("E0201"))
        .unwrap();
    assert!(
        emoji.starts_with(
            "::error file=reports/emoji.rpt,line=4,col=25,endLine=4,endColumn=29,title=E0201 unknown column::`nope` is not a column of `sms`%0Ahelp: "
        ),
        "{emoji}"
    );
}

/// Run from a subfolder of a repository, GitHub annotations and SARIF URIs name files from
/// the repository root (as GitHub maps them onto the checkout), while the human and JSON
/// output keep paths relative to the working directory.
#[test]
fn annotations_and_sarif_name_files_from_the_repository_root() {
    let dir = project();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let sub = dir.path().join("reports");
    let (code, stdout, stderr) = run(&sub, &["check", ".", "--format", "github"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("::error file=reports/")),
        "{stdout}"
    );
    let (_, stdout, _) = run(&sub, &["check", ".", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert!(uri.as_str().unwrap().starts_with("reports/"), "{uri}");
    let (_, stdout, _) = run(&sub, &["check", ".", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let file = json["diagnostics"][0]["file"].as_str().unwrap();
    assert!(!file.starts_with("reports/"), "{file}");
}

#[test]
fn junit_has_a_testcase_per_file() {
    let dir = project();
    let (code, stdout, _) = run(dir.path(), &["check", "reports", "--format", "junit"]);
    assert_eq!(code, Some(1));
    assert!(stdout.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(
        stdout.contains("<testsuite name=\"reportc\" tests=\"3\" failures=\"2\""),
        "{stdout}"
    );
    assert_eq!(stdout.matches("<testcase ").count(), 3);
    assert_eq!(stdout.matches("<failure ").count(), 2);
    assert!(stdout.contains("<testcase name=\"reports/monthly_sms_credits.rpt\" classname=\"reportc\" file=\"reports/monthly_sms_credits.rpt\"/>"), "{stdout}");
    assert!(
        stdout.contains("reports/emoji.rpt:4:24: error[E0201]: `nope` is not a column of `sms`"),
        "{stdout}"
    );
}

/// SQL never shares stdout with a machine document: `compile` in SARIF, GitHub or JUnit format
/// needs `--out`, and then stdout holds the document only.
#[test]
fn compile_machine_formats_write_sql_to_out_only() {
    let dir = project();
    for format in ["sarif", "github", "junit"] {
        let (code, stdout, stderr) = run(
            dir.path(),
            &[
                "compile",
                "reports/monthly_sms_credits.rpt",
                "--format",
                format,
            ],
        );
        assert_eq!(code, Some(2), "{format}: {stdout}{stderr}");
        assert_eq!(stdout, "");
        assert!(stderr.contains("--out"), "{stderr}");
    }
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "compile",
            "reports/monthly_sms_credits.rpt",
            "reports/emoji.rpt",
            "--format",
            "sarif",
            "--out",
            "build",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    let log: Value = serde_json::from_str(&stdout).expect("stdout is the SARIF log only");
    assert!(sarif_validator().is_valid(&log));
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
    assert!(dir.path().join("build/monthly_sms_credits.sql").exists());
}
