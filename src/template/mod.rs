//! `compile --template`: a compiled report rendered through a minijinja template (a built-in,
//! `view` or `dbt`, or the user's `.j2` file).
//!
//! The template sees only what [`Context`] holds (the SQL, the report, the dialect, the
//! parameters) and the filters below; the environment has no loader (no `include`, `import`
//! or `extends` of another file) and no function that reads files or the environment.
//! Undefined names are errors (strict mode). A template cannot hang or flood: it runs on a
//! budget of [`FUEL`] instructions, at most [`MAX_DEPTH`] levels deep, and its output stops at
//! [`MAX_OUTPUT`] bytes. Every failure is a diagnostic (E0700 the template does not parse,
//! E0701 it fails while rendering) with a span in the template file.

use crate::compile::{Compiled, OutputColumn, Parameter};
use crate::diagnostics::{Code, Diagnostic, SourceFile, Span};
use crate::sql::ddl::{quote_name, text_literal, view_head};
use crate::sql::Dialect;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;

/// The instructions a template may run.
pub const FUEL: u64 = 1_000_000;
/// How deep loops, conditions and calls may nest.
pub const MAX_DEPTH: usize = 100;
/// The most a template may write, in bytes.
pub const MAX_OUTPUT: usize = 8 * 1024 * 1024;

/// The built-in templates, by name.
pub const BUILTINS: &[(&str, &str)] = &[
    ("view", include_str!("../../templates/view.sql.j2")),
    ("dbt", include_str!("../../templates/dbt.sql.j2")),
];

/// A built-in template as a source file named `<builtin NAME>`.
pub fn builtin(name: &str) -> Option<SourceFile> {
    BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| SourceFile::new(format!("<builtin {n}>"), *text))
}

/// What a template receives.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    /// The SQL as `compile` prints it (ending with `;` and a line break).
    pub sql: &'a str,
    /// The same query without the final `;` and line break (for dbt, subqueries).
    pub query: &'a str,
    /// The SQL of the report as the body of a view: `sql`, but on SQL Server a report with
    /// `order_by` and no `limit` without its ORDER BY (refused there in a view), after a `--`
    /// comment saying so.
    pub view_sql: &'a str,
    /// `view_sql` without the final `;` and line break (the body of the `dbt` template, whose
    /// model dbt materializes as a view).
    pub view_query: &'a str,
    pub report: ReportContext<'a>,
    pub dialect: DialectContext,
    /// The declared parameters (also `report.parameters`).
    pub parameters: &'a [Parameter],
}

/// The report.
#[derive(Debug, Serialize)]
pub struct ReportContext<'a> {
    /// Its `report:` name, else the file's stem.
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    /// The catalogue source it reads.
    pub source: &'a str,
    /// The report file, as given.
    pub file: &'a str,
    /// The output columns.
    pub columns: Vec<Column<'a>>,
    pub parameters: &'a [Parameter],
}

/// An output column (`unit` is none but for durations).
#[derive(Debug, Serialize)]
pub struct Column<'a> {
    pub name: &'a str,
    pub logical_type: &'static str,
    pub unit: Option<&'static str>,
    /// A time bucket's unit (`week`), else none.
    pub bucket: Option<&'static str>,
    pub sql_type: &'static str,
    /// The name as the query writes the output's alias (`"n"` on Snowflake and Oracle), to
    /// select the column from `query`; `ident` quotes catalogue-style names instead.
    pub sql_name: &'a str,
}

impl<'a> From<&'a OutputColumn> for Column<'a> {
    fn from(c: &'a OutputColumn) -> Column<'a> {
        Column {
            name: &c.name,
            logical_type: c.logical_type,
            unit: c.unit,
            bucket: c.bucket,
            sql_type: c.sql_type,
            sql_name: &c.sql_name,
        }
    }
}

/// The dialect: its names, and the view statement for the report.
#[derive(Debug, Serialize)]
pub struct DialectContext {
    /// The command-line name (`postgres`).
    pub name: &'static str,
    /// The product name (`PostgreSQL`).
    pub display: &'static str,
    /// The report's name quoted as an identifier of the dialect.
    pub view_name: String,
    /// What precedes the query to create or replace the view of that name, in the dialect's
    /// own form (`CREATE OR REPLACE VIEW v AS`, `CREATE OR ALTER VIEW v AS`, ...).
    pub create_view: String,
}

