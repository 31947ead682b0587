//! In-memory fake of the catalog port, for the rules tested here and for
//! checking the SQL adapter against the same specification.
//!
//! Rows are keyed by the workspace of the scope that wrote them and every
//! read sees only the scope's workspace: another workspace's rows are
//! invisible, as in the SQL adapter. SKU and brand-name uniqueness is per
//! workspace, on the normalised key, like the unique indexes.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{AuditEntry, BrandId, CategoryId, Currency, ProductId, Scope, StoreError, WorkspaceId};
use time::OffsetDateTime;

use crate::model::{Brand, Category, Product, ProductQuery};
use crate::ports::{CatalogStore, Inserted, Saved};

#[derive(Default)]
struct State {
    products: Vec<(WorkspaceId, Product)>,
    categories: Vec<(WorkspaceId, Category)>,
    brands: Vec<(WorkspaceId, Brand)>,
    audit: Vec<(WorkspaceId, AuditEntry)>,
    currencies: HashMap<WorkspaceId, Currency>,
}

fn mine<'a, T>(rows: &'a [(WorkspaceId, T)], scope: &Scope) -> impl Iterator<Item = &'a T> {
    let ws = scope.workspace();
    rows.iter().filter(move |(w, _)| *w == ws).map(|(_, r)| r)
}

fn mine_mut<'a, T>(rows: &'a mut [(WorkspaceId, T)], scope: &Scope) -> impl Iterator<Item = &'a mut T> {
    let ws = scope.workspace();
    rows.iter_mut().filter(move |(w, _)| *w == ws).map(|(_, r)| r)
}

/// The catalog in memory; every workspace is in `currency` unless changed
/// with [`InMemoryCatalog::set_currency`].
pub struct InMemoryCatalog {
    currency: Currency,
    state: Mutex<State>,
}

impl InMemoryCatalog {
    #[must_use]
    pub fn new(currency: Currency) -> Self {
        Self { currency, state: Mutex::new(State::default()) }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes one workspace's currency (new products take it).
    pub fn set_currency(&self, workspace: WorkspaceId, currency: Currency) {
        self.lock().currencies.insert(workspace, currency);
    }

    /// The audit entries written for `workspace`, oldest first.
    #[must_use]
    pub fn audit(&self, workspace: WorkspaceId) -> Vec<AuditEntry> {
        self.lock().audit.iter().filter(|(w, _)| *w == workspace).map(|(_, a)| a.clone()).collect()
    }

    /// Sets a product's stock directly (as a stock sync would).
    pub fn set_stock(&self, id: ProductId, stock: i64) {
        for (_, p) in &mut self.lock().products {
            if p.id == id {
                p.stock = stock;
            }
        }
    }
}

fn audit(state: &mut State, scope: &Scope, entry: &AuditEntry) {
    state.audit.push((scope.workspace(), entry.clone()));
}

#[async_trait::async_trait]
impl CatalogStore for InMemoryCatalog {
    async fn workspace_currency(&self, scope: &Scope) -> Result<Currency, StoreError> {
        Ok(self.lock().currencies.get(&scope.workspace()).copied().unwrap_or(self.currency))
    }

    async fn insert_product(
        &self,
        scope: &Scope,
        product: &Product,
        entry: &AuditEntry,
    ) -> Result<Inserted<ProductId>, StoreError> {
        let mut state = self.lock();
        if let Some(holder) = mine(&state.products, scope).find(|p| p.sku.key() == product.sku.key()) {
            return Ok(Inserted::Duplicate { holder: holder.id });
        }
        state.products.push((scope.workspace(), product.clone()));
        audit(&mut state, scope, entry);
        Ok(Inserted::Inserted)
    }

    async fn update_product(
        &self,
        scope: &Scope,
        product: &Product,
        expected_updated_at: OffsetDateTime,
        entry: &AuditEntry,
    ) -> Result<Saved<ProductId>, StoreError> {
        let mut state = self.lock();
        if let Some(holder) =
            mine(&state.products, scope).find(|p| p.id != product.id && p.sku.key() == product.sku.key())
        {
            return Ok(Saved::Duplicate { holder: holder.id });
        }
        let Some(row) =
            mine_mut(&mut state.products, scope).find(|p| p.id == product.id && p.updated_at == expected_updated_at)
        else {
            return Ok(Saved::Stale);
        };
        *row = product.clone();
        audit(&mut state, scope, entry);
        Ok(Saved::Saved)
    }

    async fn find_product(&self, scope: &Scope, id: ProductId) -> Result<Option<Product>, StoreError> {
        Ok(mine(&self.lock().products, scope).find(|p| p.id == id).cloned())
    }

    async fn find_products(&self, scope: &Scope, ids: &[ProductId]) -> Result<Vec<Product>, StoreError> {
        Ok(mine(&self.lock().products, scope).filter(|p| ids.contains(&p.id)).cloned().collect())
    }

    async fn find_by_sku(&self, scope: &Scope, sku_key: &str) -> Result<Option<Product>, StoreError> {
        Ok(mine(&self.lock().products, scope).find(|p| p.sku.key() == sku_key).cloned())
    }

