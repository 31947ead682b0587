//! Storage port of the catalog. Every write appends its audit entry in the
//! same transaction; uniqueness (SKU, brand name) is the store's to enforce
//! (a unique index on the normalised key), reported as an outcome rather
//! than an error so the service can name the holder.

use crm_kernel::{AuditEntry, BrandId, CategoryId, Currency, ProductId, Scope, StoreError};
use time::OffsetDateTime;

use crate::model::{Brand, Category, Product, ProductQuery};

/// How an insert went when a unique key is involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted<Id> {
    Inserted,
    /// Another record of the workspace holds the key.
    Duplicate {
        holder: Id,
    },
}

/// How a conditional update went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved<Id> {
    Saved,
    /// The record changed meanwhile (or is gone): nothing written.
    Stale,
    /// Another record of the workspace holds the key.
    Duplicate {
        holder: Id,
    },
}

#[async_trait::async_trait]
pub trait CatalogStore: Send + Sync {
    /// The workspace's currency: new products are in it unless they say.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn workspace_currency(&self, scope: &Scope) -> Result<Currency, StoreError>;

    /// Inserts a product (with its bundle components).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_product(
        &self,
        scope: &Scope,
        product: &Product,
        audit: &AuditEntry,
    ) -> Result<Inserted<ProductId>, StoreError>;

    /// Writes the whole product (components replaced) only if it still has
    /// `expected_updated_at`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_product(
        &self,
        scope: &Scope,
        product: &Product,
        expected_updated_at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<Saved<ProductId>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_product(&self, scope: &Scope, id: ProductId) -> Result<Option<Product>, StoreError>;

    /// The products of the workspace among `ids` (unknown ones are absent).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_products(&self, scope: &Scope, ids: &[ProductId]) -> Result<Vec<Product>, StoreError>;

    /// By the SKU's comparison key ([`crate::Sku::key_of`]).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_by_sku(&self, scope: &Scope, sku_key: &str) -> Result<Option<Product>, StoreError>;

    /// Up to `limit + 1` products, newest first, before the query's cursor;
    /// a category filter includes its subtree (by the stored paths).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_products(&self, scope: &Scope, query: &ProductQuery) -> Result<Vec<Product>, StoreError>;

    /// Bundles (any status) that have `component` among their components.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn bundles_containing(&self, scope: &Scope, component: ProductId) -> Result<Vec<Product>, StoreError>;

    /// Every category of the workspace (a tree of at most a few hundred).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn categories(&self, scope: &Scope) -> Result<Vec<Category>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_category(&self, scope: &Scope, category: &Category, audit: &AuditEntry) -> Result<(), StoreError>;

    /// Writes the given categories as they are (a rename, or a move with
    /// the new paths of the whole moved subtree).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn save_categories(
        &self,
        scope: &Scope,
        categories: &[Category],
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;

    /// Products directly in `category` (not its subtree).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_in_category(&self, scope: &Scope, category: CategoryId) -> Result<u64, StoreError>;

    /// Deletes `category` in one transaction: its products move to
    /// `products_to` (or lose their category), and `moved` (its former
    /// subtree, with new parents and paths) is written.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn remove_category(
        &self,
        scope: &Scope,
        category: CategoryId,
        products_to: Option<CategoryId>,
        moved: &[Category],
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn brands(&self, scope: &Scope) -> Result<Vec<Brand>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_brand(
        &self,
        scope: &Scope,
        brand: &Brand,
        audit: &AuditEntry,
    ) -> Result<Inserted<BrandId>, StoreError>;

    /// Writes a renamed or (un)archived brand.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_brand(
        &self,
        scope: &Scope,
        brand: &Brand,
        audit: &AuditEntry,
    ) -> Result<Saved<BrandId>, StoreError>;

    /// Products labelled with `brand`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_with_brand(&self, scope: &Scope, brand: BrandId) -> Result<u64, StoreError>;

    /// Deletes a brand no product uses; false when it is gone or (checked
    /// again in the transaction) now in use.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn delete_brand(&self, scope: &Scope, brand: BrandId, audit: &AuditEntry) -> Result<bool, StoreError>;
}
