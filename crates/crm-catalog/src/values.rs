//! Parsed catalog values: SKUs, brand names, kinds and statuses,
//! dimensions, and the derived stock of a bundle.

use crm_kernel::FieldError;
use crm_kernel::text::bounded;

crm_kernel::text_enum!(
    /// A product sold on its own, or a bundle of simple products.
    ProductKind { Simple => "simple", Bundle => "bundle" }
);

crm_kernel::text_enum!(
    /// Drafts are being prepared, active products are for sale, archived
    /// ones are kept for history (deal lines, orders) but no longer sold.
    ProductStatus { Draft => "draft", Active => "active", Archived => "archived" }
);

crm_kernel::text_enum!(
    /// The unit of a product's length, width and height.
    DimensionUnit { Mm => "mm", Cm => "cm", M => "m", In => "in" }
);

/// The deepest a category may sit: a root is at depth 1.
pub const MAX_CATEGORY_DEPTH: usize = 5;

/// Longest SKU accepted, in characters.
pub const SKU_MAX: usize = 64;

/// A stock keeping unit as entered (trimmed), with the key it is compared
/// by: SKUs are unique per workspace regardless of case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sku {
    text: String,
    key: String,
}

impl Sku {
    /// # Errors
    /// `sku` is empty, longer than [`SKU_MAX`], or has control characters.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let text = bounded("sku", raw, SKU_MAX)?;
        Ok(Self::from_trusted(text))
    }

    /// A SKU read from storage.
    #[must_use]
    pub fn from_trusted(text: String) -> Self {
        let key = Self::key_of(&text);
        Self { text, key }
    }

    /// The comparison key of any SKU text (trimmed, lower-cased): what the
    /// unique index and SKU lookups use.
    #[must_use]
    pub fn key_of(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A brand's name, unique per workspace regardless of case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandName {
    text: String,
    key: String,
}

impl BrandName {
    /// # Errors
    /// `name` is empty, longer than 100 characters, or has control characters.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Ok(Self::from_trusted(bounded("name", raw, 100)?))
    }

    #[must_use]
    pub fn from_trusted(text: String) -> Self {
        let key = text.trim().to_lowercase();
        Self { text, key }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Length × width × height in one unit, each a positive whole number of
/// that unit (whole numbers keep comparisons exact; use `mm` for precision).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dimensions {
    length: u32,
    width: u32,
    height: u32,
    unit: DimensionUnit,
}

impl Dimensions {
    /// # Errors
    /// `dimensions` has a side that is not a positive whole number (up to
    /// 1,000,000).
    pub fn parse(length: i64, width: i64, height: i64, unit: DimensionUnit) -> Result<Self, FieldError> {
        let side = |v: i64| {
            u32::try_from(v).ok().filter(|v| (1..=1_000_000).contains(v)).ok_or_else(|| {
                FieldError::new("dimensions", "out_of_range", "each side is a whole number from 1 to 1000000")
            })
        };
        Ok(Self { length: side(length)?, width: side(width)?, height: side(height)?, unit })
    }

    #[must_use]
    pub const fn from_trusted(length: u32, width: u32, height: u32, unit: DimensionUnit) -> Self {
        Self { length, width, height, unit }
    }

    #[must_use]
    pub const fn length(&self) -> u32 {
        self.length
    }

    #[must_use]
    pub const fn width(&self) -> u32 {
        self.width
    }

    #[must_use]
    pub const fn height(&self) -> u32 {
        self.height
    }

    #[must_use]
    pub const fn unit(&self) -> DimensionUnit {
        self.unit
    }
}

/// What a bundle can be sold: for each component `(quantity per bundle,
/// stock when the component tracks inventory)`, the minimum of
/// ⌊stock / quantity⌋ over the tracked ones. Untracked components never
/// limit; a bundle without a tracked component is unlimited (`None`).
/// Negative stock (oversold) counts as none left.
#[must_use]
pub fn bundle_stock(components: impl IntoIterator<Item = (u32, Option<i64>)>) -> Option<i64> {
    components.into_iter().filter_map(|(quantity, stock)| stock.map(|s| s.max(0) / i64::from(quantity.max(1)))).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_trimmed_and_keyed_case_insensitively() {
        let sku = Sku::parse("  Ab-12 ").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(sku.as_str(), "Ab-12");
        assert_eq!(sku.key(), "ab-12");
        assert_eq!(Sku::key_of(" AB-12"), sku.key());
        assert!(Sku::parse("   ").is_err());
    }

    #[test]
    fn bundle_stock_takes_the_floor_of_each_tracked_component() {
        assert_eq!(bundle_stock([(2, Some(7)), (1, Some(5)), (3, None)]), Some(3));
        assert_eq!(bundle_stock([(1, None)]), None);
        assert_eq!(bundle_stock([(4, Some(-2))]), Some(0));
    }
}
