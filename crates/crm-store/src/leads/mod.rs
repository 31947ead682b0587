//! The SeaORM adapter of `crm_leads`'s port.

pub mod bulk;
mod list;

use crm_kernel::{AuditEntry, Email, LeadId, Notification, Scope, StoreError, UserId};
use crm_leads::ports::LeadStore;
use crm_leads::{ConvertedTo, CustomSource, Lead, LeadName, LeadStatus, Phone, SourceSlug, Tags};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entities::{lead_sources, leads};
use crate::notifications::notify;
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, is_unique_violation, write_txn};

/// Leads storage on SQLite or PostgreSQL.
#[derive(Clone)]
pub struct SeaLeadStore {
    db: DatabaseConnection,
    search_window: u64,
}

impl SeaLeadStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db, search_window: list::SEARCH_WINDOW }
    }

    /// A smaller search window, so tests reach the fallback with few rows.
    #[must_use]
    pub fn with_search_window(mut self, rows: u64) -> Self {
        self.search_window = rows.max(1);
        self
    }
}

pub(crate) fn row(lead: &Lead) -> leads::ActiveModel {
    leads::ActiveModel {
        id: Set(lead.id.as_uuid()),
        workspace_id: NotSet,
        name: Set(lead.name.as_str().to_owned()),
        sort_name: Set(lead.name.as_str().to_lowercase()),
        email: Set(lead.email.as_ref().map(|e| e.as_str().to_owned())),
        phone: Set(lead.phone.as_ref().map(|p| p.as_str().to_owned())),
        company: Set(lead.company.clone()),
        source: Set(lead.source.as_str().to_owned()),
        status: Set(lead.status.as_str().to_owned()),
        assignee_id: Set(lead.assignee_id.map(|u| u.as_uuid())),
        next_action_date: Set(lead.next_action_date),
        next_action_text: Set(lead.next_action_text.clone()),
        notes: Set(lead.notes.clone()),
        tags: Set(lead.tags.as_slice().join(",")),
        search_text: Set(lead.search_text()),
        created_at: Set(lead.created_at),
        updated_at: Set(lead.updated_at),
        last_activity_at: Set(lead.last_activity_at),
        converted_at: Set(lead.converted_at),
        converted_contact_id: Set(lead.converted_to.map(|c| c.contact_id.as_uuid())),
        converted_company_id: Set(lead.converted_to.and_then(|c| c.company_id.map(|id| id.as_uuid()))),
        converted_deal_id: Set(lead.converted_to.map(|c| c.deal_id.as_uuid())),
    }
}

pub(crate) fn lead(r: leads::Model) -> Result<Lead, StoreError> {
    Ok(Lead {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        name: LeadName::from_trusted(r.name),
        email: r.email.map(Email::from_trusted),
        phone: r.phone.map(Phone::from_trusted),
        company: r.company,
        source: SourceSlug::from_trusted(r.source),
        status: r
            .status
            .parse::<LeadStatus>()
            .map_err(|()| StoreError(format!("unknown lead status `{}`", r.status)))?,
        assignee_id: r.assignee_id.map(Into::into),
        next_action_date: r.next_action_date,
        next_action_text: r.next_action_text,
        notes: r.notes,
        tags: Tags::from_trusted(r.tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect()),
        created_at: r.created_at,
        updated_at: r.updated_at,
        last_activity_at: r.last_activity_at,
        converted_at: r.converted_at,
        converted_to: match (r.converted_contact_id, r.converted_deal_id) {
            (Some(contact_id), Some(deal_id)) => Some(ConvertedTo {
                contact_id: contact_id.into(),
                company_id: r.converted_company_id.map(Into::into),
                deal_id: deal_id.into(),
            }),
            _ => None,
        },
    })
}

#[async_trait::async_trait]
impl LeadStore for SeaLeadStore {
    async fn insert_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        entry: &AuditEntry,
        notice: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        tenancy::insert_in::<leads::Entity>(scope, row(lead)).exec_without_returning(&txn).await.map_err(db_err)?;
        audit::append(&txn, scope, entry).await?;
        notify(&txn, scope, notice).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn update_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        expected_updated_at: OffsetDateTime,
        entry: &AuditEntry,
        notice: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let txn = write_txn(&self.db).await?;
        let mut active = row(lead);
        active.id = sea_orm::ActiveValue::NotSet;
        active.workspace_id = sea_orm::ActiveValue::NotSet;
        active.created_at = sea_orm::ActiveValue::NotSet;
        let result = tenancy::update_in::<leads::Entity>(scope)
            .set(active)
            .filter(leads::Column::Id.eq(lead.id.as_uuid()))
            .filter(leads::Column::UpdatedAt.eq(expected_updated_at))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if result.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(false);
        }
        audit::append(&txn, scope, entry).await?;
        notify(&txn, scope, notice).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn find_lead(&self, scope: &Scope, id: LeadId) -> Result<Option<Lead>, StoreError> {
        let found = in_workspace::<leads::Entity>(scope)
            .filter(leads::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        found.map(lead).transpose()
    }

    async fn list_leads(&self, scope: &Scope, query: &crm_leads::query::LeadQuery) -> Result<Vec<Lead>, StoreError> {
        let rows = if query.filter.q.is_some() && self.db.get_database_backend() == sea_orm::DbBackend::Postgres {
            list::search_postgres(&self.db, scope, query, self.search_window).await
        } else {
            list::select(scope, query).all(&self.db).await
        };
        rows.map_err(db_err)?.into_iter().map(lead).collect()
    }

    async fn count_open_assigned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError> {
        in_workspace::<leads::Entity>(scope)
            .filter(leads::Column::AssigneeId.eq(user.as_uuid()))
            .filter(leads::Column::Status.is_in(["new", "contacted", "qualified"]))
            .count(&self.db)
            .await
            .map_err(db_err)
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        crate::tenancy::is_member(&self.db, scope, user).await
    }

    async fn list_custom_sources(&self, scope: &Scope) -> Result<Vec<CustomSource>, StoreError> {
        let rows = in_workspace::<lead_sources::Entity>(scope)
            .order_by_asc(lead_sources::Column::Slug)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| CustomSource {
                slug: SourceSlug::from_trusted(r.slug),
                label: r.label,
                archived_at: r.archived_at,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn insert_custom_source(
        &self,
        scope: &Scope,
        source: &CustomSource,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let txn = write_txn(&self.db).await?;
        let new = lead_sources::ActiveModel {
            id: Set(Uuid::now_v7()),
            workspace_id: NotSet,
            slug: Set(source.slug.as_str().to_owned()),
            label: Set(source.label.clone()),
            created_at: Set(source.created_at),
            archived_at: Set(None),
        };
        match tenancy::insert_in::<lead_sources::Entity>(scope, new).exec_without_returning(&txn).await {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                txn.rollback().await.map_err(db_err)?;
                return Ok(false);
            }
            Err(e) => return Err(db_err(e)),
        }
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn set_source_archived(
        &self,
        scope: &Scope,
        slug: &SourceSlug,
        archived_at: Option<OffsetDateTime>,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let archive = tenancy::update_in::<lead_sources::Entity>(scope)
            .col_expr(lead_sources::Column::ArchivedAt, Expr::value(archived_at))
            .filter(lead_sources::Column::Slug.eq(slug.as_str()));
        audit::update_one(&self.db, scope, archive, entry).await
    }
}
