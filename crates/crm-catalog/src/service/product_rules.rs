//! The field rules of a product, as pure functions: exact prices, physical
//! data, images and bundle components.

use std::collections::HashSet;

use crm_kernel::text::bounded;
use crm_kernel::{Currency, FieldError, Money, ProductId};

use super::Errors;
use crate::model::{BundleComponent, ComponentInput, DimensionsInput, Product};
use crate::values::{Dimensions, ProductKind};

/// At most this many images per product.
pub const MAX_IMAGES: usize = 10;

/// The heaviest product accepted, in grams (1000 tonnes).
const MAX_WEIGHT_GRAMS: i64 = 1_000_000_000;

/// Price, compare-at price and cost price, all in `currency`; a compare-at
/// price must be above the price.
pub(crate) fn prices(
    errors: &mut Errors,
    currency: Currency,
    price: &str,
    compare_at: Option<&str>,
    cost: Option<&str>,
) -> (Option<Money>, Option<Option<Money>>, Option<Option<Money>>) {
    let optional = |field, raw: Option<&str>| match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => Money::parse(field, raw, currency).map(Some),
    };
    let price = errors.take(Money::parse("price", price, currency));
    let compare_at = errors.take(optional("compareAtPrice", compare_at));
    let cost = errors.take(optional("costPrice", cost));
    if let (Some(price), Some(Some(compare))) = (price, compare_at)
        && compare.minor() <= price.minor()
    {
        errors.push("compareAtPrice", "not_above_price", format!("must be above the price ({price})"));
    }
    (price, compare_at, cost)
}

pub(crate) fn weight(raw: i64) -> Result<u32, FieldError> {
    u32::try_from(raw)
        .ok()
        .filter(|w| i64::from(*w) <= MAX_WEIGHT_GRAMS)
        .ok_or_else(|| FieldError::new("weight", "out_of_range", "grams, a whole number from 0 to 1000000000"))
}

pub(crate) fn dimensions(raw: DimensionsInput) -> Result<Dimensions, FieldError> {
    Dimensions::parse(raw.length, raw.width, raw.height, raw.unit)
}

pub(crate) fn stock(raw: i64) -> Result<i64, FieldError> {
    if (0..=1_000_000_000).contains(&raw) {
        Ok(raw)
    } else {
        Err(FieldError::new("stock", "out_of_range", "a whole number from 0 to 1000000000"))
    }
}

pub(crate) fn images(raw: &[String]) -> Result<Vec<String>, FieldError> {
    if raw.len() > MAX_IMAGES {
        return Err(FieldError::new("images", "too_many", format!("at most {MAX_IMAGES} images per product")));
    }
    raw.iter().map(|key| bounded("images", key, 500)).collect()
}

pub(crate) fn name(raw: &str) -> Result<String, FieldError> {
    bounded("name", raw, 200)
}

/// The bundle rules, given the components as found in the workspace
/// (`found`; another workspace's products are never among them): at least
/// one, each a simple product other than the bundle, listed once, with a
/// quantity of at least 1.
pub(crate) fn components(
    bundle: ProductId,
    raw: &[ComponentInput],
    found: &[Product],
) -> Result<Vec<BundleComponent>, FieldError> {
    let invalid = |code, message: String| Err(FieldError::new("components", code, message));
    if raw.is_empty() {
        return invalid("required", "a bundle has at least one component".into());
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for c in raw {
        if c.product_id == bundle {
            return invalid("self", "a bundle cannot contain itself".into());
        }
        if !seen.insert(c.product_id) {
            return invalid("duplicate", format!("{} is listed twice; give one quantity", c.product_id));
        }
        let Some(product) = found.iter().find(|p| p.id == c.product_id) else {
            return invalid("unknown_component", format!("{} is not a product of this workspace", c.product_id));
        };
        if product.kind == ProductKind::Bundle {
            return invalid("bundle_in_bundle", format!("{} is a bundle; bundles hold simple products", product.name));
        }
        let Some(quantity) = u32::try_from(c.quantity).ok().filter(|q| (1..=100_000).contains(q)) else {
            return invalid("quantity", "each quantity is a whole number from 1 to 100000".into());
        };
        out.push(BundleComponent { product_id: c.product_id, quantity });
    }
    Ok(out)
}
