//! The checks behind the fuzz targets (`fuzz_targets/*.rs` are one line each). Every function
//! takes arbitrary bytes and panics only on a bug of reportc: a panic inside reportc, or a broken
//! promise that is asserted here (a failure without an error diagnostic, a span outside the
//! text, SQL that does not re-parse as exactly one query, output that differs between two runs).
#![forbid(unsafe_code)]

use reportc::catalog::{catalog_markdown, parse_catalog, Catalog, ColumnType, Source};
use reportc::diagnostics::{render_human, render_json, Diagnostic, RenderOptions, SourceFile};
use reportc::ir::Query;
use reportc::sql::{build_sql, Dialect, SqlOptions, DIALECTS};
use reportc::{check_file, InputFormat};
use sqlparser::ast::Statement;
use sqlparser::parser::Parser;

/// `yaml_check`: a YAML report checked against the built-in catalogue, diagnostics rendered.
pub fn yaml_check(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text, InputFormat::Yaml, Catalog::builtin());
    }
}

/// `dsl_check`: a DSL report checked against the built-in catalogue, diagnostics rendered.
pub fn dsl_check(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check(text, InputFormat::Dsl, Catalog::builtin());
    }
}

/// `parsers_agree`: the hand-written parser and pest read a DSL report, and each of its lines
/// as a YAML expression, the same way: the same AST, spans included, and the same diagnostics;
/// and the YAML fast path gives saphyr's tree for the whole text.
pub fn parsers_agree(data: &[u8]) {
    use reportc::syntax::dsl::{parse_report_dsl, parse_report_dsl_with_pest};
    use reportc::syntax::expr::{parse_expr, parse_expr_with_pest, Offset};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (fast, slow) = (parse_report_dsl(text), parse_report_dsl_with_pest(text));
    assert_eq!(fast.0, slow.0, "different reports");
    assert_eq!(format!("{:?}", fast.1), format!("{:?}", slow.1));
    // the YAML fast path and saphyr: the same tree, or the same diagnostics
    let (fast, slow) = (
        reportc::yaml::parse_yaml(text),
        reportc::yaml::parse_yaml_with_saphyr(text),
    );
    assert_eq!(
        format!("{fast:?}"),
        format!("{slow:?}"),
        "different YAML trees"
    );
    for line in text.lines() {
        let (fast, slow) = (
            parse_expr(line, &Offset(0)),
            parse_expr_with_pest(line, &Offset(0)),
        );
        assert_eq!(fast, slow, "different trees for {line:?}");
    }
}

/// `compile_all`: the first byte picks the format (odd, e.g. `Y`: YAML; even, e.g. `D`: DSL),
/// the rest is a report compiled for every dialect, with and without a fixed `as_of`.
pub fn compile_all(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if first & 1 == 1 {
        InputFormat::Yaml
    } else {
        InputFormat::Dsl
    };
    if let Some(q) = check(text, format, Catalog::builtin()) {
        compile_everywhere(&SourceFile::new("fuzz", text), &q);
    }
}

/// `catalog_load`: a catalogue; when it loads, its documentation and reports built from its own
/// sources and columns (hostile physical names, labels and codes) compile for every dialect.
pub fn catalog_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("catalog.yaml", text);
    let (cat, diags) = parse_catalog(text);
    let diags = diags.sorted();
    assert_spans(&file, &diags);
    render(&file, &diags);
    if diags.iter().any(Diagnostic::is_error) {
        return;
    }
    let cat = cat.expect("a catalogue without errors must load");
    let _ = catalog_markdown(&cat);
    for source in cat.sources.iter().take(3) {
        for report in reports_for(source) {
            if let Some(q) = check(&report, InputFormat::Dsl, &cat) {
                compile_everywhere(&SourceFile::new("generated.rpt", report.as_str()), &q);
            }
        }
    }
}

