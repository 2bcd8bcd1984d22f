//! Bind placeholders (`--placeholders`): which parameter each placeholder of the printed SQL
//! stands for, in the order a driver binds them. Numbered and named styles bind by number or
//! name; the positional `?` style binds one value per occurrence, in the order printed, so its
//! placeholders are built numbered (`?n`) and rewritten here after printing, found by the
//! dialect's own tokenizer (never inside a string literal or a quoted name).

use super::dialect::{Dialect, Placeholders};
use sqlparser::tokenizer::{Token, Tokenizer};

/// The parameters to bind, as indexes into the declaration order: one per occurrence for `?`,
/// else each parameter used, once, in declaration order.
pub fn bind_order(sql: &str, d: &Dialect, used: &[usize]) -> Result<(String, Vec<usize>), String> {
    if d.placeholders != Placeholders::Question {
        let mut u = used.to_vec();
        u.sort_unstable();
        u.dedup();
        return Ok((sql.to_string(), u));
    }
    let dialect = (d.parser)();
    let tokens = Tokenizer::new(dialect.as_ref(), sql)
        .tokenize_with_location()
        .map_err(|e| e.to_string())?;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(sql.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut cuts = Vec::new();
    let mut order = Vec::new();
    for t in tokens {
        let Token::Placeholder(p) = &t.token else {
            continue;
        };
        let Some(n) = p.strip_prefix('?').and_then(|n| n.parse::<usize>().ok()) else {
            continue;
        };
        let (line, col) = (t.span.start.line as usize, t.span.start.column as usize);
        let start_of_line = *line_starts
            .get(line.wrapping_sub(1))
            .ok_or("bad location")?;
        let byte = sql[start_of_line..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map(|(i, _)| start_of_line + i)
            .ok_or("bad location")?;
        if !sql[byte..].starts_with(p.as_str()) {
            return Err(format!(
                "placeholder {p} not found where the tokenizer put it"
            ));
        }
        cuts.push((byte, p.len()));
        order.push(n - 1);
    }
    // every parameter used must have been found: else the tokenizer missed a placeholder
    let mut found = order.clone();
    found.sort_unstable();
    found.dedup();
    let mut want = used.to_vec();
    want.sort_unstable();
    want.dedup();
    if found != want {
        return Err(format!("found placeholders {found:?}, expected {want:?}"));
    }
    let mut out = String::with_capacity(sql.len());
    let mut at = 0;
    for (byte, len) in cuts {
        out.push_str(&sql[at..byte]);
        out.push('?');
        at = byte + len;
    }
    out.push_str(&sql[at..]);
    Ok((out, order))
}
