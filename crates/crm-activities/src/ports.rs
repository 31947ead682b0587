//! Storage port of activities. Writes append their audit entry and any
//! notification in the same transaction.

use crm_kernel::{AuditEntry, Notification, Scope, StoreError, UserId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{Activity, ActivityQuery};

/// What an activity can link to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Lead,
    Contact,
    Company,
    Deal,
}

impl LinkKind {
    #[must_use]
    pub const fn entity_type(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Contact => "contact",
            Self::Company => "company",
            Self::Deal => "deal",
        }
    }
}

#[async_trait::async_trait]
pub trait ActivityStore: Send + Sync {
    /// `worked_lead`: the lead this write counts as work on; its last
    /// activity (and update time, which staleness reads) move forward to the
    /// activity's `updated_at` in the same transaction, never back.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_activity(
        &self,
        scope: &Scope,
        activity: &Activity,
        worked_lead: Option<Uuid>,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<(), StoreError>;

    /// Writes only if `updated_at` is still `expected`; false otherwise.
    /// `worked_lead` as for [`Self::insert_activity`].
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_activity(
        &self,
        scope: &Scope,
        activity: &Activity,
        expected: OffsetDateTime,
        worked_lead: Option<Uuid>,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_activity(&self, scope: &Scope, id: Uuid) -> Result<Option<Activity>, StoreError>;

    /// Newest first, `limit + 1` rows.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_activities(&self, scope: &Scope, query: &ActivityQuery) -> Result<Vec<Activity>, StoreError>;

    /// Open and overdue (open, due before `now`) activities assigned to `user`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_assigned(&self, scope: &Scope, user: UserId, now: OffsetDateTime) -> Result<(u64, u64), StoreError>;

    /// Whether the linked record exists in the scope's workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn link_exists(&self, scope: &Scope, kind: LinkKind, id: Uuid) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError>;
}
