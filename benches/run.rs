//! `reportc run`'s own costs: generating the demo data, loading it into the embedded DuckDB
//! (CSV written, read as text, converted to the catalogue's types), and running one report on
//! it. `cargo bench --features duckdb --bench run`.

use criterion::{criterion_group, criterion_main, Criterion};
use reportc::catalog::Catalog;
use reportc::run::{Data, Engine};
use reportc::sql::{dialect_by_name, SqlOptions};
use reportc::InputFormat;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    let rows = reportc::demo::DEFAULT_ROWS as usize;
    let mut g = c.benchmark_group("run");
    g.sample_size(10);
    g.bench_function("demo/generate", |b| {
        b.iter(|| reportc::demo::generate(black_box(cat), rows, 42, anchor))
    });
    let data = Data::Demo {
        rows,
        seed: 42,
        anchor,
    };
    g.bench_function("demo/load", |b| {
        b.iter(|| Engine::open(black_box(&data), cat, false).unwrap())
    });
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reports/hourly_incoming_load_paris.yaml"
    ))
    .unwrap();
    let file = reportc::diagnostics::SourceFile::new("hourly_incoming_load_paris.yaml", text);
    let opts = SqlOptions {
        as_of: Some(anchor),
    };
    let d = dialect_by_name("duckdb").unwrap();
    let sql = reportc::compile_file(&file, InputFormat::Yaml, cat, d, &opts).unwrap();
    let engine = Engine::open(&data, cat, false).unwrap();
    g.bench_function("query/hourly_incoming_load_paris", |b| {
        b.iter(|| engine.query(black_box(&sql)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
