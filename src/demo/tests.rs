//! Demo data: deterministic, following the catalogue, and its CSV round trip.

use super::*;

#[test]
fn deterministic_and_follows_the_catalogue() {
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    let a = generate(Catalog::builtin(), 50, 7, anchor);
    let b = generate(Catalog::builtin(), 50, 7, anchor);
    assert_eq!(to_runner_json(&a), to_runner_json(&b));
    assert_eq!(a.len(), 4);
    let imd = &a[0];
    let mt = imd
        .columns
        .iter()
        .position(|(n, _)| n == "messaging_type")
        .unwrap();
    for row in &imd.rows {
        if let Cell::Text(v) = &row[mt] {
            assert!(["chat", "WhatsApp", "Telegram", "Messenger"].contains(&v.as_str()));
        }
    }
    assert!(imd.rows.iter().any(|r| r.contains(&Cell::Null)));
}
/// `present_when` and `after` of the built-in catalogue: no transfer date without a
/// transfer, always one with it, never before the distribution; no release without a
/// transfer; end dates after start dates.
#[test]
fn related_columns_follow_the_catalogue() {
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    let tables = generate(Catalog::builtin(), 400, 42, anchor);
    let mut checked = 0;
    for t in &tables {
        let col = |n: &str| t.columns.iter().position(|(c, _)| c == n);
        let (Some(tr), Some(td), Some(rel), Some(dd), Some(end)) = (
            col("transferred"),
            col("transfer_date"),
            col("transfer_release_date"),
            col("distribution_date"),
            col("distribution_end_date"),
        ) else {
            continue;
        };
        let (mut with, mut released) = (0, 0);
        for r in &t.rows {
            match (&r[tr], &r[td]) {
                (Cell::Bool(true), Cell::Timestamp(at)) => {
                    with += 1;
                    if let Cell::Timestamp(d) = &r[dd] {
                        assert!(at >= d, "{}: transfer before distribution", t.name);
                    }
                }
                (Cell::Bool(true), other) => panic!("{}: transferred, date {other:?}", t.name),
                (_, Cell::Null) => {}
                (_, other) => panic!("{}: not transferred, date {other:?}", t.name),
            }
            match (&r[td], &r[rel]) {
                (Cell::Null, Cell::Null) => {}
                (Cell::Null, other) => {
                    panic!("{}: release {other:?} without a transfer", t.name)
                }
                (Cell::Timestamp(a), Cell::Timestamp(b)) => {
                    assert!(b >= a);
                    released += 1;
                }
                _ => {}
            }
            if let (Cell::Timestamp(a), Cell::Timestamp(b)) = (&r[dd], &r[end]) {
                assert!(b >= a, "{}: ends before it starts", t.name);
            }
        }
        assert!(
            with > 50 && released > 30 && released < with,
            "{}: {with} transfers, {released} released",
            t.name
        );
        checked += 1;
    }
    assert_eq!(checked, 3, "three sources have transfers");
}

#[test]
fn tables_of_the_same_name_get_their_own_files() {
    let text = "catalog: t\nsources:\n  a:\n    table: sales.calls\n    columns:\n      x:\n        type: text\n  \
                b:\n    table: support.Calls\n    columns:\n      x:\n        type: text\n  \
                c:\n    table: dw.sms\n    columns:\n      x:\n        type: text\n";
    let (cat, _) = crate::catalog::parse_catalog(text);
    let cat = cat.unwrap();
    let stems: Vec<String> = cat
        .sources
        .iter()
        .map(|s| data_file_stem(&cat, s))
        .collect();
    assert_eq!(stems, ["sales.calls", "support.Calls", "sms"]);
    let files: Vec<String> = generate(&cat, 1, 1, jiff::civil::date(2026, 1, 1).at(0, 0, 0, 0))
        .into_iter()
        .map(|t| t.file)
        .collect();
    assert_eq!(files, stems);
}

#[test]
fn tables_whose_files_clash_are_found() {
    let text = "catalog: t\nsources:\n  a:\n    table: x/y\n    columns:\n      x:\n        type: text\n  \
                b:\n    table: X_y\n    columns:\n      x:\n        type: text\n";
    let (cat, diags) = crate::catalog::parse_catalog(text);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(
        data_file_clash(&cat),
        Some(("a".into(), "b".into(), "X_y".into()))
    );
    assert_eq!(data_file_clash(crate::catalog::Catalog::builtin()), None);
}

#[test]
fn file_names_stay_in_their_folder() {
    assert_eq!(file_stem("sms"), "sms");
    assert_eq!(file_stem("Call Log"), "Call Log");
    assert_eq!(file_stem("../../etc/passwd"), ".._.._etc_passwd");
    assert_eq!(file_stem("a\\b"), "a_b");
    assert_eq!(file_stem(".."), "_");
    assert_eq!(file_stem(""), "_");
}

