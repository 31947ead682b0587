//! Parsed lead values.

use std::fmt;
use std::str::FromStr;

use crm_kernel::FieldError;

pub use crm_kernel::text::{Phone, Tags, bounded, multiline};

/// A lead's name: 1–200 characters, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadName(String);

impl LeadName {
    /// # Errors
    /// `name` is empty or longer than 200 characters.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        bounded("name", raw, 200).map(Self)
    }

    #[must_use]
    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a lead came from: a built-in slug or a workspace's custom one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceSlug(String);

/// Built-in sources; they need no rows and cannot be archived.
pub const BUILT_IN_SOURCES: [&str; 8] =
    ["website", "referral", "cold_call", "social", "email", "event", "partner", "other"];

impl SourceSlug {
    /// `[a-z0-9][a-z0-9_-]{1,39}`.
    ///
    /// # Errors
    /// A [`FieldError`] on `field`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let ok = (2..=40).contains(&raw.len())
            && raw.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && raw.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(FieldError::new(field, "invalid_slug", "2 to 40 lower-case letters, digits, '_' or '-'"))
        }
    }

    #[must_use]
    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn is_built_in(&self) -> bool {
        BUILT_IN_SOURCES.contains(&self.0.as_str())
    }
}

impl fmt::Display for SourceSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The lead status flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeadStatus {
    New,
    Contacted,
    Qualified,
    Unqualified,
    /// Reached only through conversion; terminal.
    Converted,
}

impl LeadStatus {
    pub const ALL: [Self; 5] = [Self::New, Self::Contacted, Self::Qualified, Self::Unqualified, Self::Converted];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Contacted => "contacted",
            Self::Qualified => "qualified",
            Self::Unqualified => "unqualified",
            Self::Converted => "converted",
        }
    }

    /// Statuses still being worked (stale detection applies to them).
    #[must_use]
    pub const fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Contacted | Self::Qualified)
    }

    /// The moves a user may make (conversion is not one of them: it has its
    /// own operation).
    ///
    /// | from | to |
    /// | --- | --- |
    /// | new | contacted, qualified, unqualified |
    /// | contacted | qualified, unqualified |
    /// | qualified | contacted, unqualified |
    /// | unqualified | contacted (re-engaged) |
    /// | converted | – (terminal) |
    #[must_use]
    pub fn can_move_to(self, to: Self) -> bool {
        use LeadStatus::{Contacted, New, Qualified, Unqualified};
        matches!(
            (self, to),
            (New, Contacted | Qualified | Unqualified)
                | (Contacted, Qualified | Unqualified)
                | (Qualified, Contacted | Unqualified)
                | (Unqualified, Contacted)
        )
    }
}

impl FromStr for LeadStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|x| x.as_str() == s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converted_is_terminal_and_unreachable_by_a_move() {
        for s in LeadStatus::ALL {
            assert!(!LeadStatus::Converted.can_move_to(s));
            assert!(!s.can_move_to(LeadStatus::Converted));
        }
        assert!(LeadStatus::New.can_move_to(LeadStatus::Contacted));
        assert!(!LeadStatus::Contacted.can_move_to(LeadStatus::New));
    }

    #[test]
    fn slugs_are_checked() {
        assert!(SourceSlug::parse("source", "trade_show-2026").is_ok());
        assert!(SourceSlug::parse("source", "Trade Show").is_err());
        assert!(SourceSlug::parse("source", "x").is_err());
    }
}
