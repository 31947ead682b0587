//! The kept per-stage totals (`deal_stage_totals`), maintained in every deal
//! write, and the board's stage totals read from them or summed.

use crm_deals::{CurrencyTotals, Deal, DealFilter, Probability};
use crm_kernel::{Currency, PipelineId, Scope, StageId, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, JoinType, QueryFilter, QuerySelect,
    QueryTrait,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::records::filtered;
use crate::db_err;
use crate::entities::{deal_stage_totals, deals, pipeline_stages};
use crate::tenancy::{self, in_workspace};

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
pub(super) async fn add_share(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    d: &Deal,
    sign: i64,
) -> Result<(), StoreError> {
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
    tenancy::delete_in::<deal_stage_totals::Entity>(scope)
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

/// Per stage: count, amount and weighted amount in `currency` of the deals
/// matching `filter` (the board's column headers).
pub(super) async fn stage_totals(
    db: &DatabaseConnection,
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
            .all(db)
            .await
            .map_err(db_err)?
    } else {
        summed(scope, filter, now).all(db).await.map_err(db_err)?
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
