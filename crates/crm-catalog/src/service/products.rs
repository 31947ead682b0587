//! Creating, reading, listing, editing and archiving products (the field
//! rules are in `product_rules`).

use crm_kernel::{AuditEntry, Currency, FieldError, Limit, Money, Patch, ProductId, Resource, Scope};

use super::product_rules::{components, dimensions, images, name, prices, stock, weight};
use super::{CatalogService, Errors, Reader, optional_text, product_reader, require_write};
use crate::error::{BundleRef, CatalogError};
use crate::model::{
    BundleComponent, ComponentInput, NewProduct, Product, ProductChanges, ProductFilter, ProductQuery, ProductSnapshot,
};
use crate::ports::{Inserted, Saved};
use crate::values::{ProductKind, ProductStatus, Sku};

impl CatalogService {
    /// The stored components of `product`, for its derived stock.
    async fn snapshot(&self, scope: &Scope, product: Product, reader: Reader) -> Result<ProductSnapshot, CatalogError> {
        let parts = if product.components.is_empty() {
            Vec::new()
        } else {
            let ids: Vec<ProductId> = product.components.iter().map(|c| c.product_id).collect();
            self.store.find_products(scope, &ids).await?
        };
        let available = product.available(&parts);
        let mut product = product;
        if reader == Reader::Storefront {
            product.cost_price = None;
        }
        Ok(ProductSnapshot { product, available })
    }

    async fn checked_components(
        &self,
        scope: &Scope,
        bundle: ProductId,
        raw: &[ComponentInput],
    ) -> Result<Result<Vec<BundleComponent>, FieldError>, CatalogError> {
        let ids: Vec<ProductId> = raw.iter().map(|c| c.product_id).collect();
        let found = self.store.find_products(scope, &ids).await?;
        Ok(components(bundle, raw, &found))
    }

