//! An example for each diagnostic code: a short bad input and its fix, shown by
//! `reportc explain CODE`. The data is `examples.txt`: sections `== CODE`, then `-- bad` and
//! `-- fixed` blocks.

use super::Code;

const DATA: &str = include_str!("examples.txt");

/// A code's example: the bad text and the fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub bad: &'static str,
    pub fixed: &'static str,
}

/// The example of `code`, if the data holds one.
pub fn example(code: Code) -> Option<Example> {
    DATA.split("== ").skip(1).find_map(|section| {
        let (head, body) = section.split_once('\n')?;
        if head.trim() != code.as_str() {
            return None;
        }
        let body = body.strip_prefix("-- bad\n")?;
        let (bad, fixed) = body.split_once("-- fixed\n")?;
        Some(Example { bad, fixed })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_names_a_known_code_and_parses() {
        for section in DATA.split("== ").skip(1) {
            let head = section.lines().next().unwrap_or("").trim();
            let code = Code::parse(head).unwrap_or_else(|| panic!("unknown code `{head}`"));
            let ex = example(code).unwrap_or_else(|| panic!("{head}: no bad/fixed blocks"));
            assert!(
                !ex.bad.trim().is_empty() && !ex.fixed.trim().is_empty(),
                "{head}"
            );
        }
    }
}
