//! Deals themselves: insert, find, lists, and the lookups of their links.

use crm_deals::{CurrencyTotals, Deal, DealFilter, DealQuery, DealStore, LinkNames, StageKind};
use crm_kernel::{AuditEntry, CompanyId, ContactId, Currency, DealId, Notification, Scope, StoreError, UserId};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use time::OffsetDateTime;
use uuid::Uuid;

use super::rows::{deal, deal_row};
use super::totals::add_share;
use super::{SeaDealStore, moves, totals};
use crate::entities::{companies, contacts, deals, workspaces};
use crate::keyset::like_pattern;
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, write_txn};

/// Deals matching `f` in the scope's workspace.
pub(super) fn filtered(scope: &Scope, f: &DealFilter, now: OffsetDateTime) -> Select<deals::Entity> {
    let mut select = in_workspace::<deals::Entity>(scope);
    if let Some(id) = f.pipeline_id {
        select = select.filter(deals::Column::PipelineId.eq(id.as_uuid()));
    }
    if let Some(id) = f.stage_id {
        select = select.filter(deals::Column::StageId.eq(id.as_uuid()));
    }
    if let Some(status) = f.status {
        select = select.filter(deals::Column::Status.eq(status.as_str()));
    }
    if let Some(owner) = f.owner_id {
        select = select.filter(deals::Column::OwnerId.eq(owner.as_uuid()));
    }
    if let Some(id) = f.contact_id {
        select = select.filter(deals::Column::ContactId.eq(id.as_uuid()));
    }
    if let Some(id) = f.company_id {
        select = select.filter(deals::Column::CompanyId.eq(id.as_uuid()));
    }
    if f.stale {
        let cutoff = now - time::Duration::days(crm_deals::values::STALE_AFTER_DAYS);
        select = select
            .filter(deals::Column::Status.eq(StageKind::Open.as_str()))
            .filter(deals::Column::UpdatedAt.lt(cutoff));
    }
    if let Some(q) = &f.q {
        select = select.filter(deals::Column::SearchText.like(like_pattern(q)));
    }
    if let Some(since) = f.closed_since {
        select = select.filter(deals::Column::ClosedAt.gte(since));
    }
    select
}

#[async_trait::async_trait]
impl DealStore for SeaDealStore {
    async fn insert_deal(
        &self,
        scope: &Scope,
        d: &Deal,
        entry: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        tenancy::insert_in::<deals::Entity>(scope, deal_row(d)).exec_without_returning(&txn).await.map_err(db_err)?;
        add_share(&txn, scope, d, 1).await?;
        audit::append(&txn, scope, entry).await?;
        crate::activities::notify(&txn, scope, n).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn update_deal(
        &self,
        scope: &Scope,
        d: &Deal,
        expected_updated_at: OffsetDateTime,
        entry: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        moves::update_deal(&self.db, scope, d, expected_updated_at, entry, n).await
    }

    async fn find_deal(&self, scope: &Scope, id: DealId) -> Result<Option<Deal>, StoreError> {
        let row = in_workspace::<deals::Entity>(scope)
            .filter(deals::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        row.map(deal).transpose()
    }

    async fn list_deals(&self, scope: &Scope, q: &DealQuery) -> Result<Vec<Deal>, StoreError> {
        let mut select = filtered(scope, &q.filter, q.now);
        if let Some(before) = q.before {
            select = select.filter(deals::Column::Id.lt(before.as_uuid()));
        }
        let rows = select
            .order_by_desc(deals::Column::Id)
            .limit(u64::from(q.limit.get()) + 1)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        rows.into_iter().map(deal).collect()
    }

    async fn stage_totals(
        &self,
        scope: &Scope,
        filter: &DealFilter,
        now: OffsetDateTime,
    ) -> Result<Vec<CurrencyTotals>, StoreError> {
        totals::stage_totals(&self.db, scope, filter, now).await
    }

    async fn count_open_owned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError> {
        in_workspace::<deals::Entity>(scope)
            .filter(deals::Column::OwnerId.eq(user.as_uuid()))
            .filter(deals::Column::Status.eq(StageKind::Open.as_str()))
            .count(&self.db)
            .await
            .map_err(db_err)
    }

    async fn contact_exists(&self, scope: &Scope, id: ContactId) -> Result<bool, StoreError> {
        crate::tenancy::id_exists::<contacts::Entity>(&self.db, scope, id).await
    }

    async fn company_exists(&self, scope: &Scope, id: CompanyId) -> Result<bool, StoreError> {
        crate::tenancy::id_exists::<companies::Entity>(&self.db, scope, id).await
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        crate::tenancy::is_member(&self.db, scope, user).await
    }

    async fn link_names(
        &self,
        scope: &Scope,
        contacts: &[ContactId],
        companies: &[CompanyId],
    ) -> Result<LinkNames, StoreError> {
        let mut names = LinkNames::default();
        if !contacts.is_empty() {
            let rows: Vec<(Uuid, String)> = in_workspace::<contacts::Entity>(scope)
                .filter(contacts::Column::Id.is_in(contacts.iter().map(|id| id.as_uuid())))
                .select_only()
                .column(contacts::Column::Id)
                .column(contacts::Column::Name)
                .into_tuple()
                .all(&self.db)
                .await
                .map_err(db_err)?;
            names.contacts.extend(rows.into_iter().map(|(id, name)| (ContactId::from_uuid(id), name)));
        }
        if !companies.is_empty() {
            let rows: Vec<(Uuid, String)> = in_workspace::<companies::Entity>(scope)
                .filter(companies::Column::Id.is_in(companies.iter().map(|id| id.as_uuid())))
                .select_only()
                .column(companies::Column::Id)
                .column(companies::Column::Name)
                .into_tuple()
                .all(&self.db)
                .await
                .map_err(db_err)?;
            names.companies.extend(rows.into_iter().map(|(id, name)| (CompanyId::from_uuid(id), name)));
        }
        Ok(names)
    }

    async fn workspace_currency(&self, scope: &Scope) -> Result<Currency, StoreError> {
        let code: Option<String> = workspaces::Entity::find_by_id(scope.workspace().as_uuid())
            .select_only()
            .column(workspaces::Column::Currency)
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(db_err)?;
        let code = code.ok_or_else(|| StoreError("scope names a missing workspace".into()))?;
        Currency::parse(&code).map_err(|e| StoreError(e.to_string()))
    }
}
