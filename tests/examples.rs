//! Every example report in every dialect: snapshots of the SQL, re-parsed by sqlparser with the
//! dialect's own parser, byte-identical across runs; and executed on DuckDB and the other
//! engines (each engine its own test, ignored with the reason when it cannot be reached).

mod common;

use common::*;
use reportc::catalog::Catalog;
use reportc::diagnostics::{render_human, Code, RenderOptions};
use reportc::sql::{reparse, SqlOptions, DIALECTS};

/// Reports that use exact percentiles, which BigQuery cannot express.
fn uses_percentile(name: &str) -> bool {
    name.contains("percentile")
}

/// Comparisons and windows are refused by BigQuery until a vendor fact on its join conditions
/// is found (docs/research/dialect-facts.md, "comparisons and windows (issue 12)").
fn uses_comparison_or_window(name: &str) -> bool {
    name.ends_with("_wow") || name.starts_with("rolling_")
}

/// An example following links (`link.column`): BigQuery refuses joins (no vendor fact yet).
fn follows_links(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains("message."))
}

/// Shares are refused by BigQuery until a vendor fact backs an aggregate inside a window
/// (docs/research/dialect-facts.md, Shares).
fn uses_share(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains("share("))
}

fn there_are_enough_examples() {
    let ex = examples();
    assert!(ex.len() >= 10, "only {} examples", ex.len());
    // all four sources are covered
    let all: String = ex
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for s in &Catalog::builtin().sources {
        assert!(
            all.contains(&format!("source: {}", s.id)),
            "no example reads {}",
            s.id
        );
    }
}

fn main() {
    let mut trials = vec![
        trial("there_are_enough_examples", there_are_enough_examples),
        trial(
            "every_example_in_every_dialect",
            every_example_in_every_dialect,
        ),
        engine_trial("duckdb_runs_every_example", duckdb_runs_every_example),
        engine_trial(
            "duckdb_matches_hand_written_references",
            duckdb_matches_hand_written_references,
        ),
    ];
    for engine in ["postgres", "sqlite", "mysql", "clickhouse", "spark"] {
        trials.push(engine_trial(
            format!("engines_agree_with_duckdb::{engine}"),
            move || engines_agree_with_duckdb(engine),
        ));
    }
    run_trials(trials)
}

/// One snapshot per report and dialect (`tests/snapshots/sql/<report>@<dialect>.snap`), so a
/// new dialect adds files and edits none: the SQL, or the refusal (E0300) as the user sees it.
fn every_example_in_every_dialect() {
    let opts = SqlOptions::default();
    for path in examples() {
        let name = stem(&path);
        let file = load(&path);
        for d in DIALECTS {
            let snap = match compile(&path, d, &opts) {
                Ok(sql) => {
                    if let Err(e) = reparse(&sql, d) {
                        panic!("{name} for {}: does not re-parse: {e}\n{sql}", d.name);
                    }
                    let again = compile(&path, d, &opts).unwrap();
                    assert_eq!(sql, again, "{name} for {} is not deterministic", d.name);
                    sql
                }
                Err(diags) => {
                    // a dialect may refuse a construct (E0300, recorded in the snapshot);
                    // any other error is a bug in the example or the compiler
                    let refused_only = diags.iter().all(|x| x.code == Code::Unsupported);
                    assert!(
                        refused_only,
                        "{name} does not compile for {}: {diags:?}",
                        d.name
                    );
                    if d.name == "bigquery"
                        && !uses_percentile(&name)
                        && !uses_comparison_or_window(&name)
                        && !follows_links(&path)
                        && !uses_share(&path)
                    {
                        panic!("{name} is refused by BigQuery: {diags:?}");
                    }
                    render_human(&file, &diags, RenderOptions::default())
                }
            };
            insta::with_settings!({
                snapshot_path => "snapshots/sql",
                prepend_module_to_snapshot => false,
                snapshot_suffix => d.name,
                description => format!("{name} for {} ({})", d.name, d.display),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.as_str(), snap);
            });
        }
    }
}

/// The demo data's anchor: relative ranges are evaluated at this UTC instant.
fn anchor() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0)
}

fn duckdb_runs_every_example() -> Result<(), Skipped> {
    let d = reportc::sql::dialect_by_name("duckdb").unwrap();
    let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
        Catalog::builtin(),
        400,
        42,
        anchor(),
    ));
    let as_of = SqlOptions {
        as_of: Some(anchor()),
    };
    let mut queries = Vec::new();
    for path in examples() {
        let name = stem(&path);
        queries.push((name.clone(), compile(&path, d, &as_of).unwrap()));
        // the engine-side `now` version must run too (its rows depend on today's date)
        queries.push((
            format!("{name}@now"),
            compile(&path, d, &SqlOptions::default()).unwrap(),
        ));
    }
    let results = engine_result("duckdb", run_engine("duckdb", &tables, &queries))?;
    for (id, r) in results {
        let r = r.unwrap_or_else(|e| panic!("{id} failed on DuckDB: {e}"));
        if id.ends_with("@now") {
            continue;
        }
        let file = load(&root().join(format!("reports/{id}.yaml")));
        let (q, _) = reportc::check_file(&file, reportc::InputFormat::Yaml, Catalog::builtin());
        check_order(&r, &q.unwrap()).unwrap_or_else(|e| panic!("{id}: {e}"));
        insta::assert_snapshot!(format!("duckdb_rows__{id}"), sorted_table_text(&r));
    }
    Ok(())
}

