//! Exact percentiles as a window over the rows (`builder::percentile_rows`, as SQL Server and
//! BigQuery write them): the engine's dialect with its percentile aggregate taken away and a
//! percentile window stated instead, so every report of the corpus with a percentile takes that
//! shape and must give DuckDB's rows (computed there with its percentile aggregate). On MariaDB,
//! whose dialect has no percentile aggregate, the window is SQL Server's own form.

use super::*;
use reportc::sql::functions::{Func, Render};

/// The percentile window of each engine that has one: its aggregate with `OVER ()`, or on
/// MariaDB the standard `WITHIN GROUP` form SQL Server writes.
pub fn window_of(engine: &str) -> Option<&'static str> {
    match engine {
        "duckdb" => Some("quantile_cont(__A1__, __A2__) OVER ()"),
        "spark" => Some("percentile(__A1__, __A2__) OVER ()"),
        "mysql" => Some("PERCENTILE_CONT(__A2__) WITHIN GROUP (ORDER BY __A1__) OVER ()"),
        _ => None,
    }
}

pub fn percentiles_over_rows(engine: &str) -> Result<(), Skipped> {
    let window = window_of(engine).expect("registered only for an engine with a window");
    let dname = ENGINES.iter().find(|(e, _)| *e == engine).unwrap().1;
    let parent = reportc::sql::dialect_by_name(dname).unwrap();
    let functions: &'static [(Func, Render)] = Box::leak(Box::new([
        (
            Func::Percentile,
            Render::Unsupported("a window function only, in this test"),
        ),
        (Func::PercentileOver, Render::Sql(window)),
    ]));
    let over_rows = variant(parent, |d| d.functions = functions);
    let c = builtin();
    let duck = reportc::sql::dialect_by_name("duckdb").unwrap();
    let reference = c.reference.get_or_init(|| c.run("duckdb", duck));
    let reference = engine_result("duckdb", reference.as_ref().map_err(Clone::clone))?;
    let opts = SqlOptions {
        as_of: Some(anchor()),
    };
    let mut queries = Vec::new();
    let mut failures = Vec::new();
    for r in &c.reports {
        let text = std::fs::read_to_string(&r.path).unwrap_or_default();
        if !(text.contains("percentile(") || text.contains("median(")) {
            continue;
        }
        match compile_any(&r.path, c.catalog, over_rows, &opts) {
            Ok(sql) if sql.contains("rc_rows AS (") => queries.push((r.id.clone(), sql)),
            Ok(sql) => failures.push(format!("{}: not the rows' shape:\n{sql}", r.id)),
            Err(e) => failures.push(format!("{}: {e:?}", r.id)),
        }
    }
    assert!(
        queries.len() >= 3,
        "only {} percentile reports",
        queries.len()
    );
    let results = engine_result(engine, run_engine(engine, &c.tables, &queries))?;
    for ((id, got), (_, sql)) in results.iter().zip(&queries) {
        let rep = c.report(id);
        let Some((_, ref_sql, Ok(want))) = reference.iter().find(|(i, _, _)| i == id) else {
            failures.push(format!("{id}: no DuckDB reference rows"));
            continue;
        };
        assert!(!want.rows.is_empty(), "{id}: no rows on DuckDB");
        let ordered = fully_ordered(&rep.query);
        match got {
            Err(e) => failures.push(format!("{id} failed on {engine}: {e}\n{sql}")),
            Ok(got) => {
                if let Some(diff) = compare(want, got, ordered) {
                    failures.push(format!(
                        "{id}: the window's percentiles differ from DuckDB's aggregate\n--- duckdb\n{ref_sql}\n--- {engine}\n{sql}\n{diff}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    Ok(())
}