/// `huge_input`: a small fragment blown up into a huge report (thousands of conditions, very
/// long lines, deep nesting, many outputs), checked and compiled for every dialect. Layout:
/// byte 0 the shape, bytes 1-2 the count (little-endian, doubled), the rest the fragment.
pub fn huge_input(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let Ok(fragment) = std::str::from_utf8(&data[3..]) else {
        return;
    };
    if fragment.len() > 64 {
        return;
    }
    let count = usize::from(u16::from_le_bytes([data[1], data[2]])) * 2;
    let (text, format) = blow_up(data[0], count, fragment);
    if text.len() > reportc::yaml::MAX_INPUT_BYTES + 4096 {
        return;
    }
    if let Some(q) = check(&text, format, Catalog::builtin()) {
        compile_everywhere(&SourceFile::new("huge", text.as_str()), &q);
    }
}

/// The huge report of [`huge_input`].
pub fn blow_up(shape: u8, n: usize, f: &str) -> (String, InputFormat) {
    const HEAD: &str = "report r\nfrom sms\nselect n = count()\n";
    let dsl = |body: String| (format!("{HEAD}{body}\n"), InputFormat::Dsl);
    let yaml = |body: String| {
        let head = "report: r\nsource: sms\ncolumns:\n  - n: count()\n";
        (format!("{head}{body}\n"), InputFormat::Yaml)
    };
    match shape % 8 {
        0 => dsl(format!("where {}", vec![f; n.max(1)].join(" and "))),
        1 => yaml(format!(
            "filters:\n{}",
            format!("  - {f}\n").repeat(n.max(1))
        )),
        2 => dsl(format!("where {}{f}", " ".repeat(n))),
        3 => yaml(format!("filters:\n  - {}{f}", " ".repeat(n))),
        4 => dsl(format!("where {}{f}{}", "(".repeat(n), ")".repeat(n))),
        5 => dsl((0..n).map(|i| format!("  , c{i} = {f}\n")).collect()),
        6 => dsl(format!("where {}", vec![f; n.max(1)].join(" or "))),
        _ => (
            f.repeat(n.max(1)),
            if n.is_multiple_of(4) {
                InputFormat::Yaml
            } else {
                InputFormat::Dsl
            },
        ),
    }
}

/// Check a report, assert the diagnostics' promises and render them; the IR when valid.
pub fn check(text: &str, format: InputFormat, catalog: &Catalog) -> Option<Query> {
    let file = SourceFile::new("fuzz", text);
    let (q, diags) = check_file(&file, format, catalog);
    let has_errors = diags.iter().any(Diagnostic::is_error);
    assert_eq!(
        q.is_some(),
        !has_errors,
        "a report is refused exactly when it has an error: {diags:?}"
    );
    assert_spans(&file, &diags);
    render(&file, &diags);
    q
}

/// Compile for every dialect, with the engine's clock and with a fixed `as_of`: the SQL must
/// re-parse as exactly one query and be the same on a second build; a refusal has an error.
pub fn compile_everywhere(file: &SourceFile, q: &Query) {
    let fixed = SqlOptions {
        as_of: Some(jiff::civil::datetime(2026, 3, 1, 12, 0, 0, 0)),
    };
    for opts in [SqlOptions { as_of: None }, fixed] {
        for d in DIALECTS {
            match build_sql(q, d, &opts) {
                Ok(sql) => {
                    assert_one_query(&sql, d);
                    let again = build_sql(q, d, &opts).expect("a second build fails");
                    assert_eq!(sql, again, "{}: two builds differ", d.name);
                }
                Err(diags) => {
                    assert!(
                        diags.iter().any(Diagnostic::is_error),
                        "{}: refused without an error: {diags:?}",
                        d.name
                    );
                    assert_spans(file, &diags);
                    render(file, &diags);
                }
            }
        }
    }
}

