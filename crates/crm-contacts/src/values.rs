//! Company values: normalised domains, name keys for duplicate detection,
//! size bands and statuses.

use crm_kernel::FieldError;

/// A web domain, normalised: lower-case, no scheme, no `www.`, no path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain(String);

impl Domain {
    /// Accepts `acme.com`, `https://www.Acme.com/about`, ...
    ///
    /// # Errors
    /// A field error on `field` when no plausible domain remains.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        if raw.chars().count() > 253 {
            return Err(FieldError::new(field, "too_long", "must be at most 253 characters"));
        }
        let mut text = raw.trim().to_lowercase();
        for scheme in ["https://", "http://"] {
            if let Some(rest) = text.strip_prefix(scheme) {
                text = rest.to_owned();
            }
        }
        let host = text.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        let host = host.strip_prefix("www.").unwrap_or(host).trim_end_matches('.');
        let valid = host.contains('.')
            && host.len() <= 253
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if valid {
            Ok(Self(host.to_owned()))
        } else {
            Err(FieldError::new(field, "invalid_domain", "must be a domain such as example.com"))
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
}

const LEGAL_SUFFIXES: [&str; 16] = [
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "plc",
    "corp",
    "corporation",
    "co",
];

/// The name as duplicate detection compares it: lower-case letters and
/// digits only, legal-form suffixes dropped ("Acme, Inc." ~ "ACME").
#[must_use]
pub fn name_key(name: &str) -> String {
    let lowered = name.to_lowercase();
    let mut words: Vec<String> =
        lowered.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str())) {
        words.pop();
    }
    words.concat()
}

crm_kernel::text_enum!(
    /// Head-count bands.
    CompanySize { Micro => "1-10", Small => "11-50", Medium => "51-200", Large => "201-500", Larger => "501-1000", Enterprise => "1000+" }
);

crm_kernel::text_enum!(
    /// Relationship status: a `prospect` is being courted, an `active`
    /// company buys from us, an `inactive` one no longer does.
    CompanyStatus { Prospect => "prospect", Active => "active", Inactive => "inactive" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_from_urls() {
        let d = |raw: &str| Domain::parse("domain", raw).map(|d| d.as_str().to_owned());
        assert_eq!(d("https://www.Acme.com/about?x=1"), Ok("acme.com".into()));
        assert_eq!(d("shop.acme.co.uk"), Ok("shop.acme.co.uk".into()));
        assert!(d("not a domain").is_err());
        assert!(d("localhost").is_err());
    }

    #[test]
    fn name_keys_ignore_case_punctuation_and_legal_forms() {
        assert_eq!(name_key("Acme, Inc."), name_key("ACME"));
        assert_eq!(name_key("Globex Corporation"), "globex");
        assert_ne!(name_key("Acme Labs"), name_key("Acme"));
        assert_eq!(name_key("Co"), "co", "a lone word is kept");
    }
}
