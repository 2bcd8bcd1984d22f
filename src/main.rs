//! The `reportc` binary: parse the arguments, run the command (`src/cli/`), exit with its
//! status.

#![forbid(unsafe_code)]

mod cli;

use clap::Parser;

/// Many small, short-lived allocations per report (see ARCHITECTURE.md, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(cli::args::Cli::parse()).into()
}
