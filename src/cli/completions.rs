//! `reportc completions SHELL` and `reportc man`: shell completion scripts (clap_complete) and
//! the man page (clap_mangen, roff), generated from the binary's own argument definitions, so
//! they never fall behind it.

use super::args::Cli;
use super::exit::{ExitStatus, Outcome};
use super::output::{out, Printer};
use clap::CommandFactory;

/// The completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "reportc", &mut buf);
    out(&String::from_utf8_lossy(&buf));
    Ok(ExitStatus::Ok)
}

/// A man page on stdout (roff): reportc(1), or with a command, reportc-COMMAND(1), the page
/// that reportc(1) refers to for it.
pub fn man(command: Option<&str>) -> Outcome {
    let cmd = Cli::command();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let (page, title) = match command {
        None => (cmd, "reportc".to_string()),
        Some(name) => {
            let sub = cmd.find_subcommand(name).cloned().ok_or_else(|| {
                Printer::human().usage(format!(
                    "unknown command `{name}`; `reportc --help` lists them"
                ))
            })?;
            (
                sub.bin_name(format!("reportc {name}")),
                format!("reportc-{name}"),
            )
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .title(title)
        .source(format!("reportc {version}"))
        .render(&mut buf)
        .map_err(|e| Printer::human().io_error(format!("cannot render the man page: {e}")))?;
    out(&String::from_utf8_lossy(&buf));
    Ok(ExitStatus::Ok)
}
