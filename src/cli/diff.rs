//! Unified diffs, as `fmt --diff` and `compile --check` print them.

/// A unified diff (3 lines of context) from `old` to `new`, headed `--- a/PATH` / `+++ b/PATH`
/// as `git apply` and `patch -p1` read it (a leading `./` left out). A last line without a line
/// break is marked as `diff` marks it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
