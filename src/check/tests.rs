//! Unit tests at the check boundary: AST + catalogue -> IR or diagnostics.

use super::*;
use crate::syntax::parse_report_yaml;
use crate::vocab::BinOp;

fn check(text: &str) -> Result<Query, Vec<Diagnostic>> {
    let (r, d) = parse_report_yaml(text);
    assert!(!d.has_errors(), "parse errors: {d:?}");
    resolve_report(&r.unwrap(), Catalog::builtin()).map_err(|d| d.sorted())
}

fn codes(text: &str) -> Vec<Code> {
    check(text).unwrap_err().iter().map(|d| d.code).collect()
}

#[test]
fn enum_labels_become_codes_case_insensitively() {
    let q = check("source: incoming_message_distributions\ncolumns: [queue]\nfilters: [\"messaging_type = 'whatsapp'\"]\n").unwrap();
    let TKind::Binary { right, .. } = &q.filters[0].kind else {
        panic!()
    };
    assert_eq!(right.kind, TKind::Lit(Value::Text("WhatsApp".into())));
}

/// `codes: integer`: a label becomes an integer literal, the column is an integer, and a number
/// written against the column (a code, not a label) is refused.
#[test]
fn integer_enum_codes_become_integer_literals() {
    let cat = "catalog: t\nsources:\n  s:\n    table: s\n    columns:\n      p:\n        type: enum\n        codes: integer\n        values:\n          - {label: low, code: 1}\n          - {label: high, code: 10}\n";
    let (cat, diags) = crate::catalog::parse_catalog(cat);
    assert!(!diags.has_errors(), "{diags:?}");
    let cat = cat.unwrap();
    let resolve = |filter: &str| {
        let (r, d) = parse_report_yaml(&format!(
            "source: s\ncolumns: [p]\nfilters: [\"{filter}\"]\n"
        ));
        assert!(!d.has_errors(), "{d:?}");
        resolve_report(&r.unwrap(), &cat).map_err(|d| d.sorted())
    };
    let q = resolve("p in ('HIGH', 'low')").unwrap();
    assert_eq!(q.outputs[0].expr.ty, Ty::Integer);
    let TKind::InList { list, .. } = &q.filters[0].kind else {
        panic!("{:?}", q.filters[0].kind)
    };
    let lits: Vec<_> = list.iter().map(|e| (&e.kind, e.ty)).collect();
    assert_eq!(
        lits,
        [
            (&TKind::Lit(Value::Number("10".into())), Ty::Integer),
            (&TKind::Lit(Value::Number("1".into())), Ty::Integer)
        ]
    );
    let err = resolve("p = 10").unwrap_err();
    assert_eq!(err[0].code, Code::TypeMismatch);
    assert!(err[0].help.as_ref().unwrap().contains("label"), "{err:?}");
    assert_eq!(
        resolve("p = 'medium'").unwrap_err()[0].code,
        Code::UnknownEnumValue
    );
}

#[test]
fn unknown_enum_value_suggests() {
    let err = check("source: incoming_message_distributions\ncolumns: [queue]\nfilters: [\"messaging_type = 'Whatsap'\"]\n").unwrap_err();
    assert_eq!(err[0].code, Code::UnknownEnumValue);
    assert!(
        err[0]
            .help
            .as_ref()
            .unwrap()
            .starts_with("did you mean 'WhatsApp'?"),
        "{:?}",
        err[0].help
    );
}

#[test]
fn every_error_is_reported() {
    let c = codes(
        "source: incoming_message_distributions\ncolumns:\n  - queu\n  - total: sum(queue)\n  - total: count()\nfilters:\n  - wait_time > 'x'\n  - count() > 1\nlimit: 0\n",
    );
    for want in [
        Code::UnknownColumn,
        Code::BadArgument,
        Code::DuplicateOutput,
        Code::TypeMismatch,
        Code::AggregateInFilter,
        Code::BadLimit,
    ] {
        assert!(c.contains(&want), "{want:?} missing from {c:?}");
    }
}

#[test]
fn grouping_is_implied_by_aggregates() {
    let q = check("source: sms\ncolumns: [origin, {n: count()}]\n").unwrap();
    assert_eq!(q.group_by, Some(vec![GroupKey::Output(0)]));
    let q = check("source: sms\ncolumns: [origin, sms_id]\n").unwrap();
    assert_eq!(q.group_by, None);
}

#[test]
fn having_and_order_by_must_name_outputs() {
    let c = codes("source: sms\ncolumns: [origin, {n: count()}]\nhaving: [credits > 3]\norder_by: [credits]\n");
    assert_eq!(c, vec![Code::NotAnOutput, Code::NotAnOutput]);
}

