//! Storage ports of the notifications module.

use crm_kernel::{AuditEntry, Limit, NotificationId, Scope, StoreError, UserId};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::model::{DigestCandidates, DigestPreferences, DigestWorkspace, Recipient, StoredNotification};

/// The bell and the workspace preferences. Every method reads or writes
/// only the scope's workspace; the notification methods only `user`'s rows.
#[async_trait::async_trait]
pub trait NotificationStore: Send + Sync {
    /// `user`'s notifications, newest first, with ids below `before` (the
    /// cursor), only unread ones when `unread_only`; `limit + 1` rows.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_notifications(
        &self,
        scope: &Scope,
        user: UserId,
        unread_only: bool,
        before: Option<NotificationId>,
        limit: Limit,
    ) -> Result<Vec<StoredNotification>, StoreError>;

    /// Unread notifications of `user`, counted up to `cap`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_unread(&self, scope: &Scope, user: UserId, cap: u32) -> Result<u64, StoreError>;

    /// Marks one of `user`'s notifications read (keeps the first read time);
    /// `None` when `user` has no such notification in the workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn mark_read(
        &self,
        scope: &Scope,
        user: UserId,
        id: NotificationId,
        at: OffsetDateTime,
    ) -> Result<Option<StoredNotification>, StoreError>;

    /// Marks every unread notification of `user` read; how many changed.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn mark_all_read(&self, scope: &Scope, user: UserId, at: OffsetDateTime) -> Result<u64, StoreError>;

    /// The workspace's digest preferences (defaults when never saved).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError>;

    /// Saves the preferences and the audit entry in one transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn save_preferences(
        &self,
        scope: &Scope,
        prefs: &DigestPreferences,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
}

/// The outcome of claiming one digest delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// This run owns the delivery (the row is committed): send it.
    Claimed(Uuid),
    /// Another run (earlier, concurrent, another node) owns it: skip.
    AlreadyClaimed,
}

/// What the digest job reads and writes. The job runs as an operator: it
/// lists workspaces and members before a scope exists (the `_unscoped`
/// methods), then acts in a scope of each recipient.
#[async_trait::async_trait]
pub trait DigestStore: Send + Sync {
    /// Every workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn workspaces_unscoped(&self) -> Result<Vec<DigestWorkspace>, StoreError>;

    /// The active members of a workspace (not suspended, not banned).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn recipients_unscoped(&self, workspace: crm_kernel::WorkspaceId) -> Result<Vec<Recipient>, StoreError>;

    /// Open activities, open leads and open deals of the scope's user that
    /// may be overdue or stale at `now` (at most `cap` of each).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn candidates(&self, scope: &Scope, now: OffsetDateTime, cap: u64) -> Result<DigestCandidates, StoreError>;

    /// The workspace's digest preferences.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn digest_preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError>;

    /// Inserts and commits the delivery row of (workspace, scope's user,
    /// `date`); [`Claim::AlreadyClaimed`] when the unique key exists.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn claim_delivery(&self, scope: &Scope, date: Date, at: OffsetDateTime) -> Result<Claim, StoreError>;

    /// Records the outcome of a claimed delivery: sent, or the error.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn finish_delivery(
        &self,
        scope: &Scope,
        claim: Uuid,
        outcome: Result<OffsetDateTime, String>,
    ) -> Result<(), StoreError>;
}
