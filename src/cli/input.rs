//! Reading a report: a file or stdin (`-`), capped at the input size limit, and its format
//! from its extension.

use super::output::Printer;
use reportc::diagnostics::{Code, Diagnostic, SourceFile, Span};
use reportc::InputFormat;
use std::io::Read;

/// A report's text, or the diagnostic of a file that cannot be read. At most one byte over
/// the cap is read, so a huge file is refused by the parser without being read whole.
pub fn read_input(path: &str) -> Result<SourceFile, Diagnostic> {
    let limit = reportc::yaml::MAX_INPUT_BYTES as u64 + 1;
    let mut text = String::new();
    let res = if path == "-" {
        std::io::stdin().take(limit).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_string(&mut text))
    };
    res.map_err(|e| reportc::compile::io_error(path, &e))?;
    let name = if path == "-" { "<stdin>" } else { path };
    Ok(SourceFile::new(name.to_string(), text))
}

/// [`read_input`], the diagnostic printed (against an empty file of that name) when it fails.
pub fn read_or_report(path: &str, out: &mut Printer) -> Option<SourceFile> {
    match read_input(path) {
        Ok(f) => Some(f),
        Err(d) => {
            out.diags(&SourceFile::new(path.to_string(), ""), &[d]);
            None
        }
    }
}

/// Read a report and tell its format; an unreadable file or an unknown extension is printed
/// as a diagnostic (the caller exits 2).
pub fn open_report(path: &str, out: &mut Printer) -> Option<(SourceFile, InputFormat)> {
    match load_report(path) {
        Ok(opened) => Some(opened),
        Err(failed) => {
            let (file, d) = *failed;
            out.diags(&file, &[d]);
            None
        }
    }
}

/// [`open_report`] without printing (for work on several threads): the report and its
/// format, or the file to show the diagnostic against (empty when it cannot be read) and
/// the diagnostic.
pub fn load_report(path: &str) -> Result<(SourceFile, InputFormat), Box<(SourceFile, Diagnostic)>> {
    let file =
        read_input(path).map_err(|d| Box::new((SourceFile::new(path.to_string(), ""), d)))?;
    let Some(fmt) = format_of(path) else {
        let d = Diagnostic::error(
            Code::Io,
            Span::empty(),
            format!("`{path}` is not a report: expected a .yaml, .yml or .rpt file"),
        );
        return Err(Box::new((file, d)));
    };
    Ok((file, fmt))
}

/// The format of a report path: stdin is YAML, else the extension says.
pub fn format_of(path: &str) -> Option<InputFormat> {
    if path == "-" {
        return Some(InputFormat::Yaml);
    }
    InputFormat::from_path(path)
}
