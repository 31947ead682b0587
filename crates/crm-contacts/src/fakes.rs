//! An in-memory fake of the contacts port, for unit tests of the rules.
//!
//! Rows are keyed by the workspace of the scope that wrote them, and every
//! read sees only the scope's workspace: another workspace's contacts and
//! companies are invisible, as in the SQL adapter.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{AuditEntry, CompanyId, ContactId, Email, ListSort, NameCursor, Scope, SortBy, StoreError, UserId};
use crm_kernel::{WorkspaceId, text::Tags};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{Company, CompanyFilter, Contact, ContactFilter, ContactWithCompany, ListQuery};
use crate::ports::{ContactStore, ContactWrite};
use crate::values::{Domain, name_key};

#[derive(Default)]
struct State {
    companies: Vec<(WorkspaceId, Company)>,
    contacts: Vec<(WorkspaceId, Contact)>,
    members: Vec<(WorkspaceId, UserId)>,
    audit: Vec<AuditEntry>,
}

impl State {
    fn companies(&self, scope: &Scope) -> impl Iterator<Item = &Company> {
        let ws = scope.workspace();
        self.companies.iter().filter(move |(w, _)| *w == ws).map(|(_, c)| c)
    }

    fn contacts(&self, scope: &Scope) -> impl Iterator<Item = &Contact> {
        let ws = scope.workspace();
        self.contacts.iter().filter(move |(w, _)| *w == ws).map(|(_, c)| c)
    }

    fn with_company(&self, scope: &Scope, contact: &Contact) -> ContactWithCompany {
        let company = contact
            .company_id
            .and_then(|id| self.companies(scope).find(|c| c.id == id))
            .map(|c| (c.id, c.name.clone()));
        ContactWithCompany { contact: contact.clone(), company }
    }

    /// Another contact of the scope's workspace holding `contact`'s email.
    fn email_holder(&self, scope: &Scope, contact: &Contact) -> Option<ContactId> {
        let email = contact.email.as_ref()?;
        self.contacts(scope).find(|c| c.id != contact.id && c.email.as_ref() == Some(email)).map(|c| c.id)
    }
}

/// Contacts and companies of any number of workspaces, in memory.
#[derive(Default)]
pub struct InMemoryContacts {
    state: Mutex<State>,
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl InMemoryContacts {
    /// Makes `user` a member of `workspace` (owners must be members).
    pub fn add_member(&self, workspace: WorkspaceId, user: UserId) {
        lock(&self.state).members.push((workspace, user));
    }

    /// Every audit entry written, in order.
    #[must_use]
    pub fn audit(&self) -> Vec<AuditEntry> {
        lock(&self.state).audit.clone()
    }
}

/// Sorts `rows` by `sort` and keeps those after `after`, plus one extra row
/// to tell whether another page exists.
fn keyset<T>(
    mut rows: Vec<T>,
    sort: ListSort,
    after: Option<&NameCursor>,
    limit: crm_kernel::Limit,
    key: impl Fn(&T) -> (String, Uuid),
) -> Vec<T> {
    let ordered = |row: &T| {
        let (name, id) = key(row);
        if sort.by == SortBy::Name { (name, id) } else { (String::new(), id) }
    };
    rows.sort_by_key(&ordered);
    if sort.descending {
        rows.reverse();
    }
    if let Some(cursor) = after {
        let at = (
            if sort.by == SortBy::Name { cursor.name_key.clone().unwrap_or_default() } else { String::new() },
            cursor.id,
        );
        rows.retain(|row| if sort.descending { ordered(row) < at } else { ordered(row) > at });
    }
    rows.truncate(usize::from(limit.get()) + 1);
    rows
}

fn company_matches(f: &CompanyFilter, c: &Company) -> bool {
    f.q.as_deref()
        .is_none_or(|q| c.name.to_lowercase().contains(q) || c.domain.as_ref().is_some_and(|d| d.as_str().contains(q)))
        && f.industry.as_ref().is_none_or(|i| c.industry.as_ref() == Some(i))
        && f.status.is_none_or(|s| c.status == s)
        && f.owner.is_none_or(|o| c.owner_id == Some(o))
}

fn contact_matches(f: &ContactFilter, c: &Contact) -> bool {
    let tags: &Tags = &c.tags;
    f.q.as_deref()
        .is_none_or(|q| c.name.to_lowercase().contains(q) || c.email.as_ref().is_some_and(|e| e.as_str().contains(q)))
        && f.company.is_none_or(|id| c.company_id == Some(id))
        && f.owner.is_none_or(|o| c.owner_id == Some(o))
        && f.tag.as_deref().is_none_or(|t| tags.as_slice().iter().any(|x| x.as_str() == t))
}

#[async_trait::async_trait]
impl ContactStore for InMemoryContacts {
    async fn insert_company(&self, scope: &Scope, company: &Company, audit: &AuditEntry) -> Result<(), StoreError> {
        let mut s = lock(&self.state);
        s.companies.push((scope.workspace(), company.clone()));
        s.audit.push(audit.clone());
        Ok(())
    }

