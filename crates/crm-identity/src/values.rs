//! Parsed values: constructed only through `parse`, so holding one proves it
//! is valid.

use std::fmt;
use std::str::FromStr;

use crm_kernel::FieldError;

pub use crm_kernel::Email;

/// A password as typed: 10 to 128 characters.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    /// # Errors
    /// A [`FieldError`] on `field` when the password is too short or too long.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let len = raw.chars().count();
        if len < Self::MIN {
            return Err(FieldError::new(field, "too_short", format!("must be at least {} characters", Self::MIN)));
        }
        if len > Self::MAX {
            return Err(FieldError::new(field, "too_long", format!("must be at most {} characters", Self::MAX)));
        }
        Ok(Self(raw.to_owned()))
    }

    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A trimmed, non-empty name of at most `max` characters (people, workspaces,
/// tokens).
fn parse_name(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required", "must not be empty"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, "too_long", format!("must be at most {max} characters")));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(field, "invalid", "must not contain control characters"));
    }
    Ok(text.to_owned())
}

macro_rules! name_type {
    ($(#[$meta:meta])* $name:ident, $max:expr) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// # Errors
            /// A [`FieldError`] on `field` when empty, too long or containing control characters.
            pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
                parse_name(field, raw, $max).map(Self)
            }

            #[must_use]
            pub fn from_trusted(stored: String) -> Self {
                Self(stored)
            }

            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

name_type!(
    /// A person's display name (1–100 characters).
    PersonName,
    100
);
name_type!(
    /// A workspace's name (1–100 characters).
    WorkspaceName,
    100
);
name_type!(
    /// An API token's label (1–100 characters).
    TokenName,
    100
);

/// The SPA colour theme a user prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }
}

impl FromStr for Theme {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "light" => Ok(Self::Light),
            "dark" => Ok(Self::Dark),
            "system" => Ok(Self::System),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_ten_characters() {
        assert!(Password::parse("password", "short").is_err());
        assert!(Password::parse("password", "long enough pw").is_ok());
        assert!(Password::parse("password", &"x".repeat(129)).is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(WorkspaceName::parse("name", "  Acme ").map(|n| n.as_str().to_owned()), Ok("Acme".into()));
        assert!(WorkspaceName::parse("name", "   ").is_err());
        assert!(PersonName::parse("name", &"a".repeat(101)).is_err());
    }
}
