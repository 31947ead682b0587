//! Activities and tasks.

use crm_activities::{Activity, ActivityInput};
use crm_kernel::{CompanyId, ContactId, DealId, LeadId, Patch};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::{double, double_time};

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ActivityType {
    Task,
    Call,
    Meeting,
    Email,
    Note,
}

impl ActivityType {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Task => "task",
            Self::Call => "call",
            Self::Meeting => "meeting",
            Self::Email => "email",
            Self::Note => "note",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PriorityName {
    Low,
    Medium,
    High,
}

impl PriorityName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityView {
    pub id: Uuid,
    #[serde(rename = "type")]
    #[schema(value_type = ActivityType)]
    pub kind: &'static str,
    pub subject: String,
    pub body: Option<String>,
    #[schema(value_type = PriorityName)]
    pub priority: &'static str,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub due_at: Option<OffsetDateTime>,
    pub assignee_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    pub completed_by: Option<Uuid>,
    /// Past due and not completed.
    pub overdue: bool,
    pub created_by: Uuid,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl ActivityView {
    #[must_use]
    pub fn new(a: &Activity, now: OffsetDateTime) -> Self {
        Self {
            id: a.id.as_uuid(),
            kind: a.kind.as_str(),
            subject: a.subject.clone(),
            body: a.body.clone(),
            priority: a.priority.as_str(),
            due_at: a.due_at,
            assignee_id: a.assignee_id.map(|u| u.as_uuid()),
            lead_id: a.links.lead.map(Into::into),
            contact_id: a.links.contact.map(Into::into),
            company_id: a.links.company.map(Into::into),
            deal_id: a.links.deal.map(Into::into),
            completed_at: a.completed_at,
            completed_by: a.completed_by,
            overdue: a.is_overdue(now),
            created_by: a.created_by,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityPage {
    pub data: Vec<ActivityView>,
    pub next_cursor: Option<String>,
}

/// Create: `type` and `subject` required. Update: every field optional,
/// `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"type": "call", "subject": "Discovery call", "priority": "high", "dueAt": "2026-12-01T10:00:00Z"}))]
pub struct CreateActivityRequest {
    // Required by the contract; optional in Rust so that a missing one is a
    // 422 naming the field (from the domain), like every other field rule.
    #[serde(rename = "type")]
    #[schema(required = true, value_type = ActivityType)]
    pub kind: Option<ActivityType>,
    #[schema(required = true, value_type = String, min_length = 1, max_length = 200, pattern = "@name")]
    pub subject: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub body: Option<Option<String>>,
    pub priority: Option<PriorityName>,
    #[serde(default, deserialize_with = "double_time")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Option<OffsetDateTime>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub lead_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub contact_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub deal_id: Option<Option<Uuid>>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"type": "call", "subject": "Discovery call", "priority": "high", "dueAt": "2026-12-01T10:00:00Z"}))]
pub struct UpdateActivityRequest {
    #[serde(rename = "type")]
    pub kind: Option<ActivityType>,
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub subject: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub body: Option<Option<String>>,
    pub priority: Option<PriorityName>,
    #[serde(default, deserialize_with = "double_time")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub due_at: Option<Option<OffsetDateTime>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub lead_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub contact_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub deal_id: Option<Option<Uuid>>,
}

impl From<CreateActivityRequest> for UpdateActivityRequest {
    fn from(c: CreateActivityRequest) -> Self {
        Self {
            kind: c.kind,
            subject: c.subject,
            body: c.body,
            priority: c.priority,
            due_at: c.due_at,
            assignee_id: c.assignee_id,
            lead_id: c.lead_id,
            contact_id: c.contact_id,
            company_id: c.company_id,
            deal_id: c.deal_id,
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CompletionName {
    Open,
    Completed,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ActivityListQuery {
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<ActivityType>,
    pub assignee_id: Option<Uuid>,
    /// Only activities assigned to the caller.
    pub mine: Option<bool>,
    /// Only past-due open activities.
    pub overdue: Option<bool>,
    #[param(inline)]
    pub status: Option<CompletionName>,
    pub lead_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

impl From<UpdateActivityRequest> for ActivityInput {
    fn from(b: UpdateActivityRequest) -> Self {
        Self {
            kind: b.kind.map(|k| k.as_str().to_owned()),
            subject: b.subject,
            body: Patch::from_double(b.body),
            priority: b.priority.map(|p| p.as_str().to_owned()),
            due_at: Patch::from_double(b.due_at),
            assignee_id: Patch::from_double(b.assignee_id.map(|a| a.map(Into::into))),
            lead_id: Patch::from_double(b.lead_id).map(LeadId::from_uuid),
            contact_id: Patch::from_double(b.contact_id).map(ContactId::from_uuid),
            company_id: Patch::from_double(b.company_id).map(CompanyId::from_uuid),
            deal_id: Patch::from_double(b.deal_id).map(DealId::from_uuid),
        }
    }
}

impl From<CreateActivityRequest> for ActivityInput {
    fn from(c: CreateActivityRequest) -> Self {
        UpdateActivityRequest::from(c).into()
    }
}
