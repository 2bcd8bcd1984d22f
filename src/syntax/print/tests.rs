use super::*;
use crate::syntax::ast::erase_expr_spans;
use crate::syntax::expr::{parse_expr, Offset};

fn round(s: &str) {
    let e = parse_expr(s, &Offset(0)).unwrap();
    let printed = expr(&e);
    let again = parse_expr(&printed, &Offset(0)).unwrap();
    assert_eq!(
        erase_expr_spans(&e),
        erase_expr_spans(&again),
        "{s} -> {printed}"
    );
}

#[test]
fn expressions_round_trip() {
    for s in [
        "a - (b - c)",
        "(a or b) and c",
        "not (a = 1)",
        "(count() where x = 1) / count()",
        "-(-3)",
        "(a + b) by day",
        "`odd name` = 'it''s'",
        "x not between 1 + 2 and 3",
        "d in last 1 day",
        "1h30m = 5400s",
    ] {
        round(s);
    }
    assert_eq!(
        expr(&parse_expr("(a - b) - c", &Offset(0)).unwrap()),
        "a - b - c"
    );
}
