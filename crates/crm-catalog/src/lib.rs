//! The product catalog.
//!
//! Owns products (simple or bundle; draft, active, archived) with their SKU
//! (unique per workspace, case-insensitively after trimming), exact prices in
//! the product's currency, physical data and stock; bundles and the stock
//! they derive from their components; the category tree with its stored
//! ancestor path; brands. Roles are checked here: members read, owners and
//! managers write, API tokens with `products:read` read what a storefront
//! may see.
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

pub mod error;
pub mod model;
pub mod ports;
pub mod service;
pub mod values;

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;

pub use crm_kernel::Patch;
pub use error::{BundleRef, CatalogError};
pub use model::*;
pub use ports::{CatalogStore, Inserted, Saved};
pub use service::CatalogService;
pub use values::{
    BrandName, DimensionUnit, Dimensions, MAX_CATEGORY_DEPTH, ProductKind, ProductStatus, Sku, bundle_stock,
};