    async fn check_links(
        &self,
        scope: &Scope,
        category: Option<crm_kernel::CategoryId>,
        brand: Option<crm_kernel::BrandId>,
    ) -> Result<(), CatalogError> {
        if let Some(category) = category
            && !self.store.categories(scope).await?.iter().any(|c| c.id == category)
        {
            return Err(CatalogError::NotFound(Resource::Category));
        }
        if let Some(brand) = brand {
            match self.store.brands(scope).await?.into_iter().find(|b| b.id == brand) {
                None => return Err(CatalogError::NotFound(Resource::Brand)),
                Some(b) if b.archived => {
                    return Err(FieldError::new("brandId", "archived", "the brand is archived").into());
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Creates a product in its currency (the workspace's unless given).
    ///
    /// # Errors
    /// `Forbidden`, `Invalid` (every bad field), `NotFound` (category,
    /// brand), `SkuTaken`, `Store`.
    pub async fn create_product(&self, scope: &Scope, input: NewProduct) -> Result<ProductSnapshot, CatalogError> {
        require_write(scope)?;
        let mut errors = Errors::default();
        let currency = match input.currency.as_deref() {
            Some(code) => errors.take(Currency::parse(code.trim()).map_err(|_| {
                FieldError::new("currency", "invalid_currency", "an ISO 4217 currency code such as \"EUR\"")
            })),
            None => Some(self.store.workspace_currency(scope).await?),
        };
        let kind = input.kind.unwrap_or(ProductKind::Simple);
        let id = ProductId::new();
        let name = errors.take(name(&input.name));
        let sku = errors.take(Sku::parse(&input.sku));
        let (price, compare_at, cost) = match currency {
            Some(c) => {
                prices(&mut errors, c, &input.price, input.compare_at_price.as_deref(), input.cost_price.as_deref())
            }
            None => (None, None, None),
        };
        let weight = errors.take(input.weight_grams.map(weight).transpose());
        let dimensions = errors.take(input.dimensions.map(dimensions).transpose());
        let stock = errors.take(stock(input.stock.unwrap_or(0)));
        if kind == ProductKind::Bundle && (input.stock.unwrap_or(0) != 0 || input.track_inventory) {
            errors.push("stock", "derived", "a bundle's stock is derived from its components");
        }
        let description =
            errors.take(input.description.as_deref().map_or(Ok(None), |t| optional_text("description", t, 10_000)));
        let images = errors.take(images(&input.images));
        let components = match kind {
            ProductKind::Bundle => errors.take(self.checked_components(scope, id, &input.components).await?),
            ProductKind::Simple if input.components.is_empty() => Some(Vec::new()),
            ProductKind::Simple => {
                errors.push("components", "not_a_bundle", "only a bundle has components");
                None
            }
        };
        errors.finish()?;
        let (
            Some(name),
            Some(sku),
            Some(price),
            Some(compare_at_price),
            Some(cost_price),
            Some(weight_grams),
            Some(dimensions),
            Some(stock),
            Some(description),
            Some(images),
            Some(components),
        ) = (name, sku, price, compare_at, cost, weight, dimensions, stock, description, images, components)
        else {
            return Err(CatalogError::Invalid(Vec::new()));
        };
        self.check_links(scope, input.category_id, input.brand_id).await?;
        let now = self.clock.now();
        let product = Product {
            id,
            workspace_id: scope.workspace(),
            name,
            sku,
            kind,
            status: input.status.unwrap_or(ProductStatus::Draft),
            price,
            compare_at_price,
            cost_price,
            weight_grams,
            dimensions,
            stock,
            track_inventory: input.track_inventory,
            description,
            category_id: input.category_id,
            brand_id: input.brand_id,
            images,
            components,
            created_at: now,
            updated_at: now,
        };
        let summary = format!(
            "Product {} ({}) created at {} {}",
            product.name,
            product.sku.as_str(),
            product.price,
            product.currency()
        );
        let audit = AuditEntry::new(scope, "product.created", id, summary, now);
        match self.store.insert_product(scope, &product, &audit).await? {
            Inserted::Inserted => self.snapshot(scope, product, Reader::Member).await,
            Inserted::Duplicate { holder } => Err(CatalogError::SkuTaken { holder }),
        }
    }

    fn visible(reader: Reader, product: &Product) -> bool {
        reader == Reader::Member || product.status != ProductStatus::Draft
    }

    /// # Errors
    /// `Forbidden`, `NotFound` (also a draft for a storefront), `Store`.
    pub async fn get_product(&self, scope: &Scope, id: ProductId) -> Result<ProductSnapshot, CatalogError> {
        let reader = product_reader(scope)?;
        let product = self
            .store
            .find_product(scope, id)
            .await?
            .filter(|p| Self::visible(reader, p))
            .ok_or(CatalogError::NotFound(Resource::Product))?;
        self.snapshot(scope, product, reader).await
    }

    /// By SKU, compared as the unique index compares it (trimmed, any case).
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn get_product_by_sku(&self, scope: &Scope, sku: &str) -> Result<ProductSnapshot, CatalogError> {
        let reader = product_reader(scope)?;
        let product = self
            .store
            .find_by_sku(scope, &Sku::key_of(sku))
            .await?
            .filter(|p| Self::visible(reader, p))
            .ok_or(CatalogError::NotFound(Resource::Product))?;
        self.snapshot(scope, product, reader).await
    }

    /// One page, newest first, and the id to continue before. Storefronts
    /// see active products unless they ask for archived ones; drafts never.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list_products(
        &self,
        scope: &Scope,
        filter: ProductFilter,
        before: Option<ProductId>,
        limit: Limit,
    ) -> Result<(Vec<ProductSnapshot>, Option<ProductId>), CatalogError> {
        let reader = product_reader(scope)?;
        let mut filter =
            ProductFilter { q: filter.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()), ..filter };
        if reader == Reader::Storefront {
            if filter.status == Some(ProductStatus::Draft) {
                return Ok((Vec::new(), None));
            }
            filter.status = Some(filter.status.unwrap_or(ProductStatus::Active));
        }
        let mut rows = self.store.list_products(scope, &ProductQuery { filter, before, limit }).await?;
        let more = rows.len() > usize::from(limit.get());
        rows.truncate(usize::from(limit.get()));
        let next = if more { rows.last().map(|p| p.id) } else { None };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.snapshot(scope, row, reader).await?);
        }
        Ok((out, next))
    }

    /// Changes fields; prices are read in the product's currency.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `SkuTaken`, `Conflict`, `Store`.
    pub async fn update_product(
        &self,
        scope: &Scope,
        id: ProductId,
        changes: ProductChanges,
    ) -> Result<ProductSnapshot, CatalogError> {
        require_write(scope)?;
        let current = self.store.find_product(scope, id).await?.ok_or(CatalogError::NotFound(Resource::Product))?;
        let currency = current.currency();
        let mut next = current.clone();
        let mut changed = Vec::new();
        let mut errors = Errors::default();
        if let Some(raw) = &changes.name
            && let Some(n) = errors.take(name(raw))
            && n != next.name
        {
            next.name = n;
            changed.push("name".to_owned());
        }
        if let Some(raw) = &changes.sku
            && let Some(s) = errors.take(Sku::parse(raw))
            && s != next.sku
        {
            changed.push(format!("SKU {} → {}", next.sku.as_str(), s.as_str()));
            next.sku = s;
        }
        let money = |patch: &Patch<String>, old: Option<Money>| match patch {
            Patch::Keep => old.map(|m| m.to_string()),
            Patch::Clear => None,
            Patch::Set(raw) => Some(raw.clone()),
        };
        let price = changes.price.clone().unwrap_or_else(|| current.price.to_string());
        let compare_at = money(&changes.compare_at_price, current.compare_at_price);
        let cost = money(&changes.cost_price, current.cost_price);
        let (price, compare_at, cost) = prices(&mut errors, currency, &price, compare_at.as_deref(), cost.as_deref());
        if let Some(p) = price
            && p != next.price
        {
            changed.push(format!("price {} → {p}", next.price));
            next.price = p;
        }
        if let Some(c) = compare_at
            && c != next.compare_at_price
        {
            next.compare_at_price = c;
            changed.push("compare-at price".to_owned());
        }
        if let Some(c) = cost
            && c != next.cost_price
        {
            next.cost_price = c;
            changed.push("cost price".to_owned());
        }
        if let Some(stock_raw) = changes.stock
            && let Some(s) = errors.take(stock(stock_raw))
            && s != next.stock
        {
            if next.kind == ProductKind::Bundle {
                errors.push("stock", "derived", "a bundle's stock is derived from its components");
            }
            changed.push(format!("stock {} → {s}", next.stock));
            next.stock = s;
        }
        if let Some(track) = changes.track_inventory
            && track != next.track_inventory
        {
            if next.kind == ProductKind::Bundle && track {
                errors.push("trackInventory", "derived", "a bundle's stock is derived from its components");
            }
            next.track_inventory = track;
            changed.push("inventory tracking".to_owned());
        }
        match changes.weight_grams {
            Patch::Keep => {}
            Patch::Clear => next.weight_grams = None,
            Patch::Set(w) => next.weight_grams = errors.take(weight(w)).or(next.weight_grams),
        }
        match changes.dimensions {
            Patch::Keep => {}
            Patch::Clear => next.dimensions = None,
            Patch::Set(d) => next.dimensions = errors.take(dimensions(d)).or(next.dimensions),
        }
        match &changes.description {
            Patch::Keep => {}
            Patch::Clear => next.description = None,
            Patch::Set(t) => {
                if let Some(d) = errors.take(optional_text("description", t, 10_000)) {
                    next.description = d;
                }
            }
        }
        if let Some(raw) = &changes.images
            && let Some(keys) = errors.take(images(raw))
        {
            next.images = keys;
        }
        if let Some(raw) = &changes.components {
            if next.kind == ProductKind::Bundle {
                if let Some(parts) = errors.take(self.checked_components(scope, id, raw).await?) {
                    next.components = parts;
                }
            } else if !raw.is_empty() {
                errors.push("components", "not_a_bundle", "only a bundle has components");
            }
        }
        errors.finish()?;
        next.category_id = match changes.category_id {
            Patch::Keep => next.category_id,
            Patch::Clear => None,
            Patch::Set(c) => Some(c),
        };
        next.brand_id = match changes.brand_id {
            Patch::Keep => next.brand_id,
            Patch::Clear => None,
            Patch::Set(b) => Some(b),
        };
        self.check_links(
            scope,
            next.category_id.filter(|c| Some(*c) != current.category_id),
            next.brand_id.filter(|b| Some(*b) != current.brand_id),
        )
        .await?;
        if next == current {
            return self.snapshot(scope, current, Reader::Member).await;
        }
        if changed.is_empty() {
            changed.push("details".to_owned());
        }
        self.save(scope, &current, next, "product.updated", changed.join("; ")).await
    }

    /// Moves a product to `status`. Archiving a component of a bundle that
    /// is not archived is refused, naming those bundles.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `InBundle`, `Conflict`, `Store`.
    pub async fn set_product_status(
        &self,
        scope: &Scope,
        id: ProductId,
        status: ProductStatus,
    ) -> Result<ProductSnapshot, CatalogError> {
        require_write(scope)?;
        let current = self.store.find_product(scope, id).await?.ok_or(CatalogError::NotFound(Resource::Product))?;
        if current.status == status {
            return self.snapshot(scope, current, Reader::Member).await;
        }
        if status == ProductStatus::Archived && current.kind == ProductKind::Simple {
            let bundles: Vec<BundleRef> = self
                .store
                .bundles_containing(scope, id)
                .await?
                .into_iter()
                .filter(|b| b.status != ProductStatus::Archived)
                .map(|b| BundleRef { id: b.id, name: b.name })
                .collect();
            if !bundles.is_empty() {
                return Err(CatalogError::InBundle { bundles });
            }
        }
        let summary = format!("status {} → {}", current.status.as_str(), status.as_str());
        let action = match status {
            ProductStatus::Archived => "product.archived",
            ProductStatus::Active => "product.activated",
            ProductStatus::Draft => "product.drafted",
        };
        let next = Product { status, ..current.clone() };
        self.save(scope, &current, next, action, summary).await
    }

    async fn save(
        &self,
        scope: &Scope,
        current: &Product,
        mut next: Product,
        action: &str,
        summary: String,
    ) -> Result<ProductSnapshot, CatalogError> {
        let now = self.now_after(current.updated_at);
        next.updated_at = now;
        let audit = AuditEntry::new(scope, action, next.id, summary, now);
        match self.store.update_product(scope, &next, current.updated_at, &audit).await? {
            Saved::Saved => self.snapshot(scope, next, Reader::Member).await,
            Saved::Stale => Err(CatalogError::Conflict),
            Saved::Duplicate { holder } => Err(CatalogError::SkuTaken { holder }),
        }
    }
}
