//! `reportc explain CODE`: a diagnostic code's title and explanation, from the registry.

use super::exit::{ExitStatus, Outcome};
use super::output::{out, Printer};
use reportc::diagnostics::Code;

pub fn explain(code: &str) -> Outcome {
    let c = Code::parse(code).ok_or_else(|| {
        Printer::human().usage(format!("unknown code `{code}`; codes look like E0201"))
    })?;
    out(&format!(
        "{}: {}\n\n{}\n",
        c.as_str(),
        c.title(),
        c.explanation()
    ));
    Ok(ExitStatus::Ok)
}
