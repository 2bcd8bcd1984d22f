//! The catalogue a command works with: the built-in one, or `--catalog FILE`.

use super::exit::ExitStatus;
use super::output::Printer;
use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use std::path::PathBuf;

/// The catalogue of `--catalog`, or the built-in one. An unreadable file is a usage error
/// (exit 2); an invalid one has its diagnostics printed (exit 1; in JSON, as a summary of no
/// report).
pub fn load_catalog(path: &Option<PathBuf>, out: &mut Printer) -> Result<Catalog, ExitStatus> {
    let Some(path) = path else {
        return Ok(Catalog::builtin().clone());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| out.usage(format!("cannot read catalogue `{}`: {e}", path.display())))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let (cat, diags) = reportc::compile::load_catalog(&file.text);
    if diags.has_errors() {
        out.diags(&file, &diags.sorted());
        out.stopped();
        return Err(ExitStatus::Invalid);
    }
    cat.ok_or(ExitStatus::Invalid)
}