    async fn list_products(&self, scope: &Scope, query: &ProductQuery) -> Result<Vec<Product>, StoreError> {
        let state = self.lock();
        let f = &query.filter;
        let subtree: Option<Vec<CategoryId>> = f.category_id.map(|root| {
            mine(&state.categories, scope).filter(|c| c.id == root || c.path.contains(&root)).map(|c| c.id).collect()
        });
        let mut rows: Vec<Product> = mine(&state.products, scope)
            .filter(|p| f.status.is_none_or(|s| p.status == s))
            .filter(|p| f.kind.is_none_or(|k| p.kind == k))
            .filter(|p| f.brand_id.is_none_or(|b| p.brand_id == Some(b)))
            .filter(|p| subtree.as_ref().is_none_or(|ids| p.category_id.is_some_and(|c| ids.contains(&c))))
            .filter(|p| f.q.as_deref().is_none_or(|q| p.matches(q)))
            .filter(|p| query.before.is_none_or(|b| p.id < b))
            .cloned()
            .collect();
        rows.sort_by_key(|p| std::cmp::Reverse(p.id));
        rows.truncate(usize::from(query.limit.get()) + 1);
        Ok(rows)
    }

    async fn bundles_containing(&self, scope: &Scope, component: ProductId) -> Result<Vec<Product>, StoreError> {
        Ok(mine(&self.lock().products, scope)
            .filter(|p| p.components.iter().any(|c| c.product_id == component))
            .cloned()
            .collect())
    }

    async fn categories(&self, scope: &Scope) -> Result<Vec<Category>, StoreError> {
        Ok(mine(&self.lock().categories, scope).cloned().collect())
    }

    async fn insert_category(&self, scope: &Scope, category: &Category, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut state = self.lock();
        state.categories.push((scope.workspace(), category.clone()));
        audit(&mut state, scope, entry);
        Ok(())
    }

    async fn save_categories(
        &self,
        scope: &Scope,
        categories: &[Category],
        entry: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        for row in mine_mut(&mut state.categories, scope) {
            if let Some(new) = categories.iter().find(|c| c.id == row.id) {
                *row = new.clone();
            }
        }
        audit(&mut state, scope, entry);
        Ok(())
    }

    async fn count_in_category(&self, scope: &Scope, category: CategoryId) -> Result<u64, StoreError> {
        Ok(mine(&self.lock().products, scope).filter(|p| p.category_id == Some(category)).count() as u64)
    }

    async fn remove_category(
        &self,
        scope: &Scope,
        category: CategoryId,
        products_to: Option<CategoryId>,
        moved: &[Category],
        entry: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut state = self.lock();
        for p in mine_mut(&mut state.products, scope) {
            if p.category_id == Some(category) {
                p.category_id = products_to;
            }
        }
        for row in mine_mut(&mut state.categories, scope) {
            if let Some(new) = moved.iter().find(|c| c.id == row.id) {
                *row = new.clone();
            }
        }
        let ws = scope.workspace();
        state.categories.retain(|(w, c)| !(*w == ws && c.id == category));
        audit(&mut state, scope, entry);
        Ok(())
    }

    async fn brands(&self, scope: &Scope) -> Result<Vec<Brand>, StoreError> {
        Ok(mine(&self.lock().brands, scope).cloned().collect())
    }

    async fn insert_brand(
        &self,
        scope: &Scope,
        brand: &Brand,
        entry: &AuditEntry,
    ) -> Result<Inserted<BrandId>, StoreError> {
        let mut state = self.lock();
        if let Some(holder) = mine(&state.brands, scope).find(|b| b.name.key() == brand.name.key()) {
            return Ok(Inserted::Duplicate { holder: holder.id });
        }
        state.brands.push((scope.workspace(), brand.clone()));
        audit(&mut state, scope, entry);
        Ok(Inserted::Inserted)
    }

    async fn update_brand(
        &self,
        scope: &Scope,
        brand: &Brand,
        entry: &AuditEntry,
    ) -> Result<Saved<BrandId>, StoreError> {
        let mut state = self.lock();
        if let Some(holder) = mine(&state.brands, scope).find(|b| b.id != brand.id && b.name.key() == brand.name.key())
        {
            return Ok(Saved::Duplicate { holder: holder.id });
        }
        let Some(row) = mine_mut(&mut state.brands, scope).find(|b| b.id == brand.id) else {
            return Ok(Saved::Stale);
        };
        *row = brand.clone();
        audit(&mut state, scope, entry);
        Ok(Saved::Saved)
    }

    async fn count_with_brand(&self, scope: &Scope, brand: BrandId) -> Result<u64, StoreError> {
        Ok(mine(&self.lock().products, scope).filter(|p| p.brand_id == Some(brand)).count() as u64)
    }

    async fn delete_brand(&self, scope: &Scope, brand: BrandId, entry: &AuditEntry) -> Result<bool, StoreError> {
        let mut state = self.lock();
        let in_use = mine(&state.products, scope).any(|p| p.brand_id == Some(brand));
        let exists = mine(&state.brands, scope).any(|b| b.id == brand);
        if in_use || !exists {
            return Ok(false);
        }
        let ws = scope.workspace();
        state.brands.retain(|(w, b)| !(*w == ws && b.id == brand));
        audit(&mut state, scope, entry);
        Ok(true)
    }
}
