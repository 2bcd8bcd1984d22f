//! `reportc schema` checked with a real JSON Schema validator (the `jsonschema` crate, draft-07):
//! every example report is valid, and the structurally wrong bad reports are rejected. Reports
//! are read as JSON instances by a YAML 1.2 loader (`saphyr`), which types scalars as
//! yaml-language-server does (`limit: 50` is a number, `no` a string).

use reportc::catalog::Catalog;
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const USER_CATALOG: &str = "tests/fixtures/callcentre_catalog.yaml";
const MODELINE: &str = "# yaml-language-server: $schema=../docs/report.schema.json";

/// The schema printed by the binary (`reportc schema [--catalog FILE]`).
fn schema(catalog: Option<&str>) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reportc"));
    cmd.arg("schema").current_dir(ROOT);
    if let Some(c) = catalog {
        cmd.args(["--catalog", c]);
    }
    let out = cmd.output().expect("run reportc schema");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    jsonschema::draft7::meta::validate(&schema).expect("the schema is a valid draft-07 schema");
    schema
}

fn validator(catalog: Option<&str>) -> jsonschema::Validator {
    jsonschema::draft7::new(&schema(catalog)).expect("the schema compiles")
}

/// A YAML file as a JSON value, as yaml-language-server reads it; `None` when it is not YAML
/// that a JSON Schema can be applied to (a syntax error, a duplicate key, an alias).
fn instance(text: &str) -> Option<Value> {
    let docs = Yaml::load_from_str(text).ok()?;
    match docs.as_slice() {
        [doc] => to_json(doc),
        [] => Some(Value::Null),
        _ => None,
    }
}

fn to_json(y: &Yaml) -> Option<Value> {
    Some(match y {
        Yaml::Value(s) => scalar(s)?,
        Yaml::Representation(s, _, _) => Value::String(s.to_string()),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect::<Option<_>>()?),
        Yaml::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                let key = match to_json(k)? {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                out.insert(key, to_json(v)?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(_, inner) => to_json(inner)?,
        Yaml::Alias(_) | Yaml::BadValue => return None,
    })
}

fn scalar(s: &Scalar) -> Option<Value> {
    Some(match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::from(*i),
        Scalar::FloatingPoint(f) => Value::from(serde_json::Number::from_f64(f.into_inner())?),
        Scalar::String(s) => Value::String(s.to_string()),
    })
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no reports in {dir}");
    files
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect()
}

#[test]
fn every_example_is_valid() {
    let builtin = validator(None);
    let user = validator(Some(USER_CATALOG));
    let mut failures = Vec::new();
    let mut checked = 0;
    for (dir, v) in [
        ("reports", &builtin),
        ("tests/conformance", &builtin),
        ("tests/user_catalog", &user),
    ] {
        for path in yaml_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            let Some(value) = instance(&text) else {
                failures.push(format!("{}: not loadable as YAML", path.display()));
                continue;
            };
            checked += 1;
            let errs = errors(v, &value);
            if !errs.is_empty() {
                failures.push(format!("{}: {}", path.display(), errs.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 60, "only {checked} reports checked");
}

/// The bad reports whose mistake is in the structure, which the schema can see.
const REJECTED: &[(&str, &str)] = &[
    ("03_unknown_key_colums.yaml", "colums"),
    ("04_unknown_key_filter.yaml", "filter"),
    ("05_missing_source.yaml", "source"),
    ("06_columns_mapping_without_dashes.yaml", "columns"),
    ("13_unknown_source.yaml", "incoming_message_distribution"),
    ("22_limit_zero.yaml", "limit"),
    ("23_limit_negative.yaml", "limit"),
    ("35_columns_comma_separated_string.yaml", "columns"),
    ("39_several_errors_keys.yaml", "filter"),
    ("45_quoted_named_column.yaml", "columns"),
];

#[test]
fn structurally_bad_reports_are_rejected() {
    let v = validator(None);
    let mut failures = Vec::new();
    for (file, about) in REJECTED {
        let path = Path::new(ROOT).join("tests/bad").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let value = instance(&text).unwrap_or_else(|| panic!("{file} does not load as YAML"));
        let errs = errors(&v, &value);
        if errs.is_empty() {
            failures.push(format!("{file}: accepted"));
        } else if !errs.iter().any(|e| e.contains(about)) {
            failures.push(format!("{file}: no error about `{about}`: {errs:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn wrong_kinds_and_names_are_rejected() {
    let v = validator(None);
    let ok = "source: incoming_message_distributions\ncolumns:\n  - queue\n  - n: count()\n";
    assert_eq!(errors(&v, &instance(ok).unwrap()), Vec::<String>::new());
    let bad = [
        // a column of another source (`recipient` is an `sms` column)
        "source: incoming_message_distributions\ncolumns: [recipient]\n",
        "source: sms\ncolumns: [queue, wait_time]\n",
        // wrong kinds
        "source: sms\ncolumns: [recipient]\ntitle: [a, b]\n",
        "source: sms\ncolumns: [recipient]\nlimit: [5]\n",
        "source: sms\ncolumns: [recipient]\nlimit: ten\n",
        "source: sms\ncolumns: [recipient]\nfilters: {a: b}\n",
        "source: sms\ncolumns: [recipient]\norder_by: [{a: b}]\n",
        "source: sms\ncolumns: []\n",
        "source: sms\ncolumns:\n  - n: [count()]\n",
        // names
        "source: sms\ncolumns:\n  - my name: count()\n",
        "source: sms\ncolumns:\n  - {a: count(), b: count()}\n",
        "report: 9lives\nsource: sms\ncolumns: [recipient]\n",
        // no columns, unknown key
        "source: sms\n",
        "source: sms\ncolumns: [recipient]\nsort: recipient\n",
    ];
    for text in bad {
        let value = instance(text).unwrap();
        assert!(!v.is_valid(&value), "accepted:\n{text}");
    }
    // a plain value where a one-item list is accepted, an empty optional list, a backtick name
    for text in [
        "source: sms\ncolumns: recipient\nhaving: n > 1\ngroup_by:\n",
        "source: sms\ncolumns: ['`recipient`']\n",
    ] {
        assert_eq!(
            errors(&v, &instance(text).unwrap()),
            Vec::<String>::new(),
            "{text}"
        );
    }
}

#[test]
fn the_committed_schema_is_current() {
    let want = reportc::schema::report_schema_json(Catalog::builtin());
    let have = std::fs::read_to_string(Path::new(ROOT).join("docs/report.schema.json"))
        .unwrap_or_default();
    assert!(
        have == want,
        "docs/report.schema.json is stale: run `cargo run -q -- schema > docs/report.schema.json`"
    );
    assert_eq!(schema(None), serde_json::from_str::<Value>(&want).unwrap());
}

#[test]
fn example_reports_name_the_schema() {
    for path in yaml_files("reports") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.lines().next() == Some(MODELINE),
            "{} does not start with `{MODELINE}`",
            path.display()
        );
    }
}
