//! The capability matrix, generated from the dialect table (never written by hand):
//! `reportc dialects` prints it, `docs/dialects.md` holds it (a test keeps it current).

use super::dialect::{
    BucketSeries, Dialect, Fold, LikeEscape, LimitStyle, OutputNames, StringStyle, DIALECTS,
};
use super::functions::{Func, Render};

fn support(d: &Dialect, f: Func) -> &'static str {
    match d.render(f) {
        Render::Sql(_) => "yes",
        Render::Unsupported(_) => "no",
        Render::NotYet(_) => "not yet",
    }
}

/// The columns of the matrix: a heading and the value for one dialect.
#[allow(clippy::type_complexity)]
fn columns() -> Vec<(&'static str, Box<dyn Fn(&Dialect) -> String>)> {
    vec![
        ("dialect", Box::new(|d: &Dialect| d.name.to_string())),
        (
            "parent",
            Box::new(|d: &Dialect| d.parent.map_or("-", |p| p.name).to_string()),
        ),
        ("product", Box::new(|d: &Dialect| d.display.to_string())),
        (
            "quoted names",
            Box::new(|d: &Dialect| {
                let fold = match d.fold {
                    Fold::Lower => "fold lower",
                    Fold::Upper => "fold UPPER",
                    Fold::None => "keep case",
                };
                format!(
                    "{}x{} ({fold})",
                    d.ident_quote,
                    if d.ident_quote == '[' {
                        ']'
                    } else {
                        d.ident_quote
                    }
                )
            }),
        ),
        (
            "output names",
            Box::new(|d: &Dialect| {
                match d.output_names {
                    OutputNames::AsWritten => "as written",
                    OutputNames::Quoted => "quoted",
                    OutputNames::LowerCase => "lower case only",
                }
                .to_string()
            }),
        ),
        (
            "strings",
            Box::new(|d: &Dialect| {
                let s = match d.strings {
                    StringStyle::Standard => "''",
                    StringStyle::Backslash => "\\'",
                    StringStyle::DoubledWithBackslash => "'' and \\\\",
                };
                if d.national_strings {
                    format!("{s}, N'' for non-ASCII")
                } else {
                    s.to_string()
                }
            }),
        ),
        (
            "limit",
            Box::new(|d: &Dialect| {
                match d.limit {
                    LimitStyle::Limit => "LIMIT",
                    LimitStyle::Top => "TOP",
                    LimitStyle::FetchFirst => "FETCH FIRST",
                }
                .to_string()
            }),
        ),
        (
            "filtered aggregates",
            Box::new(|d: &Dialect| if d.filter_clause { "FILTER" } else { "CASE" }.to_string()),
        ),
        (
            "NULL order",
            Box::new(|d: &Dialect| {
                if d.nulls_ordering {
                    "NULLS LAST"
                } else {
                    "emulated"
                }
                .to_string()
            }),
        ),
        (
            "GROUP BY",
            Box::new(|d: &Dialect| {
                if d.group_by_ordinal {
                    "ordinal"
                } else {
                    "expression"
                }
                .to_string()
            }),
        ),
        (
            "booleans",
            Box::new(|d: &Dialect| {
                if d.boolean_literals {
                    "TRUE/FALSE"
                } else {
                    "1/0"
                }
                .to_string()
            }),
        ),
        (
            "LIKE escape",
            Box::new(|d: &Dialect| {
                let mut s = match d.like_escape {
                    LikeEscape::Clause => "ESCAPE '\\'",
                    LikeEscape::DefaultBackslash => "backslash",
                }
                .to_string();
                if !d.like_case_sensitive {
                    s = "instr/substr (LIKE ignores case)".to_string();
                }
                s
            }),
        ),
        (
            "text comparisons",
            Box::new(|d: &Dialect| {
                if d.text_follows_collation {
                    "column collation (default ignores case)"
                } else {
                    "case-sensitive"
                }
                .to_string()
            }),
        ),
        (
            "time zones",
            Box::new(|d: &Dialect| support(d, Func::ToLocal).to_string()),
        ),
        (
            "exact percentile",
            Box::new(|d: &Dialect| {
                match (
                    support(d, Func::Percentile),
                    support(d, Func::PercentileOver),
                ) {
                    ("yes", _) if d.percentiles_share_order => "of one value per query".to_string(),
                    ("yes", _) => "yes".to_string(),
                    (_, "yes") => "window over the rows (no links)".to_string(),
                    (s, _) => s.to_string(),
                }
            }),
        ),
        (
            "list contains",
            Box::new(|d: &Dialect| support(d, Func::ListContains).to_string()),
        ),
        (
            "previous()",
            Box::new(|d: &Dialect| {
                let refused = d.left_join_defaults.or(d.expression_join).is_some();
                if refused { "no" } else { "yes" }.to_string()
            }),
        ),
        (
            "rolling()/running()",
            Box::new(|d: &Dialect| {
                if d.expression_join.is_some() {
                    "no"
                } else {
                    "yes"
                }
                .to_string()
            }),
        ),
        (
            "fill",
            Box::new(|d: &Dialect| {
                match (d.bucket_series, d.left_join_defaults) {
                    (_, Some(_)) => "no",
                    (BucketSeries::RecursiveCte, None) => "recursive CTE",
                    (BucketSeries::Numbers(_), None) => "numbers 0-999",
                    (BucketSeries::Refused(_), None) => "not yet",
                }
                .to_string()
            }),
        ),
        (
            "bucket_as: date",
            Box::new(|d: &Dialect| support(d, Func::ToDate).to_string()),
        ),
    ]
}

