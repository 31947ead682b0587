//! Contact and company use cases, with their permission checks.

use std::sync::Arc;

use crm_kernel::text::{Phone, Tags, bounded, multiline};
use crm_kernel::{
    AuditEntry, Clock, CompanyId, ContactId, Email, FieldError, Limit, ListSort, NameCursor, Patch, Resource, Scope,
    SortBy, UserId,
};
use uuid::Uuid;

use crate::error::ContactError;
use crate::model::{
    Company, CompanyFilter, CompanyInput, Contact, ContactFilter, ContactInput, ContactWithCompany, DuplicateReason,
    ListQuery, PossibleDuplicate,
};
use crate::ports::{ContactStore, ContactWrite};
use crate::values::{CompanySize, CompanyStatus, Domain, name_key};

fn require_read(scope: &Scope) -> Result<(), ContactError> {
    scope.role().map(|_| ()).ok_or(ContactError::Forbidden("contacts and companies are for workspace members"))
}

fn require_write(scope: &Scope) -> Result<(), ContactError> {
    match scope.role() {
        Some(role) if role.can_write_crm() => Ok(()),
        _ => Err(ContactError::Forbidden("viewers cannot change contacts or companies")),
    }
}

/// Applies a nullable text patch through `parse`, collecting errors.
fn text_patch<T>(
    errors: &mut Vec<FieldError>,
    target: &mut Option<T>,
    patch: &Patch<String>,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) {
    match patch {
        Patch::Keep => {}
        Patch::Clear => *target = None,
        Patch::Set(raw) if raw.trim().is_empty() => *target = None,
        Patch::Set(raw) => match parse(raw) {
            Ok(v) => *target = Some(v),
            Err(e) => errors.push(e),
        },
    }
}

fn finish(errors: Vec<FieldError>) -> Result<(), ContactError> {
    if errors.is_empty() { Ok(()) } else { Err(ContactError::Invalid(errors)) }
}

pub struct ContactService {
    store: Arc<dyn ContactStore>,
    clock: Arc<dyn Clock>,
}

impl ContactService {
    #[must_use]
    pub fn new(store: Arc<dyn ContactStore>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    async fn check_owner(&self, scope: &Scope, owner: Option<UserId>) -> Result<(), ContactError> {
        match owner {
            Some(user) if !self.store.is_member(scope, user).await? => Err(ContactError::OwnerNotFound),
            _ => Ok(()),
        }
    }

    fn apply_company(&self, company: &mut Company, input: &CompanyInput) -> Result<(), ContactError> {
        let mut errors = Vec::new();
        if let Some(name) = &input.name {
            match bounded("name", name, 200) {
                Ok(n) => company.name = n,
                Err(e) => errors.push(e),
            }
        }
        text_patch(&mut errors, &mut company.domain, &input.domain, |r| Domain::parse("domain", r));
        text_patch(&mut errors, &mut company.website, &input.website, |r| bounded("website", r, 500));
        text_patch(&mut errors, &mut company.industry, &input.industry, |r| bounded("industry", r, 100));
        text_patch(&mut errors, &mut company.size, &input.size, |r| {
            r.parse::<CompanySize>().map_err(|()| {
                FieldError::new("size", "invalid_size", "one of 1-10, 11-50, 51-200, 201-500, 501-1000, 1000+")
            })
        });
        text_patch(&mut errors, &mut company.address, &input.address, |r| multiline("address", r, 500));
        text_patch(&mut errors, &mut company.notes, &input.notes, |r| multiline("notes", r, 10_000));
        if let Some(status) = &input.status {
            match status.parse::<CompanyStatus>() {
                Ok(s) => company.status = s,
                Err(()) => {
                    errors.push(FieldError::new("status", "invalid_status", "one of prospect, active, inactive"))
                }
            }
        }
        // Without an explicit domain, the website's host is the domain.
        if company.domain.is_none()
            && let Some(website) = &company.website
        {
            company.domain = Domain::parse("website", website).ok();
        }
        match input.owner_id {
            Patch::Keep => {}
            Patch::Clear => company.owner_id = None,
            Patch::Set(owner) => company.owner_id = Some(owner),
        }
        finish(errors)
    }

    /// Companies that look like `name` / `domain`, for the form's live check.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn duplicates(
        &self,
        scope: &Scope,
        name: Option<&str>,
        domain: Option<&str>,
    ) -> Result<Vec<PossibleDuplicate>, ContactError> {
        require_read(scope)?;
        let key = name.map(name_key).unwrap_or_default();
        let domain = domain.and_then(|d| Domain::parse("domain", d).ok());
        self.twins(scope, &key, domain.as_ref(), None).await
    }

