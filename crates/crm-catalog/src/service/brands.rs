//! Brands: unique names per workspace (any case); a brand in use is
//! archived, never deleted.

use crm_kernel::{AuditEntry, BrandId, Resource, Scope};

use super::{CatalogService, require_member, require_write};
use crate::error::CatalogError;
use crate::model::Brand;
use crate::ports::{Inserted, Saved};
use crate::values::BrandName;

impl CatalogService {
    /// Every brand, archived ones included, by name.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn brands(&self, scope: &Scope) -> Result<Vec<Brand>, CatalogError> {
        require_member(scope)?;
        let mut all = self.store.brands(scope).await?;
        all.sort_by(|a, b| a.name.key().cmp(b.name.key()));
        Ok(all)
    }

    async fn brand(&self, scope: &Scope, id: BrandId) -> Result<Brand, CatalogError> {
        self.store.brands(scope).await?.into_iter().find(|b| b.id == id).ok_or(CatalogError::NotFound(Resource::Brand))
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `BrandNameTaken`, `Store`.
    pub async fn create_brand(&self, scope: &Scope, name: &str) -> Result<Brand, CatalogError> {
        require_write(scope)?;
        let name = BrandName::parse(name)?;
        let now = self.clock.now();
        let brand = Brand { id: BrandId::new(), name, archived: false, created_at: now, updated_at: now };
        let audit = AuditEntry::new(scope, "brand.created", brand.id, format!("Brand {}", brand.name.as_str()), now);
        match self.store.insert_brand(scope, &brand, &audit).await? {
            Inserted::Inserted => Ok(brand),
            Inserted::Duplicate { holder } => Err(CatalogError::BrandNameTaken { holder }),
        }
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound`, `BrandNameTaken`, `Conflict`, `Store`.
    pub async fn rename_brand(&self, scope: &Scope, id: BrandId, name: &str) -> Result<Brand, CatalogError> {
        require_write(scope)?;
        let name = BrandName::parse(name)?;
        let current = self.brand(scope, id).await?;
        if current.name == name {
            return Ok(current);
        }
        let summary = format!("Brand {} renamed {}", current.name.as_str(), name.as_str());
        self.save_brand(scope, &current, Brand { name, ..current.clone() }, "brand.renamed", summary).await
    }

    /// Archives (or restores) a brand: archived brands stay on their
    /// products but cannot be given to others.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Conflict`, `Store`.
    pub async fn set_brand_archived(&self, scope: &Scope, id: BrandId, archived: bool) -> Result<Brand, CatalogError> {
        require_write(scope)?;
        let current = self.brand(scope, id).await?;
        if current.archived == archived {
            return Ok(current);
        }
        let action = if archived { "brand.archived" } else { "brand.restored" };
        let summary = format!("Brand {} {}", current.name.as_str(), if archived { "archived" } else { "restored" });
        self.save_brand(scope, &current, Brand { archived, ..current.clone() }, action, summary).await
    }

    async fn save_brand(
        &self,
        scope: &Scope,
        current: &Brand,
        mut next: Brand,
        action: &str,
        summary: String,
    ) -> Result<Brand, CatalogError> {
        let now = self.now_after(current.updated_at);
        next.updated_at = now;
        let audit = AuditEntry::new(scope, action, next.id, summary, now);
        match self.store.update_brand(scope, &next, &audit).await? {
            Saved::Saved => Ok(next),
            Saved::Stale => Err(CatalogError::Conflict),
            Saved::Duplicate { holder } => Err(CatalogError::BrandNameTaken { holder }),
        }
    }

    /// Deletes a brand no product uses.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `BrandInUse` (with the number of products),
    /// `Store`.
    pub async fn delete_brand(&self, scope: &Scope, id: BrandId) -> Result<(), CatalogError> {
        require_write(scope)?;
        let brand = self.brand(scope, id).await?;
        let count = self.store.count_with_brand(scope, id).await?;
        if count > 0 {
            return Err(CatalogError::BrandInUse { count });
        }
        let audit = AuditEntry::new(
            scope,
            "brand.deleted",
            id,
            format!("Brand {} deleted", brand.name.as_str()),
            self.clock.now(),
        );
        if self.store.delete_brand(scope, id, &audit).await? {
            return Ok(());
        }
        // Labelled (or deleted) between the count and the delete.
        match self.store.count_with_brand(scope, id).await? {
            0 => Err(CatalogError::NotFound(Resource::Brand)),
            count => Err(CatalogError::BrandInUse { count }),
        }
    }
}
