//! Products, bundles, categories, brands, and the inputs that change them.

use crm_kernel::{BrandId, CategoryId, Currency, Limit, Money, Patch, ProductId, WorkspaceId};
use time::OffsetDateTime;

use crate::values::{BrandName, DimensionUnit, Dimensions, ProductKind, ProductStatus, Sku, bundle_stock};

/// One simple product inside a bundle, `quantity` (≥ 1) times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BundleComponent {
    pub product_id: ProductId,
    pub quantity: u32,
}

/// A product as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: ProductId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub sku: Sku,
    pub kind: ProductKind,
    pub status: ProductStatus,
    /// In the product's currency; every money field shares it.
    pub price: Money,
    /// The "was" price; always above `price` when set.
    pub compare_at_price: Option<Money>,
    /// Internal: never shown to API tokens.
    pub cost_price: Option<Money>,
    /// Grams.
    pub weight_grams: Option<u32>,
    pub dimensions: Option<Dimensions>,
    /// Units on hand (simple products; a bundle's stock is derived).
    pub stock: i64,
    pub track_inventory: bool,
    pub description: Option<String>,
    pub category_id: Option<CategoryId>,
    pub brand_id: Option<BrandId>,
    /// Keys of the product's images, in display order (the image store
    /// owns the bytes).
    pub images: Vec<String>,
    /// A bundle's components; empty for a simple product.
    pub components: Vec<BundleComponent>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Product {
    #[must_use]
    pub fn currency(&self) -> Currency {
        self.price.currency()
    }

    /// Lower-cased name and SKU key: what `q` searches.
    #[must_use]
    pub fn matches(&self, q: &str) -> bool {
        self.name.to_lowercase().contains(q) || self.sku.key().contains(q)
    }

    /// Units that can be sold: a tracked simple product's stock, a bundle's
    /// derived stock from `components` (the bundle's component products),
    /// `None` when unlimited.
    #[must_use]
    pub fn available(&self, components: &[Product]) -> Option<i64> {
        match self.kind {
            ProductKind::Simple => self.track_inventory.then_some(self.stock),
            ProductKind::Bundle => bundle_stock(self.components.iter().map(|c| {
                let tracked =
                    components.iter().find(|p| p.id == c.product_id).and_then(|p| p.track_inventory.then_some(p.stock));
                (c.quantity, tracked)
            })),
        }
    }
}

/// A product with what is derived at read time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSnapshot {
    pub product: Product,
    /// See [`Product::available`].
    pub available: Option<i64>,
}

/// Raw input of a bundle component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComponentInput {
    pub product_id: ProductId,
    pub quantity: i64,
}

/// Raw input of dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DimensionsInput {
    pub length: i64,
    pub width: i64,
    pub height: i64,
    pub unit: DimensionUnit,
}

/// Raw input to create a product. Money fields are decimal strings in the
/// product's currency (`currency`, or the workspace's when absent).
#[derive(Clone, Debug, Default)]
pub struct NewProduct {
    pub name: String,
    pub sku: String,
    pub kind: Option<ProductKind>,
    pub status: Option<ProductStatus>,
    pub price: String,
    pub compare_at_price: Option<String>,
    pub cost_price: Option<String>,
    pub currency: Option<String>,
    pub weight_grams: Option<i64>,
    pub dimensions: Option<DimensionsInput>,
    pub stock: Option<i64>,
    pub track_inventory: bool,
    pub description: Option<String>,
    pub category_id: Option<CategoryId>,
    pub brand_id: Option<BrandId>,
    pub images: Vec<String>,
    pub components: Vec<ComponentInput>,
}

/// Raw input to change a product. The kind and currency are fixed at
/// creation; the status changes through `set_status` (archiving has its
/// own rule).
#[derive(Clone, Debug, Default)]
pub struct ProductChanges {
    pub name: Option<String>,
    pub sku: Option<String>,
    pub price: Option<String>,
    pub compare_at_price: Patch<String>,
    pub cost_price: Patch<String>,
    pub weight_grams: Patch<i64>,
    pub dimensions: Patch<DimensionsInput>,
    pub stock: Option<i64>,
    pub track_inventory: Option<bool>,
    pub description: Patch<String>,
    pub category_id: Patch<CategoryId>,
    pub brand_id: Patch<BrandId>,
    pub images: Option<Vec<String>>,
    /// A bundle's new component list (replaces the old one).
    pub components: Option<Vec<ComponentInput>>,
}

/// Filters of product lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductFilter {
    pub status: Option<ProductStatus>,
    pub kind: Option<ProductKind>,
    /// The category and its whole subtree.
    pub category_id: Option<CategoryId>,
    pub brand_id: Option<BrandId>,
    /// Lower-cased, trimmed search in the name and SKU.
    pub q: Option<String>,
}

/// A list request: newest first, up to `limit + 1` rows before `before`.
#[derive(Clone, Debug)]
pub struct ProductQuery {
    pub filter: ProductFilter,
    pub before: Option<ProductId>,
    pub limit: Limit,
}

/// A node of the category tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub parent_id: Option<CategoryId>,
    /// The ancestors' ids, root first (empty for a root): stored so that a
    /// subtree is every category whose path contains the id.
    pub path: Vec<CategoryId>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Category {
    /// A root is at depth 1.
    #[must_use]
    pub fn depth(&self) -> usize {
        self.path.len() + 1
    }

    /// Whether `other` is this category or below it.
    #[must_use]
    pub fn contains(&self, other: &Self) -> bool {
        other.id == self.id || other.path.contains(&self.id)
    }
}

/// Where a deleted category's products and subcategories go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reassign {
    /// Products and subcategories move to this category.
    To(CategoryId),
    /// Products lose their category; subcategories move up to the deleted
    /// category's parent (or become roots).
    Up,
}

/// A brand of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brand {
    pub id: BrandId,
    pub name: BrandName,
    pub archived: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}
