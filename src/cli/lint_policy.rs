//! `--deny`/`--allow` (and reportc.toml's `[lint]`): allowed warnings are dropped, denied ones
//! become errors (the file is invalid, exit 1). A code both allowed and denied by name is denied;
//! an allowed code is not denied by `warnings`.

use super::args::LintArgs;
use super::exit::ExitStatus;
use super::output::Printer;
use reportc::diagnostics::{Code, Diagnostic, Severity};

#[derive(Default)]
pub struct LintPolicy {
    allow: Vec<Code>,
    deny: Vec<Code>,
    deny_all: bool,
}

impl LintPolicy {
    /// The policy of the options; an unknown code is a usage error (exit 2).
    pub fn new(a: &LintArgs, p: &Printer) -> Result<LintPolicy, ExitStatus> {
        let read = |names: &[String], flag: &str, all: &mut bool| -> Result<Vec<Code>, _> {
            let mut out = Vec::new();
            for n in names {
                if flag == "deny" && n.eq_ignore_ascii_case("warnings") {
                    *all = true;
                    continue;
                }
                match Code::parse(n).filter(|c| c.is_warning()) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(p.usage(format!(
                            "`--{flag} {n}`: not a warning code (`reportc explain W0101`{})",
                            if flag == "deny" {
                                ", or `warnings`"
                            } else {
                                ""
                            }
                        )))
                    }
                }
            }
            Ok(out)
        };
        let mut deny_all = false;
        let deny = read(&a.deny, "deny", &mut deny_all)?;
        let allow = read(&a.allow, "allow", &mut false)?;
        Ok(LintPolicy {
            allow,
            deny,
            deny_all,
        })
    }

    /// The diagnostics with allowed warnings dropped and denied ones made errors.
    pub fn apply(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| {
                if d.is_error() {
                    return Some(d);
                }
                let denied = self.deny.contains(&d.code);
                if !denied && self.allow.contains(&d.code) {
                    return None;
                }
                if denied || self.deny_all {
                    d.severity = Severity::Error;
                }
                Some(d)
            })
            .collect()
    }
}
