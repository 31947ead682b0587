//! The kanban board and the per-contact / per-company totals.

use std::collections::HashMap;

use crm_kernel::{Limit, PipelineId, Resource, Scope, StageId};

use super::{DealService, normalise, require_read};
use crate::error::DealError;
use crate::model::{BoardColumn, DealFilter, DealQuery, DealSummary, Pipeline, StageTotals};
use crate::values::StageKind;

/// A board: the pipeline, each column's totals and first page, and totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub pipeline: Pipeline,
    pub currency: crm_kernel::Currency,
    pub columns: Vec<BoardColumn>,
    pub totals: StageTotals,
}

impl DealService {
    /// The kanban board of a pipeline: per stage, totals under the filter
    /// and the first `limit` deals.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn board(
        &self,
        scope: &Scope,
        pipeline_id: PipelineId,
        filter: DealFilter,
        limit: Limit,
    ) -> Result<Board, DealError> {
        require_read(scope)?;
        let (pipelines, stages) = self.context(scope).await?;
        let pipeline =
            pipelines.into_iter().find(|p| p.id == pipeline_id).ok_or(DealError::NotFound(Resource::Pipeline))?;
        let currency = self.deals.workspace_currency(scope).await?;
        let now = self.clock.now();
        let filter = normalise(DealFilter { pipeline_id: Some(pipeline_id), ..filter });
        let totals: HashMap<StageId, StageTotals> =
            self.deals.stage_totals(scope, &filter, currency, now).await?.into_iter().collect();
        // One page per non-empty column, then one snapshot pass (names and
        // lost reasons read once for the whole board).
        let mut pages = Vec::with_capacity(pipeline.stages.len());
        let mut rows = Vec::new();
        for stage in &pipeline.stages {
            let stage_totals = totals.get(&stage.id).copied().unwrap_or_default();
            let mut next = None;
            let mut taken = 0;
            if stage_totals.count > 0 {
                let query = DealQuery {
                    filter: DealFilter { stage_id: Some(stage.id), ..filter.clone() },
                    before: None,
                    limit,
                    now,
                };
                let mut page = self.deals.list_deals(scope, &query).await?;
                if page.len() > usize::from(limit.get()) {
                    page.truncate(usize::from(limit.get()));
                    next = page.last().map(|d| d.id);
                }
                taken = page.len();
                rows.extend(page);
            }
            pages.push((stage, stage_totals, taken, next));
        }
        let mut snapshots = self.snapshots_with(scope, rows, &stages).await?.into_iter();
        let columns: Vec<BoardColumn> = pages
            .into_iter()
            .map(|(stage, totals, taken, next)| BoardColumn {
                stage: stage.clone(),
                totals,
                deals: snapshots.by_ref().take(taken).collect(),
                next,
            })
            .collect();
        let mut totals = StageTotals::default();
        for column in &columns {
            totals.add(&column.totals);
        }
        Ok(Board { pipeline, currency, columns, totals })
    }

    /// Open pipeline, won deals and lifetime value for a contact or company.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn summary(
        &self,
        scope: &Scope,
        filter: DealFilter,
    ) -> Result<(DealSummary, crm_kernel::Currency), DealError> {
        require_read(scope)?;
        if let Some(contact) = filter.contact_id
            && !self.deals.contact_exists(scope, contact).await?
        {
            return Err(DealError::NotFound(Resource::Contact));
        }
        if let Some(company) = filter.company_id
            && !self.deals.company_exists(scope, company).await?
        {
            return Err(DealError::NotFound(Resource::Company));
        }
        let currency = self.deals.workspace_currency(scope).await?;
        let now = self.clock.now();
        let (_, stages) = self.context(scope).await?;
        let mut open = StageTotals::default();
        let mut won = StageTotals::default();
        let mut lost_count = 0;
        for (stage, totals) in self.deals.stage_totals(scope, &filter, currency, now).await? {
            let target = match stages.get(&stage).map(|s| s.kind) {
                Some(StageKind::Open) => &mut open,
                Some(StageKind::Won) => &mut won,
                Some(StageKind::Lost) | None => {
                    lost_count += totals.count;
                    continue;
                }
            };
            target.add(&totals);
        }
        let limit = Limit::parse(10).unwrap_or_default();
        let open_deals =
            self.list(scope, DealFilter { status: Some(StageKind::Open), ..filter.clone() }, None, limit).await?.0;
        let won_deals = self.list(scope, DealFilter { status: Some(StageKind::Won), ..filter }, None, limit).await?.0;
        Ok((DealSummary { open, won, lost_count, open_deals, won_deals }, currency))
    }
}
