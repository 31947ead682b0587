//! Parsed lead values.

use std::fmt;
use std::str::FromStr;

use crm_kernel::FieldError;

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

/// Trimmed, non-empty, at most `max` characters, on one line (no control
/// characters at all).
///
/// # Errors
/// A [`FieldError`] naming `field`.
pub fn bounded(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    checked(field, raw, max, |c| c.is_control())
}

/// Like [`bounded`], but line breaks and tabs are allowed (notes).
///
/// # Errors
/// A [`FieldError`] naming `field`.
pub fn multiline(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    checked(field, raw, max, |c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn checked(field: &'static str, raw: &str, max: usize, forbidden: impl Fn(char) -> bool) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("must be at most {max} characters")));
    }
    if text.chars().any(forbidden) {
        return Err(FieldError::new(field, "invalid", "must not contain control characters"));
    }
    Ok(text.to_owned())
}

/// A phone number normalised to `+` and digits (E.164 shape: 7–15 digits).
/// Spaces, dots, dashes and parentheses are accepted and dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// # Errors
    /// `phone` has letters or the wrong number of digits.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = || {
            FieldError::new(
                "phone",
                "invalid_phone",
                "must be a phone number with 7 to 15 digits, optionally starting with +",
            )
        };
        let text = raw.trim();
        let (plus, rest) = text.strip_prefix('+').map_or((false, text), |r| (true, r));
        let mut digits = String::new();
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(invalid()),
            }
        }
        if !(7..=15).contains(&digits.len()) {
            return Err(invalid());
        }
        Ok(Self(if plus { format!("+{digits}") } else { digits }))
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

/// Free-form labels: lower-cased, 1–40 characters each, at most 20, no
/// duplicates, kept in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags(Vec<String>);

impl Tags {
    /// # Errors
    /// `tags` has an empty or too long tag, or more than 20.
    pub fn parse(raw: &[String]) -> Result<Self, FieldError> {
        if raw.len() > 20 {
            return Err(FieldError::new("tags", "too_many", "at most 20 tags"));
        }
        let mut tags: Vec<String> = Vec::with_capacity(raw.len());
        for tag in raw {
            let tag = tag.trim().to_lowercase();
            if tag.is_empty() || tag.chars().count() > 40 || tag.contains(',') || tag.chars().any(char::is_control) {
                return Err(FieldError::new("tags", "invalid_tag", "each tag is 1 to 40 characters, without commas"));
            }
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(Self(tags))
    }

    #[must_use]
    pub fn from_trusted(tags: Vec<String>) -> Self {
        Self(tags)
    }

    #[must_use]
    pub fn as_slice(&self) -> &[String] {
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
    fn phones_are_normalised_to_digits() {
        assert_eq!(Phone::parse(" +1 (415) 555-0100 ").map(|p| p.as_str().to_owned()), Ok("+14155550100".into()));
        assert!(Phone::parse("12345").is_err());
        assert!(Phone::parse("call me").is_err());
    }

    #[test]
    fn tags_are_lower_cased_and_deduplicated() {
        let tags = Tags::parse(&["VIP".into(), "vip".into(), " Q4 ".into()]).map(|t| t.as_slice().to_vec());
        assert_eq!(tags, Ok(vec!["vip".to_owned(), "q4".to_owned()]));
        assert!(Tags::parse(&[String::new()]).is_err());
    }

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
