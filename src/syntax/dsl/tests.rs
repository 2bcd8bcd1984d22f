use super::*;

const EXAMPLE: &str = r#"# comment
report whatsapp_abandons_by_queue "WhatsApp abandons per queue and day, last 7 days"
from incoming_message_distributions
timezone 'Europe/Paris'          # optional
select queue, day = distribution_date by day, abandons = count(), avg_wait = avg(wait_time)
where messaging_type = 'WhatsApp'
  and detailed_interaction_status in ('abandoned', 'missed')
  and distribution_date in last 7 days
group by queue, day              # optional
having abandons > 10
order by abandons desc
limit 50
"#;

#[test]
fn parses_the_issue_example() {
    let (r, d) = parse_report_dsl(EXAMPLE);
    assert!(d.is_empty(), "{d:?}");
    let r = r.unwrap();
    assert_eq!(r.name.unwrap().value, "whatsapp_abandons_by_queue");
    assert_eq!(r.columns.len(), 4);
    assert_eq!(r.filters.len(), 3);
    assert_eq!(r.group_by.unwrap().len(), 2);
    assert_eq!(r.limit.unwrap().value, 50);
    assert_eq!(
        &EXAMPLE[r.columns[1].expr.span.range()],
        "distribution_date by day"
    );
    assert_eq!(
        &EXAMPLE[r.filters[2].span.range()],
        "distribution_date in last 7 days"
    );
}

#[test]
fn reports_every_broken_clause() {
    let text = "from sms\nselect a, b = \nwhere x = = 1\nlimit ten\n";
    let (_, d) = parse_report_dsl(text);
    assert_eq!(d.len(), 3, "{d:?}");
    assert!(d.0.iter().all(|d| d.code == Code::ExprSyntax));
    assert!(d.0.iter().all(|d| !d.message.contains("_clause")));
}

#[test]
fn unicode_names_in_backticks_and_titles_once() {
    let (r, d) = parse_report_dsl("from sms\nselect `catégorie`\nwhere `durée ``x``` > 1\n");
    assert!(d.is_empty(), "{d:?}");
    let r = r.unwrap();
    assert!(matches!(&r.columns[0].expr.kind, ExprKind::Name(n) if n == "catégorie"));
    let ExprKind::Binary { left, .. } = &r.filters[0].kind else {
        panic!()
    };
    assert!(matches!(&left.kind, ExprKind::Name(n) if n == "durée `x`"));
    let (_, d) = parse_report_dsl("title \"a\"\nreport r \"b\"\nfrom sms\nselect a\n");
    assert_eq!(d.0[0].code, Code::DuplicateKey);
    let (_, d) = parse_report_dsl("report r \"b\"\ntitle \"a\"\nfrom sms\nselect a\n");
    assert_eq!(d.0[0].code, Code::DuplicateKey);
}

#[test]
fn parenthesised_and_stays_one_filter() {
    let (r, d) = parse_report_dsl("from s\nselect a\nwhere (a = 1 and b = 2) and c = 3\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.unwrap().filters.len(), 2);
    let (r, _) = parse_report_dsl("from s\nselect a\nwhere a = 1 and b = 2 or c = 3\n");
    assert_eq!(r.unwrap().filters.len(), 1);
}

/// `group`/`order` followed by a character of several bytes (fuzz/regressions/dsl_check/): an
/// error, not a panic from slicing inside the character.
#[test]
fn multibyte_after_group_or_order_is_an_error() {
    for text in [
        "order \u{20ac}",
        "order o\u{e9}",
        "group \u{2018}by\u{2019}",
        "report r\nfrom sms\nselect n = count()\norder \u{e9}y\n",
    ] {
        let (_, d) = parse_report_dsl(text);
        assert!(!d.is_empty(), "{text:?}");
    }
}

/// The fast clause parser and pest give the same report and the same diagnostics.
fn same_both_ways(text: &str) -> bool {
    let quick = parse_dsl(text, true);
    let slow = parse_dsl(text, false);
    assert_eq!(quick.0, slow.0, "different reports for {text:?}");
    assert_eq!(
        format!("{:?}", quick.1),
        format!("{:?}", slow.1),
        "different diagnostics for {text:?}"
    );
    quick.1.is_empty()
}

#[test]
fn the_fast_clauses_read_the_examples_as_pest_does() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/reports");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rpt") {
            assert!(same_both_ways(&std::fs::read_to_string(&path).unwrap()));
            n += 1;
        }
    }
    assert!(n > 10, "only {n} DSL examples");
    assert!(same_both_ways(EXAMPLE));
}

#[test]
fn the_fast_clauses_read_generated_clauses_as_pest_does() {
    const HEADS: &[&str] = &[
        "select ",
        "where ",
        "having ",
        "group by ",
        "order by ",
        "group by",
        "order  by ",
        "report ",
        "title ",
        "description ",
        "timezone ",
        "from ",
        "limit ",
        "parameter ",
    ];
    const TOKENS: &[&str] = &[
        "a",
        "b = ",
        "`c d` = ",
        "`` = ",
        "x1",
        "count()",
        "=",
        "==",
        "and",
        "or",
        "not",
        "(",
        ")",
        ",",
        "desc",
        "asc",
        "nulls",
        "first",
        "last",
        "1",
        "'s'",
        "2026-02-30",
        "by",
        "day",
        "in",
        "last 3 days",
        "# c\n",
        "\n",
        " ",
        " ",
        "where",
        "yes",
        "$p",
        "x between 1 and 2",
        "\"t\"",
        "'Europe/Paris'",
        "'a\\q'",
        "-5",
        "50",
        "99999999999999999999",
        "`s`",
        "r_1",
    ];
    let mut next = crate::syntax::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
    let (mut fast, mut clauses) = (0, 0);
    for _ in 0..5_000 {
        let mut text = String::from("from sms\n");
        for _ in 0..1 + next() % 3 {
            let mut clause = HEADS[(next() % HEADS.len() as u64) as usize].to_string();
            for _ in 0..1 + next() % 8 {
                clause.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
                clause.push(' ');
            }
            clauses += 1;
            fast += usize::from(parse_clause(&clause, &Offset(0)).is_some());
            text.push_str(&clause);
            text.push('\n');
        }
        same_both_ways(&text);
    }
    // clauses that the fast parser reads among them, or its results would hardly be tested
    assert!(
        fast * 20 > clauses,
        "only {fast} of {clauses} clauses read by the fast path"
    );
}
