//! `reportc explain CODE`: a diagnostic code's title and explanation, from the registry.

use super::exit::{ExitStatus, Outcome};
use super::output::{out, Printer};
use reportc::diagnostics::{example, Code};

pub fn explain(code: &str) -> Outcome {
    let c = Code::parse(code).ok_or_else(|| {
        Printer::human().usage(format!("unknown code `{code}`; codes look like E0201"))
    })?;
    let mut text = format!("{}: {}\n\n{}\n", c.as_str(), c.title(), c.explanation());
    if let Some(ex) = example(c) {
        text.push_str(&format!(
            "\nExample (wrong):\n\n{}\nFixed:\n\n{}",
            indent(ex.bad),
            indent(ex.fixed)
        ));
    }
    out(&text);
    Ok(ExitStatus::Ok)
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
