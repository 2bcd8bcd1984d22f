//! Differential harness: every report of `reports/` and of the conformance corpus
//! (`tests/conformance/*.yaml`, small reports that together use every feature of the language)
//! is compiled for each dialect that has a real engine here, run on that engine (one runner
//! call per engine) against the same demo data, and the results, normalised, must be equal
//! across engines: in the same order when the report orders every output column, else as
//! multisets (and each engine's rows must respect the ORDER BY prefix).
//!
//! A construct a dialect refuses at compile time (E0300) is expected only when it is listed in
//! [`EXPECTED_REFUSALS`]: an unlisted refusal fails, and so does a listed one that compiles.
//! A dialect that does not exist yet is reported as "not available yet" and does not fail.
//! Locally a missing engine is a skip that names it; under CI (`CI` set) it fails.

mod common;

use common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::Code;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use serde_json::Value;
use std::path::PathBuf;

/// Engine -> dialect.
const ENGINES: &[(&str, &str)] = &[
    ("duckdb", "duckdb"),
    ("postgres", "postgres"),
    ("sqlite", "sqlite"),
    ("mysql", "mysql"),
    ("clickhouse", "clickhouse"),
    ("spark", "spark"),
];

/// Constructs a dialect refuses (E0300), as (report stem, dialect, words of the message).
const EXPECTED_REFUSALS: &[(&str, &str, &str)] = &[
    // exact percentiles: no exact continuous percentile aggregate
    ("c30_percentile_median", "sqlite", "percentile"),
    ("c30_percentile_median", "mysql", "percentile"),
    ("outgoing_exchange_time_percentile", "sqlite", "percentile"),
    ("outgoing_exchange_time_percentile", "mysql", "percentile"),
    ("wait_time_percentile_by_queue", "sqlite", "percentile"),
    ("wait_time_percentile_by_queue", "mysql", "percentile"),
    // report time zones (buckets in a named zone): SQLite has no tz database
    ("c19_paris_dst_hours", "sqlite", "time zone"),
    ("c20_paris_days", "sqlite", "time zone"),
    ("c21_new_york_weeks_months", "sqlite", "time zone"),
    ("c22_kolkata_half_hour_offset", "sqlite", "time zone"),
    (
        "c46_group_by_bucket_with_timezone_and_having",
        "sqlite",
        "time zone",
    ),
    ("hourly_incoming_load_paris", "sqlite", "time zone"),
];

/// Known disagreements between an engine and the reference engine (DuckDB), as (report stem,
/// engine, why). Each is printed, not failed; one that no longer differs fails, so the entry is
/// removed when the compiler (or the runner) is fixed.
const KNOWN_MISMATCHES: &[(&str, &str, &str)] = &[
    // the runner stores a NULL list as [] on ClickHouse (arrays cannot be Nullable): the data
    // differ, not the SQL
    (
        "c15_list_contains",
        "clickhouse",
        "NULL lists are [] on ClickHouse",
    ),
    (
        "c44_row_listing_limit",
        "clickhouse",
        "NULL lists are [] on ClickHouse",
    ),
];

/// The demo data's anchor (a Wednesday, 17 days after the spring DST change of 2026-03-29):
/// relative ranges are evaluated at this UTC instant.
fn anchor() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0)
}

fn conformance() -> Vec<PathBuf> {
    files_in("tests/conformance", &["yaml", "yml"])
}

/// Every report of reports/ (each format the compiler reads) and the conformance corpus.
fn corpus() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("reports"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_str().and_then(InputFormat::from_path).is_some())
        .collect();
    v.sort();
    v.extend(conformance());
    v
}

/// The id of a report in the runner: its file name (a report may exist as .yaml and .rpt).
fn id_of(p: &std::path::Path) -> String {
    p.file_name().unwrap().to_string_lossy().to_string()
}

fn compile_any(
    p: &std::path::Path,
    catalog: &Catalog,
    d: &reportc::sql::Dialect,
    opts: &SqlOptions,
) -> Result<String, Vec<reportc::diagnostics::Diagnostic>> {
    let f = load(p);
    reportc::compile_file(
        &f,
        InputFormat::from_path(&f.name).unwrap(),
        catalog,
        d,
        opts,
    )
}