#[test]
fn durations_convert_to_the_stored_unit() {
    let q = check("source: messages\ncolumns: [queue]\nfilters: [wait_time > 1m30s]\n").unwrap();
    let TKind::Binary { right, .. } = &q.filters[0].kind else {
        panic!()
    };
    assert_eq!(right.kind, TKind::Lit(Value::Number("90".into())));
    assert_eq!(
        codes("source: messages\ncolumns: [queue]\nfilters: [wait_time > 90]\n"),
        vec![Code::TypeMismatch]
    );
}

#[test]
fn phone_literals_are_validated() {
    let err =
        check("source: sms\ncolumns: [sms_id]\nfilters: [\"recipient = '+33 6 12 34 56 78'\"]\n")
            .unwrap_err();
    assert_eq!(err[0].code, Code::BadPhone);
    assert!(err[0].help.as_ref().unwrap().contains("'+33612345678'"));
    // no country has the code +999; Niue's numbers are 7 digits in all
    let err = check("source: sms\ncolumns: [sms_id]\nfilters: [\"recipient = '+999123456'\"]\n")
        .unwrap_err();
    assert_eq!(err[0].code, Code::BadPhone);
    assert!(err[0]
        .help
        .as_ref()
        .unwrap()
        .contains("no country calling code"));
    check("source: sms\ncolumns: [sms_id]\nfilters: [\"recipient = '+6834001'\"]\n").unwrap();
    // a messaging id is fine where ids are allowed
    check("source: messages\ncolumns: [queue]\nfilters: [\"correspondent = 'tg:48213'\"]\n")
        .unwrap();
}

