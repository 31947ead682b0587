//! Pipelines, their stages and the lost reasons.

use std::collections::HashMap;

use crm_deals::{LostReason, Pipeline, PipelineStore, Stage, StageRemoval};
use crm_kernel::{AuditEntry, LostReasonId, PipelineId, Scope, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::rows::{stage, stage_row};
use super::totals::rebuild_totals;
use super::{SeaDealStore, moves};
use crate::entities::{deals, lost_reasons, pipeline_stages, pipelines};
use crate::tenancy::{self, in_workspace};
use crate::{audit, db_err, is_unique_violation, write_txn};

#[async_trait::async_trait]
impl PipelineStore for SeaDealStore {
    async fn pipelines(&self, scope: &Scope) -> Result<Vec<Pipeline>, StoreError> {
        let rows = in_workspace::<pipelines::Entity>(scope)
            .order_by_asc(pipelines::Column::Position)
            .order_by_asc(pipelines::Column::Id)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        let stage_rows = in_workspace::<pipeline_stages::Entity>(scope)
            .order_by_asc(pipeline_stages::Column::Position)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        let mut by_pipeline: HashMap<Uuid, Vec<Stage>> = HashMap::new();
        for row in stage_rows {
            by_pipeline.entry(row.pipeline_id).or_default().push(stage(row)?);
        }
        Ok(rows
            .into_iter()
            .map(|p| Pipeline {
                stages: by_pipeline.remove(&p.id).unwrap_or_default(),
                id: p.id.into(),
                name: p.name,
                position: p.position,
            })
            .collect())
    }

    async fn insert_pipeline(&self, scope: &Scope, p: &Pipeline, entry: &AuditEntry) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        let row = pipelines::ActiveModel {
            id: Set(p.id.as_uuid()),
            workspace_id: NotSet,
            name: Set(p.name.clone()),
            position: Set(p.position),
            created_at: Set(entry.at),
            updated_at: Set(entry.at),
        };
        tenancy::insert_in::<pipelines::Entity>(scope, row).exec_without_returning(&txn).await.map_err(db_err)?;
        tenancy::insert_many_in::<pipeline_stages::Entity>(scope, p.stages.iter().map(|s| stage_row(s, entry.at)))
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn rename_pipeline(
        &self,
        scope: &Scope,
        id: PipelineId,
        name: &str,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let rename = tenancy::update_in::<pipelines::Entity>(scope)
            .col_expr(pipelines::Column::Name, Expr::value(name))
            .col_expr(pipelines::Column::UpdatedAt, Expr::value(entry.at))
            .filter(pipelines::Column::Id.eq(id.as_uuid()));
        audit::update_one(&self.db, scope, rename, entry).await
    }

    async fn save_stages(&self, scope: &Scope, stages: &[Stage], entry: &AuditEntry) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        for s in stages {
            let updated = tenancy::update_in::<pipeline_stages::Entity>(scope)
                .col_expr(pipeline_stages::Column::Name, Expr::value(s.name.clone()))
                .col_expr(pipeline_stages::Column::Position, Expr::value(s.position))
                .col_expr(pipeline_stages::Column::Probability, Expr::value(i32::from(s.probability.get())))
                .col_expr(pipeline_stages::Column::UpdatedAt, Expr::value(entry.at))
                .filter(pipeline_stages::Column::Id.eq(s.id.as_uuid()))
                .exec(&txn)
                .await
                .map_err(db_err)?;
            if updated.rows_affected == 0 {
                tenancy::insert_in::<pipeline_stages::Entity>(scope, stage_row(s, entry.at))
                    .exec_without_returning(&txn)
                    .await
                    .map_err(db_err)?;
            }
        }
        // Default probabilities may have changed: weighted totals follow.
        for pipeline in stages.iter().map(|s| s.pipeline_id).collect::<std::collections::HashSet<_>>() {
            rebuild_totals(&txn, scope, pipeline).await?;
        }
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn remove_stage(
        &self,
        scope: &Scope,
        stage: &Stage,
        move_to: Option<&Stage>,
        at: OffsetDateTime,
        entry: &AuditEntry,
    ) -> Result<StageRemoval, StoreError> {
        let txn = write_txn(&self.db).await?;
        if let Some(target) = move_to {
            moves::move_deals_of_stage(&txn, scope, stage, target, at).await?;
        } else {
            let count = in_workspace::<deals::Entity>(scope)
                .filter(deals::Column::StageId.eq(stage.id.as_uuid()))
                .count(&txn)
                .await
                .map_err(db_err)?;
            if count > 0 {
                txn.rollback().await.map_err(db_err)?;
                return Ok(StageRemoval::NotEmpty(count));
            }
        }
        let removed = tenancy::delete_in::<pipeline_stages::Entity>(scope)
            .filter(pipeline_stages::Column::Id.eq(stage.id.as_uuid()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if removed.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(StageRemoval::NotFound);
        }
        if let Some(target) = move_to {
            rebuild_totals(&txn, scope, target.pipeline_id).await?;
        }
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(StageRemoval::Removed)
    }

    async fn lost_reasons(&self, scope: &Scope) -> Result<Vec<LostReason>, StoreError> {
        let rows = in_workspace::<lost_reasons::Entity>(scope)
            .order_by_asc(lost_reasons::Column::Position)
            .order_by_asc(lost_reasons::Column::Id)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(rows
            .into_iter()
            .map(|r| LostReason {
                id: r.id.into(),
                label: r.label,
                position: r.position,
                archived: r.archived_at.is_some(),
            })
            .collect())
    }

    async fn insert_lost_reason(
        &self,
        scope: &Scope,
        reason: &LostReason,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let txn = write_txn(&self.db).await?;
        let row = lost_reasons::ActiveModel {
            id: Set(reason.id.as_uuid()),
            workspace_id: NotSet,
            label: Set(reason.label.clone()),
            label_key: Set(reason.label.to_lowercase()),
            position: Set(reason.position),
            archived_at: Set(None),
            created_at: Set(entry.at),
        };
        match tenancy::insert_in::<lost_reasons::Entity>(scope, row).exec_without_returning(&txn).await {
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

    async fn set_lost_reason_archived(
        &self,
        scope: &Scope,
        id: LostReasonId,
        archived_at: Option<OffsetDateTime>,
        entry: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let archive = tenancy::update_in::<lost_reasons::Entity>(scope)
            .col_expr(lost_reasons::Column::ArchivedAt, Expr::value(archived_at))
            .filter(lost_reasons::Column::Id.eq(id.as_uuid()));
        audit::update_one(&self.db, scope, archive, entry).await
    }
}