#[test]
fn conformance_corpus_is_big_and_covers_the_language() {
    let files = conformance();
    assert!(
        files.len() >= 40,
        "only {} conformance reports",
        files.len()
    );
    let all: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().to_lowercase())
        .collect();
    let features = [
        " = ",
        " != ",
        " <> ",
        " < ",
        " <= ",
        " > ",
        " >= ",
        " in (",
        " not in (",
        " between ",
        " not between ",
        " is null",
        " is not null",
        " and ",
        " or ",
        "not (",
        " + ",
        " - ",
        " * ",
        " / ",
        " contains ",
        " starts_with ",
        " ends_with ",
        " icontains ",
        " istarts_with ",
        " iends_with ",
        " not contains ",
        " not starts_with ",
        " not ends_with ",
        " not icontains ",
        " not istarts_with ",
        " not iends_with ",
        "checkpoints contains",
        " by hour",
        " by day",
        " by week",
        " by month",
        " by quarter",
        " by year",
        "in today",
        "in yesterday",
        "in this week",
        "in this month",
        "in this quarter",
        "in this year",
        "in previous week",
        "in previous month",
        "in previous quarter",
        "in previous year",
        "in last 6 hours",
        "days",
        "weeks",
        "months",
        "quarters",
        "years",
        "count()",
        "count(queue)",
        "count_distinct(",
        "sum(",
        "avg(",
        "min(",
        "max(",
        "percentile(",
        "median(",
        "lower(",
        "upper(",
        "round(",
        "round(avg(wait_time), 2)",
        ") where ",
        ") / count()",
        "timezone: europe/paris",
        "timezone: america/new_york",
        "timezone: asia/kolkata",
        "having:",
        "group_by:",
        " desc",
        "nulls first",
        "nulls last",
        "limit:",
        "= yes",
        "= no",
        "= true",
        "= false",
        "90s",
        "2m",
        "1h30m",
        "1d",
        "250ms",
        "-1",
        "0.5",
        "2026-03-15t08:00",
        "2026-03-15 08:00:15",
        "\\u{",
        "\\n",
        "\\t",
        "\\'",
        "\\\\",
        "''",
        "\"'\"",
        "%",
        "_",
        "😀",
        "+33612345678",
        "'whatsapp'",
    ];
    let missing: Vec<&str> = features
        .iter()
        .copied()
        .filter(|f| !all.contains(f))
        .collect();
    assert!(missing.is_empty(), "no conformance report uses {missing:?}");
}

#[test]
fn expected_refusals_name_existing_reports() {
    let ids: Vec<String> = corpus().iter().map(|p| stem(p)).collect();
    for (r, e, _) in KNOWN_MISMATCHES {
        assert!(ids.iter().any(|i| i == r), "KNOWN_MISMATCHES names `{r}`");
        assert!(ENGINES.iter().any(|(x, _)| x == e), "no engine `{e}`");
    }
    for (r, d, _) in EXPECTED_REFUSALS {
        assert!(ids.iter().any(|i| i == r), "EXPECTED_REFUSALS names `{r}`");
        assert!(ENGINES.iter().any(|(_, x)| x == d), "no engine for `{d}`");
    }
}

// ------------------------------------------------------------------- normalisation

/// A value normalised across engines.
#[derive(Debug, Clone, PartialEq)]
enum Norm {
    Null,
    Num(f64),
    Text(String),
    List(Vec<Norm>),
    Other(String),
}

fn is_timestamp_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || ((b[10] == b' ' || b[10] == b'T') && b.len() >= 19 && b[13] == b':'))
}

/// Timestamps as `YYYY-MM-DD HH:MM:SS[.f]` without trailing zero fractions; a date alone is
/// midnight.
fn norm_timestamp(s: &str) -> String {
    let mut t = s.replacen('T', " ", 1);
    if t.len() == 10 {
        t.push_str(" 00:00:00");
    }
    if let Some(dot) = t.find('.') {
        let frac = t[dot + 1..].trim_end_matches('0').to_string();
        t.truncate(dot);
        if !frac.is_empty() {
            t.push('.');
            t.push_str(&frac);
        }
    }
    t
}