/// Hand-written DuckDB queries (tests/reference) give the same rows as the compiled reports.
fn duckdb_matches_hand_written_references() -> Result<(), Skipped> {
    let d = reportc::sql::dialect_by_name("duckdb").unwrap();
    let tables = reportc::demo::to_runner_json(&reportc::demo::generate(
        Catalog::builtin(),
        400,
        42,
        anchor(),
    ));
    let as_of = SqlOptions {
        as_of: Some(anchor()),
    };
    let refs = files_in("tests/reference", &["sql"]);
    assert!(refs.len() >= 5);
    let mut queries = Vec::new();
    for r in &refs {
        let name = stem(r).trim_end_matches(".duckdb").to_string();
        let report = root().join(format!("reports/{name}.yaml"));
        queries.push((
            format!("{name}:compiled"),
            compile(&report, d, &as_of).unwrap(),
        ));
        queries.push((
            format!("{name}:reference"),
            std::fs::read_to_string(r).unwrap(),
        ));
    }
    let results = engine_result("duckdb", run_engine("duckdb", &tables, &queries))?;
    let mut nonempty = 0;
    for pair in results.chunks(2) {
        let (cid, c) = &pair[0];
        let (_, r) = &pair[1];
        let c = c.as_ref().unwrap_or_else(|e| panic!("{cid}: {e}"));
        let r = r
            .as_ref()
            .unwrap_or_else(|e| panic!("{cid} reference: {e}"));
        assert_eq!(c.columns, r.columns, "{cid}: columns differ");
        if let Some(diff) = compare(c, r, false) {
            panic!("{cid}: rows differ from the reference: {diff}");
        }
        nonempty += usize::from(!c.rows.is_empty());
    }
    // the comparison means something only if the data reaches the reports
    assert!(nonempty >= 4, "only {nonempty} references returned rows");
    Ok(())
}

/// The same reports compiled for an engine's dialect and run on that engine return the rows
/// DuckDB returns for the DuckDB SQL (differential test across real engines). A report the
/// dialect refuses (E0300) is skipped for that engine; its refusal is in the SQL snapshots.
fn engines_agree_with_duckdb(engine: &str) -> Result<(), Skipped> {
    // The data is anchored at the real current time, so that the SQL which asks the engine for
    // the current time (`@now`) selects rows too; the `--as-of` SQL uses the same instant.
    // Near an hour boundary the engines' clocks could fall on both sides of it: only the
    // `--as-of` SQL is compared then.
    let now = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .datetime();
    let now = now.with().second(0).subsec_nanosecond(0).build().unwrap();
    let compare_now = (3..=55).contains(&now.minute());
    let tables =
        reportc::demo::to_runner_json(&reportc::demo::generate(Catalog::builtin(), 400, 42, now));
    let as_of = SqlOptions { as_of: Some(now) };
    let compile_all = |dialect: &str| -> Vec<(String, String)> {
        let d = reportc::sql::dialect_by_name(dialect).unwrap();
        let mut out = Vec::new();
        for p in examples() {
            if let Ok(sql) = compile(&p, d, &as_of) {
                out.push((stem(&p), sql));
            }
            if compare_now {
                if let Ok(sql) = compile(&p, d, &SqlOptions::default()) {
                    out.push((format!("{}@now", stem(&p)), sql));
                }
            }
        }
        out
    };
    let duck = engine_result(
        "duckdb",
        run_engine("duckdb", &tables, &compile_all("duckdb")),
    )?;
    let queries = compile_all(engine);
    let results = engine_result(engine, run_engine(engine, &tables, &queries))?;
    let mut differences = Vec::new();
    for ((id, r), (_, sql)) in results.iter().zip(&queries) {
        let Some((_, Ok(d))) = duck.iter().find(|(i, _)| i == id) else {
            continue;
        };
        match r {
            Err(e) => differences.push(format!("{id} on {engine}: error: {e}\n{sql}")),
            Ok(r) => {
                if let Some(diff) = compare(d, r, false) {
                    differences.push(format!("{id} on {engine}: rows differ\n{sql}\n{diff}"));
                }
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n\n"));
    Ok(())
}
