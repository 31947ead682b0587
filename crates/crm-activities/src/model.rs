//! Activity records, inputs, filters and timeline items.

use crm_kernel::{ActivityId, AuditRecord, CompanyId, ContactId, DealId, LeadId, Limit, Patch, UserId, WorkspaceId};
use time::OffsetDateTime;
use uuid::Uuid;

crm_kernel::text_enum!(ActivityKind { Task => "task", Call => "call", Meeting => "meeting", Email => "email", Note => "note" });
crm_kernel::text_enum!(Priority { Low => "low", Medium => "medium", High => "high" });

/// The records an activity can be linked to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Links {
    pub lead: Option<LeadId>,
    pub contact: Option<ContactId>,
    pub company: Option<CompanyId>,
    pub deal: Option<DealId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub id: ActivityId,
    pub workspace_id: WorkspaceId,
    pub kind: ActivityKind,
    pub subject: String,
    pub body: Option<String>,
    pub priority: Priority,
    pub due_at: Option<OffsetDateTime>,
    pub assignee_id: Option<UserId>,
    pub links: Links,
    pub completed_at: Option<OffsetDateTime>,
    /// The user or token that completed it (a user's or a token's id).
    pub completed_by: Option<Uuid>,
    /// The user or token that logged it.
    pub created_by: Uuid,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Activity {
    /// Past due and not completed.
    #[must_use]
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        self.completed_at.is_none() && self.due_at.is_some_and(|due| due < now)
    }
}

/// Raw input to log or edit an activity.
#[derive(Clone, Debug, Default)]
pub struct ActivityInput {
    pub kind: Option<String>,
    pub subject: Option<String>,
    pub body: Patch<String>,
    pub priority: Option<String>,
    pub due_at: Patch<OffsetDateTime>,
    pub assignee_id: Patch<UserId>,
    pub lead_id: Patch<LeadId>,
    pub contact_id: Patch<ContactId>,
    pub company_id: Patch<CompanyId>,
    pub deal_id: Patch<DealId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    Open,
    Completed,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub kind: Option<ActivityKind>,
    pub assignee: Option<UserId>,
    pub completion: Option<Completion>,
    /// Only past-due open activities.
    pub overdue: bool,
    pub links: Links,
}

/// A list request: newest first, up to `limit + 1` rows before `before`.
#[derive(Clone, Debug)]
pub struct ActivityQuery {
    pub filter: ActivityFilter,
    /// A keyset position: an activity's id, or on a timeline also an audit
    /// event's (both UUIDv7, one time order).
    pub before: Option<Uuid>,
    pub limit: Limit,
    pub now: OffsetDateTime,
}

/// One item of an entity's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineItem {
    Activity(Activity),
    Event(AuditRecord),
}

impl TimelineItem {
    /// Both ids are UUIDv7, so id order is time order across both kinds.
    #[must_use]
    pub fn id(&self) -> Uuid {
        match self {
            Self::Activity(a) => a.id.as_uuid(),
            Self::Event(e) => e.id.as_uuid(),
        }
    }
}
