//! `reportc convert FILE --to dsl|yaml`: the report in the other format, losslessly, comments
//! kept (the library's `reprint`).

use super::args::ReportFormat;
use super::exit::{ExitStatus, Outcome};
use super::input::{format_of, read_or_report};
use super::output::{out, Printer};

pub fn convert(file: &str, to: ReportFormat) -> Outcome {
    let mut p = Printer::human();
    let src = read_or_report(file, &mut p).ok_or(ExitStatus::Io)?;
    let from = format_of(file).ok_or_else(|| {
        p.usage(format!(
            "`{file}` is not a report: expected a .yaml, .yml or .rpt file"
        ))
    })?;
    match reportc::syntax::print::reprint(&src.text, from, to.into()) {
        Ok(text) => {
            out(&text);
            Ok(ExitStatus::Ok)
        }
        Err(diags) => {
            p.diags(&src, &diags);
            Ok(ExitStatus::Invalid)
        }
    }
}
