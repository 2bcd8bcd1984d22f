//! Print: sqlparser AST -> readable SQL text. One clause per line, one select item per line,
//! one top-level condition per line. Every piece is printed by sqlparser's `Display`, so the
//! text is exactly the AST (tests re-parse it with the dialect's parser).

use sqlparser::ast::{BinaryOperator, Expr, GroupByExpr, Query, SetExpr, Statement};
use std::fmt::Write;

/// Split a tree of `a AND b AND c` into its conjuncts, left to right, without recursion.
fn conjuncts(e: &Expr) -> Vec<&Expr> {
    let mut out = Vec::new();
    let mut todo = vec![e];
    while let Some(e) = todo.pop() {
        match e {
            Expr::BinaryOp {
                left,
                op: BinaryOperator::And,
                right,
            } => {
                todo.push(right);
                todo.push(left);
            }
            other => out.push(other),
        }
    }
    out
}

fn conditions(out: &mut String, keyword: &str, e: &Expr) {
    let _ = writeln!(out, "{keyword}");
    let parts = conjuncts(e);
    for (i, c) in parts.iter().enumerate() {
        let and = if i + 1 < parts.len() { " AND" } else { "" };
        let _ = writeln!(out, "  {c}{and}");
    }
}

pub fn print_statement(stmt: &Statement) -> String {
    match stmt {
        Statement::Query(q) => print_query(q, &q.body),
        _ => format!("{stmt};\n"),
    }
}

/// The query `q` with `body` in place of its own (a side of a set operation is printed with
/// its query's clauses, without copying the query).
fn print_query(q: &Query, body: &SetExpr) -> String {
    if let SetExpr::SetOperation {
        op,
        set_quantifier,
        left,
        right,
    } = body
    {
        // `left` + `UNION ALL` + `right`, each side printed as a query of its own
        if q.with.is_none() && q.order_by.is_none() && q.limit_clause.is_none() {
            let (l, r) = (print_query(q, left), print_query(q, right));
            return format!(
                "{}\n{op} {set_quantifier}\n{}",
                l.trim_end_matches(";\n"),
                r
            );
        }
    }
    let SetExpr::Select(sel) = body else {
        if std::ptr::eq(body, q.body.as_ref()) {
            return format!("{q};\n");
        }
        let side = Query {
            body: Box::new(body.clone()),
            ..q.clone()
        };
        return format!("{side};\n");
    };
    let mut out = String::with_capacity(512);
    if let Some(with) = &q.with {
        // `WITH name AS (` + the inner query, indented + `),`
        out.push_str(if with.recursive {
            "WITH RECURSIVE\n"
        } else {
            "WITH\n"
        });
        for (i, cte) in with.cte_tables.iter().enumerate() {
            let inner = print_query(&cte.query, &cte.query.body);
            if cte.alias.columns.is_empty() {
                let _ = writeln!(out, "{} AS (", cte.alias.name);
            } else {
                let cols: Vec<String> = cte.alias.columns.iter().map(|c| c.to_string()).collect();
                let _ = writeln!(out, "{} ({}) AS (", cte.alias.name, cols.join(", "));
            }
            for line in inner.trim_end_matches(";\n").lines() {
                let _ = writeln!(out, "  {line}");
            }
            let comma = if i + 1 < with.cte_tables.len() {
                ","
            } else {
                ""
            };
            let _ = writeln!(out, "){comma}");
        }
    }
    match &sel.top {
        Some(top) => {
            let _ = writeln!(out, "SELECT {top}");
        }
        None => out.push_str("SELECT\n"),
    }
    for (i, item) in sel.projection.iter().enumerate() {
        let comma = if i + 1 < sel.projection.len() {
            ","
        } else {
            ""
        };
        let _ = writeln!(out, "  {item}{comma}");
    }
    if !sel.from.is_empty() {
        out.push_str("FROM\n");
    }
    for t in &sel.from {
        if t.joins.is_empty() {
            let _ = writeln!(out, "  {t}");
            continue;
        }
        let _ = writeln!(out, "  {}", t.relation);
        for j in &t.joins {
            let _ = writeln!(out, "  {}", j.to_string().trim());
        }
    }
    if let Some(w) = &sel.selection {
        conditions(&mut out, "WHERE", w);
    }
    if let GroupByExpr::Expressions(keys, _) = &sel.group_by {
        if !keys.is_empty() {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            let _ = writeln!(out, "GROUP BY\n  {}", keys.join(", "));
        }
    }
    if let Some(h) = &sel.having {
        conditions(&mut out, "HAVING", h);
    }
    if let Some(ob) = &q.order_by {
        let text = ob.to_string();
        let body = text.trim_start_matches("ORDER BY").trim();
        let _ = writeln!(out, "ORDER BY\n  {body}");
    }
    if let Some(l) = &q.limit_clause {
        let _ = writeln!(out, "{}", l.to_string().trim());
    }
    if let Some(f) = &q.fetch {
        let _ = writeln!(out, "{f}");
    }
    if let Some(settings) = &q.settings {
        let list: Vec<String> = settings
            .iter()
            .map(|s| format!("{} = {}", s.key, s.value))
            .collect();
        let _ = writeln!(out, "SETTINGS {}", list.join(", "));
    }
    // the last line ends the statement
    if out.ends_with('\n') {
        out.pop();
    }
    out.push_str(";\n");
    out
}
