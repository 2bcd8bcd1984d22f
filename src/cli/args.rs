//! The command line's arguments: the commands and their options (clap), and the value sets of
//! the `--format`/`--to` options, each mapped to the library's own type.

use super::collect::Walk;
use clap::{Parser, Subcommand, ValueEnum};
use reportc::run::OutputFormat;
use reportc::InputFormat;
use std::path::PathBuf;

/// Compile report definitions (YAML or the report DSL) to warehouse SQL.
#[derive(Parser)]
#[command(name = "reportc", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The project config to use instead of the nearest `reportc.toml` above the working
    /// directory.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore every `reportc.toml`: only the command line counts.
    #[arg(long, global = true, conflicts_with = "config")]
    pub isolated: bool,
}

/// How diagnostics (and `check`'s summary) are printed: `human` on stderr, the others one
/// document on stdout.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagnosticsFormat {
    // Text with source snippets, on stderr.
    Human,
    // One JSON document (see the README).
    Json,
    // SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    // GitHub Actions workflow commands (annotations on the pull request).
    Github,
    // A JUnit XML report: a test case per file.
    Junit,
}

impl DiagnosticsFormat {
    /// A format whose document goes to stdout (every one but `human`).
    pub fn is_machine(self) -> bool {
        self != DiagnosticsFormat::Human
    }
}

/// How `catalog` and `dialects` print their listing (`json` also prints a catalogue's
/// diagnostics as JSON).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListingFormat {
    Human,
    Json,
    Markdown,
}

/// The format `convert` prints a report in.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Dsl,
    Yaml,
}

/// The commands. Each variant's doc comment is the command's help; the option structs have
/// plain comments only, so that theirs does not replace it.
#[derive(Subcommand)]
pub enum Command {
    /// Compile reports to SQL (prints to stdout, or writes one .sql per report with --out).
    Compile(CompileArgs),
    /// Validate reports (files or folders, searched recursively); exit 1 if any is invalid.
    Check(CheckArgs),
    /// List the data sources, or the columns of one source.
    Catalog(CatalogArgs),
    /// Print a report in the other format (YAML <-> DSL), losslessly, comments kept.
    Convert(ConvertArgs),
    /// Rewrite report files in canonical layout (files or folders); `--check` only lists them,
    /// `--diff` shows the changes.
    Fmt(FmtArgs),
    /// The SQL dialects and what each can express (the capability matrix).
    Dialects(DialectsArgs),
    /// Explain a diagnostic code, e.g. `reportc explain E0202`.
    Explain(ExplainArgs),
    /// Write deterministic demo data for the catalogue: one `<table>.csv` per table (or
    /// `.parquet`, or one DuckDB database file).
    DemoData(DemoDataArgs),
    /// Run a report on an embedded DuckDB (demo data, or --data) and print its rows.
    /// Needs a build with `--features duckdb`.
    Run(RunArgs),
    /// Print a JSON Schema (draft-07) of report YAML for the catalogue, for editors
    /// (yaml-language-server) and other JSON Schema tools.
    Schema(SchemaArgs),
    /// Print a shell completion script: `reportc completions bash > ~/.local/share/bash-completion/completions/reportc`.
    Completions(CompletionsArgs),
    /// Print the man page, reportc(1) (roff): `reportc man > reportc.1`; `reportc man compile`
    /// prints reportc-compile(1).
    Man(ManArgs),
    /// Run the language server on stdin/stdout (diagnostics, completion, hover, go to
    /// definition, formatting) for YAML and DSL reports.
    Lsp(LspArgs),
}

// The options of `reportc completions`.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// The options of `reportc man`.
#[derive(clap::Args)]
pub struct ManArgs {
    /// A command, for its own page (reportc-COMMAND(1)).
    pub command: Option<String>,
}

// The options of `reportc schema`.
#[derive(clap::Args)]
pub struct SchemaArgs {
    /// A catalogue file instead of the built-in one.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
}

// The options of `reportc lsp`.
#[derive(clap::Args)]
pub struct LspArgs {
    /// A catalogue file instead of the built-in one.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Accepted because editors often pass it; stdio is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

// The options of `reportc compile`.
#[derive(clap::Args)]
pub struct CompileArgs {
    /// Report files (.yaml/.yml, or .rpt for the DSL) or folders; `-` reads one YAML report
    /// from stdin. Default: `reports` of reportc.toml.
    pub files: Vec<String>,
    /// Target SQL dialect (default: the first of reportc.toml's `dialects`, else postgres).
    #[arg(short, long)]
    pub dialect: Option<String>,
    /// A catalogue file replacing the built-in one.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Write `<report>.sql` files into this folder (atomically) instead of printing.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write nothing: compare the `.sql` files of this folder with what `--out` would write,
    /// print a diff per file that differs and the missing and extra files; exit 1 if any.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub check: Option<PathBuf>,
    /// Evaluate relative ranges (`last 7 days`) at this UTC time, e.g. 2026-03-01T12:00:00.
    #[arg(long)]
    pub as_of: Option<String>,
    /// A parameter's value, `name=VALUE` (repeatable); checked like a literal of its type.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Write the dialect's bind placeholders for the parameters instead of their values; the
    /// bind order is printed on stderr.
    #[arg(long, conflicts_with = "params")]
    pub placeholders: bool,
    /// Render each report through a template: `view` (CREATE OR REPLACE VIEW in the
    /// dialect's form), `dbt` (a dbt model file) or a minijinja FILE.j2.
    #[arg(long, value_name = "view|dbt|FILE.j2")]
    pub template: Option<String>,
    /// Diagnostics format; `json`: one document instead of the SQL (each report's SQL, output
    /// columns with their types, parameters and diagnostics); `sarif`, `github` and `junit`
    /// need `--out` or `--check`.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagnosticsFormat,
    #[command(flatten)]
    pub lint: LintArgs,
    #[arg(skip)]
    pub walk: Walk,
}

// The options of `reportc check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Report files or folders (default: `reports` of reportc.toml).
    pub paths: Vec<String>,
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Also compile for this dialect, so dialect refusals are reported; repeatable, or `all`
    /// (default: reportc.toml's `dialects`).
    #[arg(short, long)]
    pub dialect: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagnosticsFormat,
    #[command(flatten)]
    pub lint: LintArgs,
    #[arg(skip)]
    pub walk: Walk,
}

