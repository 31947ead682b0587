//! The SeaORM adapter of `crm_deals`'s ports: pipelines and stages, lost
//! reasons, deals, board totals and lead conversion.

use std::collections::HashMap;

use crm_deals::conversion::{ConversionOutcome, ConversionStore, ConversionWrite};
use crm_deals::{
    CurrencyTotals, Deal, DealFilter, DealQuery, DealStore, LinkNames, LossReason, LostReason, Pipeline, PipelineStore,
    Probability, Stage, StageKind, StageRemoval,
};
use crm_kernel::{
    AuditEntry, CompanyId, ContactId, Currency, DealId, LostReasonId, Money, Notification, PipelineId, Scope, StageId,
    StoreError, UserId,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::entities::{
    companies, contacts, deal_stage_totals, deals, leads, lost_reasons, pipeline_stages, pipelines, workspaces,
};
use crate::keyset::like_pattern;
use crate::tenancy::in_workspace;
use crate::{audit, db_err, is_unique_violation, write_txn};

#[derive(Clone)]
pub struct SeaDealStore {
    db: DatabaseConnection,
}

impl SeaDealStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

pub(crate) fn deal_row(d: &Deal) -> deals::ActiveModel {
    let (lost_reason_id, lost_reason_text) = match &d.loss {
        None => (None, None),
        Some(LossReason::Listed(id)) => (Some(id.as_uuid()), None),
        Some(LossReason::Other(text)) => (None, Some(text.clone())),
    };
    deals::ActiveModel {
        id: Set(d.id.as_uuid()),
        workspace_id: Set(d.workspace_id.as_uuid()),
        pipeline_id: Set(d.pipeline_id.as_uuid()),
        stage_id: Set(d.stage_id.as_uuid()),
        status: Set(d.status.as_str().to_owned()),
        title: Set(d.title.clone()),
        amount_minor: Set(d.amount.minor()),
        currency: Set(d.amount.currency().code().to_owned()),
        probability: Set(d.probability.map(|p| i32::from(p.get()))),
        expected_close_date: Set(d.expected_close_date),
        next_action_text: Set(d.next_action_text.clone()),
        next_action_date: Set(d.next_action_date),
        owner_id: Set(d.owner_id.map(|u| u.as_uuid())),
        contact_id: Set(d.contact_id.map(Into::into)),
        company_id: Set(d.company_id.map(Into::into)),
        lead_id: Set(d.lead_id.map(Into::into)),
        lost_reason_id: Set(lost_reason_id),
        lost_reason_text: Set(lost_reason_text),
        notes: Set(d.notes.clone()),
        search_text: Set(d.search_text()),
        opened_at: Set(d.opened_at),
        closed_at: Set(d.closed_at),
        created_at: Set(d.created_at),
        updated_at: Set(d.updated_at),
    }
}

fn deal(r: deals::Model) -> Result<Deal, StoreError> {
    let loss = match (r.lost_reason_id, r.lost_reason_text) {
        (Some(id), _) => Some(LossReason::Listed(id.into())),
        (None, Some(text)) => Some(LossReason::Other(text)),
        (None, None) => None,
    };
    let currency = Currency::parse(&r.currency).map_err(|e| StoreError(e.to_string()))?;
    Ok(Deal {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        pipeline_id: r.pipeline_id.into(),
        stage_id: r.stage_id.into(),
        status: r.status.parse().map_err(|()| StoreError(format!("unknown deal status `{}`", r.status)))?,
        title: r.title,
        amount: Money::from_minor(r.amount_minor, currency),
        probability: r.probability.map(|p| Probability::from_trusted(u8::try_from(p).unwrap_or(100))),
        expected_close_date: r.expected_close_date,
        next_action_text: r.next_action_text,
        next_action_date: r.next_action_date,
        owner_id: r.owner_id.map(Into::into),
        contact_id: r.contact_id.map(Into::into),
        company_id: r.company_id.map(Into::into),
        lead_id: r.lead_id.map(Into::into),
        loss,
        notes: r.notes,
        opened_at: r.opened_at,
        closed_at: r.closed_at,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

fn stage(r: pipeline_stages::Model) -> Result<Stage, StoreError> {
    Ok(Stage {
        id: r.id.into(),
        pipeline_id: r.pipeline_id.into(),
        name: r.name,
        position: r.position,
        probability: Probability::from_trusted(u8::try_from(r.probability).unwrap_or(0)),
        kind: r.kind.parse().map_err(|()| StoreError(format!("unknown stage kind `{}`", r.kind)))?,
    })
}

fn stage_row(scope: &Scope, s: &Stage, now: OffsetDateTime) -> pipeline_stages::ActiveModel {
    pipeline_stages::ActiveModel {
        id: Set(s.id.as_uuid()),
        workspace_id: Set(scope.workspace().as_uuid()),
        pipeline_id: Set(s.pipeline_id.as_uuid()),
        name: Set(s.name.clone()),
        position: Set(s.position),
        probability: Set(i32::from(s.probability.get())),
        kind: Set(s.kind.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// Deals matching `f` in the scope's workspace.
fn filtered(scope: &Scope, f: &DealFilter, now: OffsetDateTime) -> Select<deals::Entity> {
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

/// `(stage_id, currency, count, amount_minor, weighted_minor)`.
type TotalsRow = (Uuid, String, i64, i64, i64);

/// Per stage and currency: count, amount and weighted amount of the deals
/// matching `f`. Each deal's weight is rounded on its own (as on its card),
/// with its stage's default probability from a join.
fn summed(
    scope: &Scope,
    f: &DealFilter,
    now: OffsetDateTime,
) -> sea_orm::Selector<sea_orm::SelectGetableTuple<TotalsRow>> {
    let weighted = "CAST(COALESCE(SUM((deals.amount_minor * (CASE WHEN deals.status = 'open' \
         THEN COALESCE(deals.probability, pipeline_stages.probability) ELSE pipeline_stages.probability END) \
         + 50) / 100), 0) AS BIGINT)";
    let stage_of_deal =
        deals::Entity::belongs_to(pipeline_stages::Entity).from(deals::Column::StageId).to(pipeline_stages::Column::Id);
    filtered(scope, f, now)
        .join(JoinType::InnerJoin, stage_of_deal.into())
        .select_only()
        .column(deals::Column::StageId)
        .column(deals::Column::Currency)
        .column_as(deals::Column::Id.count(), "count")
        .column_as(Expr::cust("CAST(COALESCE(SUM(deals.amount_minor), 0) AS BIGINT)"), "amount")
        .column_as(Expr::cust(weighted), "weighted")
        .group_by(deals::Column::StageId)
        .group_by(deals::Column::Currency)
        .into_tuple()
}

/// A stage's default probability, read inside a deal write. On PostgreSQL
/// the row is share-locked until the write commits, so a concurrent change
/// of the stage's probability (which rebuilds the totals) waits for it.
async fn stage_default(conn: &impl ConnectionTrait, scope: &Scope, stage: Uuid) -> Result<Probability, StoreError> {
    let mut select = in_workspace::<pipeline_stages::Entity>(scope)
        .filter(pipeline_stages::Column::Id.eq(stage))
        .select_only()
        .column(pipeline_stages::Column::Probability);
    if conn.get_database_backend() == DbBackend::Postgres {
        select = select.lock_shared();
    }
    let p: Option<i32> = select.into_tuple().one(conn).await.map_err(db_err)?;
    let p = p.ok_or_else(|| StoreError(format!("stage {stage} not found")))?;
    Ok(Probability::from_trusted(u8::try_from(p).unwrap_or(0)))
}

/// Adds (`sign` 1) or takes back (`sign` -1) a deal's share of its stage's
/// kept totals, in the caller's transaction.
async fn add_share(conn: &impl ConnectionTrait, scope: &Scope, d: &Deal, sign: i64) -> Result<(), StoreError> {
    let weighted = d.weighted(stage_default(conn, scope, d.stage_id.as_uuid()).await?).minor();
    bump(
        conn,
        scope,
        d.stage_id.as_uuid(),
        d.amount.currency().code(),
        [sign, sign * d.amount.minor(), sign * weighted],
    )
    .await
}

async fn bump(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    stage: Uuid,
    currency: &str,
    [count, amount, weighted]: [i64; 3],
) -> Result<(), StoreError> {
    let stmt = sea_orm::Statement::from_sql_and_values(
        conn.get_database_backend(),
        "INSERT INTO deal_stage_totals (id, workspace_id, stage_id, currency, deal_count, amount_minor, weighted_minor) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (workspace_id, stage_id, currency) DO UPDATE SET \
         deal_count = deal_stage_totals.deal_count + excluded.deal_count, \
         amount_minor = deal_stage_totals.amount_minor + excluded.amount_minor, \
         weighted_minor = deal_stage_totals.weighted_minor + excluded.weighted_minor",
        [
            Uuid::now_v7().into(),
            scope.workspace().as_uuid().into(),
            stage.into(),
            currency.into(),
            count.into(),
            amount.into(),
            weighted.into(),
        ],
    );
    conn.execute_raw(stmt).await.map_err(db_err)?;
    Ok(())
}

/// Recomputes the kept totals of every stage of `pipeline` from its deals
/// (after stage probabilities changed or deals moved between stages in bulk).
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn rebuild_totals(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    pipeline: PipelineId,
) -> Result<(), StoreError> {
    let stages: Vec<Uuid> = in_workspace::<pipeline_stages::Entity>(scope)
        .filter(pipeline_stages::Column::PipelineId.eq(pipeline.as_uuid()))
        .select_only()
        .column(pipeline_stages::Column::Id)
        .into_tuple()
        .all(conn)
        .await
        .map_err(db_err)?;
    deal_stage_totals::Entity::delete_many()
        .filter(deal_stage_totals::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
        .filter(deal_stage_totals::Column::StageId.is_in(stages))
        .exec(conn)
        .await
        .map_err(db_err)?;
    let filter = DealFilter { pipeline_id: Some(pipeline), ..DealFilter::default() };
    let rows = summed(scope, &filter, OffsetDateTime::now_utc()).all(conn).await.map_err(db_err)?;
    for (stage, currency, count, amount, weighted) in rows {
        bump(conn, scope, stage, &currency, [count, amount, weighted]).await?;
    }
    Ok(())
}

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
            workspace_id: Set(scope.workspace().as_uuid()),
            name: Set(p.name.clone()),
            position: Set(p.position),
            created_at: Set(entry.at),
            updated_at: Set(entry.at),
        };
        pipelines::Entity::insert(row).exec_without_returning(&txn).await.map_err(db_err)?;
        pipeline_stages::Entity::insert_many(p.stages.iter().map(|s| stage_row(scope, s, entry.at)))
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
        let txn = write_txn(&self.db).await?;
        let result = pipelines::Entity::update_many()
            .col_expr(pipelines::Column::Name, Expr::value(name))
            .col_expr(pipelines::Column::UpdatedAt, Expr::value(entry.at))
            .filter(pipelines::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
            .filter(pipelines::Column::Id.eq(id.as_uuid()))
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

    async fn save_stages(&self, scope: &Scope, stages: &[Stage], entry: &AuditEntry) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        for s in stages {
            let updated = pipeline_stages::Entity::update_many()
                .col_expr(pipeline_stages::Column::Name, Expr::value(s.name.clone()))
                .col_expr(pipeline_stages::Column::Position, Expr::value(s.position))
                .col_expr(pipeline_stages::Column::Probability, Expr::value(i32::from(s.probability.get())))
                .col_expr(pipeline_stages::Column::UpdatedAt, Expr::value(entry.at))
                .filter(pipeline_stages::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
                .filter(pipeline_stages::Column::Id.eq(s.id.as_uuid()))
                .exec(&txn)
                .await
                .map_err(db_err)?;
            if updated.rows_affected == 0 {
                pipeline_stages::Entity::insert(stage_row(scope, s, entry.at))
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
            deals::Entity::update_many()
                .filter(deals::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
                .filter(deals::Column::StageId.eq(stage.id.as_uuid()))
                .col_expr(deals::Column::StageId, Expr::value(target.id.as_uuid()))
                .col_expr(deals::Column::PipelineId, Expr::value(target.pipeline_id.as_uuid()))
                .col_expr(deals::Column::UpdatedAt, Expr::value(at))
                .exec(&txn)
                .await
                .map_err(db_err)?;
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
        let removed = pipeline_stages::Entity::delete_many()
            .filter(pipeline_stages::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
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
            workspace_id: Set(scope.workspace().as_uuid()),
            label: Set(reason.label.clone()),
            label_key: Set(reason.label.to_lowercase()),
            position: Set(reason.position),
            archived_at: Set(None),
            created_at: Set(entry.at),
        };
        match lost_reasons::Entity::insert(row).exec_without_returning(&txn).await {
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
        let txn = write_txn(&self.db).await?;
        let result = lost_reasons::Entity::update_many()
            .col_expr(lost_reasons::Column::ArchivedAt, Expr::value(archived_at))
            .filter(lost_reasons::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
            .filter(lost_reasons::Column::Id.eq(id.as_uuid()))
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
        deals::Entity::insert(deal_row(d)).exec_without_returning(&txn).await.map_err(db_err)?;
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
        let txn = write_txn(&self.db).await?;
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
        let result = deals::Entity::update_many()
            .set(active)
            .filter(deals::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
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
        // A whole pipeline (the board's first screen) reads the kept totals;
        // any narrower filter sums the matching deals.
        let unfiltered = DealFilter { pipeline_id: None, ..filter.clone() } == DealFilter::default();
        let rows = if unfiltered {
            let mut select = in_workspace::<deal_stage_totals::Entity>(scope);
            if let Some(pipeline) = filter.pipeline_id {
                let stages = in_workspace::<pipeline_stages::Entity>(scope)
                    .filter(pipeline_stages::Column::PipelineId.eq(pipeline.as_uuid()))
                    .select_only()
                    .column(pipeline_stages::Column::Id)
                    .into_query();
                select = select.filter(deal_stage_totals::Column::StageId.in_subquery(stages));
            }
            select
                .select_only()
                .column(deal_stage_totals::Column::StageId)
                .column(deal_stage_totals::Column::Currency)
                .column(deal_stage_totals::Column::DealCount)
                .column(deal_stage_totals::Column::AmountMinor)
                .column(deal_stage_totals::Column::WeightedMinor)
                .into_tuple()
                .all(&self.db)
                .await
                .map_err(db_err)?
        } else {
            summed(scope, filter, now).all(&self.db).await.map_err(db_err)?
        };
        rows.into_iter()
            .filter(|(_, _, count, _, _)| *count > 0)
            .map(|(stage, code, count, amount, weighted): TotalsRow| {
                Ok(CurrencyTotals {
                    stage_id: StageId::from_uuid(stage),
                    currency: Currency::parse(&code).map_err(|e| StoreError(e.to_string()))?,
                    count: u64::try_from(count).unwrap_or(0),
                    amount_minor: amount,
                    weighted_minor: weighted,
                })
            })
            .collect()
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

#[async_trait::async_trait]
impl ConversionStore for SeaDealStore {
    async fn convert(&self, scope: &Scope, w: &ConversionWrite) -> Result<ConversionOutcome, StoreError> {
        let txn = write_txn(&self.db).await?;
        let to = w.lead.converted_to;
        // The claim: only a lead still qualified converts. On PostgreSQL the
        // row lock makes concurrent claims wait and then see `converted`; on
        // SQLite the write transaction serialises them.
        let claimed = leads::Entity::update_many()
            .col_expr(leads::Column::Status, Expr::value(w.lead.status.as_str()))
            .col_expr(leads::Column::ConvertedAt, Expr::value(w.lead.converted_at))
            .col_expr(leads::Column::ConvertedContactId, Expr::value(to.map(|t| t.contact_id.as_uuid())))
            .col_expr(
                leads::Column::ConvertedCompanyId,
                Expr::value(to.and_then(|t| t.company_id.map(|id| id.as_uuid()))),
            )
            .col_expr(leads::Column::ConvertedDealId, Expr::value(to.map(|t| t.deal_id.as_uuid())))
            .col_expr(leads::Column::UpdatedAt, Expr::value(w.lead.updated_at))
            .col_expr(leads::Column::LastActivityAt, Expr::value(w.lead.last_activity_at))
            .filter(leads::Column::WorkspaceId.eq(scope.workspace().as_uuid()))
            .filter(leads::Column::Id.eq(w.lead.id.as_uuid()))
            .filter(leads::Column::Status.eq(crm_leads::LeadStatus::Qualified.as_str()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if claimed.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(ConversionOutcome::LeadChanged);
        }
        if let Some(company) = &w.new_company {
            companies::Entity::insert(crate::contacts::company_row(company))
                .exec_without_returning(&txn)
                .await
                .map_err(db_err)?;
        }
        if let Some(contact) = &w.new_contact
            && let Err(e) =
                contacts::Entity::insert(crate::contacts::contact_row(contact)).exec_without_returning(&txn).await
        {
            txn.rollback().await.map_err(db_err)?;
            if !is_unique_violation(&e) {
                return Err(db_err(e));
            }
            let email = contact.email.as_ref().map(|e| e.as_str().to_owned());
            let existing: Option<Uuid> = in_workspace::<contacts::Entity>(scope)
                .filter(contacts::Column::Email.eq(email))
                .select_only()
                .column(contacts::Column::Id)
                .into_tuple()
                .one(&self.db)
                .await
                .map_err(db_err)?;
            return existing.map(|id| ConversionOutcome::EmailTaken(id.into())).ok_or_else(|| db_err(e));
        }
        deals::Entity::insert(deal_row(&w.deal)).exec_without_returning(&txn).await.map_err(db_err)?;
        add_share(&txn, scope, &w.deal, 1).await?;
        for entry in &w.audit {
            audit::append(&txn, scope, entry).await?;
        }
        txn.commit().await.map_err(db_err)?;
        Ok(ConversionOutcome::Converted)
    }
}
