//! The hand-written parser against pest: on every text, either both accept with the same AST
//! (spans, depths and parentheses included) or both refuse (and pest gives the error).

use super::{fast, pest_expr, pest_order_item, Offset};

/// Expressions that exercise every rule and its edges.
const CASES: &[&str] = &[
    "queue",
    "  queue  ",
    "count()",
    "count() where a = 'x' and b",
    "(count() where x = 'a') / count()",
    "not not a",
    "not a and b or c",
    "a and not b = 1",
    "- - x + 3 * -y / 2",
    "x by week",
    "-x by day",
    "created_at by Hours",
    "a in ('a', 'b',)",
    "a not in ()",
    "a in (1)",
    "a in last 7 days",
    "a in last 7days",
    "a in last 0 days",
    "a in last 100001 days",
    "a in this Month",
    "a not in previous quarter",
    "a in today",
    "a in yesterday",
    "a in previous(3)",
    "x between 1 and 2 and y",
    "x not between 2026-01-01 and 2026-01-31",
    "x is null",
    "x is not null",
    "x IS NOT NULL",
    "x contains 'a%_\\\\'",
    "x not icontains 'ÜNÏCÖDÉ'",
    "x istarts_with 'L''ÉQUIPE'",
    "x ends_withy",
    "x containsy 'a'",
    "a <= 1 or a >= 2 or a != 3 or a <> 4 or a == 5 or a = 6 or a < 7 or a > 8",
    "a = = 1",
    "1.5 + 2. ",
    "1.",
    "10",
    "0.9",
    "90s + 1h30m + 250ms + 1d + 2m",
    "2mss",
    "5x",
    "2026-01-31",
    "2026-02-30",
    "2026-01-31T08:00",
    "2026-01-31 08:00:15",
    "2026-01-31T25:00",
    "2026-01-31T08:00x",
    "'it''s' = \"it's\"",
    "'a\\u{1F600}b'",
    "'a\\qb'",
    "'unterminated",
    "\"\\\"\"",
    "yes",
    "no",
    "True",
    "FALSE",
    "nothing",
    "notable = yes",
    "null",
    "x = null",
    "$since",
    "$ since",
    "$yes",
    "`odd name`",
    "`a``b`",
    "``",
    "`unterminated",
    "f(a, b, c)",
    "f(a,)",
    "f ( a )",
    "round(minutes(avg_handle_time), 1)",
    "percentile(x, 0.9) where queue = 'Sales'",
    "a # a comment\n and b",
    "# only a comment\n a",
    "a and",
    "and a",
    "(a",
    "a)",
    "",
    "   ",
    "a b",
    "a,b",
    "in",
    "by",
    "x by",
    "x by fortnight",
    "count() where",
    "é",
    "a = 'é' and `é` = 1",
    "a\tand\r\nb",
    "((a))",
    "(a and b) or c",
    "x in ((1), (2))",
    "previous(offered)",
    "rolling(avg(wait_time), 7)",
    "share(offered, week)",
    "`x` by week in last 3 weeks",
    "message.messaging_type = 'WA'",
    "count_distinct(message.interaction_id)",
    "a.b.c",
    "a.",
    ".b",
    "a.and",
    "a . b",
    "a.`b`",
    "a.b by day",
    "a.b(1)",
    "`a.b`",
];

/// Order items: the expression cases with a direction and a NULL order.
const ORDER_CASES: &[&str] = &[
    "week desc",
    "week DESC nulls first",
    "week asc nulls last",
    "week nulls first",
    "week descx",
    "week desc nulls",
    "week desc nulls middle",
    "count() desc",
    "  a  desc  ",
    "a desc # why\n",
];

fn agree(text: &str) {
    let map = Offset(0);
    let slow = pest_expr(text, &map);
    let quick = fast::parse_expr(text, &map);
    match (&slow, &quick) {
        (Ok(a), Some(b)) => assert_eq!(a, b, "different trees for {text:?}"),
        (Err(_), None) => {}
        (Ok(_), None) => panic!("the fast parser gave up on valid {text:?}"),
        (Err(e), Some(b)) => panic!("the fast parser accepted {text:?} ({b:?}); pest: {e:?}"),
    }
}

