//! The template engine: what `instantiate` walks.

use super::*;

/// The leaves `instantiate` walks are the leaves the generic visitor reaches, in the same
/// order, in every parsed template of every dialect.
#[test]
fn template_leaves_are_the_visitors() {
    let mut count = 0;
    for d in crate::sql::DIALECTS {
        for parsed in templates(d).iter().flatten() {
            let mut walked = Vec::new();
            let mut t = parsed.expr.clone();
            leaves(&mut t, &mut |e: &mut Expr| walked.push(e.to_string()));
            let mut visited = Vec::new();
            let mut t = parsed.expr.clone();
            let _ = visit_expressions_mut(&mut t, |e| {
                if is_leaf(e) {
                    visited.push(e.to_string());
                }
                ControlFlow::<()>::Continue(())
            });
            assert_eq!(walked, visited, "{}: {}", d.name, parsed.expr);
            count += 1;
        }
    }
    assert!(count > 300, "only {count} templates");
}
