//! Configuration documents (policies, budget policies, round calendars) and the defaults every
//! front shares: one rule for JSON or TOML, one default academic year, one default calendar.

use crate::error::Result;

/// ปีการศึกษา — the academic year (BE) every front uses when none is given.
pub const DEFAULT_ACADEMIC_YEAR: u16 = 2567;

/// The shipped round calendar every front uses when none is given.
pub const DEFAULT_CALENDAR: &str = "2567-2";

/// The language a configuration document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl ConfigFormat {
    /// The one rule for every configuration file: a name ending in `.json` is JSON, one ending
    /// in `.toml` is TOML; any other name (or none) is told by the text: JSON when its first
    /// character that is not a space or a byte-order mark is `{`, else TOML.
    pub fn detect(name: &str, text: &str) -> ConfigFormat {
        let lower = name.trim().to_ascii_lowercase();
        if lower.ends_with(".json") {
            return ConfigFormat::Json;
        }
        if lower.ends_with(".toml") {
            return ConfigFormat::Toml;
        }
        match text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().next() {
            Some('{') => ConfigFormat::Json,
            _ => ConfigFormat::Toml,
        }
    }
}

/// A configuration document that can be read from JSON or TOML.
pub trait Config: Sized {
    /// Reads the document from JSON.
    fn from_json(text: &str) -> Result<Self>;
    /// Reads the document from TOML.
    fn from_toml(text: &str) -> Result<Self>;
    /// Reads the document named `name` (a path or file name), its language decided by
    /// [`ConfigFormat::detect`].
    fn from_text(name: &str, text: &str) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match ConfigFormat::detect(name, text) {
            ConfigFormat::Json => Self::from_json(text),
            ConfigFormat::Toml => Self::from_toml(text),
        }
    }
}

impl Config for crate::policy::Policy {
    fn from_json(text: &str) -> Result<Self> {
        crate::policy::Policy::from_json(text)
    }
    fn from_toml(text: &str) -> Result<Self> {
        crate::policy::Policy::from_toml(text)
    }
}

impl Config for crate::budget::BudgetPolicy {
    fn from_json(text: &str) -> Result<Self> {
        crate::budget::BudgetPolicy::from_json(text)
    }
    fn from_toml(text: &str) -> Result<Self> {
        crate::budget::BudgetPolicy::from_toml(text)
    }
}

impl Config for crate::workflow::RoundCalendar {
    fn from_json(text: &str) -> Result<Self> {
        crate::workflow::RoundCalendar::from_json(text)
    }
    fn from_toml(text: &str) -> Result<Self> {
        crate::workflow::RoundCalendar::from_toml(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn one_rule_for_json_or_toml() {
        assert_eq!(ConfigFormat::detect("p.JSON", "a = 1"), ConfigFormat::Json);
        assert_eq!(ConfigFormat::detect("p.toml", "{"), ConfigFormat::Toml);
        assert_eq!(ConfigFormat::detect("policy", "  \n{\"a\": 1}"), ConfigFormat::Json);
        assert_eq!(ConfigFormat::detect("", "\u{feff}{}"), ConfigFormat::Json);
        assert_eq!(ConfigFormat::detect("policy.txt", "[ids]\n"), ConfigFormat::Toml);
        assert_eq!(ConfigFormat::detect("", ""), ConfigFormat::Toml);
    }

    #[test]
    fn reads_by_the_rule() {
        assert_eq!(Policy::from_text("x", "{}").unwrap(), Policy::default());
        assert_eq!(Policy::from_text("x", "").unwrap(), Policy::default());
        assert_eq!(Policy::from_text("x.json", "\u{feff}{}").unwrap(), Policy::default());
        let e = Policy::from_text("x.json", "a = 1").unwrap_err();
        assert_eq!(e.code(), crate::error::CONFIG_INVALID);
    }
}
