//! Email addresses, normalised: leads, contacts and accounts share one rule.

use std::fmt;

use crate::FieldError;

/// A normalised email address (trimmed, lower-cased).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// # Errors
    /// A [`FieldError`] on `field` when the text is not a plausible address.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim().to_lowercase();
        let invalid = || FieldError::new(field, "invalid_email", "not a valid email address");
        if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = text.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(text))
    }

    /// Wraps a value that was parsed before it was stored.
    #[must_use]
    pub fn from_trusted(stored: String) -> Self {
        Self(stored)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("email", "  Ada@Example.COM ").map(|e| e.as_str().to_owned());
        assert_eq!(email, Ok("ada@example.com".to_owned()));
    }

    #[test]
    fn implausible_emails_are_refused_naming_the_field() {
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a b@example.com", "ada@ex..com", "ada@-ex.com"] {
            let err = Email::parse("email", bad).err();
            assert_eq!(err.map(|e| (e.field, e.code)), Some(("email", "invalid_email")), "{bad}");
        }
    }
}
