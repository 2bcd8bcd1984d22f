//! Parse, check and compile one example report, per dialect (the whole pipeline), plus the
//! front-end stages alone. `cargo bench --bench compile`.

use criterion::{criterion_group, criterion_main, Criterion};
use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::{SqlOptions, DIALECTS};
use reportc::InputFormat;
use std::hint::black_box;

/// The binary's allocator (src/main.rs), so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reports/whatsapp_abandons.yaml"
    ))
    .unwrap();
    let file = SourceFile::new("whatsapp_abandons.yaml", text);
    let cat = Catalog::builtin();
    let opts = SqlOptions::default();
    c.bench_function("parse/yaml", |b| {
        b.iter(|| reportc::parse_file(black_box(&file), InputFormat::Yaml))
    });
    // the same report in the DSL (its twin compiles to the same SQL)
    let dsl_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reports/whatsapp_abandons.rpt"
    ))
    .unwrap();
    let dsl = SourceFile::new("whatsapp_abandons.rpt", dsl_text);
    c.bench_function("parse/dsl", |b| {
        b.iter(|| reportc::parse_file(black_box(&dsl), InputFormat::Dsl))
    });
    c.bench_function("parse+check", |b| {
        b.iter(|| reportc::check_file(black_box(&file), InputFormat::Yaml, cat))
    });
    for d in DIALECTS {
        c.bench_function(&format!("compile/{}", d.name), |b| {
            b.iter(|| {
                reportc::compile_file(black_box(&file), InputFormat::Yaml, cat, d, &opts).unwrap()
            })
        });
    }
    // a report of catalogue measures (each inlined, some through other measures)
    let kpis = SourceFile::new(
        "weekly_queue_kpis.yaml",
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/reports/weekly_queue_kpis.yaml"
        ))
        .unwrap(),
    );
    let postgres = reportc::sql::dialect_by_name("postgres").unwrap();
    c.bench_function("compile/measures/postgres", |b| {
        b.iter(|| {
            reportc::compile_file(black_box(&kpis), InputFormat::Yaml, cat, postgres, &opts)
                .unwrap()
        })
    });
    // period comparisons, calendar windows (CTEs and joins) and filled buckets as dates (a
    // recursive CTE)
    for report in [
        "weekly_service_level_wow",
        "rolling_7_day_wait",
        "daily_contacts_filled",
    ] {
        let f = SourceFile::new(
            format!("{report}.yaml"),
            std::fs::read_to_string(format!(
                "{}/reports/{report}.yaml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        );
        c.bench_function(&format!("compile/{report}/postgres"), |b| {
            b.iter(|| {
                reportc::compile_file(black_box(&f), InputFormat::Yaml, cat, postgres, &opts)
                    .unwrap()
            })
        });
    }
    // shares: a window over the grouped rows (issue 12 item 3)
    let shares = SourceFile::new(
        "queue_share_of_week.yaml",
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/reports/queue_share_of_week.yaml"
        ))
        .unwrap(),
    );
    c.bench_function("compile/shares/postgres", |b| {
        b.iter(|| {
            reportc::compile_file(black_box(&shares), InputFormat::Yaml, cat, postgres, &opts)
                .unwrap()
        })
    });
    // top N with the rest: two CTEs and a re-aggregating GROUP BY (issue 12 item 5)
    let top = SourceFile::new(
        "top_3_queues_per_week.yaml",
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/reports/top_3_queues_per_week.yaml"
        ))
        .unwrap(),
    );
    c.bench_function("compile/top_rest/postgres", |b| {
        b.iter(|| {
            reportc::compile_file(black_box(&top), InputFormat::Yaml, cat, postgres, &opts).unwrap()
        })
    });
    // loading a catalogue checks its measures once
    c.bench_function("check_measures/builtin", |b| {
        b.iter(|| reportc::check::check_measures(black_box(cat)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
