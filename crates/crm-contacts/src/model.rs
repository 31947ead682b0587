//! Contact and company records, their inputs and list queries.

use crm_kernel::text::{Phone, Tags};
use crm_kernel::{CompanyId, ContactId, Email, Limit, ListSort, NameCursor, Patch, UserId, WorkspaceId};
use time::OffsetDateTime;

use crate::values::{CompanySize, CompanyStatus, Domain};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    pub id: CompanyId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub domain: Option<Domain>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size: Option<CompanySize>,
    pub status: CompanyStatus,
    pub owner_id: Option<UserId>,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub email: Option<Email>,
    pub other_emails: Vec<Email>,
    pub phone: Option<Phone>,
    pub job_title: Option<String>,
    pub company_id: Option<CompanyId>,
    pub owner_id: Option<UserId>,
    pub tags: Tags,
    pub address: Option<String>,
    pub notes: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A contact with its company's name, as views show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactWithCompany {
    pub contact: Contact,
    pub company: Option<(CompanyId, String)>,
}

/// Raw company input: creation sets every `Set`/`Keep`-free field, changes
/// use `Patch` semantics.
#[derive(Clone, Debug, Default)]
pub struct CompanyInput {
    pub name: Option<String>,
    pub domain: Patch<String>,
    pub website: Patch<String>,
    pub industry: Patch<String>,
    pub size: Patch<String>,
    pub status: Option<String>,
    pub owner_id: Patch<UserId>,
    pub address: Patch<String>,
    pub notes: Patch<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ContactInput {
    pub name: Option<String>,
    pub email: Patch<String>,
    pub other_emails: Option<Vec<String>>,
    pub phone: Patch<String>,
    pub job_title: Patch<String>,
    pub company_id: Patch<CompanyId>,
    pub owner_id: Patch<UserId>,
    pub tags: Option<Vec<String>>,
    pub address: Patch<String>,
    pub notes: Patch<String>,
}

/// Why a company may be a twin of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    Domain,
    Name,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PossibleDuplicate {
    pub company: Company,
    pub reason: DuplicateReason,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyFilter {
    pub q: Option<String>,
    pub industry: Option<String>,
    pub status: Option<CompanyStatus>,
    pub owner: Option<UserId>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactFilter {
    pub q: Option<String>,
    pub company: Option<CompanyId>,
    pub owner: Option<UserId>,
    pub tag: Option<String>,
}

/// A list request as the store sees it: up to `limit + 1` rows after the
/// cursor in `sort` order.
#[derive(Clone, Debug)]
pub struct ListQuery<F> {
    pub filter: F,
    pub sort: ListSort,
    pub after: Option<NameCursor>,
    pub limit: Limit,
}