/// Render `compiled` (of the report file `report_file`, named `name`) through `template`.
pub fn render(
    template: &SourceFile,
    compiled: &Compiled,
    name: &str,
    report_file: &str,
    d: &'static Dialect,
) -> Result<String, Diagnostic> {
    let at_start = |e: Diagnostic| retag(e, Code::TemplateRender, Span::empty());
    let view_sql = compiled.view_sql.as_deref().unwrap_or(&compiled.sql);
    let ctx = Context {
        sql: &compiled.sql,
        query: compiled.sql.trim_end().trim_end_matches(';').trim_end(),
        view_sql,
        view_query: view_sql.trim_end().trim_end_matches(';').trim_end(),
        report: ReportContext {
            name,
            title: compiled.title.as_deref(),
            description: compiled.description.as_deref(),
            source: &compiled.source,
            file: report_file,
            columns: compiled.columns.iter().map(Column::from).collect(),
            parameters: &compiled.parameters,
        },
        dialect: DialectContext {
            name: d.name,
            display: d.display,
            view_name: quote_name(d, name).map_err(at_start)?,
            create_view: view_head(d, name).map_err(at_start)?,
        },
        parameters: &compiled.parameters,
    };
    let env = environment(d);
    let tmpl = env
        .template_from_named_str(&template.name, &template.text)
        .map_err(|e| diagnostic(template, &e))?;
    let mut out = Capped(Vec::new());
    tmpl.render_captured_to(&ctx, &mut out)
        .map_err(|e| diagnostic(template, &e))?;
    String::from_utf8(out.0).map_err(|_| {
        Diagnostic::error(
            Code::TemplateRender,
            Span::empty(),
            "the template wrote text that is not UTF-8",
        )
    })
}

/// The environment: strict, bounded, no loader, no auto-escaping, and the filters.
fn environment(d: &'static Dialect) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(MAX_DEPTH);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_filter("ident", move |s: String| {
        quote_name(d, &s).map_err(|e| Error::new(ErrorKind::InvalidOperation, e.message))
    });
    env.add_filter("literal", move |s: String| {
        text_literal(d, &s).map_err(|e| Error::new(ErrorKind::InvalidOperation, e.message))
    });
    env.add_filter("sql_comment", sql_comment);
    env.add_filter("dbt_escape", dbt_escape);
    env
}

/// Each line of `s` as a `-- ` SQL comment line (no line break after the last).
pub fn sql_comment(s: String) -> String {
    s.lines()
        .map(|l| format!("-- {l}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `s` as literal text inside a file that dbt renders with Jinja: every `{` that would open
/// `{{`, `{%` or `{#` is written `{{ "{" }}`, which dbt prints as `{`.
pub fn dbt_escape(s: String) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' && matches!(chars.peek(), Some('{' | '%' | '#')) {
            out.push_str("{{ \"{\" }}");
        } else {
            out.push(c);
        }
    }
    out
}

/// The output, refused past [`MAX_OUTPUT`] bytes.
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other("output limit"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn retag(mut e: Diagnostic, code: Code, span: Span) -> Diagnostic {
    e.code = code;
    e.span = span;
    e.label = None;
    e.help = Some("give the report a `report:` name that the dialect can quote".into());
    e
}

/// A minijinja error as a diagnostic in the template file: its range when minijinja knows it,
/// else its whole line.
fn diagnostic(template: &SourceFile, e: &Error) -> Diagnostic {
    let code = match e.kind() {
        ErrorKind::SyntaxError | ErrorKind::BadEscape => Code::TemplateSyntax,
        _ => Code::TemplateRender,
    };
    let text = &template.text;
    let span = e
        .range()
        .filter(|r| r.end <= text.len())
        .map(|r| Span::new(r.start, r.end))
        .or_else(|| e.line().map(|l| line_span(text, l)))
        .unwrap_or_else(Span::empty);
    let (message, help) = match e.kind() {
        ErrorKind::OutOfFuel => (
            format!("the template ran more than {FUEL} instructions"),
            "a template only formats the report; look for a loop that does not end",
        ),
        ErrorKind::WriteFailure => (
            format!("the template wrote more than {MAX_OUTPUT} bytes"),
            "a template only formats the report; look for a loop or a repeated string",
        ),
        ErrorKind::UndefinedError => (
            match text.get(span.range()).filter(|t| !t.is_empty()) {
                Some(t) => format!("`{t}` is undefined"),
                None => "an undefined value".to_string(),
            },
            "a template sees only `sql`, `query`, `report`, `dialect` and `parameters` (see README, Templates)",
        ),
        _ => (
            match e.detail() {
                Some(d) => format!("{}: {d}", e.kind()),
                None => e.kind().to_string(),
            },
            "see README, Templates, for what a template receives",
        ),
    };
    Diagnostic::error(code, span, format!("template: {message}")).with_help(help)
}

/// The span of 1-based line `line` of `text` (without its line break).
fn line_span(text: &str, line: usize) -> Span {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let len = text[start.min(text.len())..]
        .lines()
        .next()
        .map_or(0, str::len);
    Span::new(start, start + len)
}