fn norm(v: &Value) -> Norm {
    match v {
        Value::Null => Norm::Null,
        Value::Bool(b) => Norm::Num(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => Norm::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) if is_timestamp_like(s) => Norm::Text(norm_timestamp(s)),
        Value::String(s) if s.starts_with('[') && s.ends_with(']') => {
            match serde_json::from_str::<Vec<Value>>(s) {
                Ok(items) => Norm::List(items.iter().map(norm).collect()),
                Err(_) => Norm::Text(s.clone()),
            }
        }
        Value::String(s) => Norm::Text(s.clone()),
        Value::Array(items) => Norm::List(items.iter().map(norm).collect()),
        other => Norm::Other(other.to_string()),
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a - b).abs() < 1e-12
}

fn same(a: &Norm, b: &Norm) -> bool {
    match (a, b) {
        (Norm::Num(x), Norm::Num(y)) => close(*x, *y),
        (Norm::List(x), Norm::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        _ => a == b,
    }
}

fn same_row(a: &[Norm], b: &[Norm]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// A sort key for multiset comparison (floats to 9 significant digits, so values equal within
/// the tolerance sort together).
fn key(row: &[Norm]) -> String {
    fn k(v: &Norm) -> String {
        match v {
            Norm::Null => "\u{0}NULL".into(),
            Norm::Num(f) => format!("{f:.8e}"),
            Norm::Text(s) => format!("t{s}"),
            Norm::List(l) => format!("[{}]", l.iter().map(k).collect::<Vec<_>>().join(",")),
            Norm::Other(s) => format!("o{s}"),
        }
    }
    row.iter().map(k).collect::<Vec<_>>().join("\u{1}")
}

fn show(row: &[Norm]) -> String {
    row.iter()
        .map(|v| match v {
            Norm::Null => "NULL".to_string(),
            Norm::Num(f) => format!("{f}"),
            Norm::Text(s) => format!("{s:?}"),
            Norm::List(l) => format!(
                "[{}]",
                l.iter()
                    .map(|x| show(std::slice::from_ref(x)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Norm::Other(s) => s.clone(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `None` when equal, else a description of the differing rows.
fn compare(a: &QueryResult, b: &QueryResult, ordered: bool) -> Option<String> {
    let na: Vec<Vec<Norm>> = a
        .rows
        .iter()
        .map(|r| r.iter().map(norm).collect())
        .collect();
    let nb: Vec<Vec<Norm>> = b
        .rows
        .iter()
        .map(|r| r.iter().map(norm).collect())
        .collect();
    if a.columns.len() != b.columns.len() {
        return Some(format!(
            "columns differ: {:?} vs {:?}",
            a.columns, b.columns
        ));
    }
    let (mut xa, mut xb) = (na.clone(), nb.clone());
    if !ordered {
        xa.sort_by_key(|r| key(r));
        xb.sort_by_key(|r| key(r));
    }
    let mut diffs = Vec::new();
    for i in 0..xa.len().max(xb.len()) {
        match (xa.get(i), xb.get(i)) {
            (Some(x), Some(y)) if same_row(x, y) => {}
            (x, y) => diffs.push(format!(
                "  row {i}:\n    < {}\n    > {}",
                x.map(|r| show(r)).unwrap_or_else(|| "(none)".into()),
                y.map(|r| show(r)).unwrap_or_else(|| "(none)".into())
            )),
        }
        if diffs.len() >= 12 {
            diffs.push("  ...".into());
            break;
        }
    }
    if diffs.is_empty() {
        None
    } else {
        Some(format!(
            "{} rows vs {} rows ({}):\n{}",
            xa.len(),
            xb.len(),
            if ordered { "in order" } else { "sorted" },
            diffs.join("\n")
        ))
    }
}

// ------------------------------------------------------------------------- the test

/// A report run on one engine: its id, its SQL and the rows or the engine's error.
type Ran = (String, String, Result<QueryResult, String>);

struct Report {
    path: PathBuf,
    id: String,
    stem: String,
    query: reportc::ir::Query,
}

/// A set of reports on one catalogue, with what is expected of them.
struct Corpus<'a> {
    catalog: &'a Catalog,
    reports: Vec<PathBuf>,
    refusals: &'a [(&'a str, &'a str, &'a str)],
    known: &'a [(&'a str, &'a str, &'a str)],
}

#[test]
fn engines_agree_on_every_report() {
    differential(Corpus {
        catalog: Catalog::builtin(),
        reports: corpus(),
        refusals: EXPECTED_REFUSALS,
        known: KNOWN_MISMATCHES,
    });
}

/// A user's catalogue unlike the built-in one (tests/fixtures/callcentre_catalog.yaml): physical
/// names with capitals, spaces and reserved words, stored codes with a quote, milliseconds, and
/// its reports (tests/user_catalog): the same rows on every engine too.
#[test]
fn engines_agree_on_a_users_catalogue() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/callcentre_catalog.yaml")).unwrap();
    let (cat, diags) = reportc::catalog::parse_catalog(&text);
    assert!(!diags.has_errors(), "{diags:?}");
    let reports = files_in("tests/user_catalog", &["yaml"]);
    assert!(reports.len() >= 8);
    differential(Corpus {
        catalog: &cat.unwrap(),
        reports,
        refusals: USER_CATALOGUE_REFUSALS,
        known: &[(
            "03_vip_line_listing",
            "clickhouse",
            "NULL lists are [] on ClickHouse",
        )],
    });
}

/// Refusals of the user-catalogue corpus, as in [`EXPECTED_REFUSALS`].
const USER_CATALOGUE_REFUSALS: &[(&str, &str, &str)] = &[
    ("06_talk_percentiles", "sqlite", "percentile"),
    ("06_talk_percentiles", "mysql", "percentile"),
    ("01_daily_by_line_london", "sqlite", "time zone"),
    ("02_sydney_weeks", "sqlite", "time zone"),
    ("07_monthly_missed_paris", "sqlite", "time zone"),
];

/// Compile every report of the corpus for every engine's dialect, run each on its engine with
/// the same demo data, and compare (see the module comment).
fn differential(c: Corpus) {
    let tables =
        reportc::demo::to_runner_json(&reportc::demo::generate(c.catalog, 400, 42, anchor()));
    let opts = SqlOptions {
        as_of: Some(anchor()),
    };
    let reports: Vec<Report> = c
        .reports
        .iter()
        .cloned()
        .map(|p| {
            let f = load(&p);
            let (q, diags) =
                reportc::check_file(&f, InputFormat::from_path(&f.name).unwrap(), c.catalog);
            let query = q.unwrap_or_else(|| panic!("{} is invalid: {diags:?}", f.name));
            Report {
                id: id_of(&p),
                stem: stem(&p),
                query,
                path: p,
            }
        })
        .collect();
    let mut failures: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // (engine, report id) -> (sql, result)
    let mut results: Vec<(&str, Vec<Ran>)> = Vec::new();
    for (engine, dname) in ENGINES {
        let Some(d) = reportc::sql::dialect_by_name(dname) else {
            notes.push(format!("{engine}: dialect `{dname}` not available yet"));
            continue;
        };
        let mut queries = Vec::new();
        let mut refused = 0;
        for r in &reports {
            let expected = c
                .refusals
                .iter()
                .find(|(s, x, _)| *s == r.stem && x == dname);
            match (compile_any(&r.path, c.catalog, d, &opts), expected) {
                (Ok(sql), None) => queries.push((r.id.clone(), sql)),
                (Ok(sql), Some(_)) => failures.push(format!(
                    "{}: compiles for {dname} but EXPECTED_REFUSALS says it is refused; remove the entry from the refusals\n{sql}",
                    r.path.display()
                )),
                (Err(diags), Some((_, _, words))) => {
                    let ok = diags.iter().all(|x| x.code == Code::Unsupported)
                        && diags.iter().any(|x| x.message.contains(words));
                    if ok {
                        refused += 1;
                    } else {
                        failures.push(format!(
                            "{}: for {dname}, expected a refusal about `{words}`, got {diags:?}",
                            r.path.display()
                        ));
                    }
                }
                (Err(diags), None) => failures.push(format!(
                    "{}: unexpected {} for {dname}: {}",
                    r.path.display(),
                    if diags.iter().all(|x| x.code == Code::Unsupported) {
                        "refusal (add it to the expected refusals if it is right)"
                    } else {
                        "diagnostics"
                    },
                    diags
                        .iter()
                        .map(|x| format!("{} {}", x.code.as_str(), x.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            }
        }
        let t0 = std::time::Instant::now();
        let Some(out) = engine_or_skip(engine, run_engine(engine, &tables, &queries)) else {
            continue;
        };
        notes.push(format!(
            "{engine}: {} reports run, {refused} refused as expected ({:.1} s)",
            queries.len(),
            t0.elapsed().as_secs_f32()
        ));
        let mut rs = Vec::new();
        for ((id, r), (_, sql)) in out.into_iter().zip(queries) {
            rs.push((id, sql, r));
        }
        results.push((engine, rs));
    }
    // engine errors and ORDER BY of each engine's rows
    let mut nonempty = 0;
    for (engine, rs) in &results {
        for (id, sql, r) in rs {
            let rep = reports.iter().find(|x| &x.id == id).unwrap();
            match r {
                Err(e) => failures.push(format!(
                    "{} failed on {engine}: {e}\n{sql}",
                    rep.path.display()
                )),
                Ok(r) => {
                    if let Err(e) = check_order(r, &rep.query) {
                        failures.push(format!("{} on {engine}: {e}\n{sql}", rep.path.display()));
                    }
                    if *engine == "duckdb" && !r.rows.is_empty() {
                        nonempty += 1;
                    }
                }
            }
        }
    }
    // every engine against the first one that ran (DuckDB when present)
    if let Some(((ref_engine, ref_rs), others)) = results.split_first() {
        for (engine, rs) in others {
            for (id, sql, r) in rs {
                let Ok(r) = r else { continue };
                let Some((_, ref_sql, Ok(a))) = ref_rs.iter().find(|(i, _, _)| i == id) else {
                    continue;
                };
                let rep = reports.iter().find(|x| &x.id == id).unwrap();
                let ordered = !rep.query.outputs.is_empty()
                    && (0..rep.query.outputs.len())
                        .all(|i| rep.query.order_by.iter().any(|o| o.output == i));
                let known = c
                    .known
                    .iter()
                    .find(|(s, e, _)| *s == rep.stem && e == engine);
                let diff = compare(a, r, ordered);
                if let (Some(_), Some((_, _, why))) = (&diff, known) {
                    notes.push(format!(
                        "KNOWN MISMATCH {} on {engine}: {why}",
                        rep.path.display()
                    ));
                    continue;
                }
                if let (None, Some((_, _, why))) = (&diff, known) {
                    failures.push(format!(
                        "{} now agrees between {ref_engine} and {engine}: remove it from the known mismatches ({why})",
                        rep.path.display()
                    ));
                    continue;
                }
                if let Some(diff) = diff {
                    failures.push(format!(
                        "MISMATCH {} between {ref_engine} and {engine}\n--- report\n{}\n--- {ref_engine} SQL\n{ref_sql}\n--- {engine} SQL\n{sql}\n--- rows (< {ref_engine}, > {engine})\n{diff}",
                        rep.path.display(),
                        std::fs::read_to_string(&rep.path).unwrap_or_default().trim_end(),
                    ));
                }
            }
        }
        if *ref_engine == "duckdb" {
            // the comparison means something only if the data reaches most reports
            let total = ref_rs.len();
            assert!(
                nonempty * 10 >= total * 8,
                "only {nonempty} of {total} reports return rows on DuckDB"
            );
        }
    }
    for n in &notes {
        eprintln!("harness: {n}");
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn normalisation() {
    use serde_json::json;
    assert!(same(&norm(&json!(true)), &norm(&json!(1))));
    assert!(same(&norm(&json!(3)), &norm(&json!(3.0))));
    assert!(same(&norm(&json!(0.1 + 0.2)), &norm(&json!(0.3))));
    assert!(!same(&norm(&json!(0.3001)), &norm(&json!(0.3))));
    assert!(same(
        &norm(&json!("2026-03-29 01:00:00.000")),
        &norm(&json!("2026-03-29T01:00:00"))
    ));
    assert!(same(
        &norm(&json!("2026-03-29")),
        &norm(&json!("2026-03-29 00:00:00"))
    ));
    assert!(same(
        &norm(&json!("[\"a\", \"b\"]")),
        &norm(&json!(["a", "b"]))
    ));
    assert!(!same(&norm(&json!(null)), &norm(&json!(0))));
    assert_eq!(norm(&json!("]bracket[")), Norm::Text("]bracket[".into()));
    let a = QueryResult {
        columns: vec!["x".into()],
        rows: vec![vec![json!(1)], vec![json!(2)]],
    };
    let b = QueryResult {
        columns: vec!["x".into()],
        rows: vec![vec![json!(2.0)], vec![json!(1.0)]],
    };
    assert!(compare(&a, &b, false).is_none());
    assert!(compare(&a, &b, true).is_some());
}
