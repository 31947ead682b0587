//! Changing a deal. Every change (an edit, a stage move, close, reopen) is
//! one optimistic update that takes the deal's share of the kept totals
//! out of its old stage and adds it to its new one; removing a stage moves
//! its deals in bulk.

use crm_deals::Deal;
use crm_kernel::{AuditEntry, Notification, Scope, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter};
use time::OffsetDateTime;

use super::rows::{deal, deal_row};
use super::totals::add_share;
use crate::entities::deals;
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, write_txn};

/// Updates `d` if it still has `expected_updated_at`, moving its share of
/// the kept totals, in one transaction. `false` when it changed meanwhile.
pub(super) async fn update_deal(
    db: &DatabaseConnection,
    scope: &Scope,
    d: &Deal,
    expected_updated_at: OffsetDateTime,
    entry: &AuditEntry,
    n: Option<&Notification>,
) -> Result<bool, StoreError> {
    let txn = write_txn(db).await?;
    let before = in_workspace::<deals::Entity>(scope)
        .filter(deals::Column::Id.eq(d.id.as_uuid()))
        .filter(deals::Column::UpdatedAt.eq(expected_updated_at))
        .one(&txn)
        .await
        .map_err(db_err)?;
    let Some(before) = before.map(deal).transpose()? else {
        txn.rollback().await.map_err(db_err)?;
        return Ok(false);
    };
    let mut active = deal_row(d);
    active.id = NotSet;
    active.workspace_id = NotSet;
    active.created_at = NotSet;
    active.lead_id = NotSet;
    let result = tenancy::update_in::<deals::Entity>(scope)
        .set(active)
        .filter(deals::Column::Id.eq(d.id.as_uuid()))
        .filter(deals::Column::UpdatedAt.eq(expected_updated_at))
        .exec(&txn)
        .await
        .map_err(db_err)?;
    if result.rows_affected != 1 {
        txn.rollback().await.map_err(db_err)?;
        return Ok(false);
    }
    add_share(&txn, scope, &before, -1).await?;
    add_share(&txn, scope, d, 1).await?;
    audit::append(&txn, scope, entry).await?;
    crate::activities::notify(&txn, scope, n).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(true)
}

/// Moves every deal of the removed stage `from` to `to`, in the caller's
/// transaction (the totals are rebuilt afterwards).
pub(super) async fn move_deals_of_stage(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    from: &crm_deals::Stage,
    to: &crm_deals::Stage,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    tenancy::update_in::<deals::Entity>(scope)
        .filter(deals::Column::StageId.eq(from.id.as_uuid()))
        .col_expr(deals::Column::StageId, Expr::value(to.id.as_uuid()))
        .col_expr(deals::Column::PipelineId, Expr::value(to.pipeline_id.as_uuid()))
        .col_expr(deals::Column::UpdatedAt, Expr::value(at))
        .exec(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}
