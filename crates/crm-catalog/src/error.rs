//! What can go wrong in the catalog, in the domain's words.

use crm_kernel::{BrandId, FieldError, ProductId, Resource, StoreError};

/// A bundle named by a refusal (id and name, so the caller can show it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleRef {
    pub id: ProductId,
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(Resource),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("another product of this workspace has this SKU")]
    SkuTaken { holder: ProductId },
    #[error("another brand of this workspace has this name")]
    BrandNameTaken { holder: BrandId },
    #[error("the product is a component of {} bundle(s) that are not archived", bundles.len())]
    InBundle { bundles: Vec<BundleRef> },
    #[error("the category holds {products} product(s) and {children} subcategories; say where they go (reassignTo)")]
    CategoryNotEmpty { products: u64, children: u64 },
    #[error("{count} product(s) use this brand; archive it instead")]
    BrandInUse { count: u64 },
    #[error("the record changed while this update was applied; retry")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FieldError> for CatalogError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }
}