#[test]
fn csv_quotes_hostile_strings_and_round_trips() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field(""), "\"\"");
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
    assert_eq!(csv_field(" padded "), "\" padded \"");
    assert_eq!(csv_field("O'Brien"), "O'Brien");
    assert_eq!(csv_field("back\\slash"), "back\\slash");
    let mut values: Vec<&str> = HOSTILE.to_vec();
    values.extend(["", ",", "\"", "\"\"", "a\r\nb", "😀", "NULL", " "]);
    let t = Table {
        name: "t".into(),
        file: "t".into(),
        columns: vec![
            ("text col".into(), Stored::Text),
            ("n".into(), Stored::Integer),
            ("list".into(), Stored::TextList),
        ],
        rows: values
            .iter()
            .map(|v| {
                vec![
                    Cell::Text(v.to_string()),
                    Cell::Null,
                    Cell::List(vec![v.to_string(), "x".into()]),
                ]
            })
            .collect(),
    };
    let text = to_csv(&t);
    let rows = parse_csv(&text).unwrap();
    assert_eq!(rows.len(), values.len() + 1);
    assert_eq!(
        rows[0],
        vec![
            Some("text col".into()),
            Some("n".into()),
            Some("list".into())
        ]
    );
    for (v, row) in values.iter().zip(&rows[1..]) {
        assert_eq!(row[0].as_deref(), Some(*v));
        assert_eq!(row[1], None, "NULL is an unquoted empty field");
        let list: Vec<String> = serde_json::from_str(row[2].as_deref().unwrap()).unwrap();
        assert_eq!(list, vec![v.to_string(), "x".to_string()]);
    }
    // empty lists, booleans and timestamps
    let c = Cell::Timestamp(jiff::civil::date(2026, 3, 29).at(1, 2, 3, 0));
    assert_eq!(csv_cell(&c), "2026-03-29 01:02:03");
    assert_eq!(csv_cell(&Cell::List(vec![])), "[]");
    assert_eq!(csv_cell(&Cell::Bool(false)), "false");
    assert_eq!(csv_cell(&Cell::Num(12.5)), "12.5");
}

#[test]
fn csv_of_the_demo_data_parses() {
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    for t in generate(Catalog::builtin(), 200, 3, anchor) {
        let rows = parse_csv(&to_csv(&t)).unwrap();
        assert_eq!(rows.len(), t.rows.len() + 1, "{}", t.name);
        assert!(
            rows.iter().all(|r| r.len() == t.columns.len()),
            "{}",
            t.name
        );
    }
}

/// An enum with `codes: integer` is stored as an integer column holding the integer codes, so
/// `demo-data` writes and `run` loads (both through [`Stored::of`]) integers, not text.
#[test]
fn integer_enum_codes_are_stored_as_integers() {
    let text = "catalog: t\nsources:\n  s:\n    table: s\n    columns:\n      p:\n        type: enum\n        codes: integer\n        nullable: false\n        values:\n          - {label: low, code: 1}\n          - {label: high, code: 10}\n";
    let (cat, diags) = crate::catalog::parse_catalog(text);
    assert!(!diags.has_errors(), "{diags:?}");
    let cat = cat.unwrap();
    let ty = &cat.sources[0].columns[0].ty;
    assert_eq!(Stored::of(ty), Stored::Integer);
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    let t = &generate(&cat, 40, 7, anchor)[0];
    assert_eq!(t.columns, [("p".to_string(), Stored::Integer)]);
    let mut seen: Vec<i64> = t
        .rows
        .iter()
        .map(|r| match &r[0] {
            Cell::Int(n) => *n,
            other => panic!("not an integer: {other:?}"),
        })
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen, [1, 10]);
}

/// Demo data follows the links (issue 15): most SMS refer to an existing message, some to
/// none (NULL) or to one that does not exist, several share a message, and some messages have
/// no SMS: the cases a report across sources must get right.
#[test]
fn links_refer_to_existing_rows_some_to_none_some_shared() {
    let anchor = jiff::civil::date(2026, 4, 15).at(12, 0, 0, 0);
    let cat = Catalog::builtin();
    let tables = generate(cat, 600, 42, anchor);
    let table = |name: &str| tables.iter().find(|t| t.name == name).unwrap();
    let col = |t: &Table, n: &str| t.columns.iter().position(|(c, _)| c == n).unwrap();
    let (messages, sms) = (table("messages"), table("sms"));
    let text = |c: &Cell| match c {
        Cell::Text(t) => Some(t.clone()),
        _ => None,
    };
    let keys: std::collections::HashSet<String> = messages
        .rows
        .iter()
        .filter_map(|r| text(&r[col(messages, "interaction_id")]))
        .collect();
    let mut per_message: std::collections::HashMap<String, usize> = Default::default();
    let (mut null, mut dangling) = (0, 0);
    for r in &sms.rows {
        let Some(id) = text(&r[col(sms, "interaction_id")]) else {
            null += 1;
            continue;
        };
        if keys.contains(&id) {
            *per_message.entry(id).or_default() += 1;
        } else {
            dangling += 1;
        }
    }
    let matched: usize = per_message.values().sum();
    assert!(
        matched > sms.rows.len() / 2,
        "{matched} of {}",
        sms.rows.len()
    );
    assert!(null > 0 && dangling > 0, "null {null}, dangling {dangling}");
    assert!(
        per_message.values().any(|n| *n >= 3),
        "no message with several SMS"
    );
    assert!(keys.len() > per_message.len() + 50, "every message has SMS");
}
