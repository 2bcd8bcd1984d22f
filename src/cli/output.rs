//! The one printer of the command line: diagnostics in human form (stderr, through miette, as
//! each file is checked) or in a machine format (JSON, SARIF, GitHub workflow commands, JUnit:
//! collected, then printed on stdout as one document at the end, in the order the files were
//! given), one-line errors and notes on stderr, and the commands' results on stdout.

use super::args::DiagnosticsFormat;
use super::compile_json::CompileDocument;
use super::exit::ExitStatus;
use reportc::diagnostics::{
    render_github, render_human, render_junit, render_sarif, to_json_values, Checked, Diagnostic,
    JsonDiagnostic, JsonSummary, RenderOptions, SourceFile,
};
use reportc::run::DataError;
use std::io::{IsTerminal, Write};

/// Where everything a command says goes.
pub struct Printer {
    format: DiagnosticsFormat,
    color: bool,
    /// The files of a machine format, in order, with their diagnostics.
    checked: Vec<Checked>,
    /// `compile --format json`: the document is [`CompileDocument`], not the summary.
    compile_document: bool,
}

impl Printer {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    pub fn new(format: DiagnosticsFormat) -> Printer {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        Printer {
            format,
            color,
            checked: Vec::new(),
            compile_document: false,
        }
    }

    /// A printer whose JSON is `compile`'s document ([`CompileDocument`]): the command takes
    /// each report's diagnostics with [`Printer::take_json`], and [`Printer::stopped`] prints
    /// the document of no report.
    pub fn compile_document(mut self) -> Printer {
        self.compile_document = true;
        self
    }

    /// The diagnostics kept since the last call (those of one report), as JSON.
    pub fn take_json(&mut self) -> Vec<JsonDiagnostic> {
        json_diagnostics(&std::mem::take(&mut self.checked))
    }

    /// A printer of human diagnostics (the commands without `--format` for them).
    pub fn human() -> Printer {
        Printer::new(DiagnosticsFormat::Human)
    }

    /// Diagnostics of one file (none for a valid file): rendered on stderr now, or kept for
    /// the document of a machine format.
    pub fn diags(&mut self, file: &SourceFile, diags: &[Diagnostic]) {
        match self.format {
            DiagnosticsFormat::Human => {
                let text = render_human(
                    file,
                    diags,
                    RenderOptions {
                        color: self.color,
                        width: 100,
                    },
                );
                err(&text);
            }
            _ => self
                .checked
                .push(Checked::new(file.clone(), diags.to_vec())),
        }
    }

    /// Problems of the data, each in its data file (shown up to the line of the problem when
    /// it is known).
    pub fn data_errors(&mut self, errors: &[DataError]) {
        for e in errors {
            self.diags(
                &SourceFile::new(e.file.clone(), e.text.clone()),
                std::slice::from_ref(&e.diagnostic),
            );
        }
    }

    /// The end of `compile` and `check`: in a machine format, the document of every file
    /// kept; in human form, a count when there was more than one file or an invalid one.
    pub fn finish(mut self, files: usize, invalid: usize) {
        match self.format {
            DiagnosticsFormat::Human => {
                if files > 1 || invalid > 0 {
                    err(&format!("{files} report(s) checked, {invalid} invalid\n"));
                }
            }
            _ => self.document(files, invalid),
        }
    }

    /// A command stopped before its reports (an invalid catalogue): in a machine format, the
    /// document (`compile --format json`'s own one) of no report with the diagnostics so far,
    /// so they are not lost.
    pub fn stopped(&mut self) {
        if self.compile_document && self.format == DiagnosticsFormat::Json {
            out_json(&CompileDocument {
                files: 0,
                invalid: 0,
                reports: Vec::new(),
                diagnostics: self.take_json(),
            });
        } else if self.format.is_machine() {
            self.document(0, 0);
        }
    }

