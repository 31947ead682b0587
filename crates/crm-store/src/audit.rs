//! The audit feed: appended inside each module's write transaction, read
//! newest first.

use crm_kernel::{AuditActor, AuditEntry, AuditLog, AuditRecord, Cursor, Limit, Page, Scope, StoreError};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::db_err;
use crate::entities::audit_events;
use crate::tenancy::{self, in_workspace};

/// Appends one entry on `conn` (the caller's transaction).
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn append(conn: &impl ConnectionTrait, scope: &Scope, entry: &AuditEntry) -> Result<(), StoreError> {
    let (actor_type, actor_id) = match entry.actor {
        AuditActor::User(id) => ("user", id.as_uuid()),
        AuditActor::Token(id) => ("token", id.as_uuid()),
    };
    let row = audit_events::ActiveModel {
        id: Set(entry.id.as_uuid()),
        workspace_id: NotSet,
        actor_type: Set(actor_type.to_owned()),
        actor_id: Set(actor_id),
        action: Set(entry.action.clone()),
        entity_type: Set(entry.entity_type.to_owned()),
        entity_id: Set(entry.entity_id),
        summary: Set(entry.summary.clone()),
        at: Set(entry.at),
    };
    tenancy::insert_in::<audit_events::Entity>(scope, row).exec_without_returning(conn).await.map_err(db_err)?;
    Ok(())
}

fn record(row: audit_events::Model) -> AuditRecord {
    AuditRecord {
        id: row.id.into(),
        actor: if row.actor_type == "token" {
            AuditActor::Token(row.actor_id.into())
        } else {
            AuditActor::User(row.actor_id.into())
        },
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        summary: row.summary,
        at: row.at,
    }
}

/// Runs an update that must change exactly one row, and its audit entry, in
/// one transaction: `false` (nothing written) when no row matched, i.e. the
/// record is not in the scope's workspace.
///
/// # Errors
/// `StoreError` on storage failure.
pub(crate) async fn update_one<E: sea_orm::EntityTrait>(
    db: &sea_orm::DatabaseConnection,
    scope: &Scope,
    update: sea_orm::UpdateMany<E>,
    entry: &AuditEntry,
) -> Result<bool, StoreError> {
    let txn = crate::write_txn(db).await?;
    let result = update.exec(&txn).await.map_err(db_err)?;
    if result.rows_affected != 1 {
        txn.rollback().await.map_err(db_err)?;
        return Ok(false);
    }
    append(&txn, scope, entry).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(true)
}

/// Reads the feed.
#[derive(Clone)]
pub struct SeaAuditLog {
    db: DatabaseConnection,
}

impl SeaAuditLog {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn newest_first(
        &self,
        mut select: sea_orm::Select<audit_events::Entity>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        if let Some(c) = after {
            select = select.filter(audit_events::Column::Id.lt(c.last_id()));
        }
        let rows = select
            .order_by_desc(audit_events::Column::Id)
            .limit(u64::from(limit.get()) + 1)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(Page::from_overfetch(rows.into_iter().map(record).collect(), limit, |r| r.id.as_uuid()))
    }
}

#[async_trait::async_trait]
impl AuditLog for SeaAuditLog {
    async fn entity_events(
        &self,
        scope: &Scope,
        entity_type: &str,
        entity_id: Uuid,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        let select = in_workspace::<audit_events::Entity>(scope)
            .filter(audit_events::Column::EntityType.eq(entity_type))
            .filter(audit_events::Column::EntityId.eq(entity_id));
        self.newest_first(select, after, limit).await
    }

    async fn workspace_events(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        self.newest_first(in_workspace::<audit_events::Entity>(scope), after, limit).await
    }
}
