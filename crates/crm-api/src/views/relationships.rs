//! Contact, company, activity and timeline views and requests.

use crm_activities::{Activity, TimelineItem};
use crm_contacts::{Company, ContactWithCompany, DuplicateReason, PossibleDuplicate};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::AuditEventView;

use super::leads::double;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum CompanySizeName {
    #[serde(rename = "1-10")]
    Micro,
    #[serde(rename = "11-50")]
    Small,
    #[serde(rename = "51-200")]
    Medium,
    #[serde(rename = "201-500")]
    Large,
    #[serde(rename = "501-1000")]
    Larger,
    #[serde(rename = "1000+")]
    Enterprise,
}

impl CompanySizeName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Micro => "1-10",
            Self::Small => "11-50",
            Self::Medium => "51-200",
            Self::Large => "201-500",
            Self::Larger => "501-1000",
            Self::Enterprise => "1000+",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CompanyStatusName {
    Prospect,
    Active,
    Inactive,
}

impl CompanyStatusName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Prospect => "prospect",
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyView {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<&'static str>,
    #[schema(value_type = CompanyStatusName)]
    pub status: &'static str,
    pub owner_id: Option<Uuid>,
    pub address: Option<String>,
    pub notes: Option<String>,
    /// Present on the detail view.
    pub contact_count: Option<u64>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl CompanyView {
    #[must_use]
    pub fn new(c: &Company, contact_count: Option<u64>) -> Self {
        Self {
            id: c.id.as_uuid(),
            name: c.name.clone(),
            domain: c.domain.as_ref().map(|d| d.as_str().to_owned()),
            website: c.website.clone(),
            industry: c.industry.clone(),
            size: c.size.map(crm_contacts::CompanySize::as_str),
            status: c.status.as_str(),
            owner_id: c.owner_id.map(|u| u.as_uuid()),
            address: c.address.clone(),
            notes: c.notes.clone(),
            contact_count,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPage {
    pub data: Vec<CompanyView>,
    pub next_cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateReasonName {
    Domain,
    Name,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDuplicateView {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub reason: DuplicateReasonName,
}

impl From<&PossibleDuplicate> for CompanyDuplicateView {
    fn from(d: &PossibleDuplicate) -> Self {
        Self {
            id: d.company.id.as_uuid(),
            name: d.company.name.clone(),
            domain: d.company.domain.as_ref().map(|x| x.as_str().to_owned()),
            reason: match d.reason {
                DuplicateReason::Domain => DuplicateReasonName::Domain,
                DuplicateReason::Name => DuplicateReasonName::Name,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyDuplicateList {
    pub data: Vec<CompanyDuplicateView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    #[param(max_length = 200)]
    pub name: Option<String>,
    #[param(max_length = 500)]
    pub domain: Option<String>,
}

/// Create: `name` required. Update: every field optional, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Globex", "website": "https://globex.example", "industry": "Manufacturing", "size": "51-200", "status": "prospect"}))]
pub struct CreateCompanyRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: String,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 253, pattern = "@domain")]
    pub domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@line")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 100, pattern = "@line")]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<Option<CompanySizeName>>,
    pub status: Option<CompanyStatusName>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
    /// Create anyway when possible duplicates were reported.
    #[serde(default)]
    pub confirm_duplicate: bool,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Globex", "website": "https://globex.example", "industry": "Manufacturing", "size": "51-200", "status": "prospect"}))]
pub struct UpdateCompanyRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 253, pattern = "@domain")]
    pub domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@line")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 100, pattern = "@line")]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<Option<CompanySizeName>>,
    pub status: Option<CompanyStatusName>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

impl From<CreateCompanyRequest> for UpdateCompanyRequest {
    fn from(c: CreateCompanyRequest) -> Self {
        Self {
            name: Some(c.name),
            domain: c.domain,
            website: c.website,
            industry: c.industry,
            size: c.size,
            status: c.status,
            owner_id: c.owner_id,
            address: c.address,
            notes: c.notes,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct CompanyListQuery {
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(max_length = 100)]
    pub industry: Option<String>,
    pub status: Option<CompanyStatusName>,
    pub owner_id: Option<Uuid>,
    /// `createdAt`, `name`, `-` for descending (default `-createdAt`).
    #[param(pattern = "^-?(createdAt|name)$")]
    pub sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}[ad](n([0-9a-f]{2})*)?$")]
    pub cursor: Option<String>,
}

/// An email address.
pub struct EmailText;

impl utoipa::PartialSchema for EmailText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Email)))
            .max_length(Some(254))
            .into()
    }
}

impl ToSchema for EmailText {}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyRef {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub other_emails: Vec<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub company: Option<CompanyRef>,
    pub owner_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<&ContactWithCompany> for ContactView {
    fn from(cw: &ContactWithCompany) -> Self {
        let c = &cw.contact;
        Self {
            id: c.id.as_uuid(),
            name: c.name.clone(),
            email: c.email.as_ref().map(|e| e.as_str().to_owned()),
            other_emails: c.other_emails.iter().map(|e| e.as_str().to_owned()).collect(),
            phone: c.phone.as_ref().map(|p| p.as_str().to_owned()),
            job_title: c.job_title.clone(),
            company: cw.company.as_ref().map(|(id, name)| CompanyRef { id: id.as_uuid(), name: name.clone() }),
            owner_id: c.owner_id.map(|u| u.as_uuid()),
            tags: c.tags.as_slice().to_vec(),
            address: c.address.clone(),
            notes: c.notes.clone(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    pub data: Vec<ContactView>,
    pub next_cursor: Option<String>,
}

/// Create: `name` required. Update: every field optional, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Grace Hopper", "email": "grace@globex.example", "jobTitle": "CTO"}))]
pub struct CreateContactRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: String,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[schema(max_items = 10, inline, value_type = Option<Vec<EmailText>>)]
    pub other_emails: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 30, pattern = "@phone")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = "@line")]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<super::TagText>>)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Grace Hopper", "email": "grace@globex.example", "jobTitle": "CTO"}))]
pub struct UpdateContactRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[schema(max_items = 10, inline, value_type = Option<Vec<EmailText>>)]
    pub other_emails: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 30, pattern = "@phone")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = "@line")]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<super::TagText>>)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