#[test]
fn dates_cover_whole_days_in_the_report_zone() {
    let q = check("source: sms\ntimezone: Europe/Paris\ncolumns: [sms_id]\nfilters: [send_date = 2026-07-01]\n").unwrap();
    let TKind::Binary {
        op: BinOp::And,
        left,
        right,
    } = &q.filters[0].kind
    else {
        panic!()
    };
    let bound = |e: &TExpr| match &e.kind {
        TKind::Binary { right, .. } => match &right.kind {
            TKind::Lit(Value::Timestamp(t)) => *t,
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    };
    // Paris is UTC+2 in July
    assert_eq!(bound(left), jiff::civil::date(2026, 6, 30).at(22, 0, 0, 0));
    assert_eq!(bound(right), jiff::civil::date(2026, 7, 1).at(22, 0, 0, 0));
}

#[test]
fn unknown_timezone_suggests() {
    let err = check("source: sms\ntimezone: Europe/Pariss\ncolumns: [sms_id]\n").unwrap_err();
    assert_eq!(err[0].code, Code::BadTimezone);
    assert_eq!(err[0].help.as_deref(), Some("did you mean `Europe/Paris`?"));
}

#[test]
fn outputs_can_reference_earlier_outputs() {
    let q = check("source: incoming_message_distributions\ncolumns:\n  - queue\n  - offered: count()\n  - abandoned: count() where interaction_status = 'dissuaded'\n  - rate: abandoned / offered\n").unwrap();
    assert!(matches!(q.outputs[3].expr.kind, TKind::Div { .. }));
    assert!(q.outputs[3].expr.agg);
}

#[test]
fn per_row_values_inside_aggregated_columns_are_refused() {
    assert_eq!(
        codes("source: messages\ncolumns: [queue, {x: wait_time / count()}]\n"),
        vec![Code::Grouping]
    );
}

#[test]
fn list_columns_use_contains() {
    let q =
        check("source: messages\ncolumns: [queue]\nfilters: [\"checkpoints contains 'vip'\"]\n")
            .unwrap();
    assert!(matches!(q.filters[0].kind, TKind::ListContains { .. }));
    assert_eq!(
        codes("source: messages\ncolumns: [queue]\nfilters: [\"checkpoints = 'vip'\"]\n"),
        vec![Code::TypeMismatch]
    );
}

#[test]
fn durations_read_in_a_named_unit() {
    let q = check("source: incoming_message_distributions\ncolumns:\n  - m: minutes(sum(wait_time))\n  - h: hours(avg_handle_time)\n  - s: seconds(max(wait_time))\n").unwrap();
    let divisor = |o: &Output| match &o.expr.kind {
        TKind::Div { right, .. } => right.kind.clone(),
        k => panic!("{k:?}"),
    };
    // the built-in catalogue stores seconds
    assert_eq!(
        divisor(&q.outputs[0]),
        TKind::Lit(Value::Number("60".into()))
    );
    assert_eq!(
        divisor(&q.outputs[1]),
        TKind::Lit(Value::Number("3600".into()))
    );
    assert_eq!(
        divisor(&q.outputs[2]),
        TKind::Lit(Value::Number("1".into()))
    );
    assert!(q
        .outputs
        .iter()
        .all(|o| o.expr.ty == Ty::Number && o.expr.agg));
    assert_eq!(
        codes("source: incoming_message_distributions\ncolumns:\n  - m: minutes(count())\n"),
        [Code::BadArgument]
    );
}

/// The many side of a link: named by the linking source when it links once, by `reverse:`, or
/// by `<source>_via_<link>`; a source linking twice without a reverse name is ambiguous.
#[test]
fn many_sides_are_named_by_source_reverse_or_via_link() {
    let cat = "catalog: t\nsources:\n  m:\n    table: m\n    keys: [id]\n    columns:\n      id: {type: identifier}\n  s:\n    table: s\n    links:\n      a: {column: a_id, to: m.id, cardinality: many_to_one}\n      b: {column: b_id, to: m.id, cardinality: many_to_one}\n    columns:\n      a_id: {type: identifier}\n      b_id: {type: identifier}\n      n: {type: integer}\n";
    let (cat, diags) = crate::catalog::parse_catalog(cat);
    assert!(!diags.has_errors(), "{diags:?}");
    let cat = cat.unwrap();
    let resolve = |column: &str| {
        let (r, d) = parse_report_yaml(&format!("source: m\ncolumns:\n  - x: {column}\n"));
        assert!(!d.has_errors(), "{d:?}");
        resolve_report(&r.unwrap(), &cat).map_err(|d| d.sorted())
    };
    let err = resolve("count(s)").unwrap_err();
    assert_eq!(err[0].code, Code::ManyName, "{err:?}");
    assert!(
        err[0].help.as_deref().unwrap().contains("`s_via_b`"),
        "{err:?}"
    );
    let q = resolve("sum(s_via_b.n)").unwrap();
    assert_eq!(q.joins.len(), 1);
    assert_eq!(
        (q.joins[0].from.as_str(), q.joins[0].to.as_str()),
        ("id", "b_id")
    );
    assert!(q.joins[0].many.as_ref().is_some_and(|p| p.len() == 1));
    // `avg` is a sum and a count per key; `any` is a count above 0
    let q = resolve("avg(s_via_a.n)").unwrap();
    assert_eq!(q.joins[0].many.as_ref().map(Vec::len), Some(2));
    assert!(matches!(q.outputs[0].expr.kind, TKind::Div { .. }));
    assert!(check("source: messages\ncolumns:\n  - n: count_distinct(sms.sms_id)\n").is_ok());
}

/// A distinct count or percentile of a many side joins its rows (`Join::fan`): it reads the
/// fanned value, and every other aggregate only the first copy of each report row; a second
/// fanned-out many side is refused (E0272).
#[test]
fn distinct_counts_of_a_many_side_fan_out_and_the_rest_read_first_copies() {
    let q = check(
        "source: messages\ncolumns:\n  - n: count()\n  - c: count(sms)\n  - o: count_distinct(sms.origin)\n  - p: median(sms.credits)\n",
    )
    .unwrap();
    let fan = q.joins.iter().find_map(|j| j.fan.as_ref()).unwrap();
    assert_eq!(fan.parts.len(), 2);
    assert_eq!(q.joins.iter().filter(|j| j.many.is_some()).count(), 1);
    let first_filtered = |e: &TExpr| {
        matches!(&e.kind, TKind::Agg { filter: Some(f), .. }
            if matches!(&f.kind, TKind::Binary { left, .. }
                if left.kind == TKind::Column(fan.first.clone())))
    };
    assert!(first_filtered(&q.outputs[0].expr), "{:?}", q.outputs[0]);
    let TKind::Func { args, .. } = &q.outputs[1].expr.kind else {
        panic!("{:?}", q.outputs[1]);
    };
    assert!(first_filtered(&args[0]), "{args:?}");
    assert!(matches!(&q.outputs[2].expr.kind,
        TKind::Agg { func: AggFunc::CountDistinct, filter: None, arg: Some(a) }
            if a.kind == TKind::Column(fan.parts[0].name.clone())));
    assert!(matches!(
        &q.outputs[3].expr.kind,
        TKind::Percentile { filter: None, .. }
    ));
    assert_eq!(
        codes("source: messages\ncolumns:\n  - o: count_distinct(sms.origin)\n  - q: count_distinct(incoming_message_distributions.queue)\n"),
        vec![Code::ManyNotMergeable]
    );
}
