//! The catalog use cases, with their permission checks. One file per
//! concern; this module holds the service, the permission checks and the
//! helpers every concern shares.

mod brands;
mod categories;
mod product_rules;
mod products;

use std::sync::Arc;

use crm_kernel::text::multiline;
use crm_kernel::{Clock, FieldError, Scope, TokenScope};
use time::OffsetDateTime;

use crate::error::CatalogError;
use crate::ports::CatalogStore;

pub use categories::reparent;
pub use product_rules::MAX_IMAGES;

/// Who reads products, and so what they may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// A workspace member: every product, every field.
    Member,
    /// An API token with `products:read` (a storefront): active products by
    /// default, archived ones when asked (to delist them), never drafts,
    /// never the cost price.
    Storefront,
}

pub(crate) fn product_reader(scope: &Scope) -> Result<Reader, CatalogError> {
    if scope.role().is_some() {
        Ok(Reader::Member)
    } else if scope.has_token_scope(TokenScope::ProductsRead) {
        Ok(Reader::Storefront)
    } else {
        Err(CatalogError::Forbidden("reading products needs the products:read scope"))
    }
}

/// Categories and brands are managed by members; tokens see them only
/// through the products.
pub(crate) fn require_member(scope: &Scope) -> Result<(), CatalogError> {
    if scope.role().is_some() { Ok(()) } else { Err(CatalogError::Forbidden("the catalog setup is for members")) }
}

/// Owners and managers write; viewers and tokens never.
pub(crate) fn require_write(scope: &Scope) -> Result<(), CatalogError> {
    match scope.role() {
        Some(role) if role.can_write_crm() => Ok(()),
        Some(_) => Err(CatalogError::Forbidden("viewers cannot change the catalog")),
        None => Err(CatalogError::Forbidden("API tokens cannot change the catalog")),
    }
}

/// Collects field errors across a whole request.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    pub(crate) fn push(&mut self, field: &'static str, code: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    pub(crate) fn finish(self) -> Result<(), CatalogError> {
        if self.0.is_empty() { Ok(()) } else { Err(CatalogError::Invalid(self.0)) }
    }
}

/// Blank clears an optional text; anything else must be valid.
pub(crate) fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() { Ok(None) } else { multiline(field, raw, max).map(Some) }
}

pub struct CatalogService {
    store: Arc<dyn CatalogStore>,
    clock: Arc<dyn Clock>,
}

impl CatalogService {
    #[must_use]
    pub fn new(store: Arc<dyn CatalogStore>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    /// Strictly after `last`, so optimistic checks and ordering by update
    /// time stay exact under a fixed clock.
    fn now_after(&self, last: OffsetDateTime) -> OffsetDateTime {
        self.clock.now().max(last + time::Duration::microseconds(1))
    }
}
