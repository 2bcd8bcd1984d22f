//! The `reportc` command line: the arguments ([`args`]), one module per command, and what
//! they share: reading reports ([`input`]), finding them in folders ([`collect`]), loading the
//! catalogue ([`load_catalog`]), checking option values ([`arg_values`]), writing files
//! atomically ([`write_atomic`], its temp files removed on a signal by [`interrupt`]), work over
//! every core ([`parallel`]), the printer of diagnostics and results ([`output`]) and the
//! exit status ([`exit`]). The work itself is the library's.

pub mod args;

mod arg_values;
mod catalog;
mod check;
mod collect;
mod compile;
mod compile_json;
mod completions;
mod convert;
mod demo_data;
mod dialects;
mod diff;
mod exit;
mod explain;
mod fmt;
mod golden;
mod input;
mod interrupt;
mod lint_policy;
mod load_catalog;
mod lsp;
mod out_files;
mod output;
mod parallel;
mod project;
mod repo_path;
mod run;
mod run_connect;
mod schema;
mod write_atomic;

pub use exit::ExitStatus;

use args::{Cli, Command};

/// Run one command; its exit status.
pub fn run(cli: Cli) -> ExitStatus {
    let Cli {
        mut command,
        config,
        isolated,
    } = cli;
    let uses_config = !matches!(
        command,
        Command::Convert(_)
            | Command::Dialects(_)
            | Command::Explain(_)
            | Command::Completions(_)
            | Command::Man(_)
    );
    if uses_config {
        match project::load(config.as_deref(), isolated) {
            Ok(cfg) => project::apply(&mut command, cfg.as_ref()),
            Err(stopped) => return stopped,
        }
    }
    let outcome = match command {
        Command::Compile(a) => compile::compile(a),
        Command::Check(a) => check::check(a),
        Command::Catalog(a) => catalog::catalog(a),
        Command::Convert(a) => convert::convert(&a.file, a.to),
        Command::Fmt(a) => fmt::fmt(a),
        Command::Dialects(a) => dialects::dialects(a.format),
        Command::Explain(a) => explain::explain(&a.code),
        Command::DemoData(a) => demo_data::demo_data(a),
        Command::Run(a) => run::run(a),
        Command::Schema(a) => schema::schema(a),
        Command::Lsp(a) => lsp::lsp(a),
        Command::Completions(a) => completions::completions(a.shell),
        Command::Man(a) => completions::man(a.command.as_deref()),
    };
    output::stdout_status(outcome.unwrap_or_else(|stopped| stopped))
}
