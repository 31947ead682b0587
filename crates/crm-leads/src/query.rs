//! Listing leads: filters, sort orders and keyset cursors.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use crm_kernel::{FieldError, LeadId, Limit, UserId};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::model::Lead;
use crate::values::{LeadStatus, SourceSlug};

/// What to list. Every filter narrows; `None` means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadFilter {
    /// Case-insensitive substring of name, email or company.
    pub q: Option<String>,
    pub status: Option<LeadStatus>,
    pub source: Option<SourceSlug>,
    pub assignee: Option<UserId>,
    /// Only stale (`true`) or only not-stale (`false`) leads.
    pub stale: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortField {
    CreatedAt,
    UpdatedAt,
    Name,
    NextActionDate,
}

/// A sort order; ties are broken by id in the same direction so every
/// order is total and keyset pagination is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeadSort {
    pub field: SortField,
    pub descending: bool,
}

impl Default for LeadSort {
    fn default() -> Self {
        Self { field: SortField::CreatedAt, descending: true }
    }
}

/// Leads without a next action date sort after every date (both directions
/// use this stand-in, so keyset comparisons stay simple).
pub const NO_DATE: Date = Date::MAX;

impl LeadSort {
    /// `createdAt`, `-updatedAt`, `name`, `-nextActionDate`, ...
    ///
    /// # Errors
    /// A field error on `sort`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let (descending, name) = raw.strip_prefix('-').map_or((false, raw), |n| (true, n));
        let field = match name {
            "createdAt" => SortField::CreatedAt,
            "updatedAt" => SortField::UpdatedAt,
            "name" => SortField::Name,
            "nextActionDate" => SortField::NextActionDate,
            _ => {
                return Err(FieldError::new(
                    "sort",
                    "invalid_sort",
                    "one of createdAt, updatedAt, name, nextActionDate, optionally prefixed with '-'",
                ));
            }
        };
        Ok(Self { field, descending })
    }

    /// The cursor that continues after `lead` in this order.
    #[must_use]
    pub fn cursor_after(&self, lead: &Lead) -> LeadCursor {
        let key = match self.field {
            SortField::CreatedAt => SortKey::None,
            SortField::UpdatedAt => SortKey::Time(lead.updated_at),
            SortField::Name => SortKey::Text(lead.name.as_str().to_lowercase()),
            SortField::NextActionDate => SortKey::Date(lead.next_action_date.unwrap_or(NO_DATE)),
        };
        LeadCursor { sort: *self, key, id: lead.id }
    }
}

/// The sort column's value at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Creation order is id order (UUIDv7).
    None,
    Time(OffsetDateTime),
    Text(String),
    Date(Date),
}

/// Where the next page starts, for one sort order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadCursor {
    pub sort: LeadSort,
    pub key: SortKey,
    pub id: LeadId,
}

fn cursor_error() -> FieldError {
    FieldError::new("cursor", "invalid_cursor", "cursor is not one this API issued for this sort order")
}

impl LeadCursor {
    #[must_use]
    pub fn encode(&self) -> String {
        let key = match &self.key {
            SortKey::None => String::new(),
            SortKey::Time(t) => (t.unix_timestamp_nanos() / 1000).to_string(),
            SortKey::Text(s) => s.clone(),
            SortKey::Date(d) => d.to_julian_day().to_string(),
        };
        URL_SAFE_NO_PAD.encode(format!("{}\n{}\n{key}", self.id.as_uuid().simple(), u8::from(self.sort.descending)))
    }

    /// Decodes a cursor issued for `sort`.
    ///
    /// # Errors
    /// A field error on `cursor`.
    pub fn decode(text: &str, sort: LeadSort) -> Result<Self, FieldError> {
        let raw = URL_SAFE_NO_PAD.decode(text).map_err(|_| cursor_error())?;
        let raw = String::from_utf8(raw).map_err(|_| cursor_error())?;
        let mut parts = raw.splitn(3, '\n');
        let (Some(id), Some(desc), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(cursor_error());
        };
        let id = Uuid::try_parse(id).map(LeadId::from_uuid).map_err(|_| cursor_error())?;
        if desc != u8::from(sort.descending).to_string() {
            return Err(cursor_error());
        }
        let key = match sort.field {
            SortField::CreatedAt => SortKey::None,
            SortField::UpdatedAt => {
                let micros: i128 = key.parse().map_err(|_| cursor_error())?;
                SortKey::Time(OffsetDateTime::from_unix_timestamp_nanos(micros * 1000).map_err(|_| cursor_error())?)
            }
            SortField::Name => SortKey::Text(key.to_owned()),
            SortField::NextActionDate => SortKey::Date(
                Date::from_julian_day(key.parse().map_err(|_| cursor_error())?).map_err(|_| cursor_error())?,
            ),
        };
        Ok(Self { sort, key, id })
    }
}

/// A list request as the store sees it.
#[derive(Clone, Debug)]
pub struct LeadQuery {
    pub filter: LeadFilter,
    pub sort: LeadSort,
    pub after: Option<LeadCursor>,
    pub limit: Limit,
    /// "Now", for the stale filter.
    pub now: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn cursors_round_trip_for_every_sort_and_refuse_another_sort() {
        let id = LeadId::new();
        for (sort, key) in [
            ("-createdAt", SortKey::None),
            ("updatedAt", SortKey::Time(datetime!(2026-11-01 10:00:00.123456 UTC))),
            ("name", SortKey::Text("ada\nlovelace".into())),
            ("-nextActionDate", SortKey::Date(date!(2026 - 12 - 01))),
        ] {
            let sort = LeadSort::parse(sort).unwrap_or_default();
            let cursor = LeadCursor { sort, key, id };
            assert_eq!(LeadCursor::decode(&cursor.encode(), sort), Ok(cursor.clone()));
            let flipped = LeadSort { descending: !sort.descending, ..sort };
            assert!(LeadCursor::decode(&cursor.encode(), flipped).is_err());
        }
        assert!(LeadCursor::decode("garbage!", LeadSort::default()).is_err());
    }

    #[test]
    fn unknown_sorts_are_refused() {
        assert!(LeadSort::parse("score").is_err());
        assert_eq!(LeadSort::parse("-name").map(|s| (s.field, s.descending)), Ok((SortField::Name, true)));
    }
}
