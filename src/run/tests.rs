//! The engine on small catalogues and files: time zones, DuckDB files, two schemas, CSV
//! delimiters and lenient conversion.

use super::*;
use crate::catalog::parse_catalog;
use crate::diagnostics::Code;
use serde_json::{json, Value};

fn engine() -> Engine {
    Engine::open(
        &Data::Demo {
            rows: 1,
            seed: 1,
            anchor: jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0),
        },
        crate::catalog::Catalog::builtin(),
        false,
    )
    .unwrap()
}

/// A catalogue from its text; it must be valid.
fn catalog(text: &str) -> crate::catalog::Catalog {
    let (cat, diags) = parse_catalog(text);
    assert!(!diags.has_errors(), "{diags:?}");
    cat.unwrap()
}

/// A new engine with the folder's files loaded.
fn loaded(dir: &std::path::Path, cat: &crate::catalog::Catalog) -> Engine {
    let mut e = Engine::in_memory().unwrap();
    e.load_folder(dir, cat).unwrap();
    e
}

fn one(e: &Engine, sql: &str) -> Value {
    let rs = e.query(sql).unwrap_or_else(|err| panic!("{sql}: {err}"));
    rs.rows[0][0].clone()
}

/// reportc's `timezone()`: instants to wall-clock time and back, across both DST changes
/// of Paris, with ICU's choices for skipped (moved forward) and repeated (the earlier)
/// wall-clock times; NULL in, NULL out; an unknown zone is an error.
#[test]
fn time_zones_without_icu() {
    let e = engine();
    // `to_local`: the zone's wall-clock time of a UTC instant; else the UTC instant of a
    // wall-clock time in the zone
    let convert = |to_local: bool, ts: &str| {
        let (outer, inner) = if to_local {
            ("Europe/Paris", "UTC")
        } else {
            ("UTC", "Europe/Paris")
        };
        let sql = format!("SELECT timezone('{outer}', timezone('{inner}', TIMESTAMP '{ts}'))");
        one(&e, &sql)
    };
    let local = |ts: &str| convert(true, ts);
    let utc = |ts: &str| convert(false, ts);
    assert_eq!(local("2026-03-29 00:59:59"), json!("2026-03-29 01:59:59"));
    assert_eq!(local("2026-03-29 01:00:00"), json!("2026-03-29 03:00:00"));
    assert_eq!(local("2026-10-25 00:30:00"), json!("2026-10-25 02:30:00"));
    assert_eq!(local("2026-10-25 01:30:00"), json!("2026-10-25 02:30:00"));
    assert_eq!(
        local("2026-01-15 12:00:00.25"),
        json!("2026-01-15 13:00:00.25")
    );
    assert_eq!(utc("2026-03-29 02:30:00"), json!("2026-03-29 01:30:00"));
    assert_eq!(utc("2026-10-25 02:30:00"), json!("2026-10-25 00:30:00"));
    assert_eq!(utc("2026-07-01 00:00:00"), json!("2026-06-30 22:00:00"));
    assert_eq!(
        one(
            &e,
            "SELECT timezone('Asia/Kolkata', timezone('UTC', TIMESTAMP '2026-01-01 00:00:00'))"
        ),
        json!("2026-01-01 05:30:00")
    );
    assert_eq!(
        one(
            &e,
            "SELECT timezone('Europe/Paris', CAST(NULL AS TIMESTAMP))"
        ),
        Value::Null
    );
    let err = e
        .query("SELECT timezone('Mars/Olympus', TIMESTAMP '2026-01-01 00:00:00')")
        .unwrap_err();
    assert!(err.contains("Mars/Olympus"), "{err}");
}

