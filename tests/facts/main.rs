//! The vendor facts behind the renderings of dialects that no engine runs here (BigQuery,
//! Snowflake beyond fakesnow, SQL Server, Trino, Athena, Oracle, Redshift). Each test pins the
//! SQL one fact of `docs/research/dialect-facts.md` requires, and checks that the fact it cites
//! (a quotation of that file) is still recorded there, in an entry (table row, numbered item or
//! paragraph) that names the page it quotes, so a test cannot outlive its source. reportc's own
//! decisions recorded there are checked with `decided`, without a page.
//!
//! One module a topic: `numbers` (averages, sums, counts, rounding, percentiles, shares),
//! `strings` (LIKE, escapes, case folding, collations, booleans), `names` (identifiers and
//! output names), `time` (zones, weeks, literals, ranges), `queries` (ordering, LIMIT, GROUP BY,
//! comparisons, joins), `fill` (filled buckets, buckets as dates). The helpers and the reports several modules share live here.

mod fill;
mod names;
mod numbers;
mod queries;
mod strings;
mod time;

use reportc::catalog::Catalog;
use reportc::diagnostics::{render_human, Code, Diagnostic, RenderOptions, SourceFile};
use reportc::sql::{dialect_by_name, SqlOptions};
use reportc::InputFormat;

/// The report compiled for a dialect, against a catalogue (the built-in one by default).
fn compile_with(cat: &Catalog, dialect: &str, report: &str) -> Result<String, Vec<Diagnostic>> {
    let file = SourceFile::new("fact.yaml", report);
    let d = dialect_by_name(dialect).unwrap_or_else(|| panic!("no dialect {dialect}"));
    reportc::compile_file(&file, InputFormat::Yaml, cat, d, &SqlOptions::default())
}

/// A catalogue from its YAML text, which must load without errors.
fn catalog(yaml: &str) -> Catalog {
    let (cat, diags) = reportc::catalog::parse_catalog(yaml);
    cat.unwrap_or_else(|| panic!("{diags:?}"))
}

fn sql(dialect: &str, report: &str) -> String {
    compile_with(Catalog::builtin(), dialect, report)
        .unwrap_or_else(|e| panic!("{dialect} should compile:\n{report}\n{e:?}"))
}

/// The refusal of a report: every diagnostic is E0300 and the first names the dialect.
fn refused(dialect: &str, report: &str) -> Vec<Diagnostic> {
    let diags = compile_with(Catalog::builtin(), dialect, report)
        .expect_err(&format!("{dialect} should refuse:\n{report}"));
    let display = dialect_by_name(dialect).unwrap().display;
    assert!(
        diags.iter().all(|d| d.code == Code::Unsupported),
        "{dialect}: {diags:?}"
    );
    assert!(diags[0].message.contains(display), "{}", diags[0].message);
    diags
}

/// The rendered diagnostics of a refusal, for a snapshot (`tests/snapshots/facts__<name>.snap`).
fn rendered(dialect: &str, report: &str) -> String {
    let diags = refused(dialect, report);
    render_human(
        &SourceFile::new("fact.yaml", report),
        &diags,
        RenderOptions::default(),
    )
}

/// The fact a test rests on, quoted from docs/research/dialect-facts.md (section, words).
fn fact(section: &str, quote: &str) {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research/dialect-facts.md"),
    )
    .expect("docs/research/dialect-facts.md");
    let start = text
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("no section `## {section}` in dialect-facts.md"));
    let end = text[start + 1..]
        .find("\n## ")
        .map_or(text.len(), |e| start + 1 + e);
    let section_text = &text[start..end];
    let at = section_text
        .find(quote)
        .unwrap_or_else(|| panic!("dialect-facts.md, section {section}, no longer says: {quote}"));
    let entry = entry_around(section_text, at, quote.len());
    assert!(
        names_a_page(entry),
        "dialect-facts.md, section {section}: the entry quoting `{quote}` names no source page:\n{entry}"
    );
}

