//! The demo rows of every source: deterministic for a seed, rows and anchor, following the
//! catalogue (physical names, stored codes, NULLs, `present_when` and `after`), with skewed
//! picks, hostile strings and timestamps around midnight and a DST change.

use super::{data_file_stem, Cell, Stored, Table};
use crate::catalog::{Catalog, Codes, ColumnType, DurationUnit};
use jiff::civil::DateTime;

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A skewed pick, as real data is: item `i` has weight `1 / (i + 1)` (Zipf), so the first
    /// value of a list (the first status, channel, queue) is the most common and the last
    /// ones are rare but present.
    fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        const SCALE: u64 = 1 << 20;
        let weight = |i: usize| SCALE / (i as u64 + 1);
        let total: u64 = (0..items.len()).map(weight).sum();
        let mut r = self.below(total);
        for (i, item) in items.iter().enumerate() {
            let w = weight(i);
            if r < w {
                return item;
            }
            r -= w;
        }
        &items[items.len() - 1]
    }
}

/// Ordinary text values (queue, agent, template and campaign names).
pub const TEXTS: &[&str] = &[
    "Sales",
    "Sales B2C",
    "sales b2b",
    "Support",
    "Support B2C",
    "Billing",
    "Retention",
    "promo_spring_v2",
    "promo_flash_v1",
    "Alice Martin",
    "Bruno Petit",
    "test agent",
    "Helpdesk (bot)",
];

/// Hostile text values: quotes, backslashes, comment markers, LIKE wildcards, unicode.
pub const HOSTILE: &[&str] = &[
    "O'Brien & Co",
    "back\\slash",
    "50% off_now",
    "-- not a comment",
    "/* not a comment */",
    "$$dollar$$",
    "Zoë 😀 ünïcode",
    "line\nbreak",
    "tab\there",
    "]bracket[",
    "\"double\"",
];

/// Values of list columns (checkpoints).
pub const LIST_ITEMS: &[&str] = &[
    "welcome",
    "identification",
    "order_status",
    "payment_ok",
    "vip",
    "50%_promo",
    "it's done",
    "back\\slash",
];

/// Rows per table of `demo-data` and of `run` on demo data: enough for grouped reports with
/// thresholds to return rows, and loaded by the embedded DuckDB in well under a second.
pub const DEFAULT_ROWS: u64 = 5000;