/// A DuckDB file's tables become views: typed columns pass through, a TIMESTAMPTZ column
/// becomes a UTC timestamp, text columns are converted as CSV is; a table is found in
/// another schema when its name is unique; bad values are reported with their row.
#[test]
fn duckdb_files_are_converted_too() {
    let cat = "catalog: t\nsources:\n  s:\n    table: x.events\n    columns:\n      \
                   at:\n        type: timestamp\n      n:\n        type: integer\n      \
                   ok:\n        type: boolean\n";
    let cat = catalog(cat);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.duckdb");
    {
        let con = duckdb::Connection::open(&file).unwrap();
        con.execute_batch(
            "CREATE TABLE main.Events (\"AT\" TIMESTAMPTZ, n VARCHAR, ok BOOLEAN); \
                 INSERT INTO main.Events VALUES ('2026-01-02 03:04:05+00', '7', true), \
                 (NULL, ' 8 ', NULL)",
        )
        .unwrap();
    }
    let mut e = Engine::in_memory().unwrap();
    e.attach_database(&file, &cat).unwrap();
    let rs = e
        .query("SELECT \"at\", n, ok, typeof(\"at\") FROM x.events ORDER BY n")
        .unwrap();
    assert_eq!(
        rs.rows,
        vec![
            vec![
                json!("2026-01-02 03:04:05"),
                json!(7),
                json!(true),
                json!("TIMESTAMP")
            ],
            vec![Value::Null, json!(8), Value::Null, json!("TIMESTAMP")],
        ]
    );
    {
        let con = duckdb::Connection::open(&file).unwrap();
        con.execute_batch("INSERT INTO main.Events VALUES (NULL, 'eight', NULL)")
            .unwrap();
    }
    let mut e = Engine::in_memory().unwrap();
    let err = e.attach_database(&file, &cat).unwrap_err();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].code(), Code::DataBadValue);
    assert_eq!(err[0].file, file.display().to_string());
    assert_eq!(
        err[0].diagnostic.message,
        "`data.duckdb: main.Events`, row 3, column `n`: `eight` is not a number"
    );
    // a catalogue none of whose tables the file holds
    let other = catalog(
        "catalog: t\nsources:\n  s:\n    table: calls\n    columns:\n      \
                             id:\n        type: identifier\n",
    );
    let err = Engine::in_memory()
        .unwrap()
        .attach_database(&file, &other)
        .unwrap_err();
    assert_eq!(err[0].code(), Code::DataNoTables, "{err:?}");
    assert_eq!(
        err[0].diagnostic.help.as_deref(),
        Some("its tables: main.Events")
    );
    // a file that is not a DuckDB database
    let text = dir.path().join("text.duckdb");
    std::fs::write(&text, "not a database").unwrap();
    let err = Engine::in_memory()
        .unwrap()
        .attach_database(&text, &cat)
        .unwrap_err();
    assert_eq!(err[0].code(), Code::DataUnreadable, "{err:?}");
    assert_eq!(err[0].file, text.display().to_string());
}

/// Two tables of the same name in two schemas: two files, two tables, and Parquet
/// export keeps them apart too.
#[test]
fn same_table_name_in_two_schemas() {
    let text = "catalog: t\nsources:\n  a:\n    table: sales.calls\n    columns:\n      \
                    id:\n        type: identifier\n  b:\n    table: support.calls\n    columns:\n      \
                    id:\n        type: identifier\n";
    let cat = catalog(text);
    let data = Data::Demo {
        rows: 3,
        seed: 1,
        anchor: jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0),
    };
    let e = Engine::open(&data, &cat, false).unwrap();
    let ids = |t: &str| e.query(&format!("SELECT min(id) FROM {t}")).unwrap().rows[0][0].clone();
    assert_eq!(ids("sales.calls"), json!("a-000001"));
    assert_eq!(ids("support.calls"), json!("b-000001"));
    let dir = tempfile::tempdir().unwrap();
    let files = e.export(dir.path(), ExportFormat::Parquet, &cat).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["sales.calls.parquet", "support.calls.parquet"]);
    assert_eq!(
        loaded(dir.path(), &cat).tables,
        ["sales.calls", "support.calls"]
    );
}

/// The delimiter of a CSV file is the header's (`,`, `;`, tab, `|`); `.tsv` is tab.
#[test]
fn delimiters() {
    let cat = "catalog: t\nsources:\n  a:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n  b:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n  c:\n    columns:\n      x:\n        type: text\n      \
                   n:\n        type: integer\n";
    let cat = catalog(cat);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), "x;n\n\"p;q\";1\n").unwrap();
    std::fs::write(dir.path().join("b.tsv"), "x\tn\nr,s\t2\n").unwrap();
    std::fs::write(dir.path().join("c.csv"), "x|n\nt|3\n").unwrap();
    let e = loaded(dir.path(), &cat);
    let rs = e
            .query("SELECT x, n FROM a UNION ALL SELECT x, n FROM b UNION ALL SELECT x, n FROM c ORDER BY n")
            .unwrap();
    assert_eq!(
        rs.rows,
        vec![
            vec![json!("p;q"), json!(1)],
            vec![json!("r,s"), json!(2)],
            vec![json!("t"), json!(3)]
        ]
    );
}

