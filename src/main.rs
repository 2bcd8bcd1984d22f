//! The `reportc` command line: a thin clap front end over the library.

#![forbid(unsafe_code)]

use clap::{Parser, Subcommand, ValueEnum};
use reportc::catalog::{Catalog, ColumnType, BUILTIN_NAME, BUILTIN_TEXT};
use reportc::diagnostics::{
    render_human, to_json_value, Code, Diagnostic, RenderOptions, SourceFile, Span,
};
use reportc::sql::{dialect_by_name, dialect_names, Dialect, SqlOptions, DIALECTS};
use reportc::{check_file, compile_file, InputFormat};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Compile report definitions (YAML or the report DSL) to warehouse SQL.
#[derive(Parser)]
#[command(name = "reportc", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CatalogFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Target {
    Dsl,
    Yaml,
}

#[derive(Subcommand)]
enum Command {
    /// Compile reports to SQL (prints to stdout, or writes one .sql per report with --out).
    Compile {
        /// Report files (.yaml/.yml, or .rpt for the DSL); `-` reads one YAML report from stdin.
        #[arg(required = true)]
        files: Vec<String>,
        /// Target SQL dialect.
        #[arg(short, long, default_value = "postgres")]
        dialect: String,
        /// A catalogue file replacing the built-in one.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Write `<report>.sql` files into this folder (atomically) instead of printing.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Evaluate relative ranges (`last 7 days`) at this UTC time, e.g. 2026-03-01T12:00:00.
        #[arg(long)]
        as_of: Option<String>,
        /// Diagnostics format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Validate reports (files or folders, searched recursively); exit 1 if any is invalid.
    Check {
        #[arg(required = true)]
        paths: Vec<String>,
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Also compile for this dialect, so dialect refusals are reported.
        #[arg(short, long)]
        dialect: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// List the data sources, or the columns of one source.
    Catalog {
        source: Option<String>,
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// `markdown` prints the whole catalogue as a documentation page.
        #[arg(long, value_enum, default_value = "human")]
        format: CatalogFormat,
    },
    /// Print a report in the other format (YAML <-> DSL), losslessly, comments kept.
    Convert {
        /// A report file (.yaml/.yml or .rpt).
        file: String,
        /// The target format.
        #[arg(long, value_enum)]
        to: Target,
    },
    /// Rewrite report files in canonical layout (files or folders); `--check` only lists them.
    Fmt {
        #[arg(required = true)]
        paths: Vec<String>,
        /// Change nothing: list the files that would change and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// The SQL dialects and what each can express (the capability matrix).
    Dialects {
        /// `markdown` prints docs/dialects.md.
        #[arg(long, value_enum, default_value = "human")]
        format: CatalogFormat,
    },
    /// Explain a diagnostic code, e.g. `reportc explain E0202`.
    Explain { code: String },
    /// Write deterministic demo data for the catalogue: one `<table>.csv` per table (or
    /// `.parquet`, or one DuckDB database file).
    DemoData {
        /// The folder to write into (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// `parquet` and `duckdb` need a build with `--features duckdb`.
        #[arg(long, value_enum, default_value = "csv")]
        format: DemoFormat,
        /// Rows per table (at most 10,000,000).
        #[arg(long, default_value_t = reportc::demo::DEFAULT_ROWS, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
        rows: u64,
        /// Random seed: the same seed, rows and --as-of give the same files.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Timestamps fall in the ~120 days before this UTC time (default: now).
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Run a report on an embedded DuckDB (demo data, or --data) and print its rows.
    /// Needs a build with `--features duckdb`.
    Run {
        /// A report file.
        report: String,
        /// A DuckDB database file, or a folder of `<table>.csv` / `<table>.parquet` files
        /// (default: demo data generated for the catalogue).
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Evaluate relative ranges at this UTC time (and anchor the demo data there);
        /// default: now.
        #[arg(long)]
        as_of: Option<String>,
        /// Rows per table of the demo data (without --data).
        #[arg(long, default_value_t = reportc::demo::DEFAULT_ROWS, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
        rows: u64,
        /// Seed of the demo data (without --data).
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output format of the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: RunFormat,
    },
    /// Print a JSON Schema (draft-07) of report YAML for the catalogue, for editors
    /// (yaml-language-server) and other JSON Schema tools.
    Schema {
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Run the language server on stdin/stdout (diagnostics, completion, hover, go to
    /// definition, formatting) for YAML and DSL reports.
    Lsp {
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Accepted because editors often pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DemoFormat {
    Csv,
    Parquet,
    Duckdb,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RunFormat {
    Table,
    Csv,
    Json,
}

struct Out {
    format: Format,
    color: bool,
    json: Vec<serde_json::Value>,
}

impl Out {
    fn new(format: Format) -> Out {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        Out {
            format,
            color,
            json: Vec::new(),
        }
    }
    fn diags(&mut self, file: &SourceFile, diags: &[Diagnostic]) {
        match self.format {
            Format::Human => {
                let text = render_human(
                    file,
                    diags,
                    RenderOptions {
                        color: self.color,
                        width: 100,
                    },
                );
                eprint!("{text}");
            }
            Format::Json => self
                .json
                .extend(diags.iter().map(|d| to_json_value(file, d))),
        }
    }
    fn finish(self, files: usize, invalid: usize) {
        match self.format {
            Format::Json => {
                let doc = serde_json::json!({
                    "files": files,
                    "invalid": invalid,
                    "diagnostics": self.json,
                });
                println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            }
            Format::Human => {
                if files > 1 || invalid > 0 {
                    eprintln!("{files} report(s) checked, {invalid} invalid");
                }
            }
        }
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn load_catalog(path: &Option<PathBuf>, out: &mut Out) -> Result<Catalog, ExitCode> {
    let Some(path) = path else {
        return Ok(Catalog::builtin().clone());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage_error(format!("cannot read catalogue `{}`: {e}", path.display())))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let (cat, diags) = reportc::catalog::parse_catalog(&file.text);
    if diags.has_errors() {
        let sorted = diags.sorted();
        out.diags(&file, &sorted);
        return Err(ExitCode::from(1));
    }
    cat.ok_or(ExitCode::from(1))
}

fn dialect(name: &str) -> Result<&'static Dialect, ExitCode> {
    dialect_by_name(name).ok_or_else(|| {
        usage_error(format!(
            "unknown dialect `{name}`; dialects: {}",
            dialect_names().join(", ")
        ))
    })
}

fn read_input(path: &str) -> Result<SourceFile, Diagnostic> {
    let limit = reportc::syntax::yaml::MAX_INPUT_BYTES as u64 + 1;
    let mut text = String::new();
    let res = if path == "-" {
        std::io::stdin().take(limit).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_string(&mut text))
    };
    res.map_err(|e| reportc::compile::io_error(path, &e))?;
    Ok(SourceFile::new(
        if path == "-" {
            "<stdin>".to_string()
        } else {
            path.to_string()
        },
        text,
    ))
}

/// Read a report and tell its format; an unreadable file or an unknown extension is reported
/// as a diagnostic (the caller exits 2).
fn open_report(path: &str, out: &mut Out) -> Option<(SourceFile, InputFormat)> {
    let file = match read_input(path) {
        Ok(f) => f,
        Err(d) => {
            out.diags(&SourceFile::new(path.to_string(), ""), &[d]);
            return None;
        }
    };
    let Some(fmt) = format_of(path) else {
        let d = Diagnostic::error(
            Code::Io,
            Span::empty(),
            format!("`{path}` is not a report: expected a .yaml, .yml or .rpt file"),
        );
        out.diags(&file, &[d]);
        return None;
    };
    Some((file, fmt))
}

fn format_of(path: &str) -> Option<InputFormat> {
    if path == "-" {
        return Some(InputFormat::Yaml);
    }
    InputFormat::from_path(path)
}

/// Files under the given paths, recursively, sorted for deterministic output.
fn collect_files(paths: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if p != "-" && path.is_dir() {
            let mut stack = vec![path.to_path_buf()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .map_err(|e| format!("cannot read folder `{}`: {e}", dir.display()))?;
                for entry in entries.flatten() {
                    let ep = entry.path();
                    if ep.is_dir() {
                        stack.push(ep);
                    } else if let Some(s) = ep.to_str() {
                        if InputFormat::from_path(s).is_some() {
                            found.push(s.to_string());
                        }
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else if p != "-" && !path.exists() {
            return Err(format!("`{p}` does not exist"));
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn parse_as_of(s: &str) -> Result<jiff::civil::DateTime, ExitCode> {
    let norm = s.trim().trim_end_matches('Z').replacen(' ', "T", 1);
    norm.parse::<jiff::civil::DateTime>()
        .or_else(|_| {
            norm.parse::<jiff::civil::Date>()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .map_err(|_| {
            usage_error(format!(
                "--as-of `{s}` is not a timestamp like 2026-03-01T12:00:00"
            ))
        })
}

/// Write a file atomically: a temporary file in the same folder, then a rename.
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("out"),
        std::process::id()
    ));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn output_name(path: &str, q_name: Option<&str>) -> String {
    if let Some(n) = q_name {
        return n.to_string();
    }
    Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report")
        .to_string()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Compile {
            files,
            dialect: dname,
            catalog,
            out: out_dir,
            as_of,
            format,
        } => {
            let mut out = Out::new(format);
            let d = match dialect(&dname) {
                Ok(d) => d,
                Err(c) => return c,
            };
            let cat = match load_catalog(&catalog, &mut out) {
                Ok(c) => c,
                Err(c) => return c,
            };
            let opts = SqlOptions {
                as_of: match as_of.as_deref().map(parse_as_of).transpose() {
                    Ok(a) => a,
                    Err(c) => return c,
                },
            };
            let files = match collect_files(&files) {
                Ok(f) => f,
                Err(e) => return usage_error(e),
            };
            if let Some(dir) = &out_dir {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    return usage_error(format!("cannot create `{}`: {e}", dir.display()));
                }
            }
            let mut invalid = 0;
            let mut io_failed = false;
            let mut stdout = std::io::stdout().lock();
            for path in &files {
                let Some((file, fmt)) = open_report(path, &mut out) else {
                    io_failed = true;
                    continue;
                };
                match compile_file(&file, fmt, &cat, d, &opts) {
                    Ok(sql) => match &out_dir {
                        Some(dir) => {
                            let (q, _) = check_file(&file, fmt, &cat);
                            let name =
                                output_name(path, q.as_ref().and_then(|q| q.name.as_deref()));
                            let target = dir.join(format!("{name}.sql"));
                            if let Err(e) = write_atomic(&target, &sql) {
                                eprintln!("error: cannot write `{}`: {e}", target.display());
                                io_failed = true;
                            }
                        }
                        None => {
                            if files.len() > 1 {
                                let _ = writeln!(stdout, "-- {path}");
                            }
                            let _ = stdout.write_all(sql.as_bytes());
                        }
                    },
                    Err(diags) => {
                        invalid += 1;
                        out.diags(&file, &diags);
                    }
                }
            }
            if format == Format::Json {
                out.finish(files.len(), invalid);
            }
            if io_failed {
                ExitCode::from(2)
            } else if invalid > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check {
            paths,
            catalog,
            dialect: dname,
            format,
        } => {
            let mut out = Out::new(format);
            let d = match dname.as_deref().map(dialect).transpose() {
                Ok(d) => d,
                Err(c) => return c,
            };
            let cat = match load_catalog(&catalog, &mut out) {
                Ok(c) => c,
                Err(c) => return c,
            };
            let files = match collect_files(&paths) {
                Ok(f) => f,
                Err(e) => return usage_error(e),
            };
            let mut invalid = 0;
            let mut io_failed = false;
            for path in &files {
                let Some((file, fmt)) = open_report(path, &mut out) else {
                    io_failed = true;
                    continue;
                };
                let (q, mut diags) = check_file(&file, fmt, &cat);
                if let (Some(q), Some(d)) = (&q, d) {
                    if let Err(more) = reportc::sql::build_sql(q, d, &SqlOptions::default()) {
                        diags.extend(more);
                    }
                }
                if diags.iter().any(Diagnostic::is_error) {
                    invalid += 1;
                }
                if !diags.is_empty() {
                    out.diags(&file, &diags);
                }
            }
            out.finish(files.len(), invalid);
            if io_failed {
                ExitCode::from(2)
            } else if invalid > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Catalog {
            source,
            catalog,
            format,
        } => {
            let mut out = Out::new(if format == CatalogFormat::Json {
                Format::Json
            } else {
                Format::Human
            });
            let cat = match load_catalog(&catalog, &mut out) {
                Ok(c) => c,
                Err(c) => return c,
            };
            if format == CatalogFormat::Markdown {
                return match reportc::catalog::catalog_markdown(&cat) {
                    Ok(md) => {
                        print!("{md}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => usage_error(e),
                };
            }
            let f = if format == CatalogFormat::Json {
                Format::Json
            } else {
                Format::Human
            };
            print_catalog(&cat, source.as_deref(), f, catalog.is_none())
        }
        Command::Convert { file, to } => {
            let to = match to {
                Target::Dsl => InputFormat::Dsl,
                Target::Yaml => InputFormat::Yaml,
            };
            let mut out = Out::new(Format::Human);
            let src = match read_input(&file) {
                Ok(f) => f,
                Err(d) => {
                    out.diags(&SourceFile::new(file.clone(), ""), &[d]);
                    return ExitCode::from(2);
                }
            };
            let Some(from) = format_of(&file) else {
                return usage_error(format!(
                    "`{file}` is not a report: expected a .yaml, .yml or .rpt file"
                ));
            };
            match reportc::syntax::print::reprint(&src.text, from, to) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    out.diags(&src, &diags);
                    ExitCode::from(1)
                }
            }
        }
        Command::Fmt { paths, check } => run_fmt(&paths, check),
        Command::Dialects { format } => {
            match format {
                CatalogFormat::Markdown => print!("{}", reportc::sql::matrix::markdown()),
                CatalogFormat::Json => {
                    let v: Vec<_> = DIALECTS
                        .iter()
                        .map(|d| serde_json::json!({"name": d.name, "product": d.display}))
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                CatalogFormat::Human => print!("{}", reportc::sql::matrix::text()),
            }
            ExitCode::SUCCESS
        }
        Command::Explain { code } => match Code::parse(&code) {
            Some(c) => {
                println!("{}: {}\n\n{}", c.as_str(), c.title(), c.explanation());
                ExitCode::SUCCESS
            }
            None => usage_error(format!("unknown code `{code}`; codes look like E0201")),
        },
        Command::DemoData {
            out: dir,
            format,
            rows,
            seed,
            as_of,
            catalog,
        } => demo_data(
            &dir,
            format,
            rows as usize,
            seed,
            as_of.as_deref(),
            &catalog,
        ),
        Command::Run {
            report,
            data,
            catalog,
            as_of,
            rows,
            seed,
            format,
        } => run_report(
            &report,
            data,
            &catalog,
            as_of.as_deref(),
            (rows as usize, seed),
            format,
        ),
        Command::Schema { catalog } => schema_command(&catalog),
        Command::Lsp { catalog, .. } => lsp_command(catalog),
    }
}

/// `reportc schema`: the JSON Schema of report YAML for the catalogue.
fn schema_command(catalog: &Option<PathBuf>) -> ExitCode {
    let mut out = Out::new(Format::Human);
    let cat = match load_catalog(catalog, &mut out) {
        Ok(c) => c,
        Err(c) => return c,
    };
    print!("{}", reportc::schema::report_schema_json(&cat));
    ExitCode::SUCCESS
}

/// `reportc lsp`: the language server; exit 0 after `shutdown` and `exit`, else 1.
fn lsp_command(catalog: Option<PathBuf>) -> ExitCode {
    match reportc::lsp::serve(reportc::lsp::Options { catalog }) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => usage_error(e),
    }
}

/// The current UTC time, to the second: the default `--as-of` of `demo-data` and `run`.
fn now_utc() -> jiff::civil::DateTime {
    let now = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .datetime();
    now.with().subsec_nanosecond(0).build().unwrap_or(now)
}

/// `reportc demo-data`: one CSV per table, each written atomically.
fn demo_data(
    dir: &Path,
    format: DemoFormat,
    rows: usize,
    seed: u64,
    as_of: Option<&str>,
    catalog: &Option<PathBuf>,
) -> ExitCode {
    let mut out = Out::new(Format::Human);
    let cat = match load_catalog(catalog, &mut out) {
        Ok(c) => c,
        Err(c) => return c,
    };
    let anchor = match as_of.map(parse_as_of).transpose() {
        Ok(a) => a.unwrap_or_else(now_utc),
        Err(c) => return c,
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return usage_error(format!("cannot create `{}`: {e}", dir.display()));
    }
    if format != DemoFormat::Csv {
        return demo_data_binary(dir, format, rows, seed, anchor, &cat);
    }
    for t in reportc::demo::generate(&cat, rows, seed, anchor) {
        let target = dir.join(format!("{}.csv", t.file));
        if let Err(e) = write_atomic(&target, &reportc::demo::to_csv(&t)) {
            return usage_error(format!("cannot write `{}`: {e}", target.display()));
        }
        eprintln!("wrote {} ({} rows)", target.display(), t.rows.len());
    }
    ExitCode::SUCCESS
}

/// What a build without the embedded DuckDB says when asked for it.
#[cfg(not(feature = "duckdb"))]
fn needs_duckdb(what: &str) -> ExitCode {
    usage_error(format!(
        "{what} needs the embedded DuckDB, which this build does not include; \
         build it with `cargo build --release --features duckdb` (a one-time C++ build of \
         about 12 minutes), then run `target/release/reportc ...`"
    ))
}

#[cfg(not(feature = "duckdb"))]
fn demo_data_binary(
    _dir: &Path,
    _format: DemoFormat,
    _rows: usize,
    _seed: u64,
    _anchor: jiff::civil::DateTime,
    _cat: &Catalog,
) -> ExitCode {
    needs_duckdb("`reportc demo-data --format parquet|duckdb`")
}

/// `demo-data --format parquet|duckdb`: the demo data loaded into the embedded DuckDB, then
/// written out by it.
#[cfg(feature = "duckdb")]
fn demo_data_binary(
    dir: &Path,
    format: DemoFormat,
    rows: usize,
    seed: u64,
    anchor: jiff::civil::DateTime,
    cat: &Catalog,
) -> ExitCode {
    use reportc::run::{Data, Engine, ExportFormat};
    let data = Data::Demo { rows, seed, anchor };
    let engine = match Engine::open(&data, cat, std::io::stderr().is_terminal()) {
        Ok(e) => e,
        Err(e) => return usage_error(e),
    };
    let f = match format {
        DemoFormat::Duckdb => ExportFormat::DuckDb,
        _ => ExportFormat::Parquet,
    };
    match engine.export(dir, f, cat) {
        Ok(files) => {
            for p in files {
                eprintln!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(e),
    }
}

#[cfg(not(feature = "duckdb"))]
fn run_report(
    _report: &str,
    _data: Option<PathBuf>,
    _catalog: &Option<PathBuf>,
    _as_of: Option<&str>,
    _demo: (usize, u64),
    _format: RunFormat,
) -> ExitCode {
    needs_duckdb("`reportc run`")
}

/// `reportc run`: compile for DuckDB (relative ranges at --as-of or now), load the data into
/// an embedded DuckDB and print the rows. An engine error is a diagnostic against the report.
#[cfg(feature = "duckdb")]
fn run_report(
    report: &str,
    data: Option<PathBuf>,
    catalog: &Option<PathBuf>,
    as_of: Option<&str>,
    (rows, seed): (usize, u64),
    format: RunFormat,
) -> ExitCode {
    use reportc::run::{render, Data, Engine, OutputFormat};
    let mut out = Out::new(Format::Human);
    let cat = match load_catalog(catalog, &mut out) {
        Ok(c) => c,
        Err(c) => return c,
    };
    let anchor = match as_of.map(parse_as_of).transpose() {
        Ok(a) => a.unwrap_or_else(now_utc),
        Err(c) => return c,
    };
    let file = match read_input(report) {
        Ok(f) => f,
        Err(d) => {
            out.diags(&SourceFile::new(report.to_string(), ""), &[d]);
            return ExitCode::from(2);
        }
    };
    let Some(fmt) = format_of(report) else {
        return usage_error(format!("`{report}` is not a report file"));
    };
    let Some(duck) = dialect_by_name("duckdb") else {
        return usage_error("this build has no DuckDB dialect");
    };
    let opts = SqlOptions {
        as_of: Some(anchor),
    };
    let sql = match compile_file(&file, fmt, &cat, duck, &opts) {
        Ok(sql) => sql,
        Err(diags) => {
            out.diags(&file, &diags);
            return ExitCode::from(1);
        }
    };
    let source = match data {
        None => Data::Demo { rows, seed, anchor },
        Some(p) if p.is_dir() => Data::Folder(p),
        Some(p) if p.is_file() => Data::DuckDbFile(p),
        Some(p) => return usage_error(format!("--data `{}` does not exist", p.display())),
    };
    let engine = match Engine::open(&source, &cat, std::io::stderr().is_terminal()) {
        Ok(e) => e,
        Err(e) => return usage_error(e),
    };
    match engine.query(&sql) {
        Ok(rs) => {
            let f = match format {
                RunFormat::Table => OutputFormat::Table,
                RunFormat::Csv => OutputFormat::Csv,
                RunFormat::Json => OutputFormat::Json,
            };
            print!("{}", render(&rs, f));
            if rs.rows.is_empty() {
                if let Data::Demo { anchor, .. } = &source {
                    eprintln!(
                        "note: no rows: the demo data covers the ~120 days before {anchor} UTC; \
                         for a report on fixed dates, move it with --as-of (e.g. \
                         --as-of 2026-04-15T12:00:00), or raise --rows"
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let d = Diagnostic::error(
                Code::EngineError,
                Span::empty(),
                format!("DuckDB could not run this report: {e}"),
            )
            .with_help(format!("the SQL that DuckDB was given:\n{sql}"));
            out.diags(&file, &[d]);
            ExitCode::from(1)
        }
    }
}

/// `reportc fmt`: rewrite each file in canonical layout, or with `--check` list those that
/// would change.
fn run_fmt(paths: &[String], check: bool) -> ExitCode {
    let mut out = Out::new(Format::Human);
    let files = match collect_files(paths) {
        Ok(f) => f,
        Err(e) => return usage_error(e),
    };
    let (mut invalid, mut changed, mut io_failed) = (0, 0, false);
    for path in &files {
        let Some((file, fmt)) = open_report(path, &mut out) else {
            io_failed = true;
            continue;
        };
        let text = match reportc::syntax::print::reprint(&file.text, fmt, fmt) {
            Ok(t) => t,
            Err(diags) => {
                invalid += 1;
                out.diags(&file, &diags);
                continue;
            }
        };
        if path == "-" {
            print!("{text}");
        } else if text != file.text {
            changed += 1;
            if check {
                println!("{path}");
            } else if let Err(e) = write_atomic(Path::new(path), &text) {
                eprintln!("error: cannot write `{path}`: {e}");
                io_failed = true;
            }
        }
    }
    if io_failed {
        ExitCode::from(2)
    } else if invalid > 0 || (check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_catalog(cat: &Catalog, source: Option<&str>, format: Format, builtin: bool) -> ExitCode {
    let origin = if builtin {
        BUILTIN_NAME
    } else {
        "the catalogue file"
    };
    let _ = BUILTIN_TEXT;
    match source {
        None => {
            if format == Format::Json {
                let v: Vec<_> = cat
                    .sources
                    .iter()
                    .map(|s| serde_json::json!({"id": s.id, "label": s.label, "description": s.description, "table": s.table.join("."), "columns": s.columns.len()}))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                println!("Data sources in {} ({origin}):\n", cat.name);
                for s in &cat.sources {
                    println!("  {:<34} {:>3} columns  {}", s.id, s.columns.len(), s.label);
                }
                println!("\n`reportc catalog <source>` lists a source's columns.");
            }
            ExitCode::SUCCESS
        }
        Some(id) => {
            let Some(s) = cat.source(id) else {
                let ids: Vec<&str> = cat.sources.iter().map(|s| s.id.as_str()).collect();
                let hint = reportc::diagnostics::did_you_mean(id, ids.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                eprintln!(
                    "error: unknown data source `{id}`{hint}; sources: {}",
                    ids.join(", ")
                );
                return ExitCode::from(1);
            };
            if format == Format::Json {
                let cols: Vec<_> = s
                    .columns
                    .iter()
                    .map(|c| {
                        let values: Vec<_> = match &c.ty {
                            ColumnType::Enum(v) => v.iter().map(|v| serde_json::json!({"label": v.label, "code": v.code})).collect(),
                            _ => vec![],
                        };
                        serde_json::json!({"id": c.id, "label": c.label, "description": c.description, "type": c.ty.describe(),
                            "column": c.physical, "nullable": c.nullable, "present_when": c.present_when, "after": c.after,
                            "values": values, "decision": c.decision})
                    })
                    .collect();
                let v = serde_json::json!({"id": s.id, "label": s.label, "description": s.description, "table": s.table.join("."), "columns": cols});
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                return ExitCode::SUCCESS;
            }
            println!("{} ({}) — table {}", s.id, s.label, s.table.join("."));
            if !s.description.is_empty() {
                println!("{}", s.description);
            }
            println!();
            for c in &s.columns {
                let null = if c.nullable { "" } else { ", never null" };
                let rel = c.relations().map(|r| format!(", {r}")).unwrap_or_default();
                println!("  {:<32} {}{null}{rel}", c.id, c.ty.describe());
                let mut meaning = c.label.clone();
                if !c.description.is_empty() {
                    meaning.push_str(": ");
                    meaning.push_str(&c.description);
                }
                println!("      {meaning}");
                if let ColumnType::Enum(values) = &c.ty {
                    let shown: Vec<String> = values
                        .iter()
                        .map(|v| {
                            if v.code == v.label {
                                format!("'{}'", v.label)
                            } else {
                                format!("'{}' (stored as '{}')", v.label, v.code)
                            }
                        })
                        .collect();
                    println!("      allowed values: {}", shown.join(", "));
                }
            }
            ExitCode::SUCCESS
        }
    }
}
