//! A problem with the data that `run` reads or `demo-data` writes: a diagnostic with its code,
//! in the file (or folder) it concerns. The row and column are in its message; where the
//! problem is in the first MiB of a CSV file, the diagnostic also points at it, with the
//! file's text up to that line to show it.

use crate::diagnostics::{Code, Diagnostic, Span};
use std::fmt;

/// A diagnostic about the data, and the data file, folder or database it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file or folder, as the user named it (a path), or `<embedded DuckDB>` when the
    /// problem is the engine itself.
    pub file: String,
    /// The start of the file, up to the line the diagnostic's span is in; empty (and the span
    /// empty) when the problem is not shown in the file.
    pub text: String,
    pub diagnostic: Diagnostic,
}

/// The `file` of a problem that is the embedded engine's, not a file's.
#[cfg(feature = "duckdb")]
pub(super) const ENGINE: &str = "<embedded DuckDB>";

impl DataError {
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> DataError {
        DataError {
            file: file.into(),
            text: String::new(),
            diagnostic: Diagnostic::error(code, Span::empty(), message),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> DataError {
        self.diagnostic.help = Some(help.into());
        self
    }

    /// Point at `span` of `text` (the start of the file), with a label; unchanged when the
    /// place is not known.
    pub fn at(mut self, place: Option<(String, Span)>, label: impl Into<String>) -> DataError {
        if let Some((text, span)) = place {
            self.text = text;
            self.diagnostic.span = span;
            self.diagnostic.label = Some(label.into());
        }
        self
    }

    /// The code of the diagnostic.
    pub fn code(&self) -> Code {
        self.diagnostic.code
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file, self.diagnostic.code, self.diagnostic.message
        )?;
        if let Some(h) = &self.diagnostic.help {
            write!(f, " (help: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_code_message_and_help() {
        let e = DataError::new(Code::DataMissingColumn, "d/x.csv", "no column `a`")
            .with_help("did you mean `b`?");
        assert_eq!(e.code(), Code::DataMissingColumn);
        assert_eq!(
            e.to_string(),
            "d/x.csv: E0502: no column `a` (help: did you mean `b`?)"
        );
    }
}