/// The SQL parses with the dialect's own parser as exactly one statement, a query.
pub fn assert_one_query(sql: &str, d: &Dialect) {
    let parser = (d.parser)();
    let stmts = match Parser::parse_sql(parser.as_ref(), sql) {
        Ok(s) => s,
        Err(e) => panic!("{}: the SQL does not re-parse: {e}\n{sql}", d.name),
    };
    assert_eq!(stmts.len(), 1, "{}: not one statement:\n{sql}", d.name);
    assert!(
        matches!(stmts[0], Statement::Query(_)),
        "{}: not a query:\n{sql}",
        d.name
    );
}

/// Every span lies inside the text, on character boundaries.
pub fn assert_spans(file: &SourceFile, diags: &[Diagnostic]) {
    let text = &file.text;
    for d in diags {
        let spans = std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span));
        for s in spans {
            let r = s.range();
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "span {s:?} outside a text of {} bytes: {d:?}",
                text.len()
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "span {s:?} splits a character: {d:?}"
            );
        }
    }
}

/// Render the diagnostics as a person and as a tool sees them (neither may panic).
pub fn render(file: &SourceFile, diags: &[Diagnostic]) {
    if diags.is_empty() {
        return;
    }
    let human = render_human(file, diags, RenderOptions::default());
    assert!(!human.is_empty());
    let json = render_json(file, diags);
    assert!(serde_json_is_array(&json), "JSON diagnostics: {json}");
}

fn serde_json_is_array(json: &str) -> bool {
    let t = json.trim();
    t.starts_with('[') && t.ends_with(']')
}

/// Reports over one source of a loaded catalogue, in the DSL: every column listed, then an
/// aggregate with a filter on each column that uses its labels, codes and names.
pub fn reports_for(s: &Source) -> Vec<String> {
    let cols: Vec<_> = s.columns.iter().take(12).collect();
    if cols.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = cols.iter().map(|c| c.id.as_str()).collect();
    let listing = format!(
        "report listing\nfrom {}\nselect {}\norder by {}\nlimit 5\n",
        s.id,
        names.join(", "),
        names[0]
    );
    let mut keys = Vec::new();
    let mut outputs = vec!["n = count()".to_string()];
    let mut filters = Vec::new();
    for c in &cols {
        let id = &c.id;
        match &c.ty {
            ColumnType::Timestamp => {
                keys.push(format!("{id}_day = {id} by day"));
                filters.push(format!("{id} in last 7 days"));
            }
            ColumnType::Duration(_) => {
                outputs.push(format!("{id}_avg = avg({id})"));
                filters.push(format!("{id} > 1m30s"));
            }
            ColumnType::Integer | ColumnType::Number => {
                outputs.push(format!("{id}_sum = sum({id})"));
                filters.push(format!("{id} >= 0"));
            }
            ColumnType::Boolean => {
                outputs.push(format!("{id}_yes = count() where {id} = yes"));
            }
            ColumnType::Enum(values, _) => {
                keys.push(id.to_string());
                if let Some(v) = values.first() {
                    filters.push(format!("{id} in ({})", dsl_string(&v.label)));
                }
            }
            ColumnType::Text | ColumnType::Phone | ColumnType::PhoneOrId => {
                keys.push(id.to_string());
                filters.push(format!("{id} contains {}", dsl_string("%_'\\")));
            }
            ColumnType::Identifier => {
                outputs.push(format!("{id}_distinct = count_distinct({id})"));
            }
            ColumnType::TextList => filters.push(format!("{id} contains 'x'")),
        }
    }
    let select: Vec<String> = keys.iter().cloned().chain(outputs).collect();
    let mut aggregate = format!(
        "report aggregate\nfrom {}\nselect {}\n",
        s.id,
        select.join(", ")
    );
    if !filters.is_empty() {
        aggregate.push_str(&format!("where {}\n", filters.join("\n  and ")));
    }
    aggregate.push_str("order by n desc\nlimit 10\n");
    vec![listing, aggregate]
}

/// A DSL string literal of any text.
pub fn dsl_string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}
