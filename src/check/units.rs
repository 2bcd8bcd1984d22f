//! The unit an output's numbers are in, when the report names one: `minutes(avg(wait_time))`
//! is in minutes, `round(hours(x), 1)` in hours. A duration output keeps its stored unit (the
//! output schema reads it from the type).

use crate::syntax::ast::{Expr, ExprKind};

/// The unit `seconds()`, `minutes()` or `hours()` gives `written` (through `round`), if any.
pub(super) fn named_unit(written: &Expr) -> Option<&'static str> {
    let ExprKind::Call { name, args, .. } = &written.kind else {
        return None;
    };
    match name.value.to_lowercase().as_str() {
        "seconds" => Some("seconds"),
        "minutes" => Some("minutes"),
        "hours" => Some("hours"),
        "round" => args.first().and_then(named_unit),
        _ => None,
    }
}
