//! `reportc lsp`: the language server on stdio; exit 0 after `shutdown` and `exit`, else 1.

use super::args::LspArgs;
use super::exit::{ExitStatus, Outcome};
use super::output::Printer;

pub fn lsp(a: LspArgs) -> Outcome {
    let _ = a.stdio;
    match reportc::lsp::serve(reportc::lsp::Options { catalog: a.catalog }) {
        Ok(true) => Ok(ExitStatus::Ok),
        Ok(false) => Ok(ExitStatus::Invalid),
        Err(e) => Err(Printer::human().usage(e)),
    }
}
