//! The report time zone: an IANA name resolved once, here, through jiff's bundled database.
//! Later stages use the resolved [`Zone`] and never look the name up again.

use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, Spanned};
use crate::ir::Zone;

/// The zone of a report's `timezone`, or a diagnostic (a fixed offset, an unknown name with a
/// suggestion).
pub(super) fn resolve_timezone(tz: &Spanned<String>, diags: &mut Diagnostics) -> Option<Zone> {
    let fixed_offset = {
        let v = tz.value.to_ascii_uppercase();
        (v.starts_with("UTC") || v.starts_with("GMT"))
            && v.len() > 3
            && v[3..].starts_with(['+', '-'])
    };
    match jiff::tz::db().get(&tz.value) {
        // the canonical spelling (`europe/paris` -> `Europe/Paris`): warehouses are case-sensitive
        Ok(z) if !fixed_offset => Some(Zone {
            name: z.iana_name().unwrap_or(&tz.value).to_string(),
            tz: z,
        }),
        _ if fixed_offset => {
            diags.push(
                Diagnostic::error(Code::BadTimezone, tz.span, format!("`{}` is a fixed offset, not a time zone", tz.value))
                    .with_help("use the IANA zone of the place, such as `Europe/Paris`, which follows daylight saving time"),
            );
            None
        }
        _ => {
            let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
            let mut d = Diagnostic::error(
                Code::BadTimezone,
                tz.span,
                format!("unknown time zone `{}`", tz.value),
            );
            // `Paris` -> `Europe/Paris`
            let city = names.iter().find(|n| {
                n.rsplit('/')
                    .next()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&tz.value.replace(' ', "_")))
            });
            d = match city
                .map(String::as_str)
                .or_else(|| did_you_mean(&tz.value, names.iter().map(String::as_str)))
            {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(
                    "use an IANA time zone name such as `Europe/Paris` or `America/New_York`",
                ),
            };
            diags.push(d);
            None
        }
    }
}