    async fn update_company(
        &self,
        scope: &Scope,
        company: &Company,
        expected: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut s = lock(&self.state);
        let ws = scope.workspace();
        let Some((_, row)) =
            s.companies.iter_mut().find(|(w, c)| *w == ws && c.id == company.id && c.updated_at == expected)
        else {
            return Ok(false);
        };
        *row = company.clone();
        s.audit.push(audit.clone());
        Ok(true)
    }

    async fn find_company(&self, scope: &Scope, id: CompanyId) -> Result<Option<Company>, StoreError> {
        Ok(lock(&self.state).companies(scope).find(|c| c.id == id).cloned())
    }

    async fn find_company_twins(
        &self,
        scope: &Scope,
        key: &str,
        domain: Option<&Domain>,
    ) -> Result<Vec<Company>, StoreError> {
        Ok(lock(&self.state)
            .companies(scope)
            .filter(|c| {
                (!key.is_empty() && name_key(&c.name) == key) || (domain.is_some() && c.domain.as_ref() == domain)
            })
            .cloned()
            .collect())
    }

    async fn list_companies(
        &self,
        scope: &Scope,
        query: &ListQuery<CompanyFilter>,
    ) -> Result<Vec<Company>, StoreError> {
        let rows: Vec<Company> =
            lock(&self.state).companies(scope).filter(|c| company_matches(&query.filter, c)).cloned().collect();
        Ok(keyset(rows, query.sort, query.after.as_ref(), query.limit, |c| (c.name.to_lowercase(), c.id.as_uuid())))
    }

    async fn count_company_contacts(&self, scope: &Scope, company: CompanyId) -> Result<u64, StoreError> {
        Ok(lock(&self.state).contacts(scope).filter(|c| c.company_id == Some(company)).count() as u64)
    }

    async fn insert_contact(
        &self,
        scope: &Scope,
        contact: &Contact,
        audit: &AuditEntry,
    ) -> Result<ContactWrite, StoreError> {
        let mut s = lock(&self.state);
        if let Some(holder) = s.email_holder(scope, contact) {
            return Ok(ContactWrite::EmailTaken(holder));
        }
        s.contacts.push((scope.workspace(), contact.clone()));
        s.audit.push(audit.clone());
        Ok(ContactWrite::Done)
    }

    async fn update_contact(
        &self,
        scope: &Scope,
        contact: &Contact,
        expected: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<ContactWrite, StoreError> {
        let mut s = lock(&self.state);
        if let Some(holder) = s.email_holder(scope, contact) {
            return Ok(ContactWrite::EmailTaken(holder));
        }
        let ws = scope.workspace();
        let Some((_, row)) =
            s.contacts.iter_mut().find(|(w, c)| *w == ws && c.id == contact.id && c.updated_at == expected)
        else {
            return Ok(ContactWrite::Stale);
        };
        *row = contact.clone();
        s.audit.push(audit.clone());
        Ok(ContactWrite::Done)
    }

    async fn find_contact(&self, scope: &Scope, id: ContactId) -> Result<Option<ContactWithCompany>, StoreError> {
        let s = lock(&self.state);
        Ok(s.contacts(scope).find(|c| c.id == id).map(|c| s.with_company(scope, c)))
    }

    async fn find_contact_by_email(&self, scope: &Scope, email: &Email) -> Result<Option<Contact>, StoreError> {
        Ok(lock(&self.state).contacts(scope).find(|c| c.email.as_ref() == Some(email)).cloned())
    }

    async fn list_contacts(
        &self,
        scope: &Scope,
        query: &ListQuery<ContactFilter>,
    ) -> Result<Vec<ContactWithCompany>, StoreError> {
        let s = lock(&self.state);
        let rows: Vec<ContactWithCompany> =
            s.contacts(scope).filter(|c| contact_matches(&query.filter, c)).map(|c| s.with_company(scope, c)).collect();
        Ok(keyset(rows, query.sort, query.after.as_ref(), query.limit, |c| {
            (c.contact.name.to_lowercase(), c.contact.id.as_uuid())
        }))
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        Ok(lock(&self.state).members.contains(&(scope.workspace(), user)))
    }
}
