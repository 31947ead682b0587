//! Storage ports of the deals module. Every write appends its audit entry
//! (and any notification) in the same transaction.

use crm_kernel::{
    AuditEntry, CompanyId, ContactId, Currency, DealId, LostReasonId, Notification, PipelineId, Scope, StoreError,
    UserId,
};
use time::OffsetDateTime;

use crate::model::{CurrencyTotals, Deal, DealFilter, DealQuery, LinkNames, LostReason, Pipeline, Stage};

/// How a stage deletion went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageRemoval {
    Removed,
    /// Deals still sit in the stage (how many) and no target was given.
    NotEmpty(u64),
    NotFound,
}

#[async_trait::async_trait]
pub trait PipelineStore: Send + Sync {
    /// Every pipeline of the workspace with its stages, in position order.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn pipelines(&self, scope: &Scope) -> Result<Vec<Pipeline>, StoreError>;

    /// Inserts a pipeline with its stages.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_pipeline(&self, scope: &Scope, pipeline: &Pipeline, audit: &AuditEntry) -> Result<(), StoreError>;

    /// Renames; false when there is no such pipeline.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn rename_pipeline(
        &self,
        scope: &Scope,
        id: PipelineId,
        name: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;

    /// Writes the stages of one pipeline as given (names, probabilities,
    /// positions), inserting the new ones.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn save_stages(&self, scope: &Scope, stages: &[Stage], audit: &AuditEntry) -> Result<(), StoreError>;

    /// Deletes an open stage; its deals move to `move_to` first (same
    /// transaction) when given, else a non-empty stage stays.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn remove_stage(
        &self,
        scope: &Scope,
        stage: &Stage,
        move_to: Option<&Stage>,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<StageRemoval, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn lost_reasons(&self, scope: &Scope) -> Result<Vec<LostReason>, StoreError>;

    /// Inserts; false when the label exists (case-insensitively).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_lost_reason(
        &self,
        scope: &Scope,
        reason: &LostReason,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;

    /// Archives or restores; false when there is no such reason.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_lost_reason_archived(
        &self,
        scope: &Scope,
        id: LostReasonId,
        archived_at: Option<OffsetDateTime>,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;
}

#[async_trait::async_trait]
pub trait DealStore: Send + Sync {
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_deal(
        &self,
        scope: &Scope,
        deal: &Deal,
        audit: &AuditEntry,
        notification: Option<&Notification>,
    ) -> Result<(), StoreError>;

    /// Writes the whole record only if it still has `expected_updated_at`;
    /// false when it changed meanwhile or is gone.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_deal(
        &self,
        scope: &Scope,
        deal: &Deal,
        expected_updated_at: OffsetDateTime,
        audit: &AuditEntry,
        notification: Option<&Notification>,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_deal(&self, scope: &Scope, id: DealId) -> Result<Option<Deal>, StoreError>;

    /// Up to `limit + 1` deals, newest first, before the query's cursor.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_deals(&self, scope: &Scope, query: &DealQuery) -> Result<Vec<Deal>, StoreError>;

    /// Count, amount and weighted amount per stage and currency of the
    /// deals matching `filter` (only non-empty groups).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn stage_totals(
        &self,
        scope: &Scope,
        filter: &DealFilter,
        now: OffsetDateTime,
    ) -> Result<Vec<CurrencyTotals>, StoreError>;

    /// Open deals owned by `user`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_open_owned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError>;

    /// Whether a contact / company with this id is in the workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn contact_exists(&self, scope: &Scope, id: ContactId) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn company_exists(&self, scope: &Scope, id: CompanyId) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError>;

    /// Names of the given contacts and companies (for cards and lists).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn link_names(
        &self,
        scope: &Scope,
        contacts: &[ContactId],
        companies: &[CompanyId],
    ) -> Result<LinkNames, StoreError>;

    /// The workspace's currency: new deals are in it.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn workspace_currency(&self, scope: &Scope) -> Result<Currency, StoreError>;
}