/// The matrix as aligned text.
pub fn text() -> String {
    let cols = columns();
    let rows: Vec<Vec<String>> = DIALECTS
        .iter()
        .map(|d| cols.iter().map(|(_, f)| f(d)).collect())
        .collect();
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, (h, _))| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([h.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(cols.iter().map(|(h, _)| h.to_string()).collect());
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

/// The matrix as a Markdown page (`docs/dialects.md`).
pub fn markdown() -> String {
    let cols = columns();
    let mut out = String::from(
        "# SQL dialects\n\nGenerated by `reportc dialects --format markdown` from the dialect table \
         (`src/sql/dialect/`, `src/sql/dialects/`); a test keeps it current. A dialect with a \
         parent is a variant of it: what it does not state is the parent's. \"no\" means the \
         dialect cannot express the construct with the same meaning: compiling it is an error \
         (E0300) that names the dialect. \"not yet\" means reportc does not compile it for that \
         dialect yet (also E0300).\n\n",
    );
    let esc = |s: String| s.replace('|', "\\|");
    // a code span; one holding a backtick is fenced with two (`` `x` ``)
    let code = |s: String| {
        if s.contains('`') {
            format!("`` {s} ``")
        } else {
            format!("`{s}`")
        }
    };
    out.push_str(&format!(
        "| {} |\n",
        cols.iter().map(|(h, _)| *h).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str(&format!("|{}\n", "---|".repeat(cols.len())));
    for d in DIALECTS {
        let cells: Vec<String> = cols.iter().map(|(_, f)| esc(code(f(d)))).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push_str("\nReasons for each \"no\" and \"not yet\":\n\n");
    for d in DIALECTS {
        for f in [
            Func::ToLocal,
            Func::Percentile,
            Func::ListContains,
            Func::ToDate,
        ] {
            match d.render(f) {
                Render::Unsupported(r) | Render::NotYet(r) => {
                    out.push_str(&format!("- {} / {}: {r}.\n", d.display, f.describe()));
                }
                Render::Sql(_) => {}
            }
        }
        if d.percentiles_share_order {
            out.push_str(&format!(
                "- {} / exact percentiles of different values in one report: every \
                 PERCENTILE_CONT of a query must order by the same values.\n",
                d.display
            ));
        }
        if let Some(r) = d.left_join_defaults.or(d.expression_join) {
            out.push_str(&format!("- {} / previous(): {r}.\n", d.display));
        }
        if let Some(r) = d.expression_join {
            out.push_str(&format!(
                "- {} / rolling() and running(): {r}.\n",
                d.display
            ));
        }
        if let Some(r) = d.left_join_defaults.or(match d.bucket_series {
            BucketSeries::Refused(r) => Some(r),
            _ => None,
        }) {
            out.push_str(&format!(
                "- {} / filled time buckets (`fill`): {r}.\n",
                d.display
            ));
        }
    }
    out
}
