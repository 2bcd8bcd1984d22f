//! `# reportc: allow W0101` comments (YAML and DSL both comment with `#`): on a line of its own
//! the codes are allowed in the whole file; at the end of a line, on that line. Several codes
//! may be given, separated by commas or spaces.

use crate::diagnostics::{Code, Diagnostic, SourceFile};

const MARK: &str = "reportc: allow";

/// The warnings of `diags` that no allow comment of `file` silences (errors always stay).
pub fn apply_allow_comments(file: &SourceFile, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !diags.iter().any(|d| !d.is_error()) || !file.text.contains(MARK) {
        return diags;
    }
    let mut whole_file = Vec::new();
    let mut by_line: Vec<(usize, Vec<Code>)> = Vec::new();
    for (i, line) in file.text.lines().enumerate() {
        let Some(hash) = line.find('#') else { continue };
        let comment = line[hash + 1..].trim_start();
        let Some(rest) = comment.strip_prefix(MARK) else {
            continue;
        };
        let codes: Vec<Code> = rest
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter_map(Code::parse)
            .filter(|c| c.is_warning())
            .collect();
        if line[..hash].trim().is_empty() {
            whole_file.extend(codes);
        } else {
            by_line.push((i + 1, codes));
        }
    }
    diags
        .into_iter()
        .filter(|d| {
            if d.is_error() {
                return true;
            }
            let line = file.line_col(d.span.start as usize).0;
            !whole_file.contains(&d.code)
                && !by_line
                    .iter()
                    .any(|(l, codes)| *l == line && codes.contains(&d.code))
        })
        .collect()
}