impl From<CreateContactRequest> for UpdateContactRequest {
    fn from(c: CreateContactRequest) -> Self {
        Self {
            name: Some(c.name),
            email: c.email,
            other_emails: c.other_emails,
            phone: c.phone,
            job_title: c.job_title,
            company_id: c.company_id,
            owner_id: c.owner_id,
            tags: c.tags,
            address: c.address,
            notes: c.notes,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ContactListQuery {
    /// Matches name, emails and the company's name.
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub company_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    #[param(max_length = 40)]
    pub tag: Option<String>,
    #[param(pattern = "^-?(createdAt|name)$")]
    pub sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}[ad](n([0-9a-f]{2})*)?$")]
    pub cursor: Option<String>,
}

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
    #[serde(rename = "type")]
    pub kind: ActivityType,
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub subject: String,
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
            kind: Some(c.kind),
            subject: Some(c.subject),
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

fn double_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<OffsetDateTime>>, D::Error> {
    time::serde::rfc3339::option::deserialize(d).map(Some)
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

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    Activity,
    Event,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItemView {
    pub kind: TimelineKind,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub activity: Option<ActivityView>,
    pub event: Option<AuditEventView>,
}

impl TimelineItemView {
    #[must_use]
    pub fn new(item: &TimelineItem, now: OffsetDateTime) -> Self {
        match item {
            TimelineItem::Activity(a) => Self {
                kind: TimelineKind::Activity,
                at: a.created_at,
                activity: Some(ActivityView::new(a, now)),
                event: None,
            },
            TimelineItem::Event(e) => {
                Self { kind: TimelineKind::Event, at: e.at, activity: None, event: Some(AuditEventView::from(e)) }
            }
        }
    }
}

/// Activities and audit events of one record, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelinePage {
    pub data: Vec<TimelineItemView>,
    pub next_cursor: Option<String>,
}
