use super::*;
use crate::diagnostics::Spanned;

fn p(s: &str) -> Expr {
    parse_expr(s, &Offset(0)).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}
fn err(s: &str) -> Diagnostic {
    parse_expr(s, &Offset(0)).unwrap_err()
}

#[test]
fn precedence() {
    let e = p("a = 1 or b = 2 and not c = 3");
    let ExprKind::Binary {
        op: BinOp::Or,
        right,
        ..
    } = e.kind
    else {
        panic!()
    };
    assert!(matches!(
        right.kind,
        ExprKind::Binary { op: BinOp::And, .. }
    ));
    let e = p("a + b * c");
    let ExprKind::Binary {
        op: BinOp::Add,
        right,
        ..
    } = e.kind
    else {
        panic!()
    };
    assert!(matches!(
        right.kind,
        ExprKind::Binary { op: BinOp::Mul, .. }
    ));
}

#[test]
fn literals() {
    let lit = |s: &str| match p(s).kind {
        ExprKind::Literal(l) => l,
        k => panic!("{k:?}"),
    };
    assert_eq!(lit("'it''s'"), Literal::String("it's".into()));
    assert_eq!(lit(r#""a\"b\u{1F600}""#), Literal::String("a\"b😀".into()));
    assert_eq!(lit("1h30m"), Literal::Duration(5_400_000));
    assert_eq!(lit("250ms"), Literal::Duration(250));
    assert_eq!(lit("yes"), Literal::Bool(true));
    assert_eq!(lit("No"), Literal::Bool(false));
    assert_eq!(
        lit("2026-02-28"),
        Literal::Date(jiff::civil::date(2026, 2, 28))
    );
    assert!(matches!(lit("2026-02-28T08:30"), Literal::Timestamp(_)));
    assert!(matches!(lit("2026-02-28 08:30:15"), Literal::Timestamp(_)));
    assert_eq!(lit("12.50"), Literal::Number("12.50".into()));
}

#[test]
fn tails_and_ranges() {
    assert!(matches!(
        p("x not in ('a', 'b')").kind,
        ExprKind::InList { negated: true, .. }
    ));
    assert!(matches!(
        p("d in last 7 days").kind,
        ExprKind::InRange {
            range: Spanned {
                value: RelativeRange::Last(7, TimeUnit::Day),
                ..
            },
            ..
        }
    ));
    assert!(matches!(
        p("d in previous month").kind,
        ExprKind::InRange {
            range: Spanned {
                value: RelativeRange::Previous(TimeUnit::Month),
                ..
            },
            ..
        }
    ));
    assert!(matches!(
        p("x between 1 and 5").kind,
        ExprKind::Between { .. }
    ));
    assert!(matches!(
        p("x is not null").kind,
        ExprKind::IsNull { negated: true, .. }
    ));
    assert!(matches!(
        p("x not icontains 'a'").kind,
        ExprKind::Match {
            negated: true,
            case_insensitive: true,
            op: MatchOp::Contains,
            ..
        }
    ));
    assert!(matches!(
        p("d by week").kind,
        ExprKind::Bucket {
            unit: Spanned {
                value: TimeUnit::Week,
                ..
            },
            ..
        }
    ));
    let ExprKind::Call { filter, .. } = p("count() where s = 'a' and t = 'b'").kind else {
        panic!()
    };
    assert!(filter.is_some());
}

#[test]
fn errors_in_user_words() {
    let e = err("queue = ");
    assert_eq!(e.code, Code::ExprSyntax);
    assert!(
        e.message
            .contains("expected a column, a number or a string"),
        "{}",
        e.message
    );
    assert_eq!(e.span, Span::new(8, 8));
    let e = err("a = 'x' && b = 1");
    assert_eq!(
        e.help.as_deref(),
        Some("write `and` / `or` instead of `&&` / `||`")
    );
    assert_eq!(err(r"'\q'").code, Code::BadLiteral);
    assert_eq!(err("2026-02-30").code, Code::BadLiteral);
}

#[test]
fn depth_is_capped() {
    let deep = "(".repeat(10_000) + "1" + &")".repeat(10_000);
    assert_eq!(err(&deep).code, Code::InputTooLarge);
    let chain = vec!["a"; 5_000].join(" + ");
    assert_eq!(err(&chain).code, Code::InputTooLarge);
    let nots = "not ".repeat(5_000) + "a";
    assert_eq!(err(&nots).code, Code::InputTooLarge);
}

#[test]
fn order_items() {
    let o = parse_order_item("abandons desc nulls first", &Offset(0)).unwrap();
    assert!(o.descending);
    assert_eq!(o.nulls, Some(NullsOrder::First));
}

/// The verbatim shortcut of a YAML expression's spans gives what the char mapping gives, for
/// every pair of char boundaries of every verbatim scalar of the project's YAML files (and of
/// non-ASCII values), past the end included.
#[test]
fn verbatim_spans_are_the_char_mapping() {
    let mut texts = vec!["a: héllo wörld = 'ü'\nb: x 😀 y\n".to_string()];
    texts.extend(crate::yaml::project_yaml());
    let mut checked = 0;
    for text in &texts {
        let Ok(Some(tree)) = crate::yaml::parse_yaml(text) else {
            continue;
        };
        for s in tree.scalars().into_iter().filter(|s| s.value.len() < 200) {
            let bounds: Vec<usize> = (0..=s.value.len() + 1)
                .filter(|b| *b > s.value.len() || s.value.is_char_boundary(*b))
                .collect();
            for &a in &bounds {
                for &b in &bounds {
                    if let Some(fast) = verbatim_span(s, a, b) {
                        assert_eq!(fast, char_span(s, a, b), "{:?} {a}..{b}", s.value);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} spans checked");
}