    async fn twins(
        &self,
        scope: &Scope,
        key: &str,
        domain: Option<&Domain>,
        except: Option<CompanyId>,
    ) -> Result<Vec<PossibleDuplicate>, ContactError> {
        if key.is_empty() && domain.is_none() {
            return Ok(Vec::new());
        }
        let found = self.store.find_company_twins(scope, key, domain).await?;
        Ok(found
            .into_iter()
            .filter(|c| Some(c.id) != except)
            .map(|company| {
                let reason = if domain.is_some() && company.domain.as_ref() == domain {
                    DuplicateReason::Domain
                } else {
                    DuplicateReason::Name
                };
                PossibleDuplicate { company, reason }
            })
            .collect())
    }

    /// Creates a company; possible twins are returned for the user to
    /// decide unless `confirm_duplicate`.
    ///
    /// # Errors
    /// `Forbidden`, `Invalid`, `PossibleDuplicates`, `OwnerNotFound`, `Store`.
    pub async fn create_company(
        &self,
        scope: &Scope,
        input: CompanyInput,
        confirm_duplicate: bool,
    ) -> Result<Company, ContactError> {
        require_write(scope)?;
        let now = self.clock.now();
        let mut company = Company {
            id: CompanyId::new(),
            workspace_id: scope.workspace(),
            name: String::new(),
            domain: None,
            website: None,
            industry: None,
            size: None,
            status: CompanyStatus::Prospect,
            owner_id: None,
            address: None,
            notes: None,
            created_at: now,
            updated_at: now,
        };
        let mut input = input;
        if input.name.is_none() {
            input.name = Some(String::new());
        }
        self.apply_company(&mut company, &input)?;
        self.check_owner(scope, company.owner_id).await?;
        if !confirm_duplicate {
            let twins = self.twins(scope, &name_key(&company.name), company.domain.as_ref(), None).await?;
            if !twins.is_empty() {
                return Err(ContactError::PossibleDuplicates(twins));
            }
        }
        let audit = AuditEntry::new(
            scope,
            "company.created",
            company.id,
            format!("Company created ({})", company.status.as_str()),
            now,
        );
        self.store.insert_company(scope, &company, &audit).await?;
        Ok(company)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `OwnerNotFound`, `Conflict`, `Store`.
    pub async fn update_company(
        &self,
        scope: &Scope,
        id: CompanyId,
        input: CompanyInput,
    ) -> Result<Company, ContactError> {
        require_write(scope)?;
        for _ in 0..3 {
            let current = self.store.find_company(scope, id).await?.ok_or(ContactError::NotFound(Resource::Company))?;
            let mut next = current.clone();
            self.apply_company(&mut next, &input)?;
            if next == current {
                return Ok(current);
            }
            if next.owner_id != current.owner_id {
                self.check_owner(scope, next.owner_id).await?;
            }
            next.updated_at = self.clock.now().max(current.updated_at + time::Duration::microseconds(1));
            let audit =
                AuditEntry::new(scope, "company.updated", id, company_changes(&current, &next), next.updated_at);
            if self.store.update_company(scope, &next, current.updated_at, &audit).await? {
                return Ok(next);
            }
        }
        Err(ContactError::Conflict)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn company(&self, scope: &Scope, id: CompanyId) -> Result<Company, ContactError> {
        require_read(scope)?;
        self.store.find_company(scope, id).await?.ok_or(ContactError::NotFound(Resource::Company))
    }

    /// How many contacts a company has (its detail view).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn contact_count(&self, scope: &Scope, company: CompanyId) -> Result<u64, ContactError> {
        require_read(scope)?;
        Ok(self.store.count_company_contacts(scope, company).await?)
    }

    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list_companies(
        &self,
        scope: &Scope,
        filter: CompanyFilter,
        sort: ListSort,
        after: Option<NameCursor>,
        limit: Limit,
    ) -> Result<(Vec<Company>, Option<NameCursor>), ContactError> {
        require_read(scope)?;
        let filter = CompanyFilter { q: normalise_q(filter.q), ..filter };
        let rows = self.store.list_companies(scope, &ListQuery { filter, sort, after, limit }).await?;
        Ok(page(rows, sort, limit, |c| (c.id.as_uuid(), c.name.to_lowercase())))
    }

    async fn apply_contact(
        &self,
        scope: &Scope,
        contact: &mut Contact,
        input: &ContactInput,
    ) -> Result<(), ContactError> {
        let mut errors = Vec::new();
        if let Some(name) = &input.name {
            match bounded("name", name, 200) {
                Ok(n) => contact.name = n,
                Err(e) => errors.push(e),
            }
        }
        text_patch(&mut errors, &mut contact.email, &input.email, |r| Email::parse("email", r));
        text_patch(&mut errors, &mut contact.phone, &input.phone, Phone::parse);
        text_patch(&mut errors, &mut contact.job_title, &input.job_title, |r| bounded("jobTitle", r, 200));
        text_patch(&mut errors, &mut contact.address, &input.address, |r| multiline("address", r, 500));
        text_patch(&mut errors, &mut contact.notes, &input.notes, |r| multiline("notes", r, 10_000));
        if let Some(emails) = &input.other_emails {
            if emails.len() > 10 {
                errors.push(FieldError::new("otherEmails", "too_many", "at most 10 other emails"));
            } else {
                match emails.iter().map(|e| Email::parse("otherEmails", e)).collect::<Result<Vec<_>, _>>() {
                    Ok(list) => contact.other_emails = list,
                    Err(e) => errors.push(e),
                }
            }
        }
        if let Some(tags) = &input.tags {
            match Tags::parse(tags) {
                Ok(t) => contact.tags = t,
                Err(e) => errors.push(e),
            }
        }
        finish(errors)?;
        match input.company_id {
            Patch::Keep => {}
            Patch::Clear => contact.company_id = None,
            Patch::Set(company) => {
                self.store.find_company(scope, company).await?.ok_or(ContactError::CompanyNotFound)?;
                contact.company_id = Some(company);
            }
        }
        match input.owner_id {
            Patch::Keep => {}
            Patch::Clear => contact.owner_id = None,
            Patch::Set(owner) => {
                self.check_owner(scope, Some(owner)).await?;
                contact.owner_id = Some(owner);
            }
        }
        Ok(())
    }

    async fn email_taken(&self, scope: &Scope, id: ContactId) -> ContactError {
        match self.store.find_contact(scope, id).await {
            Ok(Some(found)) => ContactError::EmailTaken { id, name: found.contact.name },
            Ok(None) => ContactError::Conflict,
            Err(e) => e.into(),
        }
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `EmailTaken`, `CompanyNotFound`, `OwnerNotFound`, `Store`.
    pub async fn create_contact(&self, scope: &Scope, input: ContactInput) -> Result<ContactWithCompany, ContactError> {
        require_write(scope)?;
        let now = self.clock.now();
        let mut contact = Contact {
            id: ContactId::new(),
            workspace_id: scope.workspace(),
            name: String::new(),
            email: None,
            other_emails: Vec::new(),
            phone: None,
            job_title: None,
            company_id: None,
            owner_id: None,
            tags: Tags::default(),
            address: None,
            notes: None,
            created_at: now,
            updated_at: now,
        };
        let mut input = input;
        if input.name.is_none() {
            input.name = Some(String::new());
        }
        self.apply_contact(scope, &mut contact, &input).await?;
        if let Some(email) = &contact.email
            && let Some(existing) = self.store.find_contact_by_email(scope, email).await?
        {
            return Err(ContactError::EmailTaken { id: existing.id, name: existing.name });
        }
        let audit = AuditEntry::new(scope, "contact.created", contact.id, "Contact created", now);
        match self.store.insert_contact(scope, &contact, &audit).await? {
            ContactWrite::Done => self.contact(scope, contact.id).await,
            ContactWrite::EmailTaken(id) => Err(self.email_taken(scope, id).await),
            ContactWrite::Stale => Err(ContactError::Conflict),
        }
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `EmailTaken`, `CompanyNotFound`,
    /// `OwnerNotFound`, `Conflict`, `Store`.
    pub async fn update_contact(
        &self,
        scope: &Scope,
        id: ContactId,
        input: ContactInput,
    ) -> Result<ContactWithCompany, ContactError> {
        require_write(scope)?;
        for _ in 0..3 {
            let current =
                self.store.find_contact(scope, id).await?.ok_or(ContactError::NotFound(Resource::Contact))?.contact;
            let mut next = current.clone();
            self.apply_contact(scope, &mut next, &input).await?;
            if next == current {
                return self.contact(scope, id).await;
            }
            next.updated_at = self.clock.now().max(current.updated_at + time::Duration::microseconds(1));
            let audit =
                AuditEntry::new(scope, "contact.updated", id, contact_changes(&current, &next), next.updated_at);
            match self.store.update_contact(scope, &next, current.updated_at, &audit).await? {
                ContactWrite::Done => return self.contact(scope, id).await,
                ContactWrite::EmailTaken(other) => return Err(self.email_taken(scope, other).await),
                ContactWrite::Stale => {}
            }
        }
        Err(ContactError::Conflict)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn contact(&self, scope: &Scope, id: ContactId) -> Result<ContactWithCompany, ContactError> {
        require_read(scope)?;
        self.store.find_contact(scope, id).await?.ok_or(ContactError::NotFound(Resource::Contact))
    }

    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list_contacts(
        &self,
        scope: &Scope,
        filter: ContactFilter,
        sort: ListSort,
        after: Option<NameCursor>,
        limit: Limit,
    ) -> Result<(Vec<ContactWithCompany>, Option<NameCursor>), ContactError> {
        require_read(scope)?;
        let filter =
            ContactFilter { q: normalise_q(filter.q), tag: filter.tag.map(|t| t.trim().to_lowercase()), ..filter };
        let rows = self.store.list_contacts(scope, &ListQuery { filter, sort, after, limit }).await?;
        Ok(page(rows, sort, limit, |c| (c.contact.id.as_uuid(), c.contact.name.to_lowercase())))
    }
}

fn normalise_q(q: Option<String>) -> Option<String> {
    q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty())
}

/// Cuts the over-fetched row and builds the next cursor.
fn page<T>(
    mut rows: Vec<T>,
    sort: ListSort,
    limit: Limit,
    key: impl Fn(&T) -> (Uuid, String),
) -> (Vec<T>, Option<NameCursor>) {
    let more = rows.len() > usize::from(limit.get());
    rows.truncate(usize::from(limit.get()));
    let next = more
        .then(|| rows.last().map(&key))
        .flatten()
        .map(|(id, name)| NameCursor { name_key: (sort.by == SortBy::Name).then_some(name), id });
    (rows, next)
}

fn company_changes(a: &Company, b: &Company) -> String {
    let mut changed = Vec::new();
    if a.name != b.name {
        changed.push("name");
    }
    if a.domain != b.domain || a.website != b.website {
        changed.push("website");
    }
    if a.industry != b.industry {
        changed.push("industry");
    }
    if a.size != b.size {
        changed.push("size");
    }
    if a.status != b.status {
        changed.push("status");
    }
    if a.owner_id != b.owner_id {
        changed.push("owner");
    }
    if a.address != b.address || a.notes != b.notes {
        changed.push("details");
    }
    format!("Changed: {}", changed.join(", "))
}

fn contact_changes(a: &Contact, b: &Contact) -> String {
    let mut changed = Vec::new();
    if a.name != b.name {
        changed.push("name");
    }
    if a.email != b.email || a.other_emails != b.other_emails || a.phone != b.phone {
        changed.push("contact details");
    }
    if a.job_title != b.job_title {
        changed.push("job title");
    }
    if a.company_id != b.company_id {
        changed.push("company");
    }
    if a.owner_id != b.owner_id {
        changed.push("owner");
    }
    if a.tags != b.tags {
        changed.push("tags");
    }
    if a.address != b.address || a.notes != b.notes {
        changed.push("details");
    }
    format!("Changed: {}", changed.join(", "))
}
