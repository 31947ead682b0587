//! Keyset order for lists sorted by creation or by name (contacts,
//! companies): the order is always `(key, id)`, so cursors are exact.

use uuid::Uuid;

use crate::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Creation order, which is id order (UUIDv7).
    CreatedAt,
    /// Case-insensitive name.
    Name,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListSort {
    pub by: SortBy,
    pub descending: bool,
}

impl Default for ListSort {
    fn default() -> Self {
        Self { by: SortBy::CreatedAt, descending: true }
    }
}

impl ListSort {
    /// `createdAt`, `-createdAt`, `name` or `-name`.
    ///
    /// # Errors
    /// A field error on `sort`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let (descending, name) = raw.strip_prefix('-').map_or((false, raw), |n| (true, n));
        let by = match name {
            "createdAt" => SortBy::CreatedAt,
            "name" => SortBy::Name,
            _ => {
                return Err(FieldError::new(
                    "sort",
                    "invalid_sort",
                    "one of createdAt, name, optionally prefixed with '-'",
                ));
            }
        };
        Ok(Self { by, descending })
    }
}

/// Where the next page starts: the last row's name key (for name order) and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameCursor {
    pub name_key: Option<String>,
    pub id: Uuid,
}

fn invalid() -> FieldError {
    FieldError::new("cursor", "invalid_cursor", "cursor is not one this API issued for this sort order")
}

impl NameCursor {
    /// The opaque wire form, bound to its sort order.
    #[must_use]
    pub fn encode(&self, sort: ListSort) -> String {
        let mut out = format!("{}{}", self.id.simple(), if sort.descending { 'd' } else { 'a' });
        if let Some(key) = &self.name_key {
            out.push('n');
            for byte in key.as_bytes() {
                out.push_str(&format!("{byte:02x}"));
            }
        }
        out
    }

    /// # Errors
    /// A field error on `cursor` for text this API did not issue for `sort`.
    pub fn decode(text: &str, sort: ListSort) -> Result<Self, FieldError> {
        let id = text.get(..32).and_then(|id| Uuid::try_parse(id).ok()).ok_or_else(invalid)?;
        let rest = text.get(32..).ok_or_else(invalid)?;
        let rest = rest.strip_prefix(if sort.descending { 'd' } else { 'a' }).ok_or_else(invalid)?;
        let name_key = match (sort.by, rest.strip_prefix('n')) {
            (SortBy::CreatedAt, None) if rest.is_empty() => None,
            (SortBy::Name, Some(hex)) if hex.len() % 2 == 0 => {
                let bytes = (0..hex.len())
                    .step_by(2)
                    .map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
                    .collect::<Option<Vec<u8>>>()
                    .ok_or_else(invalid)?;
                Some(String::from_utf8(bytes).map_err(|_| invalid())?)
            }
            _ => return Err(invalid()),
        };
        Ok(Self { name_key, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_are_bound_to_their_order() {
        let by_name = ListSort::parse("-name").unwrap_or_default();
        let c = NameCursor { name_key: Some("zoë & co".into()), id: Uuid::now_v7() };
        assert_eq!(NameCursor::decode(&c.encode(by_name), by_name), Ok(c.clone()));
        assert!(NameCursor::decode(&c.encode(by_name), ListSort::default()).is_err());
        let newest = ListSort::default();
        let c = NameCursor { name_key: None, id: Uuid::now_v7() };
        assert_eq!(NameCursor::decode(&c.encode(newest), newest), Ok(c));
        assert!(NameCursor::decode("garbage", newest).is_err());
    }
}
