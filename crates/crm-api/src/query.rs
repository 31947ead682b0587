//! Query strings of list endpoints: keyset pagination parameters, refused when
//! unknown or out of range (422), never clamped.

use crm_kernel::{Cursor, Limit};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;

/// `?limit=&cursor=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `nextCursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// `?q=&limit=&cursor=` for the workspace's member list (pickers search it).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MemberSearchQuery {
    /// Matches name or email (contains, case-insensitive).
    #[param(max_length = 254)]
    pub q: Option<String>,
    /// Rows per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `nextCursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// `?q=&limit=&cursor=` for the platform admin's user list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserSearchQuery {
    /// Matches email or name, case-insensitively.
    #[param(max_length = 254)]
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// Parses the pagination pair.
///
/// # Errors
/// A 422 naming `limit` or `cursor`.
pub fn keyset(limit: Option<u32>, cursor: Option<&str>) -> Result<(Option<Cursor>, Limit), ApiError> {
    let limit = match limit {
        None => Limit::DEFAULT,
        Some(v) => Limit::parse(v).map_err(|e| ApiError::field("limit", "out_of_range", e.to_string()))?,
    };
    let cursor = cursor
        .map(|c| Cursor::decode(c).map_err(|e| ApiError::field("cursor", "invalid_cursor", e.to_string())))
        .transpose()?;
    Ok((cursor, limit))
}

impl ListQuery {
    /// # Errors
    /// A 422 naming `limit` or `cursor`.
    pub fn keyset(&self) -> Result<(Option<Cursor>, Limit), ApiError> {
        keyset(self.limit, self.cursor.as_deref())
    }
}

/// Refuses a text parameter longer than the contract allows.
///
/// # Errors
/// A 422 naming `field`.
pub fn max_chars(field: &'static str, value: Option<&str>, max: usize) -> Result<(), ApiError> {
    match value {
        Some(v) if v.chars().count() > max => {
            Err(ApiError::field(field, "too_long", format!("at most {max} characters")))
        }
        _ => Ok(()),
    }
}
