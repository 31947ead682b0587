//! The category tree: create, rename, move (no cycles, depth ≤ 5), delete
//! (refused while it holds products or children, unless told where they go).

use crm_kernel::text::bounded;
use crm_kernel::{AuditEntry, CategoryId, FieldError, Resource, Scope};
use time::OffsetDateTime;

use super::{CatalogService, require_member, require_write};
use crate::error::CatalogError;
use crate::model::{Category, Reassign};
use crate::values::MAX_CATEGORY_DEPTH;

fn category_name(raw: &str) -> Result<String, FieldError> {
    bounded("name", raw, 100)
}

fn find(all: &[Category], id: CategoryId) -> Result<&Category, CatalogError> {
    all.iter().find(|c| c.id == id).ok_or(CatalogError::NotFound(Resource::Category))
}

/// The subtree of `root` (root included) as it would be under
/// `new_parent` (a root when `None`): new parent link and paths, stamped
/// `now`.
///
/// # Errors
/// A [`FieldError`] on `field` when `new_parent` is `root` or below it (a
/// cycle), or when the deepest category of the subtree would sit deeper
/// than [`MAX_CATEGORY_DEPTH`].
pub fn reparent(
    all: &[Category],
    root: &Category,
    new_parent: Option<&Category>,
    field: &'static str,
    now: OffsetDateTime,
) -> Result<Vec<Category>, FieldError> {
    if let Some(parent) = new_parent
        && root.contains(parent)
    {
        return Err(FieldError::new(field, "cycle", "a category cannot move under itself or its own descendant"));
    }
    let subtree: Vec<&Category> = all.iter().filter(|c| root.contains(c)).collect();
    let height = subtree.iter().map(|c| c.depth() - root.depth()).max().unwrap_or(0);
    let new_root_path: Vec<CategoryId> =
        new_parent.map(|p| p.path.iter().copied().chain([p.id]).collect()).unwrap_or_default();
    if new_root_path.len() + 1 + height > MAX_CATEGORY_DEPTH {
        return Err(FieldError::new(
            field,
            "too_deep",
            format!("categories nest at most {MAX_CATEGORY_DEPTH} levels deep"),
        ));
    }
    Ok(subtree
        .into_iter()
        .map(|c| {
            let mut moved = c.clone();
            if c.id == root.id {
                moved.parent_id = new_parent.map(|p| p.id);
                moved.path.clone_from(&new_root_path);
            } else {
                // Below the root the chain is unchanged: root, then what
                // followed it.
                let below = c.path.iter().skip_while(|id| **id != root.id);
                moved.path = new_root_path.iter().copied().chain(below.copied()).collect();
            }
            moved.updated_at = now;
            moved
        })
        .collect())
}