    /// The machine format's document on stdout.
    fn document(&mut self, files: usize, invalid: usize) {
        let mut checked = std::mem::take(&mut self.checked);
        if matches!(
            self.format,
            DiagnosticsFormat::Sarif | DiagnosticsFormat::Github
        ) {
            if let Some(root) = super::repo_path::repository_root() {
                for c in &mut checked {
                    c.file.name = super::repo_path::from_root(&c.file.name, &root);
                }
            }
        }
        match self.format {
            DiagnosticsFormat::Human => {}
            DiagnosticsFormat::Json => json_summary(&checked, files, invalid),
            DiagnosticsFormat::Sarif => out(&render_sarif(&checked)),
            DiagnosticsFormat::Github => out(&render_github(&checked)),
            DiagnosticsFormat::Junit => out(&render_junit("reportc", &checked)),
        }
    }

    /// An error that is not about a place in a file: one line on stderr, `error: ...`.
    pub fn error(&self, msg: impl std::fmt::Display) {
        err(&format!("error: {msg}\n"));
    }

    /// A usage error (an unknown dialect, a malformed option value): [`Printer::error`].
    pub fn usage(&self, msg: impl std::fmt::Display) -> ExitStatus {
        self.error(msg);
        ExitStatus::Usage
    }

    /// A file the command cannot read or write: [`Printer::error`].
    pub fn io_error(&self, msg: impl std::fmt::Display) -> ExitStatus {
        self.error(msg);
        ExitStatus::Io
    }

    /// A line for the user on stderr (what was written, a hint).
    pub fn note(&self, msg: impl std::fmt::Display) {
        err(&format!("{msg}\n"));
    }
}

/// The diagnostics of every file, in order, as JSON.
fn json_diagnostics(checked: &[Checked]) -> Vec<JsonDiagnostic> {
    checked
        .iter()
        .flat_map(|c| to_json_values(&c.file, &c.diagnostics))
        .collect()
}

/// The JSON document: counts, then the diagnostics of every file.
fn json_summary(checked: &[Checked], files: usize, invalid: usize) {
    let diagnostics = json_diagnostics(checked);
    let errors = diagnostics.iter().filter(|d| d.severity == "error").count();
    let doc = JsonSummary {
        files,
        invalid,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
    };
    out_json(&doc);
}

/// The first failed write to stdout: `Some(None)` a closed pipe, `Some(Some(e))` another error.
static STDOUT_FAILED: std::sync::Mutex<Option<Option<String>>> = std::sync::Mutex::new(None);

/// A command's result on stdout. A closed pipe (`reportc catalog | head -1`) ends the output
/// quietly; another write error (a full disk: `> /dev/full`) is kept for [`stdout_status`].
/// After a failure nothing more is written.
pub fn out(text: &str) {
    let mut failed = STDOUT_FAILED.lock().unwrap_or_else(|e| e.into_inner());
    if failed.is_some() {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        *failed = Some((e.kind() != std::io::ErrorKind::BrokenPipe).then(|| e.to_string()));
    }
}

/// The command's status once stdout is written: a write error other than a closed pipe is an
/// I/O error (exit 2), said on stderr; a closed pipe leaves the status as it is.
pub fn stdout_status(status: ExitStatus) -> ExitStatus {
    let failed = STDOUT_FAILED.lock().unwrap_or_else(|e| e.into_inner());
    match failed.as_ref() {
        Some(Some(e)) => {
            err(&format!("error: cannot write to stdout: {e}\n"));
            status.max(ExitStatus::Io)
        }
        _ => status,
    }
}

/// Text on stderr. A closed or failing stderr (`2>&-`, a closed pipe) is ignored: there is
/// nowhere left to say it, and `eprintln!` would panic.
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// A JSON document on stdout, pretty-printed, with a final line break.
pub fn out_json(v: &impl serde::Serialize) {
    out(&format!(
        "{}\n",
        serde_json::to_string_pretty(v).unwrap_or_default()
    ));
}