/// What to do with lint warnings (`check`, `compile`); reportc.toml's `[lint]` adds to them.
#[derive(clap::Args, Default, Clone)]
pub struct LintArgs {
    /// Make this warning an error (exit 1): a code such as `W0101`, or `warnings` for all of
    /// them; repeatable.
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Never report this warning (a code such as `W0103`); repeatable.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

// The options of `reportc catalog`.
#[derive(clap::Args)]
pub struct CatalogArgs {
    pub source: Option<String>,
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// `markdown` prints the whole catalogue (or the source) as a documentation page.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListingFormat,
}

// The options of `reportc convert`.
#[derive(clap::Args)]
pub struct ConvertArgs {
    /// A report file (.yaml/.yml or .rpt).
    pub file: String,
    /// The target format.
    #[arg(long, value_enum)]
    pub to: ReportFormat,
}

// The options of `reportc fmt`.
#[derive(clap::Args)]
pub struct FmtArgs {
    /// Report files or folders (default: `reports` of reportc.toml).
    pub paths: Vec<String>,
    /// Change nothing: list the files that would change and exit 1 if any.
    #[arg(long)]
    pub check: bool,
    /// Change nothing: print what would change as a unified diff and exit 1 if anything would.
    #[arg(long)]
    pub diff: bool,
    /// The catalogue the reports are checked against (a report with errors is not formatted).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    #[arg(skip)]
    pub walk: Walk,
}

// The options of `reportc dialects`.
#[derive(clap::Args)]
pub struct DialectsArgs {
    /// `markdown` prints docs/dialects.md.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListingFormat,
}

// The options of `reportc explain`.
#[derive(clap::Args)]
pub struct ExplainArgs {
    pub code: String,
}

// The options of `reportc demo-data`.
#[derive(clap::Args)]
pub struct DemoDataArgs {
    /// The folder to write into (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// `parquet` and `duckdb` need a build with `--features duckdb`; `sql` writes
    /// `<table>.sql` (CREATE TABLE and INSERTs) for `-d DIALECT`.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: DemoFormat,
    /// With `--format sql`: the dialect of the statements (postgres, mysql, sqlite, duckdb).
    #[arg(short, long, default_value = "postgres")]
    pub dialect: String,
    /// Rows per table (at most 10,000,000).
    #[arg(long, default_value_t = reportc::demo::DEFAULT_ROWS, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub rows: u64,
    /// Random seed: the same seed, rows and --as-of give the same files.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Timestamps fall in the ~120 days before this UTC time (default: now).
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub catalog: Option<PathBuf>,
}

// The options of `reportc run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// A report file.
    pub report: String,
    /// A DuckDB database file, or a folder of `<table>.csv` / `<table>.parquet` files
    /// (default: demo data generated for the catalogue).
    #[arg(long, conflicts_with = "connect")]
    pub data: Option<PathBuf>,
    /// Run on your own database instead of the embedded DuckDB: `postgres://USER@HOST:PORT/DB`
    /// (also `postgresql://`, `redshift://`), `mysql://` or `mariadb://`, `clickhouse://` or
    /// `http://HOST:8123/` (ClickHouse). A read-only transaction; the password from the URL or
    /// PGPASSWORD / MYSQL_PWD / CLICKHOUSE_PASSWORD, never shown. The dialect follows the scheme.
    #[arg(long, value_name = "URL")]
    pub connect: Option<String>,
    /// With --connect: the dialect; it must be the URL's (default: the URL's).
    #[arg(short, long, requires = "connect")]
    pub dialect: Option<String>,
    /// With --connect: the statement timeout, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Evaluate relative ranges at this UTC time (and anchor the demo data there);
    /// default: now.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Rows per table of the demo data (without --data).
    #[arg(long, default_value_t = reportc::demo::DEFAULT_ROWS, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub rows: u64,
    /// Seed of the demo data (without --data).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output format of the rows.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RowsFormat,
}

/// The files `demo-data` writes.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DemoFormat {
    Csv,
    Parquet,
    Duckdb,
    // `<table>.sql` per table: CREATE TABLE and batched INSERTs for `-d DIALECT`.
    Sql,
}

/// How `run` prints the rows.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RowsFormat {
    Table,
    Csv,
    Json,
}

impl From<ReportFormat> for InputFormat {
    fn from(f: ReportFormat) -> InputFormat {
        match f {
            ReportFormat::Dsl => InputFormat::Dsl,
            ReportFormat::Yaml => InputFormat::Yaml,
        }
    }
}

impl From<RowsFormat> for OutputFormat {
    fn from(f: RowsFormat) -> OutputFormat {
        match f {
            RowsFormat::Table => OutputFormat::Table,
            RowsFormat::Csv => OutputFormat::Csv,
            RowsFormat::Json => OutputFormat::Json,
        }
    }
}

impl ListingFormat {
    /// The format of the diagnostics printed along with the listing (a catalogue's).
    pub fn diagnostics(self) -> DiagnosticsFormat {
        match self {
            ListingFormat::Json => DiagnosticsFormat::Json,
            ListingFormat::Human | ListingFormat::Markdown => DiagnosticsFormat::Human,
        }
    }
}
