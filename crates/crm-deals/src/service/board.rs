//! The kanban board and the per-contact / per-company totals.

use std::collections::{BTreeMap, HashMap};

use crm_kernel::{Currency, Limit, Money, PipelineId, Resource, Scope, StageId};
use time::{Date, Month, OffsetDateTime};

use super::{DealService, normalise, require_read};
use crate::error::DealError;
use crate::model::{
    BoardColumn, CurrencyTotals, DealFilter, DealQuery, DealSummary, OtherCurrencies, Pipeline, Stage, StageTotals,
};
use crate::values::StageKind;

/// A board: the pipeline, each column's totals and first page, and the
/// headline figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub pipeline: Pipeline,
    pub currency: crm_kernel::Currency,
    pub columns: Vec<BoardColumn>,
    /// The open pipeline: the open columns' totals only. Won and lost
    /// deals are not a forecast; their columns carry their own totals.
    pub totals: StageTotals,
    /// The won and lost columns hold the deals closed at or after this
    /// instant (the request's, or the start of the current quarter).
    pub closed_since: OffsetDateTime,
}

/// Midnight UTC of the first day of `now`'s calendar quarter: the default
/// period of the won and lost columns.
#[must_use]
pub fn quarter_start(now: OffsetDateTime) -> OffsetDateTime {
    let date = now.date();
    let first_month = (u8::from(date.month()) - 1) / 3 * 3 + 1;
    let month = Month::try_from(first_month).unwrap_or(Month::January);
    Date::from_calendar_date(date.year(), month, 1).unwrap_or(date).midnight().assume_utc()
}

/// Per-currency rows folded into one total per stage in `currency`; deals
/// in other currencies are counted (and flagged), and their amounts
/// collected apart per stage kind by [`Tally`].
fn per_stage(rows: &[CurrencyTotals], currency: Currency) -> HashMap<StageId, StageTotals> {
    let mut totals: HashMap<StageId, StageTotals> = HashMap::new();
    for row in rows {
        totals.entry(row.stage_id).or_default().add(&in_currency(row, currency));
    }
    totals
}

/// One row as totals in `currency`: summed when it is that currency, else
/// only counted.
fn in_currency(row: &CurrencyTotals, currency: Currency) -> StageTotals {
    if row.currency == currency {
        StageTotals {
            count: row.count,
            amount_minor: row.amount_minor,
            weighted_minor: row.weighted_minor,
            other_currency_count: 0,
        }
    } else {
        StageTotals { count: row.count, other_currency_count: row.count, ..StageTotals::default() }
    }
}

/// Totals of one kind of stage (open, won) in the workspace currency, and
/// the amounts in every other currency beside them.
#[derive(Default)]
struct Tally {
    totals: StageTotals,
    other: BTreeMap<&'static str, Money>,
}

impl Tally {
    fn add(&mut self, row: &CurrencyTotals, currency: Currency) {
        self.totals.add(&in_currency(row, currency));
        if row.currency != currency {
            let sum = self.other.entry(row.currency.code()).or_insert_with(|| Money::zero(row.currency));
            *sum = Money::from_minor(sum.minor().saturating_add(row.amount_minor), row.currency);
        }
    }

    fn other(self) -> OtherCurrencies {
        self.other.into_values().collect()
    }
}

impl DealService {
    /// The kanban board of a pipeline: per stage, totals under the filter
    /// and the first `limit` deals. Open columns hold every open deal; the
    /// won and lost columns hold those closed since `filter.closed_since`
    /// (default: the start of the current quarter).
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
        let closed_since = filter.closed_since.unwrap_or_else(|| quarter_start(now));
        let open_filter = normalise(DealFilter { pipeline_id: Some(pipeline_id), closed_since: None, ..filter });
        let closed_filter = DealFilter { closed_since: Some(closed_since), ..open_filter.clone() };
        // Open columns read the whole pipeline's totals (kept per stage, so
        // cheap); closed columns sum the period's deals.
        let open_totals = per_stage(&self.deals.stage_totals(scope, &open_filter, now).await?, currency);
        // Stale deals are open by definition: a stale board's closed
        // columns are empty without asking.
        let closed_totals = if closed_filter.stale {
            HashMap::new()
        } else {
            per_stage(&self.deals.stage_totals(scope, &closed_filter, now).await?, currency)
        };
        // One page per non-empty column, then one snapshot pass (names and
        // lost reasons read once for the whole board).
        let mut pages: Vec<(&Stage, StageTotals, usize, _)> = Vec::with_capacity(pipeline.stages.len());
        let mut rows = Vec::new();
        for stage in &pipeline.stages {
            let (totals, filter) = match stage.kind {
                StageKind::Open => (&open_totals, &open_filter),
                StageKind::Won | StageKind::Lost => (&closed_totals, &closed_filter),
            };
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
        for column in columns.iter().filter(|c| c.stage.kind == StageKind::Open) {
            totals.add(&column.totals);
        }
        Ok(Board { pipeline, currency, columns, totals, closed_since })
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
        let mut open = Tally::default();
        let mut won = Tally::default();
        let mut lost_count = 0;
        for row in self.deals.stage_totals(scope, &filter, now).await? {
            match stages.get(&row.stage_id).map(|s| s.kind) {
                Some(StageKind::Open) => open.add(&row, currency),
                Some(StageKind::Won) => won.add(&row, currency),
                Some(StageKind::Lost) | None => lost_count += row.count,
            }
        }
        let limit = Limit::parse(10).unwrap_or_default();
        let open_deals =
            self.list(scope, DealFilter { status: Some(StageKind::Open), ..filter.clone() }, None, limit).await?.0;
        let won_deals = self.list(scope, DealFilter { status: Some(StageKind::Won), ..filter }, None, limit).await?.0;
        Ok((
            DealSummary {
                open: open.totals,
                won: won.totals,
                open_other: open.other(),
                won_other: won.other(),
                lost_count,
                open_deals,
                won_deals,
            },
            currency,
        ))
    }
}
