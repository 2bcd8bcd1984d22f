//! Differential harness: every report of `reports/` and of the conformance corpus
//! (`tests/conformance/*.yaml`, small reports that together use every feature of the language)
//! is compiled for each dialect that has a real engine here, run on that engine (one runner
//! call per engine) against the same demo data, and the results, normalised, must be equal
//! across engines: in the same order when the report orders every output column, else as
//! multisets (and each engine's rows must respect the ORDER BY prefix).
//!
//! A construct a dialect refuses at compile time (E0300) is expected only when it is listed in
//! [`EXPECTED_REFUSALS`]: an unlisted refusal fails, and so does a listed one that compiles
//! (checked without engines). Each engine is its own test (`engines_agree_on_every_report::
//! mysql`), compared with DuckDB's rows (computed once): an engine that cannot be reached makes
//! its test *ignored*, with the reason; under CI (`CI` set) it fails. A dialect that does not
//! exist yet is ignored too, saying so. Rows are compared with `common::rows`.

mod common;
#[path = "harness/comparisons.rs"]
mod comparisons;
#[path = "harness/coverage.rs"]
mod coverage;
#[path = "harness/expected.rs"]
mod expected;
#[path = "harness/fill.rs"]
mod fill;
#[path = "harness/hand_worked.rs"]
mod hand_worked;
#[path = "harness/kpis.rs"]
mod kpis;
#[path = "harness/percentiles.rs"]
mod percentiles;
#[path = "harness/shares.rs"]
mod shares;
#[path = "harness/top_rest.rs"]
mod top_rest;