impl CatalogService {
    /// Every category, parents before their children.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn categories(&self, scope: &Scope) -> Result<Vec<Category>, CatalogError> {
        require_member(scope)?;
        let mut all = self.store.categories(scope).await?;
        all.sort_by(|a, b| a.depth().cmp(&b.depth()).then_with(|| a.name.cmp(&b.name)));
        Ok(all)
    }

    /// # Errors
    /// `Forbidden`, `Invalid` (name, depth), `NotFound` (parent), `Store`.
    pub async fn create_category(
        &self,
        scope: &Scope,
        name: &str,
        parent: Option<CategoryId>,
    ) -> Result<Category, CatalogError> {
        require_write(scope)?;
        let name = category_name(name)?;
        let all = self.store.categories(scope).await?;
        let path = match parent {
            None => Vec::new(),
            Some(id) => {
                let parent = find(&all, id)?;
                if parent.depth() >= MAX_CATEGORY_DEPTH {
                    return Err(FieldError::new(
                        "parentId",
                        "too_deep",
                        format!("categories nest at most {MAX_CATEGORY_DEPTH} levels deep"),
                    )
                    .into());
                }
                parent.path.iter().copied().chain([parent.id]).collect()
            }
        };
        let now = self.clock.now();
        let category =
            Category { id: CategoryId::new(), name, parent_id: parent, path, created_at: now, updated_at: now };
        let audit = AuditEntry::new(scope, "category.created", category.id, format!("Category {}", category.name), now);
        self.store.insert_category(scope, &category, &audit).await?;
        Ok(category)
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound`, `Store`.
    pub async fn rename_category(&self, scope: &Scope, id: CategoryId, name: &str) -> Result<Category, CatalogError> {
        require_write(scope)?;
        let name = category_name(name)?;
        let all = self.store.categories(scope).await?;
        let current = find(&all, id)?;
        if current.name == name {
            return Ok(current.clone());
        }
        let now = self.now_after(current.updated_at);
        let renamed = Category { name, updated_at: now, ..current.clone() };
        let audit = AuditEntry::new(
            scope,
            "category.renamed",
            id,
            format!("Category {} renamed {}", current.name, renamed.name),
            now,
        );
        self.store.save_categories(scope, std::slice::from_ref(&renamed), &audit).await?;
        Ok(renamed)
    }

    /// Moves `id` (with its subtree) under `parent`, or to the top.
    ///
    /// # Errors
    /// `Forbidden`, `Invalid` (under itself or a descendant, too deep),
    /// `NotFound`, `Store`.
    pub async fn move_category(
        &self,
        scope: &Scope,
        id: CategoryId,
        parent: Option<CategoryId>,
    ) -> Result<Category, CatalogError> {
        require_write(scope)?;
        let all = self.store.categories(scope).await?;
        let current = find(&all, id)?;
        if current.parent_id == parent {
            return Ok(current.clone());
        }
        let new_parent = parent.map(|p| find(&all, p)).transpose()?;
        let now = self.now_after(current.updated_at);
        let moved = reparent(&all, current, new_parent, "parentId", now)?;
        let summary = format!(
            "Category {} moved under {}",
            current.name,
            new_parent.map_or("the top level", |p| p.name.as_str())
        );
        let audit = AuditEntry::new(scope, "category.moved", id, summary, now);
        self.store.save_categories(scope, &moved, &audit).await?;
        moved.into_iter().find(|c| c.id == id).ok_or(CatalogError::NotFound(Resource::Category))
    }

    /// Deletes a category. One that holds products or subcategories is
    /// refused unless `reassign` says where they go; they move in the same
    /// transaction.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `CategoryNotEmpty`, `Invalid` (a target in
    /// the deleted subtree, or too deep), `Store`.
    pub async fn delete_category(
        &self,
        scope: &Scope,
        id: CategoryId,
        reassign: Option<Reassign>,
    ) -> Result<(), CatalogError> {
        require_write(scope)?;
        let all = self.store.categories(scope).await?;
        let current = find(&all, id)?;
        let products = self.store.count_in_category(scope, id).await?;
        let children: Vec<&Category> = all.iter().filter(|c| c.parent_id == Some(id)).collect();
        let target = match (reassign, products == 0 && children.is_empty()) {
            (_, true) => None,
            (None, false) => {
                return Err(CatalogError::CategoryNotEmpty { products, children: children.len() as u64 });
            }
            (Some(Reassign::Up), false) => current.parent_id.map(|p| find(&all, p)).transpose()?,
            (Some(Reassign::To(to)), false) => {
                let to = all.iter().find(|c| c.id == to).ok_or_else(|| {
                    FieldError::new("reassignTo", "unknown_category", "not a category of this workspace")
                })?;
                if current.contains(to) {
                    return Err(FieldError::new(
                        "reassignTo",
                        "cycle",
                        "the products and subcategories cannot go into the category being deleted",
                    )
                    .into());
                }
                Some(to)
            }
        };
        let now = self.clock.now();
        let mut moved = Vec::new();
        for child in children {
            moved.extend(reparent(&all, child, target, "reassignTo", now)?);
        }
        let summary = format!(
            "Category {} deleted; {products} product(s) and {} subcategories moved to {}",
            current.name,
            moved.iter().filter(|c| c.parent_id == target.map(|t| t.id)).count(),
            target.map_or("the top level", |t| t.name.as_str()),
        );
        let audit = AuditEntry::new(scope, "category.deleted", id, summary, now);
        self.store.remove_category(scope, id, target.map(|t| t.id), &moved, &audit).await?;
        Ok(())
    }
}
