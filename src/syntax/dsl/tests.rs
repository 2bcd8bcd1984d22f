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