use common::*;
use coverage::conformance_corpus_is_big_and_covers_the_language;
use expected::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::Code;
use reportc::sql::SqlOptions;
use reportc::InputFormat;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Engine -> dialect.
const ENGINES: &[(&str, &str)] = &[
    ("duckdb", "duckdb"),
    ("postgres", "postgres"),
    ("sqlite", "sqlite"),
    ("mysql", "mysql"),
    ("clickhouse", "clickhouse"),
    ("spark", "spark"),
    // Snowflake emulated by fakesnow (DuckDB underneath): a second opinion, not Snowflake
    ("snowflake", "snowflake"),
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

fn expected_refusals_name_existing_reports() {
    let ids: Vec<String> = corpus().iter().map(|p| stem(p)).collect();
    for (r, e, _) in KNOWN_MISMATCHES {
        assert!(ids.iter().any(|i| i == r), "KNOWN_MISMATCHES names `{r}`");
        assert!(ENGINES.iter().any(|(x, _)| x == e), "no engine `{e}`");
    }
    for (r, e, _) in CANNOT_RUN {
        let user = files_in("tests/user_catalog", &["yaml"]);
        assert!(
            ids.iter().any(|i| i == r) || user.iter().any(|p| stem(p) == *r),
            "CANNOT_RUN names `{r}`"
        );
        assert!(ENGINES.iter().any(|(x, _)| x == e), "no engine `{e}`");
    }
    for (r, d, _) in EXPECTED_REFUSALS {
        assert!(ids.iter().any(|i| i == r), "EXPECTED_REFUSALS names `{r}`");
        assert!(ENGINES.iter().any(|(_, x)| x == d), "no engine for `{d}`");
    }
}

// ------------------------------------------------------------------------- the tests

fn main() {
    let mut trials = vec![
        trial(
            "conformance_corpus_is_big_and_covers_the_language",
            conformance_corpus_is_big_and_covers_the_language,
        ),
        trial(
            "expected_refusals_name_existing_reports",
            expected_refusals_name_existing_reports,
        ),
        trial("expected_refusals_hold", || refusals_hold(builtin())),
        trial("expected_refusals_hold_on_a_users_catalogue", || {
            refusals_hold(users())
        }),
        trial("expected_refusals_hold_on_hostile_names", || {
            refusals_hold(hostile())
        }),
        trial("normalisation", normalisation),
    ];
    for (engine, dialect) in ENGINES {
        trials.push(engine_trial(
            format!("engines_agree_on_every_report::{engine}"),
            move || differential(builtin(), engine),
        ));
        trials.push(engine_trial(
            format!("engines_agree_on_a_users_catalogue::{engine}"),
            move || differential(users(), engine),
        ));
        // fakesnow cannot create the hostile tables (its CREATE TABLE translation breaks on a
        // name holding `"`): those names are checked on the six engines and by sqlglot
        if *engine != "snowflake" {
            trials.push(engine_trial(
                format!("engines_agree_on_hostile_names::{engine}"),
                move || differential(hostile(), engine),
            ));
        }
        trials.push(engine_trial(
            format!("hand_worked_cases::{engine}"),
            move || hand_worked::hand_worked_rows(engine, dialect),
        ));
        trials.push(engine_trial(format!("join_cases::{engine}"), move || {
            hand_worked::case_rows(&hand_worked::JOINS, engine, dialect)
        }));
        trials.push(engine_trial(
            format!("comparisons_match_hand_worked_rows::{engine}"),
            move || comparisons::comparison_rows(engine, dialect),
        ));
        trials.push(engine_trial(
            format!("fill_matches_hand_worked_rows::{engine}"),
            move || fill::fill_rows(engine, dialect),
        ));
        if matches!(*engine, "duckdb" | "spark") {
            trials.push(engine_trial(
                format!("fill_from_numbers_matches_hand_worked_rows::{engine}"),
                move || fill::numbers_rows(engine, dialect),
            ));
        }
        trials.push(engine_trial(
            format!("kpis_match_hand_worked_rows::{engine}"),
            move || kpis::kpis_match_hand_worked_rows(engine, dialect),
        ));
        trials.push(engine_trial(
            format!("shares_match_hand_worked_rows::{engine}"),
            move || shares::shares_match_hand_worked_rows(engine, dialect),
        ));
        // on the engines with a percentile window function (on MariaDB, SQL Server's form)
        if percentiles::window_of(engine).is_some() {
            trials.push(engine_trial(
                format!("percentiles_over_rows_match_the_aggregate::{engine}"),
                move || percentiles::percentiles_over_rows(engine),
            ));
        }
        trials.push(engine_trial(
            format!("shares_over_groups_match_hand_worked_rows::{engine}"),
            move || shares::shares_over_groups_match_hand_worked_rows(engine, dialect),
        ));
        trials.push(engine_trial(
            format!("top_rest_matches_hand_worked_rows::{engine}"),
            move || top_rest::top_rest_matches_hand_worked_rows(engine, dialect),
        ));
    }
    run_trials(trials)
}

/// A report run on one engine: its id, its SQL and the rows or the engine's error.
type Ran = (String, String, Result<QueryResult, String>);

struct Report {
    path: PathBuf,
    id: String,
    stem: String,
    query: reportc::ir::Query,
}

/// A set of reports on one catalogue, with what is expected of them.
struct Corpus {
    catalog: &'static Catalog,
    reports: Vec<Report>,
    refusals: &'static [(&'static str, &'static str, &'static str)],
    known: &'static [(&'static str, &'static str, &'static str)],
    tables: serde_json::Value,
    /// DuckDB's rows, the reference every engine is compared with (run once).
    reference: OnceLock<Result<Vec<Ran>, String>>,
}

/// Every report of reports/ and the conformance corpus, on the built-in catalogue.
fn builtin() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        Corpus::new(
            Catalog::builtin(),
            corpus(),
            EXPECTED_REFUSALS,
            KNOWN_MISMATCHES,
        )
    })
}

/// A user's catalogue unlike the built-in one (tests/fixtures/callcentre_catalog.yaml): physical
/// names with capitals, spaces and reserved words, stored codes with a quote, milliseconds, and
/// its reports (tests/user_catalog): the same rows on every engine too.
fn users() -> &'static Corpus {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let cat = CAT.get_or_init(|| {
            let text =
                std::fs::read_to_string(root().join("tests/fixtures/callcentre_catalog.yaml"))
                    .unwrap();
            let (cat, diags) = reportc::catalog::parse_catalog(&text);
            assert!(!diags.has_errors(), "{diags:?}");
            cat.unwrap()
        });
        let reports = files_in("tests/user_catalog", &["yaml"]);
        assert!(reports.len() >= 8);
        Corpus::new(
            cat,
            reports,
            USER_CATALOGUE_REFUSALS,
            &[(
                "03_vip_line_listing",
                "clickhouse",
                "NULL lists are [] on ClickHouse",
            )],
        )
    })
}

