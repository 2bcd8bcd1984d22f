//! Strategies of the DSL's property tests: random names, literals, expressions and whole
//! reports (printed and parsed back), and random DSL-ish noise (never a panic).

use proptest::prelude::*;
use reportc::ast::*;
use reportc::diagnostics::{Span, Spanned};

pub fn sp<T>(v: T) -> Spanned<T> {
    Spanned::new(v, Span::empty())
}

pub fn ex(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::empty(),
        parens: false,
    }
}

pub fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z_][a-z0-9_]{0,8}",
        1 => prop::sample::select(vec![
            "from", "limit", "order", "group", "where", "and", "yes", "null", "by", "select",
            "desc", "nulls", "today", "contains", "day", "odd name", "café", "a`b", "Été 2026",
        ])
        .prop_map(str::to_string),
    ]
}

pub fn any_ident() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9_]{0,8}",
        1 => prop::sample::select(vec!["from", "limit", "where", "and", "yes", "select", "no", "top", "per", "rest"])
            .prop_map(str::to_string),
    ]
}

pub fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::char::range('a', 'z'),
            2 => Just(' '),
            1 => prop::sample::select(vec![
                '\'', '"', '\\', '\n', '\t', '#', ':', '-', '`', '%', '_', '{', 'é', '😀', '中', '\u{1}',
            ]),
        ],
        0..14,
    )
    .prop_map(|v| v.into_iter().collect())
}

pub fn any_literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        any_text().prop_map(Literal::String),
        "[0-9]{1,5}(\\.[0-9]{1,3})?".prop_map(Literal::Number),
        any::<bool>().prop_map(Literal::Bool),
        Just(Literal::Null),
        (2000i16..2030, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| Literal::Date(jiff::civil::date(y, m, d))),
        (2000i16..2030, 1i8..=12, 1i8..=28, 0i8..24, 0i8..60, 0i8..60).prop_map(
            |(y, mo, d, h, mi, s)| Literal::Timestamp(jiff::civil::datetime(y, mo, d, h, mi, s, 0))
        ),
        prop_oneof![0i64..100_000, (0i64..1_000_000).prop_map(|s| s * 1000)]
            .prop_map(Literal::Duration),
    ]
}

pub fn any_unit() -> impl Strategy<Value = TimeUnit> {
    prop::sample::select(TimeUnit::ALL.to_vec())
}

pub fn any_range() -> impl Strategy<Value = RelativeRange> {
    prop_oneof![
        (1u32..=100_000, any_unit()).prop_map(|(n, u)| RelativeRange::Last(n, u)),
        any_unit().prop_map(RelativeRange::This),
        any_unit().prop_map(RelativeRange::Previous),
    ]
}

pub fn any_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        any_name().prop_map(|n| ex(ExprKind::Name(n))),
        any_literal().prop_map(|l| ex(ExprKind::Literal(l))),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let b = |e: Expr| Box::new(e);
        let ops = vec![
            BinOp::Add,
            BinOp::Sub,
            BinOp::Mul,
            BinOp::Div,
            BinOp::Eq,
            BinOp::NotEq,
            BinOp::Lt,
            BinOp::LtEq,
            BinOp::Gt,
            BinOp::GtEq,
            BinOp::And,
            BinOp::Or,
        ];
        prop_oneof![
            inner.clone().prop_map(move |x| ex(ExprKind::Neg(b(x)))),
            inner.clone().prop_map(move |x| ex(ExprKind::Not(b(x)))),
            (prop::sample::select(ops), inner.clone(), inner.clone()).prop_map(
                move |(op, l, r)| ex(ExprKind::Binary {
                    op,
                    left: b(l),
                    right: b(r)
                })
            ),
            (
                inner.clone(),
                prop::collection::vec(inner.clone(), 0..3),
                any::<bool>()
            )
                .prop_map(move |(x, list, negated)| ex(ExprKind::InList {
                    expr: b(x),
                    list,
                    negated
                })),
            (inner.clone(), any_range(), any::<bool>()).prop_map(move |(x, r, negated)| ex(
                ExprKind::InRange {
                    expr: b(x),
                    range: sp(r),
                    negated
                }
            )),
            (inner.clone(), inner.clone(), inner.clone(), any::<bool>()).prop_map(
                move |(x, low, high, negated)| ex(ExprKind::Between {
                    expr: b(x),
                    low: b(low),
                    high: b(high),
                    negated
                })
            ),
            (inner.clone(), any::<bool>()).prop_map(move |(x, negated)| ex(ExprKind::IsNull {
                expr: b(x),
                negated
            })),
            (
                prop::sample::select(vec![
                    MatchOp::Contains,
                    MatchOp::StartsWith,
                    MatchOp::EndsWith
                ]),
                any::<bool>(),
                inner.clone(),
                inner.clone(),
                any::<bool>()
            )
                .prop_map(move |(op, case_insensitive, x, pattern, negated)| ex(
                    ExprKind::Match {
                        op,
                        case_insensitive,
                        expr: b(x),
                        pattern: b(pattern),
                        negated
                    }
                )),
            (
                prop::sample::select(vec!["count", "sum", "avg", "round", "percentile", "lower"]),
                prop::collection::vec(inner.clone(), 0..3),
                prop::option::of(inner.clone())
            )
                .prop_map(move |(f, args, filter)| ex(ExprKind::Call {
                    name: sp(f.to_string()),
                    args,
                    filter: filter.map(b)
                })),
            (inner, any_unit()).prop_map(move |(x, u)| ex(ExprKind::Bucket {
                expr: b(x),
                unit: sp(u)
            })),
        ]
    })
}