/// Generate `rows` rows per source, with timestamps in the ~120 days before `anchor` (UTC).
pub fn generate(catalog: &Catalog, rows: usize, seed: u64, anchor: DateTime) -> Vec<Table> {
    let mut out = Vec::new();
    for (si, source) in catalog.sources.iter().enumerate() {
        let mut rng = Rng(seed ^ ((si as u64 + 1) * 0x1000_0000_01B3));
        let columns: Vec<(String, Stored)> = source
            .columns
            .iter()
            .map(|c| (c.physical.clone(), Stored::of(&c.ty)))
            .collect();
        // `present_when` and `after` name columns listed earlier (checked by the loader)
        let index = |name: &Option<String>| {
            name.as_ref()
                .and_then(|n| source.columns.iter().position(|c| &c.id == n))
        };
        let links: Vec<(Option<usize>, Option<usize>)> = source
            .columns
            .iter()
            .map(|c| (index(&c.present_when), index(&c.after)))
            .collect();
        // a column that refers to another source's key (`links:`) takes that key's values, from
        // a stream of its own (the other columns are as without links): most rows refer to one
        // of the first two thirds of the target's rows (several to some, none to the last
        // third), one in ten to a row that does not exist
        let refers: Vec<Option<String>> = source
            .columns
            .iter()
            .map(|c| {
                let l = source.links.iter().find(|l| l.column == c.id)?;
                let t = catalog.source(&l.to_source)?;
                let tc = t.column(&l.to_column)?;
                matches!(tc.ty, ColumnType::Identifier).then(|| id_prefix(&t.id))
            })
            .collect();
        let mut link_rng = Rng(seed ^ (si as u64 + 1).wrapping_mul(0x9E37_79B9_0000_0001));
        let mut table_rows = Vec::with_capacity(rows);
        for r in 0..rows {
            let mut row: Vec<Cell> = Vec::with_capacity(columns.len());
            for (c, &(when, after)) in source.columns.iter().zip(&links) {
                let present = match when.and_then(|i| row.get(i)) {
                    Some(Cell::Bool(b)) => Some(*b),
                    Some(Cell::Null) => Some(false),
                    Some(_) => Some(true),
                    None => None,
                };
                let base = after.and_then(|i| row.get(i));
                // a column with `present_when` is set exactly when its condition holds; an
                // optional one `after` a missing timestamp is missing too (unless
                // `present_when` says it is there); any other optional column is NULL in
                // about one row in seven
                if present == Some(false)
                    || (present.is_none() && c.nullable && base == Some(&Cell::Null))
                    || (present.is_none() && c.nullable && rng.chance(15))
                {
                    row.push(Cell::Null);
                    continue;
                }
                let base = match base {
                    Some(Cell::Timestamp(t)) => Some(*t),
                    _ => None,
                };
                row.push(match &c.ty {
                    ColumnType::Timestamp => Cell::Timestamp(match base {
                        // up to two hours later, to the second
                        Some(t) => t
                            .checked_add(jiff::Span::new().seconds(rng.below(7200) as i64))
                            .unwrap_or(t),
                        None => timestamp(&mut rng, r, anchor),
                    }),
                    ColumnType::Duration(u) => {
                        let secs = rng.below(2400) as i64;
                        Cell::Int(match u {
                            DurationUnit::Seconds => secs,
                            DurationUnit::Milliseconds => secs * 1000 + rng.below(1000) as i64,
                        })
                    }
                    ColumnType::Integer => Cell::Int(rng.below(12) as i64),
                    ColumnType::Number => Cell::Num((rng.below(10_000) as f64) / 100.0),
                    ColumnType::Boolean => Cell::Bool(rng.chance(30)),
                    ColumnType::Enum(values, codes) => {
                        let code = &rng.pick_skewed(values).code;
                        match (codes, code.parse::<i64>()) {
                            // the loader has checked that integer codes are canonical i64s
                            (Codes::Integer, Ok(n)) => Cell::Int(n),
                            _ => Cell::Text(code.clone()),
                        }
                    }
                    ColumnType::Phone => Cell::Text(phone(&mut rng)),
                    ColumnType::PhoneOrId => Cell::Text(if rng.chance(70) {
                        phone(&mut rng)
                    } else {
                        format!("tg:{}", 10_000 + rng.below(90_000))
                    }),
                    ColumnType::Identifier => match &refers[row.len()] {
                        Some(prefix) => {
                            let n = rows as u64;
                            let k = if link_rng.chance(10) {
                                n + 1 + link_rng.below(n.max(1))
                            } else {
                                1 + link_rng.below((n * 2 / 3).max(1))
                            };
                            Cell::Text(format!("{prefix}-{k:06}"))
                        }
                        None => Cell::Text(format!("{}-{:06}", id_prefix(&source.id), r + 1)),
                    },
                    ColumnType::Text => Cell::Text(if rng.chance(20) {
                        rng.pick(HOSTILE).to_string()
                    } else {
                        rng.pick_skewed(TEXTS).to_string()
                    }),
                    ColumnType::TextList => {
                        let n = rng.below(5) as usize;
                        let mut items: Vec<String> = Vec::new();
                        for _ in 0..n {
                            let it = rng.pick_skewed(LIST_ITEMS).to_string();
                            if !items.contains(&it) {
                                items.push(it);
                            }
                        }
                        Cell::List(items)
                    }
                });
            }
            table_rows.push(row);
        }
        out.push(Table {
            file: data_file_stem(catalog, source),
            name: source
                .table
                .last()
                .cloned()
                .unwrap_or_else(|| source.id.clone()),
            columns,
            rows: table_rows,
        });
    }
    out
}

/// The prefix of a source's identifiers (`mes-000001`).
fn id_prefix(id: &str) -> String {
    id.chars().take(3).collect()
}

/// Phone numbers come from a pool of 24 customers, so counts of distinct customers mean
/// something; the first is the one the documentation's examples use.
fn phone(rng: &mut Rng) -> String {
    let i = rng.below(24);
    if i == 0 {
        return "+33612345678".to_string();
    }
    let cc = ["33", "44", "1", "49", "34"][(i % 5) as usize];
    format!("+{cc}6{:08}", 10_000_000 + i * 1_234_567)
}

/// Spread over 120 days, denser in the last two days; every 7th row sits within a minute of midnight, every 11th near the
/// European spring DST change (last Sunday of March) of the anchor's year.
fn timestamp(rng: &mut Rng, r: usize, anchor: DateTime) -> DateTime {
    // a third of the rows fall in the last two days, so "today" and "last 24 hours" have data
    let window = if rng.chance(33) {
        2 * 86_400
    } else {
        120 * 86_400
    };
    let secs = rng.below(window) as i64;
    let base = anchor
        .checked_sub(jiff::Span::new().seconds(secs))
        .unwrap_or(anchor);
    let base = base.with().subsec_nanosecond(0).build().unwrap_or(base);
    if r % 7 == 3 {
        let near = if rng.chance(50) {
            (23, 59, 30)
        } else {
            (0, 0, 30)
        };
        return base.date().at(near.0, near.1, near.2, 0);
    }
    if r % 11 == 5 {
        let year = anchor.year();
        let mut d = jiff::civil::date(year, 3, 31);
        while d.weekday() != jiff::civil::Weekday::Sunday {
            d = d.yesterday().unwrap_or(d);
        }
        let hour = rng.below(4) as i8; // 00:00-03:59 UTC: both sides of 01:00 UTC
        return d.at(hour, rng.below(60) as i8, 0, 0);
    }
    base
}
