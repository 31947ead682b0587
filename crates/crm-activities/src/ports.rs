//! Storage port of activities. Writes append their audit entry and any
//! notification in the same transaction.

use crm_kernel::{
    ActivityId, AuditEntry, CompanyId, ContactId, DealId, LeadId, Notification, RecordId, Resource, Scope, StoreError,
    UserId,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{Activity, ActivityQuery, Links};

/// A record an activity can link to (and whose timeline it shows on), by
/// its typed id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Lead(LeadId),
    Contact(ContactId),
    Company(CompanyId),
    Deal(DealId),
}

impl Link {
    /// The kind of record linked, for "not found" outcomes.
    #[must_use]
    pub const fn resource(self) -> Resource {
        match self {
            Self::Lead(_) => Resource::Lead,
            Self::Contact(_) => Resource::Contact,
            Self::Company(_) => Resource::Company,
            Self::Deal(_) => Resource::Deal,
        }
    }

    /// `lead`, `contact`, ...: as audit entries name it.
    #[must_use]
    pub const fn entity_type(self) -> &'static str {
        match self {
            Self::Lead(_) => LeadId::ENTITY,
            Self::Contact(_) => ContactId::ENTITY,
            Self::Company(_) => CompanyId::ENTITY,
            Self::Deal(_) => DealId::ENTITY,
        }
    }

    #[must_use]
    pub const fn as_uuid(self) -> Uuid {
        match self {
            Self::Lead(id) => id.as_uuid(),
            Self::Contact(id) => id.as_uuid(),
            Self::Company(id) => id.as_uuid(),
            Self::Deal(id) => id.as_uuid(),
        }
    }

    /// The filter for activities linked to this record.
    #[must_use]
    pub fn links(self) -> Links {
        match self {
            Self::Lead(id) => Links { lead: Some(id), ..Links::default() },
            Self::Contact(id) => Links { contact: Some(id), ..Links::default() },
            Self::Company(id) => Links { company: Some(id), ..Links::default() },
            Self::Deal(id) => Links { deal: Some(id), ..Links::default() },
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
        worked_lead: Option<LeadId>,
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
        worked_lead: Option<LeadId>,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_activity(&self, scope: &Scope, id: ActivityId) -> Result<Option<Activity>, StoreError>;

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
    async fn link_exists(&self, scope: &Scope, link: Link) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError>;
}
