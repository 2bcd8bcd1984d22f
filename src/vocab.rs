//! The words of the report language that every stage shares: operators, time units, relative
//! ranges and what a name is. The AST (`syntax::ast`) and the IR (`ir`) both use these types,
//! so the back end never imports the front end. This module imports nothing of the crate.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Eq => "=",
            BinOp::NotEq => "!=",
            BinOp::Lt => "<",
            BinOp::LtEq => "<=",
            BinOp::Gt => ">",
            BinOp::GtEq => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::NotEq | BinOp::Lt | BinOp::LtEq | BinOp::Gt | BinOp::GtEq
        )
    }
    pub fn is_arithmetic(self) -> bool {
        matches!(self, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchOp {
    Contains,
    StartsWith,
    EndsWith,
}

impl MatchOp {
    pub fn keyword(self, case_insensitive: bool) -> &'static str {
        match (self, case_insensitive) {
            (MatchOp::Contains, false) => "contains",
            (MatchOp::StartsWith, false) => "starts_with",
            (MatchOp::EndsWith, false) => "ends_with",
            (MatchOp::Contains, true) => "icontains",
            (MatchOp::StartsWith, true) => "istarts_with",
            (MatchOp::EndsWith, true) => "iends_with",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeUnit {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// The calendar units that time arithmetic is done in: every [`TimeUnit`] is a whole number of
/// one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseUnit {
    Hours,
    Days,
    Months,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 6] = [
        TimeUnit::Hour,
        TimeUnit::Day,
        TimeUnit::Week,
        TimeUnit::Month,
        TimeUnit::Quarter,
        TimeUnit::Year,
    ];
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Quarter => "quarter",
            TimeUnit::Year => "year",
        }
    }
    /// Accepts singular and plural forms, any case.
    pub fn parse(s: &str) -> Option<TimeUnit> {
        let s = s.to_ascii_lowercase();
        let s = s.strip_suffix('s').unwrap_or(&s);
        TimeUnit::ALL.into_iter().find(|u| u.name() == s)
    }
    /// One unit as a count of a base unit: a week is 7 days, a quarter 3 months.
    pub fn in_base(self) -> (BaseUnit, i64) {
        match self {
            TimeUnit::Hour => (BaseUnit::Hours, 1),
            TimeUnit::Day => (BaseUnit::Days, 1),
            TimeUnit::Week => (BaseUnit::Days, 7),
            TimeUnit::Month => (BaseUnit::Months, 1),
            TimeUnit::Quarter => (BaseUnit::Months, 3),
            TimeUnit::Year => (BaseUnit::Months, 12),
        }
    }
}

/// A range of time relative to now, in the report's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeRange {
    /// `last N units`: the N calendar units ending with the current one (today included).
    Last(u32, TimeUnit),
    /// `this unit` (`today` is `this day`).
    This(TimeUnit),
    /// `previous unit` (`yesterday` is `previous day`).
    Previous(TimeUnit),
}

impl RelativeRange {
    /// The range as `[start + lo, start + hi)` units, where `start` is the start of the current
    /// unit: the one table of what each range means, for the compiler's `--as-of` constants and
    /// for the engine-side bounds alike.
    pub fn unit_offsets(self) -> (TimeUnit, i64, i64) {
        match self {
            RelativeRange::Last(n, u) => (u, -(i64::from(n) - 1), 1),
            RelativeRange::This(u) => (u, 0, 1),
            RelativeRange::Previous(u) => (u, -1, 0),
        }
    }
}

/// A plain name: an ASCII letter or `_`, then letters, digits and `_` (report and output names,
/// catalogue ids).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_offsets() {
        assert_eq!(
            RelativeRange::Last(7, TimeUnit::Day).unit_offsets(),
            (TimeUnit::Day, -6, 1)
        );
        assert_eq!(
            RelativeRange::This(TimeUnit::Month).unit_offsets(),
            (TimeUnit::Month, 0, 1)
        );
        assert_eq!(
            RelativeRange::Previous(TimeUnit::Week).unit_offsets(),
            (TimeUnit::Week, -1, 0)
        );
        assert_eq!(TimeUnit::Quarter.in_base(), (BaseUnit::Months, 3));
    }

    #[test]
    fn units_and_names() {
        assert_eq!(TimeUnit::parse("Weeks"), Some(TimeUnit::Week));
        assert_eq!(TimeUnit::parse("fortnight"), None);
        assert!(is_identifier("_a1"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }
}
