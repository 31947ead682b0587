//! Lead records and the inputs that create or change them.

pub use crm_kernel::Patch;
use crm_kernel::{CompanyId, ContactId, DealId, Email, LeadId, UserId, WorkspaceId};
use time::{Date, OffsetDateTime};

use crate::values::{LeadName, LeadStatus, Phone, SourceSlug, Tags};

/// A lead as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    pub id: LeadId,
    pub workspace_id: WorkspaceId,
    pub name: LeadName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub company: Option<String>,
    pub source: SourceSlug,
    pub status: LeadStatus,
    pub assignee_id: Option<UserId>,
    pub next_action_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub notes: Option<String>,
    pub tags: Tags,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// The last time anyone worked the lead (edits now; activities later).
    pub last_activity_at: OffsetDateTime,
    pub converted_at: Option<OffsetDateTime>,
    /// What the conversion created or linked.
    pub converted_to: Option<ConvertedTo>,
}

/// The records a converted lead became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConvertedTo {
    pub contact_id: ContactId,
    pub company_id: Option<CompanyId>,
    pub deal_id: DealId,
}

impl Lead {
    /// Lower-cased name, email and company: what `q` searches.
    #[must_use]
    pub fn search_text(&self) -> String {
        let mut text = self.name.as_str().to_lowercase();
        for part in [self.email.as_ref().map(Email::as_str), self.company.as_deref()].into_iter().flatten() {
            text.push(' ');
            text.push_str(&part.to_lowercase());
        }
        text
    }
}

/// Raw input to create a lead; the service parses it.
#[derive(Clone, Debug, Default)]
pub struct NewLead {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub status: Option<String>,
    pub assignee_id: Option<UserId>,
    pub next_action_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub notes: Option<String>,
    pub tags: Option<Vec<String>>,
}

/// Raw input to change a lead.
#[derive(Clone, Debug, Default)]
pub struct LeadChanges {
    pub name: Option<String>,
    pub email: Patch<String>,
    pub phone: Patch<String>,
    pub company: Patch<String>,
    pub source: Option<String>,
    pub status: Option<String>,
    pub assignee_id: Patch<UserId>,
    pub next_action_date: Patch<Date>,
    pub next_action_text: Patch<String>,
    pub notes: Patch<String>,
    pub tags: Option<Vec<String>>,
}

/// A workspace's custom lead source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomSource {
    pub slug: SourceSlug,
    pub label: String,
    pub archived_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// A source as offered to users: built-in or custom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceOption {
    pub slug: SourceSlug,
    pub label: String,
    pub built_in: bool,
    pub archived: bool,
}

/// A lead with what is derived from it at read time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadSnapshot {
    pub lead: Lead,
    pub score: crate::score::Score,
    pub stale: bool,
    pub overdue: bool,
}
