//! AST -> text, in either format: the canonical layout of `reportc fmt` and the output of
//! `reportc convert`. Printing then parsing gives back the same AST (spans aside): expressions
//! are printed with the fewest parentheses that keep their tree, and names that are keywords
//! are quoted in backticks. Comments travel through [`Comments`], attached to a clause or an
//! item of a list.

//!
//! | file | job |
//! |---|---|
//! | `expr.rs` | expressions with the fewest parentheses, names, literals, ranges |
//! | `dsl.rs` | the report in the DSL |
//! | `yaml.rs` | the report in YAML |
//! | `comments.rs` | comments of a file, attached to clauses and items, and where they print |
//! | `endings.rs` | a file's line endings and BOM, kept by `fmt` |

mod comments;
mod dsl;
mod endings;
mod expr;
mod yaml;

pub use comments::{dsl_comment_not_yaml, dsl_comments, yaml_comments, Anchor, Comments};
pub use dsl::to_dsl;
pub use endings::Endings;
pub use expr::{expr, name, string_literal};
pub use yaml::to_yaml;

use super::ast::erase_spans;
use super::InputFormat;
use crate::diagnostics::Span;

/// Parse a report and print it in `to`, in canonical layout, with its comments: `reportc fmt`
/// (`to` = the file's own format) and `reportc convert`. Refuses a report with errors, and
/// checks that the printed text parses back to the same AST (spans aside).
pub fn reprint(
    text: &str,
    from: InputFormat,
    to: InputFormat,
) -> Result<String, Vec<crate::diagnostics::Diagnostic>> {
    use crate::diagnostics::{Code, Diagnostic};
    let parse = super::parse_report;
    let (report, diags) = parse(text, from);
    let report = match report {
        Some(r) if !diags.has_errors() => r,
        _ => return Err(diags.sorted()),
    };
    if let (InputFormat::Dsl, InputFormat::Yaml) = (from, to) {
        if let Some((at, c)) = dsl_comment_not_yaml(text) {
            return Err(vec![Diagnostic::error(
                Code::YamlFeature,
                Span::new(at, at + c.len_utf8()),
                format!(
                    "this comment holds U+{:04X}, which a YAML file cannot hold",
                    c as u32
                ),
            )
            .with_label("not allowed in YAML")
            .with_help(
                "remove the character from the comment, or keep the report in the DSL",
            )]);
        }
    }
    let comments = match from {
        InputFormat::Yaml => yaml_comments(text, &report),
        InputFormat::Dsl => dsl_comments(text, &report),
    };
    let out = match to {
        InputFormat::Yaml => to_yaml(&report, &comments),
        InputFormat::Dsl => to_dsl(&report, &comments),
    };
    match parse(&out, to) {
        (Some(back), d) if !d.has_errors() && erase_spans(&back) == erase_spans(&report) => Ok(out),
        _ => Err(vec![Diagnostic::error(
            Code::WrongShape,
            Span::new(0, 0),
            "reportc cannot print this report without changing its meaning",
        )
        .with_help(
            "this is a bug in reportc; please report it with the file",
        )]),
    }
}

/// [`reprint`] in the file's own format, keeping its line endings and BOM: the text `reportc
/// fmt` writes. It works on the text without the BOM and with LF line breaks, so the
/// positions of a refusal's diagnostics are in that text: callers that show them check the
/// file as it is first (`compile::format_report`).
pub fn reformat(
    text: &str,
    format: InputFormat,
) -> Result<String, Vec<crate::diagnostics::Diagnostic>> {
    let (endings, plain) = Endings::split(text);
    reprint(&plain, format, format).map(|out| endings.restore(&out))
}

#[cfg(test)]
mod tests;
