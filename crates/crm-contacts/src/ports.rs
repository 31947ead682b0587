//! Storage port of contacts and companies. Writes append their audit entry
//! in the same transaction.

use crm_kernel::{AuditEntry, CompanyId, ContactId, Email, Scope, StoreError, UserId};
use time::OffsetDateTime;

use crate::model::{Company, CompanyFilter, Contact, ContactFilter, ContactWithCompany, ListQuery};
use crate::values::Domain;

/// Outcome of a contact write.
#[derive(Debug, PartialEq, Eq)]
pub enum ContactWrite {
    Done,
    /// Another contact of the workspace has this email.
    EmailTaken(ContactId),
    /// The row changed since it was read (updates only).
    Stale,
}

#[async_trait::async_trait]
pub trait ContactStore: Send + Sync {
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_company(&self, scope: &Scope, company: &Company, audit: &AuditEntry) -> Result<(), StoreError>;

    /// Writes only if `updated_at` is still `expected`; false otherwise.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_company(
        &self,
        scope: &Scope,
        company: &Company,
        expected: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_company(&self, scope: &Scope, id: CompanyId) -> Result<Option<Company>, StoreError>;

    /// Companies whose domain equals `domain` or whose name key equals `name_key`.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_company_twins(
        &self,
        scope: &Scope,
        name_key: &str,
        domain: Option<&Domain>,
    ) -> Result<Vec<Company>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_companies(&self, scope: &Scope, query: &ListQuery<CompanyFilter>)
    -> Result<Vec<Company>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_company_contacts(&self, scope: &Scope, company: CompanyId) -> Result<u64, StoreError>;

    /// `EmailTaken` when the email belongs to another contact.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_contact(
        &self,
        scope: &Scope,
        contact: &Contact,
        audit: &AuditEntry,
    ) -> Result<ContactWrite, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_contact(
        &self,
        scope: &Scope,
        contact: &Contact,
        expected: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<ContactWrite, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_contact(&self, scope: &Scope, id: ContactId) -> Result<Option<ContactWithCompany>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_contact_by_email(&self, scope: &Scope, email: &Email) -> Result<Option<Contact>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_contacts(
        &self,
        scope: &Scope,
        query: &ListQuery<ContactFilter>,
    ) -> Result<Vec<ContactWithCompany>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError>;
}