/// CSV in the shapes other tools write is converted to the catalogue's types.
#[test]
fn lenient_csv() {
    let cat = "catalog: t\nsources:\n  s:\n    table: x.events\n    columns:\n      \
                   at:\n        type: timestamp\n      ok:\n        type: boolean\n      \
                   n:\n        type: integer\n      d:\n        type: duration\n        unit: seconds\n      \
                   tags:\n        type: text_list\n      note:\n        type: text\n";
    let cat = catalog(cat);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("EVENTS.csv"),
        "AT,ok,n,d,tags,note\r\n\
             2026-01-02T03:04:05Z,yes,1,2.5,\"[\"\"a\"\"]\",NULL\r\n\
             2026-01-02 03:04:05+01:00,F,2.0,3,\"[b, c]\",\r\n\
             2026-01-02,1,NULL,\\N,[],\"\"\r\n",
    )
    .unwrap();
    let e = loaded(dir.path(), &cat);
    let rs = e
        .query("SELECT \"at\", ok, n, d, tags, note, typeof(n), typeof(d) FROM x.events")
        .unwrap();
    assert_eq!(
        rs.rows,
        vec![
            vec![
                json!("2026-01-02 03:04:05"),
                json!(true),
                json!(1),
                json!(2.5),
                json!(["a"]),
                json!("NULL"),
                json!("BIGINT"),
                json!("DOUBLE")
            ],
            vec![
                json!("2026-01-02 02:04:05"),
                json!(false),
                json!(2),
                json!(3.0),
                json!(["b", "c"]),
                Value::Null,
                json!("BIGINT"),
                json!("DOUBLE")
            ],
            vec![
                json!("2026-01-02 00:00:00"),
                json!(true),
                Value::Null,
                Value::Null,
                json!([]),
                json!(""),
                json!("BIGINT"),
                json!("DOUBLE")
            ],
        ]
    );
}

/// Every problem of a folder is a diagnostic with its code, in the file it is about: a
/// missing column (with a suggestion), a value that does not convert (with its row), and a
/// folder without any of the catalogue's tables; all of a folder's problems at once.
#[test]
fn data_problems_are_diagnostics() {
    let cat = catalog(
        "catalog: t\nsources:\n  a:\n    columns:\n      wait_ms:\n        type: integer\n      \
         at:\n        type: timestamp\n  b:\n    columns:\n      ok:\n        type: boolean\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        "wait_msec,at\n1,2026-01-01\n2,soon\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.csv"), "ok\nyes\nmaybe\n").unwrap();
    let err = Engine::in_memory()
        .unwrap()
        .load_folder(dir.path(), &cat)
        .unwrap_err();
    let a = dir.path().join("a.csv").display().to_string();
    let b = dir.path().join("b.csv").display().to_string();
    let seen: Vec<(Code, &str, &str, Option<&str>)> = err
        .iter()
        .map(|e| {
            (
                e.code(),
                e.file.as_str(),
                e.diagnostic.message.as_str(),
                e.diagnostic.help.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                Code::DataMissingColumn,
                a.as_str(),
                "`a.csv` has no column `wait_ms` (column `wait_ms` of source `a`)",
                Some("did you mean `wait_msec`?")
            ),
            (
                Code::DataBadValue,
                a.as_str(),
                "`a.csv`, row 2, column `at`: `soon` is not a timestamp (such as `2026-04-15 12:00:00`)",
                None
            ),
            (
                Code::DataBadValue,
                b.as_str(),
                "`b.csv`, row 2, column `ok`: `maybe` is not a boolean (true/false, yes/no, 1/0)",
                None
            ),
        ]
    );
    // each shown at its place in the file: the header, the values
    let shown: Vec<&str> = err
        .iter()
        .map(|e| &e.text[e.diagnostic.span.range()])
        .collect();
    assert_eq!(shown, ["wait_msec,at", "soon", "maybe"]);
    assert_eq!(err[1].text, "wait_msec,at\n1,2026-01-01\n2,soon\n");
    let empty = tempfile::tempdir().unwrap();
    let err = Engine::in_memory()
        .unwrap()
        .load_folder(empty.path(), &cat)
        .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code(), Code::DataNoTables);
    assert_eq!(err[0].file, empty.path().display().to_string());
    assert_eq!(
        err[0].diagnostic.help.as_deref(),
        Some("expected files named after them, `a.csv`, `b.csv` (or `.parquet`)")
    );
    let gone = empty.path().join("gone");
    let err = Engine::in_memory()
        .unwrap()
        .load_folder(&gone, &cat)
        .unwrap_err();
    assert_eq!(err[0].code(), Code::DataUnreadable);
}

/// A DuckDB file cannot hold a three-part table name: the export says so, in the file it
/// would have written.
#[test]
fn export_errors_are_diagnostics() {
    let cat = catalog(
        "catalog: t\nsources:\n  s:\n    table: db.x.calls\n    columns:\n      \
         id:\n        type: identifier\n",
    );
    let data = Data::Demo {
        rows: 2,
        seed: 1,
        anchor: jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0),
    };
    let e = Engine::open(&data, &cat, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let err = e
        .export(dir.path(), ExportFormat::DuckDb, &cat)
        .unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code(), Code::DataWrite);
    assert_eq!(
        err[0].file,
        dir.path().join("t.duckdb").display().to_string()
    );
    assert_eq!(
        err[0].diagnostic.help.as_deref(),
        Some("write CSV or Parquet instead")
    );
}
