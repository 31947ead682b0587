//! Keyset pagination: a [`Limit`] (1..=200), an opaque [`Cursor`] (the last
//! row's sort key) and a [`Page`] of results.

use uuid::Uuid;

/// How many rows a list returns; 50 by default, at most 200. More is an error,
/// never a silent clamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("limit must be between 1 and {max}", max = Limit::MAX)]
pub struct LimitError;

impl Limit {
    pub const MAX: u16 = 200;
    pub const DEFAULT: Self = Self(50);
    pub const MAX_LIMIT: Self = Self(Self::MAX);

    /// # Errors
    /// [`LimitError`] outside 1..=200.
    pub fn parse(value: u32) -> Result<Self, LimitError> {
        u16::try_from(value).ok().filter(|v| (1..=Self::MAX).contains(v)).map(Self).ok_or(LimitError)
    }

    #[must_use]
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl Default for Limit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The position after which the next page starts: the id of the last row of
/// the previous page (ids are UUIDv7, so id order is creation order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor(Uuid);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cursor is not one this API issued")]
pub struct CursorError;

impl Cursor {
    #[must_use]
    pub const fn after(id: Uuid) -> Self {
        Self(id)
    }

    #[must_use]
    pub const fn last_id(&self) -> Uuid {
        self.0
    }

    /// The opaque wire form.
    #[must_use]
    pub fn encode(&self) -> String {
        self.0.simple().to_string()
    }

    /// # Errors
    /// [`CursorError`] when the text is not a cursor this API issued.
    pub fn decode(text: &str) -> Result<Self, CursorError> {
        if text.len() != 32 {
            return Err(CursorError);
        }
        Uuid::try_parse(text).map(Self).map_err(|_| CursorError)
    }
}

/// One page of a keyset-paginated list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only says
    /// whether another page exists.
    pub fn from_overfetch(mut rows: Vec<T>, limit: Limit, id_of: impl Fn(&T) -> Uuid) -> Self {
        let limit = usize::from(limit.get());
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let next = if has_more { rows.last().map(|r| Cursor::after(id_of(r))) } else { None };
        Self { items: rows, next }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next: self.next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_over_the_max_is_refused_not_clamped() {
        assert_eq!(Limit::parse(201), Err(LimitError));
        assert_eq!(Limit::parse(0), Err(LimitError));
        assert_eq!(Limit::parse(200).map(Limit::get), Ok(200));
    }

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor::after(Uuid::now_v7());
        assert_eq!(Cursor::decode(&c.encode()), Ok(c));
        assert_eq!(Cursor::decode("not-a-cursor"), Err(CursorError));
    }

    #[test]
    fn overfetched_row_becomes_the_next_cursor_only_when_more_exist() {
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let limit = Limit::parse(2).unwrap_or_default();
        let page = Page::from_overfetch(ids.clone(), limit, |id| *id);
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.next, Some(Cursor::after(ids[1])));
        let last = Page::from_overfetch(ids[..2].to_vec(), limit, |id| *id);
        assert_eq!(last.next, None);
    }
}
