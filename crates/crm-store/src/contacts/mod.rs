//! The SeaORM adapter of `crm_contacts`'s port.

use std::collections::HashMap;

use crm_contacts::{
    Company, CompanyFilter, CompanySize, CompanyStatus, Contact, ContactFilter, ContactStore, ContactWithCompany,
    ContactWrite, Domain, ListQuery, name_key,
};
use crm_kernel::text::{Phone, Tags};
use crm_kernel::{AuditEntry, CompanyId, ContactId, Email, ListSort, Scope, StoreError, UserId};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, TransactionTrait,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entities::{companies, contacts};
use crate::keyset::{by_name_or_id, like_pattern};
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, is_unique_violation, write_txn};

#[derive(Clone)]
pub struct SeaContactStore {
    db: DatabaseConnection,
    search_window: u64,
}

impl SeaContactStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, search_window: SEARCH_WINDOW }
    }

    /// A smaller search window, so tests reach the fallback with few rows.
    #[must_use]
    pub fn with_search_window(mut self, rows: u64) -> Self {
        self.search_window = rows.max(1);
        self
    }
}

pub(crate) fn company_row(c: &Company) -> companies::ActiveModel {
    let search = [Some(c.name.to_lowercase()), c.domain.as_ref().map(|d| d.as_str().to_owned())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    companies::ActiveModel {
        id: Set(c.id.as_uuid()),
        workspace_id: NotSet,
        name: Set(c.name.clone()),
        sort_name: Set(c.name.to_lowercase()),
        name_key: Set(name_key(&c.name)),
        domain: Set(c.domain.as_ref().map(|d| d.as_str().to_owned())),
        website: Set(c.website.clone()),
        industry: Set(c.industry.clone()),
        size: Set(c.size.map(|s| s.as_str().to_owned())),
        status: Set(c.status.as_str().to_owned()),
        owner_id: Set(c.owner_id.map(|u| u.as_uuid())),
        address: Set(c.address.clone()),
        notes: Set(c.notes.clone()),
        search_text: Set(search),
        created_at: Set(c.created_at),
        updated_at: Set(c.updated_at),
    }
}

fn company(r: companies::Model) -> Company {
    Company {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        name: r.name,
        domain: r.domain.map(Domain::from_trusted),
        website: r.website,
        industry: r.industry,
        size: r.size.and_then(|s| s.parse::<CompanySize>().ok()),
        status: r.status.parse::<CompanyStatus>().unwrap_or(CompanyStatus::Prospect),
        owner_id: r.owner_id.map(Into::into),
        address: r.address,
        notes: r.notes,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

pub(crate) fn contact_row(c: &Contact) -> contacts::ActiveModel {
    let mut search = c.name.to_lowercase();
    for email in c.email.iter().chain(&c.other_emails) {
        search.push(' ');
        search.push_str(email.as_str());
    }
    contacts::ActiveModel {
        id: Set(c.id.as_uuid()),
        workspace_id: NotSet,
        name: Set(c.name.clone()),
        sort_name: Set(c.name.to_lowercase()),
        email: Set(c.email.as_ref().map(|e| e.as_str().to_owned())),
        other_emails: Set(c.other_emails.iter().map(Email::as_str).collect::<Vec<_>>().join(",")),
        phone: Set(c.phone.as_ref().map(|p| p.as_str().to_owned())),
        job_title: Set(c.job_title.clone()),
        company_id: Set(c.company_id.map(Into::into)),
        owner_id: Set(c.owner_id.map(|u| u.as_uuid())),
        // Wrapped in commas so one tag matches with LIKE '%,tag,%'.
        tags: Set(if c.tags.as_slice().is_empty() {
            String::new()
        } else {
            format!(",{},", c.tags.as_slice().join(","))
        }),
        address: Set(c.address.clone()),
        notes: Set(c.notes.clone()),
        search_text: Set(search),
        created_at: Set(c.created_at),
        updated_at: Set(c.updated_at),
    }
}

fn contact(r: contacts::Model) -> Contact {
    Contact {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        name: r.name,
        email: r.email.map(Email::from_trusted),
        other_emails: r
            .other_emails
            .split(',')
            .filter(|e| !e.is_empty())
            .map(|e| Email::from_trusted(e.to_owned()))
            .collect(),
        phone: r.phone.map(Phone::from_trusted),
        job_title: r.job_title,
        company_id: r.company_id.map(Into::into),
        owner_id: r.owner_id.map(Into::into),
        tags: Tags::from_trusted(r.tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect()),
        address: r.address,
        notes: r.notes,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// Contacts in the workspace matching every filter but the text search.
fn filtered(scope: &Scope, f: &ContactFilter) -> sea_orm::Select<contacts::Entity> {
    let mut select = in_workspace::<contacts::Entity>(scope);
    if let Some(company) = f.company {
        select = select.filter(contacts::Column::CompanyId.eq(company.as_uuid()));
    }
    if let Some(owner) = f.owner {
        select = select.filter(contacts::Column::OwnerId.eq(owner.as_uuid()));
    }
    if let Some(tag) = &f.tag {
        // Tags are stored as ",a,b,": a whole tag matches ",tag,".
        let literal = like_pattern(tag);
        select = select.filter(contacts::Column::Tags.like(format!("%,{},%", literal.trim_matches('%'))));
    }
    select
}

/// Companies of the workspace whose name or domain matches `pattern`.
fn matching_companies(scope: &Scope, pattern: &str) -> sea_orm::sea_query::SelectStatement {
    in_workspace::<companies::Entity>(scope)
        .select_only()
        .column(companies::Column::Id)
        .filter(companies::Column::SearchText.like(pattern))
        .into_query()
}

/// The text search: the contact's own text, or its company's.
fn text_match(scope: &Scope, pattern: &str) -> Condition {
    Condition::any()
        .add(contacts::Column::SearchText.like(pattern))
        .add(contacts::Column::CompanyId.in_subquery(matching_companies(scope, pattern)))
}

/// Newest contacts a search looks at before falling back to the indexes.
const SEARCH_WINDOW: u64 = 5_000;

impl SeaContactStore {
    /// A search in the default order (newest first), bounded whatever the
    /// term: the newest `SEARCH_WINDOW` contacts are searched first (a
    /// bounded id walk); when they cannot fill the page, the older ones are
    /// searched as two index-served halves (own text through the trigram
    /// index, company text through the company index) and merged. The OR
    /// of both in one statement can use neither index (docs/benchmarks.md).
    async fn search_postgres(
        &self,
        scope: &Scope,
        q: &ListQuery<ContactFilter>,
        pattern: &str,
    ) -> Result<Vec<contacts::Model>, StoreError> {
        let wanted = usize::from(q.limit.get()) + 1;
        let newest = |select: sea_orm::Select<contacts::Entity>| {
            let select = match &q.after {
                Some(c) => select.filter(contacts::Column::Id.lt(c.id)),
                None => select,
            };
            select.order_by_desc(contacts::Column::Id).limit(wanted as u64)
        };
        let floor: Option<Uuid> = newest(in_workspace::<contacts::Entity>(scope))
            .select_only()
            .column(contacts::Column::Id)
            .offset(self.search_window - 1)
            .limit(1)
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(db_err)?;
        let window = newest(filtered(scope, &q.filter).filter(text_match(scope, pattern)));
        let Some(floor) = floor else {
            return window.all(&self.db).await.map_err(db_err);
        };
        // Inside the window the id walk is the plan (see the leads search).
        let txn = self.db.begin().await.map_err(db_err)?;
        txn.execute_unprepared("SET LOCAL enable_bitmapscan = off").await.map_err(db_err)?;
        let mut rows = window.filter(contacts::Column::Id.gte(floor)).all(&txn).await.map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        if rows.len() < wanted {
            let older =
                |select: sea_orm::Select<contacts::Entity>| newest(select).filter(contacts::Column::Id.lt(floor));
            let txn = self.db.begin().await.map_err(db_err)?;
            txn.execute_unprepared("SET LOCAL enable_indexscan = off").await.map_err(db_err)?;
            let own = older(filtered(scope, &q.filter).filter(contacts::Column::SearchText.like(pattern)))
                .all(&txn)
                .await
                .map_err(db_err)?;
            let by_company = older(
                filtered(scope, &q.filter)
                    .filter(contacts::Column::CompanyId.in_subquery(matching_companies(scope, pattern))),
            )
            .all(&txn)
            .await
            .map_err(db_err)?;
            txn.commit().await.map_err(db_err)?;
            let mut rest: Vec<contacts::Model> = own.into_iter().chain(by_company).collect();
            rest.sort_by_key(|c| std::cmp::Reverse(c.id));
            rest.dedup_by_key(|c| c.id);
            rows.extend(rest);
            rows.truncate(wanted);
        }
        Ok(rows)
    }

    async fn with_companies(
        &self,
        scope: &Scope,
        rows: Vec<contacts::Model>,
    ) -> Result<Vec<ContactWithCompany>, StoreError> {
        let ids: Vec<Uuid> = rows.iter().filter_map(|c| c.company_id).collect();
        let names: HashMap<Uuid, String> = if ids.is_empty() {
            HashMap::new()
        } else {
            in_workspace::<companies::Entity>(scope)
                .filter(companies::Column::Id.is_in(ids))
                .all(&self.db)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|r| {
                let company = r.company_id.and_then(|id| names.get(&id).map(|n| (CompanyId::from_uuid(id), n.clone())));
                ContactWithCompany { contact: contact(r), company }
            })
            .collect())
    }

    async fn write_contact(
        &self,
        scope: &Scope,
        c: &Contact,
        expected: Option<OffsetDateTime>,
        entry: &AuditEntry,
    ) -> Result<ContactWrite, StoreError> {
        let txn = write_txn(&self.db).await?;
        let result = match expected {
            None => tenancy::insert_in::<contacts::Entity>(scope, contact_row(c))
                .exec_without_returning(&txn)
                .await
                .map(|_| 1),
            Some(expected) => {
                let mut row = contact_row(c);
                row.id = NotSet;
                row.workspace_id = NotSet;
                row.created_at = NotSet;
                tenancy::update_in::<contacts::Entity>(scope)
                    .set(row)
                    .filter(contacts::Column::Id.eq(c.id.as_uuid()))
                    .filter(contacts::Column::UpdatedAt.eq(expected))
                    .exec(&txn)
                    .await
                    .map(|r| r.rows_affected)
            }
        };
        match result {
            Ok(1) => {}
            Ok(_) => {
                txn.rollback().await.map_err(db_err)?;
                return Ok(ContactWrite::Stale);
            }
            Err(e) if is_unique_violation(&e) => {
                txn.rollback().await.map_err(db_err)?;
                let email = c.email.as_ref().map(|e| e.as_str().to_owned()).unwrap_or_default();
                let other = in_workspace::<contacts::Entity>(scope)
                    .filter(contacts::Column::Email.eq(email))
                    .one(&self.db)
                    .await
                    .map_err(db_err)?;
                return Ok(other.map_or(ContactWrite::Stale, |o| ContactWrite::EmailTaken(o.id.into())));
            }
            Err(e) => return Err(db_err(e)),
        }
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(ContactWrite::Done)
    }
}

#[async_trait::async_trait]
impl ContactStore for SeaContactStore {
    async fn insert_company(&self, scope: &Scope, c: &Company, entry: &AuditEntry) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        tenancy::insert_in::<companies::Entity>(scope, company_row(c))
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn update_company(
        &self,
        scope: &Scope,
        c: &Company,
        expected: OffsetDateTime,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let txn = write_txn(&self.db).await?;
        let mut row = company_row(c);
        row.id = NotSet;
        row.workspace_id = NotSet;
        row.created_at = NotSet;
        let result = tenancy::update_in::<companies::Entity>(scope)
            .set(row)
            .filter(companies::Column::Id.eq(c.id.as_uuid()))
            .filter(companies::Column::UpdatedAt.eq(expected))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if result.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(false);
        }
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn find_company(&self, scope: &Scope, id: CompanyId) -> Result<Option<Company>, StoreError> {
        let row = in_workspace::<companies::Entity>(scope)
            .filter(companies::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(row.map(company))
    }

    async fn find_company_twins(
        &self,
        scope: &Scope,
        key: &str,
        domain: Option<&Domain>,
    ) -> Result<Vec<Company>, StoreError> {
        let mut any = Condition::any();
        if !key.is_empty() {
            any = any.add(companies::Column::NameKey.eq(key));
        }
        if let Some(domain) = domain {
            any = any.add(companies::Column::Domain.eq(domain.as_str()));
        }
        let rows =
            in_workspace::<companies::Entity>(scope).filter(any).limit(10).all(&self.db).await.map_err(db_err)?;
        Ok(rows.into_iter().map(company).collect())
    }

    async fn list_companies(&self, scope: &Scope, q: &ListQuery<CompanyFilter>) -> Result<Vec<Company>, StoreError> {
        let mut select = in_workspace::<companies::Entity>(scope);
        if let Some(text) = &q.filter.q {
            select = select.filter(companies::Column::SearchText.like(like_pattern(text)));
        }
        if let Some(industry) = &q.filter.industry {
            select = select.filter(companies::Column::Industry.eq(industry.clone()));
        }
        if let Some(status) = q.filter.status {
            select = select.filter(companies::Column::Status.eq(status.as_str()));
        }
        if let Some(owner) = q.filter.owner {
            select = select.filter(companies::Column::OwnerId.eq(owner.as_uuid()));
        }
        let select = by_name_or_id(
            select,
            companies::Column::SortName,
            companies::Column::Id,
            q.sort,
            q.after.as_ref(),
            q.limit,
        );
        Ok(select.all(&self.db).await.map_err(db_err)?.into_iter().map(company).collect())
    }

    async fn count_company_contacts(&self, scope: &Scope, company: CompanyId) -> Result<u64, StoreError> {
        in_workspace::<contacts::Entity>(scope)
            .filter(contacts::Column::CompanyId.eq(company.as_uuid()))
            .count(&self.db)
            .await
            .map_err(db_err)
    }

    async fn insert_contact(&self, scope: &Scope, c: &Contact, entry: &AuditEntry) -> Result<ContactWrite, StoreError> {
        self.write_contact(scope, c, None, entry).await
    }

    async fn update_contact(
        &self,
        scope: &Scope,
        c: &Contact,
        expected: OffsetDateTime,
        entry: &AuditEntry,
    ) -> Result<ContactWrite, StoreError> {
        self.write_contact(scope, c, Some(expected), entry).await
    }

    async fn find_contact(&self, scope: &Scope, id: ContactId) -> Result<Option<ContactWithCompany>, StoreError> {
        let row = in_workspace::<contacts::Entity>(scope)
            .filter(contacts::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(self.with_companies(scope, row.into_iter().collect()).await?.pop())
    }

    async fn find_contact_by_email(&self, scope: &Scope, email: &Email) -> Result<Option<Contact>, StoreError> {
        let row = in_workspace::<contacts::Entity>(scope)
            .filter(contacts::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(row.map(contact))
    }

    async fn list_contacts(
        &self,
        scope: &Scope,
        q: &ListQuery<ContactFilter>,
    ) -> Result<Vec<ContactWithCompany>, StoreError> {
        let rows = match &q.filter.q {
            Some(text) if self.db.get_database_backend() == DbBackend::Postgres && q.sort == ListSort::default() => {
                self.search_postgres(scope, q, &like_pattern(text)).await?
            }
            _ => {
                let mut select = filtered(scope, &q.filter);
                if let Some(text) = &q.filter.q {
                    select = select.filter(text_match(scope, &like_pattern(text)));
                }
                by_name_or_id(
                    select,
                    contacts::Column::SortName,
                    contacts::Column::Id,
                    q.sort,
                    q.after.as_ref(),
                    q.limit,
                )
                .all(&self.db)
                .await
                .map_err(db_err)?
            }
        };
        self.with_companies(scope, rows).await
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        crate::tenancy::is_member(&self.db, scope, user).await
    }
}