pub fn any_report() -> impl Strategy<Value = Report> {
    let column = (prop::option::of(any_ident()), any_expr()).prop_map(|(name, expr)| ColumnDef {
        name: name.map(sp),
        expr,
        span: Span::empty(),
    });
    let order = (any_expr(), any::<bool>(), prop::option::of(any::<bool>())).prop_map(
        |(expr, descending, nulls)| OrderItem {
            expr,
            descending,
            nulls: nulls.map(|f| {
                if f {
                    NullsOrder::First
                } else {
                    NullsOrder::Last
                }
            }),
            span: Span::empty(),
        },
    );
    let head = (
        prop::option::of(any_ident()),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
        any_ident(),
        prop::option::of(prop_oneof![Just("Europe/Paris".to_string()), any_text()]),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    );
    let body = (
        prop::collection::vec(column, 1..4),
        prop::collection::vec(any_expr(), 0..3),
        prop::option::of(prop::collection::vec(any_expr(), 0..3)),
        prop::collection::vec(any_expr(), 0..3),
        prop::collection::vec(order, 0..3),
        prop::option::of(-5i64..100_000),
        prop::option::of((
            -5i64..1000,
            any_ident(),
            prop::collection::vec(any_ident(), 0..3),
            prop::option::of(any_text()),
        )),
    );
    (head, body).prop_map(
        |(
            (name, title, description, source, timezone, labels, fill, bucket_dates),
            (columns, filters, group_by, having, order_by, limit, top),
        )| {
            Report {
                name: name.map(sp),
                title: title.map(sp),
                description: description.map(sp),
                source: sp(source),
                timezone: timezone.map(sp),
                parameters: Vec::new(),
                columns,
                filters,
                group_by,
                having,
                order_by,
                limit: limit.map(sp),
                labels: labels.map(sp),
                top: top.map(|(n, by, per, rest)| TopDef {
                    n: sp(n),
                    by: sp(by),
                    per: per.into_iter().map(sp).collect(),
                    rest: rest.map(sp),
                    span: Span::empty(),
                }),
                fill: fill.map(sp),
                bucket_dates: bucket_dates.map(sp),
                notation: reportc::syntax::ast::Notation::Dsl,
            }
        },
    )
}

pub fn dsl_noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(vec![
                "report ", "title ", "from ", "select ", "where ", "group by ", "order by ",
                "having ", "limit ", "timezone ", "description ", "\n", "\n  ", " and ", " or ",
                "not ", "(", ")", ",", " = ", "==", "'", "\"", "`", "#", "\\", "count()",
                " where ", "a", "queue", "1", "7", " in ", "last 7 days", " by day", " desc",
                "nulls first", "-", "é", "😀", "2026-01-01", "90s", ":", "selct ",
            ])
            .prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}