fn agree_order(text: &str) {
    let map = Offset(0);
    let slow = pest_order_item(text, &map);
    let quick = fast::parse_order_item(text, &map);
    match (&slow, &quick) {
        (Ok(a), Some(b)) => assert_eq!(a, b, "different order items for {text:?}"),
        (Err(_), None) => {}
        (Ok(_), None) => panic!("the fast parser gave up on the valid order item {text:?}"),
        (Err(e), Some(b)) => panic!("the fast parser accepted {text:?} ({b:?}); pest: {e:?}"),
    }
}

#[test]
fn the_two_parsers_agree_on_the_cases() {
    for t in CASES {
        agree(t);
    }
    for t in ORDER_CASES.iter().chain(CASES) {
        agree_order(t);
    }
}

/// Random token soup: mostly invalid, often valid, over every token the grammar knows.
#[test]
fn the_two_parsers_agree_on_generated_text() {
    const TOKENS: &[&str] = &[
        "a",
        "queue",
        "wait_time",
        "x1",
        "_y",
        "m.queue",
        ".",
        "`b c`",
        "$p",
        "1",
        "2.5",
        "10",
        "90s",
        "1h30m",
        "2026-01-05",
        "2026-01-05T08:00",
        "'s'",
        "'it''s'",
        "\"d\"",
        "yes",
        "no",
        "null",
        "and",
        "or",
        "not",
        "in",
        "between",
        "is",
        "by",
        "where",
        "last",
        "this",
        "previous",
        "today",
        "days",
        "week",
        "month",
        "contains",
        "icontains",
        "starts_with",
        "ends_with",
        "=",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "<>",
        "+",
        "-",
        "*",
        "/",
        "(",
        ")",
        ",",
        "count",
        "avg",
        " ",
        " ",
        " ",
        "\n",
        "# c\n",
        "asc",
        "desc",
        "nulls",
        "first",
        "last",
    ];
    let mut next = crate::syntax::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
    let (mut accepted, mut total) = (0, 0);
    for _ in 0..20_000 {
        let len = 1 + (next() % 9) as usize;
        let mut text = String::new();
        for _ in 0..len {
            let t = TOKENS[(next() % TOKENS.len() as u64) as usize];
            text.push_str(t);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        total += 1;
        if pest_expr(&text, &Offset(0)).is_ok() {
            accepted += 1;
        }
        agree(&text);
        agree_order(&text);
    }
    // the soup must hold valid expressions too, or the test would prove little
    assert!(
        accepted * 20 > total,
        "only {accepted} of {total} generated texts parse"
    );
}

/// Every expression of the example reports, in its YAML value.
#[test]
fn the_two_parsers_agree_on_the_examples() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/reports");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some(item) = line.trim_start().strip_prefix("- ") else {
                continue;
            };
            let expr = item.split_once(": ").map_or(item, |(_, e)| e);
            agree(expr);
            agree_order(expr);
            n += 1;
        }
    }
    assert!(n > 100, "only {n} expressions found in reports/");
}

/// Chains around the depth cap: both parsers refuse the same ones. (On a big stack: pest's
/// recursion on 127 nested calls overflows a 2 MB test thread in a debug build.)
#[test]
fn the_two_parsers_agree_at_the_depth_cap() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(depth_cases)
        .unwrap()
        .join()
        .unwrap();
}

fn depth_cases() {
    for n in [1, 126, 127, 128, 129, 200] {
        agree(&format!("{}a", "not ".repeat(n)));
        agree(&format!("{}a", "- ".repeat(n)));
        agree(&format!("a{}", " + a".repeat(n)));
        agree(&format!("a{}", " or a and a".repeat(n / 2)));
        agree(&format!(
            "{}a{}",
            "f(".repeat(n.min(127)),
            ")".repeat(n.min(127))
        ));
        agree(&format!("x in ({})", vec!["1"; n].join(", ")));
    }
}
