//! Text values shared by every module: bounded single- and multi-line
//! text, phone numbers, tags.

use crate::FieldError;

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
}
