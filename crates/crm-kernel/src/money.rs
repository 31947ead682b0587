//! Money: integer minor units with their ISO 4217 currency.
//!
//! Storage keeps `minor` (cents for EUR, yen for JPY, fils for KWD) and the
//! code; the wire carries a decimal string (`"1234.50"`) that must not have
//! more decimals than the currency allows. No floating point anywhere.

use std::fmt;

use crate::currency::Currency;
use crate::error::FieldError;

/// The largest amount accepted: 10^15 minor units (10 trillion EUR), far
/// from `i64` overflow even after weighting and summing millions of deals.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    #[must_use]
    pub const fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    #[must_use]
    pub const fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }

    #[must_use]
    pub const fn minor(&self) -> i64 {
        self.minor
    }

    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Parses a non-negative decimal string such as `"1234.5"` in `currency`.
    ///
    /// # Errors
    /// A [`FieldError`] on `field` for anything that is not plain digits with
    /// at most the currency's number of decimals, or above [`MAX_MINOR`].
    pub fn parse(field: &'static str, raw: &str, currency: Currency) -> Result<Self, FieldError> {
        let invalid = || FieldError::new(field, "invalid_amount", "a non-negative decimal number such as \"1234.50\"");
        let raw = raw.trim();
        let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (raw.contains('.') && fraction.is_empty())
        {
            return Err(invalid());
        }
        let exponent = usize::from(currency.minor_units());
        if fraction.len() > exponent {
            return Err(FieldError::new(
                field,
                "too_many_decimals",
                format!("{} allows at most {exponent} decimals", currency.code()),
            ));
        }
        let too_large = || FieldError::new(field, "too_large", "the amount is too large");
        let digits = format!("{whole}{fraction:0<exponent$}");
        let minor = digits.parse::<i64>().map_err(|_| too_large())?;
        if minor > MAX_MINOR {
            return Err(too_large());
        }
        Ok(Self { minor, currency })
    }

    /// `self × percent / 100`, rounded half away from zero to a minor unit.
    #[must_use]
    pub fn percent(&self, percent: u8) -> Self {
        let scaled = i128::from(self.minor) * i128::from(percent);
        let rounded = (scaled + if scaled >= 0 { 50 } else { -50 }) / 100;
        Self { minor: i64::try_from(rounded).unwrap_or(i64::MAX), currency: self.currency }
    }
}

/// The decimal string: `1234.50` for EUR, `1234` for JPY.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exponent = u32::from(self.currency.minor_units());
        if exponent == 0 {
            return write!(f, "{}", self.minor);
        }
        let unit = 10_u64.pow(exponent);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        write!(f, "{sign}{}.{:0width$}", abs / unit, abs % unit, width = exponent as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn parses_and_formats_by_the_currency_exponent() {
        let eur = cur("EUR");
        assert_eq!(Money::parse("a", "1234.5", eur).unwrap().minor(), 123_450);
        assert_eq!(Money::parse("a", "1234.5", eur).unwrap().to_string(), "1234.50");
        assert_eq!(Money::parse("a", "0.07", eur).unwrap().to_string(), "0.07");
        assert_eq!(Money::parse("a", "12", cur("JPY")).unwrap().to_string(), "12");
        assert_eq!(Money::parse("a", "1.005", cur("KWD")).unwrap().to_string(), "1.005");
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        let eur = cur("EUR");
        for bad in ["", "-1", "1.", ".5", "1e3", "1,50", "abc", "1.2.3", " ", "+1"] {
            assert_eq!(Money::parse("amount", bad, eur).unwrap_err().code, "invalid_amount", "{bad:?}");
        }
        assert_eq!(Money::parse("amount", "1.001", eur).unwrap_err().code, "too_many_decimals");
        assert_eq!(Money::parse("amount", "1.5", cur("JPY")).unwrap_err().code, "too_many_decimals");
        assert_eq!(Money::parse("amount", "99999999999999999999", eur).unwrap_err().code, "too_large");
    }

    #[test]
    fn percent_rounds_half_away_from_zero_to_the_minor_unit() {
        let eur = cur("EUR");
        assert_eq!(Money::from_minor(1005, eur).percent(50).minor(), 503);
        assert_eq!(Money::from_minor(1000, eur).percent(33).minor(), 330);
        assert_eq!(Money::from_minor(1, eur).percent(50).minor(), 1);
        assert_eq!(Money::from_minor(MAX_MINOR, eur).percent(100).minor(), MAX_MINOR);
    }
}
