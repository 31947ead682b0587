//! Storage ports of the leads module. Every write appends its audit entry
//! in the same transaction.

use crm_kernel::{AuditEntry, LeadId, Notification, Scope, StoreError, UserId};

use crate::model::{CustomSource, Lead};
use crate::query::LeadQuery;
use crate::values::SourceSlug;

#[async_trait::async_trait]
pub trait LeadStore: Send + Sync {
    /// Inserts the lead, its audit entry and the assignee's notification
    /// (when there is one) in one transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<(), StoreError>;

    /// Writes the whole record (the service computed the new state), the
    /// audit entry and the assignee's notification (if any), only if the row still has `expected_updated_at`
    /// (optimistic concurrency). Returns false when it changed meanwhile or
    /// is gone.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        expected_updated_at: time::OffsetDateTime,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_lead(&self, scope: &Scope, id: LeadId) -> Result<Option<Lead>, StoreError>;

    /// Up to `limit + 1` leads in the query's order after its cursor.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_leads(&self, scope: &Scope, query: &LeadQuery) -> Result<Vec<Lead>, StoreError>;

    /// Open leads (new, contacted, qualified) assigned to `user`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_open_assigned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError>;

    /// Whether `user` is a member of the scope's workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_custom_sources(&self, scope: &Scope) -> Result<Vec<CustomSource>, StoreError>;

    /// Inserts; false when the slug exists in the workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_custom_source(
        &self,
        scope: &Scope,
        source: &CustomSource,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;

    /// Sets or clears `archived_at`; false when no such custom source.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_source_archived(
        &self,
        scope: &Scope,
        slug: &SourceSlug,
        archived_at: Option<time::OffsetDateTime>,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;
}
