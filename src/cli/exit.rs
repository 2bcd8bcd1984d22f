//! The exit status of a command: what a CI pipeline acts on.

use std::process::ExitCode;

/// How a command ended. The worst status of several files wins (`max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: every report is valid (and compiled), every file written.
    Ok,
    /// 1: a report or the catalogue is invalid (or `fmt --check` found a file to rewrite).
    Invalid,
    /// 2: a usage error: an unknown dialect or code, a malformed option value, a path that
    /// is not a report.
    Usage,
    /// 2: an I/O error: a file that cannot be read or written, data that cannot be loaded.
    Io,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Ok => 0,
            ExitStatus::Invalid => 1,
            ExitStatus::Usage | ExitStatus::Io => 2,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s.code())
    }
}

/// A command's result: `Err` is an early stop, its message already printed, so that `?` can
/// end a command wherever it finds a problem.
pub type Outcome = Result<ExitStatus, ExitStatus>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_the_worst_wins() {
        assert_eq!(
            [
                ExitStatus::Ok,
                ExitStatus::Invalid,
                ExitStatus::Usage,
                ExitStatus::Io
            ]
            .map(ExitStatus::code),
            [0, 1, 2, 2]
        );
        assert_eq!(ExitStatus::Invalid.max(ExitStatus::Io), ExitStatus::Io);
        assert_eq!(ExitStatus::Ok.max(ExitStatus::Invalid), ExitStatus::Invalid);
    }
}