/// Whether an entry names the page it quotes: a URL, or a host and path (`trino.io/docs/...`).
fn names_a_page(entry: &str) -> bool {
    entry.contains("://")
        || entry
            .split(|c: char| c.is_whitespace() || "()\"`,;".contains(c))
            .any(|w| {
                w.split_once('/').is_some_and(|(host, path)| {
                    !path.is_empty()
                        && host.contains('.')
                        && host.rsplit('.').next().is_some_and(|tld| {
                            tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase())
                        })
                })
            })
}

/// reportc's own decision recorded in dialect-facts.md (not a vendor's words: no page to name).
fn decided(section: &str, quote: &str) {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research/dialect-facts.md"),
    )
    .expect("docs/research/dialect-facts.md");
    let start = text
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("no section `## {section}` in dialect-facts.md"));
    let end = text[start + 1..]
        .find("\n## ")
        .map_or(text.len(), |e| start + 1 + e);
    assert!(
        text[start..end].contains(quote),
        "dialect-facts.md, section {section}, no longer records: {quote}"
    );
}

/// The entry of dialect-facts.md holding the bytes `at..at + len`: its table row, or its
/// numbered item or paragraph (the lines up to a blank line, a heading, a row or the next item).
fn entry_around(text: &str, at: usize, len: usize) -> &str {
    let starts_entry = |line: &str| {
        line.starts_with('|')
            || line.starts_with('#')
            || line
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let line_start = |i: usize| text[..i].rfind('\n').map_or(0, |p| p + 1);
    let mut begin = line_start(at);
    while begin > 0 && !starts_entry(&text[begin..]) {
        let prev = line_start(begin - 1);
        let prev_line = &text[prev..begin - 1];
        if prev_line.trim().is_empty() || prev_line.starts_with('|') || prev_line.starts_with('#') {
            break;
        }
        begin = prev;
    }
    let mut end = text[at + len..]
        .find('\n')
        .map_or(text.len(), |e| at + len + e);
    if !text[begin..].starts_with('|') {
        while end < text.len() {
            let next_end = text[end + 1..]
                .find('\n')
                .map_or(text.len(), |e| end + 1 + e);
            let next = &text[end + 1..next_end];
            if next.trim().is_empty() || starts_entry(next) {
                break;
            }
            end = next_end;
        }
    }
    &text[begin..end]
}

/// A vendor fact with its source: the section of docs/research/dialect-facts.md quotes the
/// vendor's words and names the page they are from.
fn cited(section: &str, url: &str, quote: &str) {
    fact(section, url);
    fact(section, quote);
}

/// The README, for the tests that check a difference is documented where the user reads it.
fn readme() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

fn assert_has(sql: &str, want: &str) {
    assert!(sql.contains(want), "expected `{want}` in:\n{sql}");
}

fn assert_lacks(sql: &str, unwanted: &str) {
    assert!(
        !sql.contains(unwanted),
        "unexpected `{unwanted}` in:\n{sql}"
    );
}

const NAMES: &str = "source: sms\ncolumns:\n  - sms_type\n  - n: count()\n  - avg_credits: avg(credits)\norder_by: [n desc, sms_type]\n";
const MIXED: &str = "source: sms\ncolumns:\n  - sms_type\n  - avgCredits: avg(credits)\n";

/// A weekly count in Paris time of the SMS whose content is empty or holds `50%_`: time zones,
/// the ISO week, LIKE escapes, the empty string, the NULL order and the LIMIT form in one.
const WEEKS: &str = "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - w: send_date by week\n  - n: count()\norder_by: [w]\nlimit: 5\nfilters: [\"content = '' or content contains '50%_'\"]\n";
const NO_EMPTY: &str = "source: sms\ntimezone: Europe/Paris\ncolumns:\n  - w: send_date by week\n  - n: count()\norder_by: [w]\nlimit: 5\nfilters: [\"content contains '50%_'\"]\n";

/// A snapshot of a refusal, kept where the single-file test kept it:
/// `tests/snapshots/facts__<name>.snap`.
fn snapshot(name: &str, value: String) {
    insta::with_settings!({snapshot_path => "../snapshots", omit_expression => true}, {
        insta::assert_snapshot!(name, value);
    });
}
