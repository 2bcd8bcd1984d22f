//! The `reportc` binary: parse the arguments, run the command (`src/cli/`), exit with its
//! status.

#![forbid(unsafe_code)]

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::args::Cli::parse()).into()
}
