//! Partial updates of nullable fields.

/// A change to one field: keep, set, or clear (nullable fields).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    #[default]
    Keep,
    Set(T),
    Clear,
}

impl<T> Patch<T> {
    /// From a JSON-style double option: absent → keep, null → clear.
    #[must_use]
    pub fn from_double(value: Option<Option<T>>) -> Self {
        match value {
            None => Self::Keep,
            Some(None) => Self::Clear,
            Some(Some(v)) => Self::Set(v),
        }
    }

    /// The same change of another type (e.g. a request's `Uuid` as a typed id).
    #[must_use]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Self::Keep => Patch::Keep,
            Self::Set(v) => Patch::Set(f(v)),
            Self::Clear => Patch::Clear,
        }
    }

    #[must_use]
    pub fn is_keep(&self) -> bool {
        matches!(self, Self::Keep)
    }
}