/// A catalogue of hostile physical names (tests/fixtures/hostile_catalog.yaml: quotes of every
/// dialect, backslashes before quotes, `--`, `;`, `/*`, unicode) and its reports
/// (tests/hostile_catalog): every engine reads the same tables and returns the same rows, so no
/// name broke out of its quotes.
fn hostile() -> &'static Corpus {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let cat = CAT.get_or_init(|| {
            let text = std::fs::read_to_string(root().join("tests/fixtures/hostile_catalog.yaml"))
                .unwrap();
            let (cat, diags) = reportc::catalog::parse_catalog(&text);
            assert!(!diags.has_errors(), "{diags:?}");
            cat.unwrap()
        });
        let reports = files_in("tests/hostile_catalog", &["yaml"]);
        assert!(reports.len() >= 3);
        Corpus::new(cat, reports, HOSTILE_REFUSALS, &[])
    })
}

impl Corpus {
    fn new(
        catalog: &'static Catalog,
        paths: Vec<PathBuf>,
        refusals: &'static [(&'static str, &'static str, &'static str)],
        known: &'static [(&'static str, &'static str, &'static str)],
    ) -> Corpus {
        let reports = paths
            .into_iter()
            .map(|p| {
                let f = load(&p);
                let (q, diags) =
                    reportc::check_file(&f, InputFormat::from_path(&f.name).unwrap(), catalog);
                let query = q.unwrap_or_else(|| panic!("{} is invalid: {diags:?}", f.name));
                Report {
                    id: id_of(&p),
                    stem: stem(&p),
                    query,
                    path: p,
                }
            })
            .collect();
        Corpus {
            catalog,
            reports,
            refusals,
            known,
            tables: reportc::demo::to_runner_json(&reportc::demo::generate(
                catalog,
                400,
                42,
                anchor(),
            )),
            reference: OnceLock::new(),
        }
    }

    /// The reports compiled for a dialect: the SQL of each that compiles, the number refused as
    /// expected, and what breaks the expectations of [`EXPECTED_REFUSALS`].
    fn compile_for(
        &self,
        d: &reportc::sql::Dialect,
    ) -> (Vec<(String, String)>, usize, Vec<String>) {
        let opts = SqlOptions {
            as_of: Some(anchor()),
        };
        let (mut queries, mut refused, mut failures) = (Vec::new(), 0, Vec::new());
        for r in &self.reports {
            let expected = self
                .refusals
                .iter()
                .find(|(s, x, _)| *s == r.stem && *x == d.name);
            match (compile_any(&r.path, self.catalog, d, &opts), expected) {
                (Ok(sql), None) => queries.push((r.id.clone(), sql)),
                (Ok(sql), Some(_)) => failures.push(format!(
                    "{}: compiles for {} but EXPECTED_REFUSALS says it is refused; remove the entry from the refusals\n{sql}",
                    r.path.display(),
                    d.name
                )),
                (Err(diags), Some((_, _, words))) => {
                    // E0300 (no same meaning) or E0400 (a name the dialect cannot quote)
                    let ok = diags
                        .iter()
                        .all(|x| matches!(x.code, Code::Unsupported | Code::Catalog))
                        && diags.iter().any(|x| x.message.contains(words));
                    if ok {
                        refused += 1;
                    } else {
                        failures.push(format!(
                            "{}: for {}, expected a refusal about `{words}`, got {diags:?}",
                            r.path.display(),
                            d.name
                        ));
                    }
                }
                (Err(diags), None) => failures.push(format!(
                    "{}: unexpected {} for {}: {}",
                    r.path.display(),
                    if diags.iter().all(|x| x.code == Code::Unsupported) {
                        "refusal (add it to the expected refusals if it is right)"
                    } else {
                        "diagnostics"
                    },
                    d.name,
                    diags
                        .iter()
                        .map(|x| format!("{} {}", x.code.as_str(), x.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            }
        }
        (queries, refused, failures)
    }

    /// Compile for an engine's dialect and run on the engine (`Err`: the engine is not reached).
    fn run(&self, engine: &str, d: &reportc::sql::Dialect) -> Result<Vec<Ran>, String> {
        let (mut queries, refused, _) = self.compile_for(d);
        // what the engine cannot run (not the SQL's fault), said each time
        queries.retain(|(id, _)| {
            let why = CANNOT_RUN
                .iter()
                .find(|(s, e, _)| *e == engine && self.report(id).stem == *s);
            if let Some((_, _, why)) = why {
                eprintln!("harness: {engine} cannot run {id}: {why}");
            }
            why.is_none()
        });
        let t0 = std::time::Instant::now();
        let out = run_engine(engine, &self.tables, &queries)?;
        eprintln!(
            "harness: {engine}: {} reports run, {refused} refused as expected ({:.1} s)",
            queries.len(),
            t0.elapsed().as_secs_f32()
        );
        Ok(out
            .into_iter()
            .zip(queries)
            .map(|((id, r), (_, sql))| (id, sql, r))
            .collect())
    }

    fn report(&self, id: &str) -> &Report {
        self.reports.iter().find(|x| x.id == id).unwrap()
    }
}

/// Every dialect that has an engine refuses exactly the constructs [`EXPECTED_REFUSALS`] lists
/// (no engine needed).
fn refusals_hold(c: &Corpus) {
    let mut failures = Vec::new();
    for (_, dname) in ENGINES {
        if let Some(d) = reportc::sql::dialect_by_name(dname) {
            failures.extend(c.compile_for(d).2);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every output is an ORDER BY key, so the rows' order is determined and compared.
fn fully_ordered(q: &reportc::ir::Query) -> bool {
    !q.outputs.is_empty() && (0..q.outputs.len()).all(|i| q.order_by.iter().any(|o| o.output == i))
}

/// Run the corpus on one engine and compare with DuckDB (see the module comment).
fn differential(c: &Corpus, engine: &str) -> Result<(), Skipped> {
    let dname = ENGINES.iter().find(|(e, _)| *e == engine).unwrap().1;
    let Some(d) = reportc::sql::dialect_by_name(dname) else {
        return Err(Skipped(format!(
            "{engine}: dialect `{dname}` not available yet"
        )));
    };
    let duck = reportc::sql::dialect_by_name("duckdb").unwrap();
    let reference = c.reference.get_or_init(|| c.run("duckdb", duck));
    let reference = engine_result("duckdb", reference.as_ref().map_err(Clone::clone))?;
    let rs = if engine == "duckdb" {
        reference.clone()
    } else {
        engine_result(engine, c.run(engine, d))?
    };
    let mut failures: Vec<String> = Vec::new();
    // engine errors and ORDER BY of the engine's rows
    for (id, sql, r) in &rs {
        let rep = c.report(id);
        match r {
            Err(e) => failures.push(format!(
                "{} failed on {engine}: {e}\n{sql}",
                rep.path.display()
            )),
            Ok(r) => {
                if let Err(e) = check_order(r, &rep.query) {
                    failures.push(format!("{} on {engine}: {e}\n{sql}", rep.path.display()));
                }
            }
        }
    }
    if engine == "duckdb" {
        // the comparison means something only if the data reaches most reports
        let nonempty = rs
            .iter()
            .filter(|(_, _, r)| r.as_ref().is_ok_and(|r| !r.rows.is_empty()))
            .count();
        assert!(
            nonempty * 10 >= rs.len() * 8,
            "only {nonempty} of {} reports return rows on DuckDB",
            rs.len()
        );
    }
    // the engine against DuckDB
    for (id, sql, r) in rs.iter().filter(|_| engine != "duckdb") {
        let Ok(r) = r else { continue };
        let Some((_, ref_sql, Ok(a))) = reference.iter().find(|(i, _, _)| i == id) else {
            continue;
        };
        let rep = c.report(id);
        let ordered = fully_ordered(&rep.query);
        let known = c
            .known
            .iter()
            .find(|(s, e, _)| *s == rep.stem && *e == engine);
        match (compare(a, r, ordered), known) {
            (Some(_), Some((_, _, why))) => eprintln!(
                "harness: KNOWN MISMATCH {} on {engine}: {why}",
                rep.path.display()
            ),
            (None, Some((_, _, why))) => failures.push(format!(
                "{} now agrees between duckdb and {engine}: remove it from the known mismatches ({why})",
                rep.path.display()
            )),
            (Some(diff), None) => failures.push(format!(
                "MISMATCH {} between duckdb and {engine}\n--- report\n{}\n--- duckdb SQL\n{ref_sql}\n--- {engine} SQL\n{sql}\n--- rows (< duckdb, > {engine})\n{diff}",
                rep.path.display(),
                std::fs::read_to_string(&rep.path).unwrap_or_default().trim_end(),
            )),
            (None, None) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    Ok(())
}

/// The one normalisation (`common::rows`) folds what differs without changing the meaning.
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
