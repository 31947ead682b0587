//! Leads: views, requests and list filters.

use crm_leads::{LeadChanges, LeadSnapshot, NewLead, Patch};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::{TagText, double};
use super::conversion::ConvertedToView;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LeadStatusName {
    New,
    Contacted,
    Qualified,
    Unqualified,
    Converted,
}

impl LeadStatusName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Contacted => "contacted",
            Self::Qualified => "qualified",
            Self::Unqualified => "unqualified",
            Self::Converted => "converted",
        }
    }
}

impl From<crm_leads::LeadStatus> for LeadStatusName {
    fn from(s: crm_leads::LeadStatus) -> Self {
        use crm_leads::LeadStatus as S;
        match s {
            S::New => Self::New,
            S::Contacted => Self::Contacted,
            S::Qualified => Self::Qualified,
            S::Unqualified => Self::Unqualified,
            S::Converted => Self::Converted,
        }
    }
}

/// A status a user may set (`converted` is reached only by conversion).
#[derive(Clone, Copy, Debug, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SettableLeadStatus {
    New,
    Contacted,
    Qualified,
    Unqualified,
}

impl SettableLeadStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Contacted => "contacted",
            Self::Qualified => "qualified",
            Self::Unqualified => "unqualified",
        }
    }
}

/// One line of "why this score".
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreItemView {
    pub reason: String,
    pub points: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreView {
    #[schema(minimum = 0, maximum = 100)]
    pub value: u8,
    pub items: Vec<ScoreItemView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadView {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    /// A built-in or custom source slug.
    pub source: String,
    pub status: LeadStatusName,
    pub assignee_id: Option<Uuid>,
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub score: ScoreView,
    /// Open, and the next action is overdue or nothing changed for 7 days.
    pub stale: bool,
    /// The next action date is in the past.
    pub overdue: bool,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub last_activity_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub converted_at: Option<OffsetDateTime>,
    /// What the conversion created or linked.
    pub converted_to: Option<ConvertedToView>,
}

impl From<&LeadSnapshot> for LeadView {
    fn from(s: &LeadSnapshot) -> Self {
        let l = &s.lead;
        Self {
            id: l.id.as_uuid(),
            name: l.name.as_str().to_owned(),
            email: l.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: l.phone.as_ref().map(|p| p.as_str().to_owned()),
            company: l.company.clone(),
            source: l.source.as_str().to_owned(),
            status: l.status.into(),
            assignee_id: l.assignee_id.map(|u| u.as_uuid()),
            next_action_date: l.next_action_date,
            next_action_text: l.next_action_text.clone(),
            notes: l.notes.clone(),
            tags: l.tags.as_slice().to_vec(),
            score: ScoreView {
                value: s.score.value,
                items: s
                    .score
                    .items
                    .iter()
                    .map(|i| ScoreItemView { reason: i.reason.clone(), points: i.points })
                    .collect(),
            },
            stale: s.stale,
            overdue: s.overdue,
            created_at: l.created_at,
            updated_at: l.updated_at,
            last_activity_at: l.last_activity_at,
            converted_at: l.converted_at,
            converted_to: l.converted_to.map(|c| ConvertedToView {
                contact_id: c.contact_id.as_uuid(),
                company_id: c.company_id.map(|id| id.as_uuid()),
                deal_id: c.deal_id.as_uuid(),
            }),
        }
    }
}

/// One keyset page of leads; pass `nextCursor` as `cursor` (with the same sort).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadPage {
    pub data: Vec<LeadView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Ada Lovelace", "email": "ada@example.com", "company": "Analytical Engines", "source": "referral", "tags": ["vip"]}))]
pub struct CreateLeadRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: String,
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 30, pattern = "@phone")]
    pub phone: Option<String>,
    #[schema(max_length = 200, pattern = "@line")]
    pub company: Option<String>,
    /// Built-in or active custom source slug; `other` when omitted.
    #[schema(pattern = "@slug")]
    pub source: Option<String>,
    /// `new` when omitted.
    pub status: Option<SettableLeadStatus>,
    pub assignee_id: Option<Uuid>,
    /// Required when `status` is `qualified`.
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Date>,
    #[schema(max_length = 500, pattern = "@text")]
    pub next_action_text: Option<String>,
    #[schema(max_length = 10000, pattern = "@text")]
    pub notes: Option<String>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<TagText>>)]
    pub tags: Option<Vec<String>>,
}

/// Every field optional; `null` clears a nullable field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"status": "qualified", "nextActionDate": "2026-12-01", "nextActionText": "Send proposal"}))]
pub struct UpdateLeadRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 30, pattern = "@phone")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = "@line")]
    pub company: Option<Option<String>>,
    #[schema(pattern = "@slug")]
    pub source: Option<String>,
    /// Moves must follow the status flow.
    pub status: Option<SettableLeadStatus>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub assignee_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Option<Date>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub next_action_text: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<TagText>>)]
    pub tags: Option<Vec<String>>,
}

/// `?q=&status=&source=&assigneeId=&stale=&sort=&limit=&cursor=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct LeadListQuery {
    /// Case-insensitive substring of name, email or company.
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub status: Option<LeadStatusName>,
    #[param(pattern = "@slug")]
    pub source: Option<String>,
    pub assignee_id: Option<Uuid>,
    /// `true`: only stale leads; `false`: only fresh ones.
    pub stale: Option<bool>,
    /// `createdAt`, `updatedAt`, `name` or `nextActionDate`, `-` for descending (default `-createdAt`).
    #[param(pattern = "^-?(createdAt|updatedAt|name|nextActionDate)$")]
    pub sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[A-Za-z0-9_-]{1,400}$")]
    pub cursor: Option<String>,
}

impl From<CreateLeadRequest> for NewLead {
    fn from(b: CreateLeadRequest) -> Self {
        Self {
            name: b.name,
            email: b.email,
            phone: b.phone,
            company: b.company,
            source: b.source,
            status: b.status.map(|s| s.as_str().to_owned()),
            assignee_id: b.assignee_id.map(Into::into),
            next_action_date: b.next_action_date,
            next_action_text: b.next_action_text,
            notes: b.notes,
            tags: b.tags,
        }
    }
}

impl From<UpdateLeadRequest> for LeadChanges {
    fn from(b: UpdateLeadRequest) -> Self {
        Self {
            name: b.name,
            email: Patch::from_double(b.email),
            phone: Patch::from_double(b.phone),
            company: Patch::from_double(b.company),
            source: b.source,
            status: b.status.map(|s| s.as_str().to_owned()),
            assignee_id: Patch::from_double(b.assignee_id.map(|a| a.map(Into::into))),
            next_action_date: Patch::from_double(b.next_action_date),
            next_action_text: Patch::from_double(b.next_action_text),
            notes: Patch::from_double(b.notes),
            tags: b.tags,
        }
    }
}
