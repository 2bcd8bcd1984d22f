//! Binding strength of SQL expressions and the parentheses it calls for, and the small
//! operator nodes built with them (`a AND b`, `NOT x`, numbers).

use sqlparser::ast::{BinaryOperator, Expr, UnaryOperator, Value};

pub(super) fn num(n: impl ToString) -> Expr {
    Expr::value(Value::Number(n.to_string(), false))
}

/// Binding strength of an expression, for parenthesising.
pub(super) fn prec(e: &Expr) -> u8 {
    match e {
        Expr::BinaryOp { op, .. } => match op {
            BinaryOperator::Or => 1,
            BinaryOperator::And => 2,
            BinaryOperator::Plus | BinaryOperator::Minus => 5,
            BinaryOperator::Multiply | BinaryOperator::Divide => 6,
            _ => 4,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Not,
            ..
        } => 3,
        Expr::UnaryOp { .. } => 7,
        Expr::Like { .. }
        | Expr::ILike { .. }
        | Expr::In { .. }
        | Expr::Between { .. }
        | Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::AtTimeZone { .. }
        | Expr::AnyOp { .. } => 4,
        _ => 9,
    }
}

pub(super) fn nest(e: Expr) -> Expr {
    Expr::Nested(Box::new(e))
}

pub(super) fn binop(op: BinaryOperator, l: Expr, r: Expr) -> Expr {
    let p = prec(&Expr::BinaryOp {
        left: Box::new(Expr::value(Value::Null)),
        op: op.clone(),
        right: Box::new(Expr::value(Value::Null)),
    });
    let assoc = matches!(
        op,
        BinaryOperator::And | BinaryOperator::Or | BinaryOperator::Plus | BinaryOperator::Multiply
    );
    let (pl, pr) = (prec(&l), prec(&r));
    // `a AND b OR c` is right, but `(a AND b) OR c` is what a reader expects
    let and_in_or = |x: u8| p == 1 && x == 2;
    let l = if pl < p || (p == 4 && pl == 4) || and_in_or(pl) {
        nest(l)
    } else {
        l
    };
    let r = if pr < p || (pr == p && !assoc) || and_in_or(pr) {
        nest(r)
    } else {
        r
    };
    Expr::BinaryOp {
        left: Box::new(l),
        op,
        right: Box::new(r),
    }
}

/// `a AND b AND ...`, built as a balanced tree: a report with 90,000 filters is 17 levels deep,
/// not 90,000 (AND is associative, and the printer writes one conjunct a line either way), so
/// no stage recurses once per filter.
pub(super) fn and_all(mut es: Vec<Expr>) -> Option<Expr> {
    match es.len() {
        0 => None,
        1 => es.pop(),
        n => {
            let right = es.split_off(n / 2);
            let (l, r) = (and_all(es)?, and_all(right)?);
            Some(binop(BinaryOperator::And, l, r))
        }
    }
}

pub(super) fn not(e: Expr) -> Expr {
    let e = if prec(&e) < 9 { nest(e) } else { e };
    Expr::UnaryOp {
        op: UnaryOperator::Not,
        expr: Box::new(e),
    }
}
