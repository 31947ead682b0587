//! Pipelines, stages, lost reasons, deals, and the inputs that change them.

use crm_kernel::{
    CompanyId, ContactId, Currency, DealId, LeadId, LostReasonId, Money, Patch, PipelineId, StageId, UserId,
    WorkspaceId,
};
use time::{Date, OffsetDateTime};

use crate::values::{DealStatus, Probability, StageKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub id: StageId,
    pub pipeline_id: PipelineId,
    pub name: String,
    pub position: i32,
    pub probability: Probability,
    pub kind: StageKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    pub id: PipelineId,
    pub name: String,
    pub position: i32,
    /// In board order: open stages, then won, then lost.
    pub stages: Vec<Stage>,
}

impl Pipeline {
    #[must_use]
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// Where new deals start: the first open stage.
    #[must_use]
    pub fn first_open(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.kind == StageKind::Open)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostReason {
    pub id: LostReasonId,
    pub label: String,
    pub position: i32,
    pub archived: bool,
}

/// Why a deal was lost: one of the workspace's reasons, or "other" with text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LossReason {
    Listed(LostReasonId),
    Other(String),
}

/// A deal as stored.
///
/// `amount` is entered by hand today; when product line items arrive, a deal
/// with lines gets its amount recalculated from them in the same transaction
/// as every line change (the stored column stays the single source read by
/// boards and totals).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    pub id: DealId,
    pub workspace_id: WorkspaceId,
    pub pipeline_id: PipelineId,
    pub stage_id: StageId,
    /// The kind of `stage_id`, kept on the row so lists filter on it.
    pub status: DealStatus,
    pub title: String,
    pub amount: Money,
    /// An override of the stage's default probability.
    pub probability: Option<Probability>,
    pub expected_close_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub next_action_date: Option<Date>,
    pub owner_id: Option<UserId>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    /// The lead this deal was converted from.
    pub lead_id: Option<LeadId>,
    pub loss: Option<LossReason>,
    pub notes: Option<String>,
    pub opened_at: OffsetDateTime,
    /// Stamped when the deal is won or lost; cleared by a reopen.
    pub closed_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Deal {
    /// Lower-cased title: what `q` searches.
    #[must_use]
    pub fn search_text(&self) -> String {
        self.title.to_lowercase()
    }

    /// The probability that counts, given its stage's default: won 100,
    /// lost 0 (their stages' fixed defaults), else the override or the
    /// default.
    #[must_use]
    pub fn effective_probability(&self, stage_default: Probability) -> Probability {
        match self.status {
            StageKind::Open => self.probability.unwrap_or(stage_default),
            StageKind::Won | StageKind::Lost => stage_default,
        }
    }

    /// amount × effective probability, rounded to the minor unit: what the
    /// deal adds to its stage's weighted total.
    #[must_use]
    pub fn weighted(&self, stage_default: Probability) -> Money {
        self.amount.percent(self.effective_probability(stage_default).get())
    }

    #[must_use]
    pub fn is_stale(&self, now: OffsetDateTime) -> bool {
        self.status == StageKind::Open && self.updated_at < now - time::Duration::days(crate::values::STALE_AFTER_DAYS)
    }
}

/// A deal with what is derived at read time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealSnapshot {
    pub deal: Deal,
    pub stage: Stage,
    pub probability: Probability,
    /// amount × probability, rounded to the minor unit.
    pub weighted: Money,
    pub stale: bool,
    /// The label of a listed reason, or the "other" text.
    pub lost_reason: Option<String>,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
}

/// Names of linked contacts and companies, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkNames {
    pub contacts: std::collections::HashMap<ContactId, String>,
    pub companies: std::collections::HashMap<CompanyId, String>,
}

/// Raw input to create a deal.
#[derive(Clone, Debug, Default)]
pub struct NewDeal {
    pub title: String,
    pub amount: Option<String>,
    pub pipeline_id: Option<PipelineId>,
    pub stage_id: Option<StageId>,
    pub probability: Option<i64>,
    pub expected_close_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub next_action_date: Option<Date>,
    pub owner_id: Option<UserId>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    pub notes: Option<String>,
}

/// Raw input to change a deal's fields (stage moves are separate).
#[derive(Clone, Debug, Default)]
pub struct DealChanges {
    pub title: Option<String>,
    pub amount: Option<String>,
    pub probability: Patch<i64>,
    pub expected_close_date: Patch<Date>,
    pub next_action_text: Patch<String>,
    pub next_action_date: Patch<Date>,
    pub owner_id: Patch<UserId>,
    pub contact_id: Patch<ContactId>,
    pub company_id: Patch<CompanyId>,
    pub notes: Patch<String>,
}

/// A move to another stage; a lost stage needs a reason, a later open stage
/// a next step (given here or already on the deal).
#[derive(Clone, Debug, Default)]
pub struct StageMove {
    pub stage_id: StageId,
    pub lost_reason_id: Option<LostReasonId>,
    pub lost_reason_other: Option<String>,
    /// Sets the deal's next action date in the same write.
    pub next_action_date: Option<Date>,
    /// Sets the deal's next action text (blank clears it) in the same write.
    pub next_action_text: Option<String>,
}

/// Filters of deal lists and boards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DealFilter {
    pub pipeline_id: Option<PipelineId>,
    pub stage_id: Option<StageId>,
    pub status: Option<DealStatus>,
    pub owner_id: Option<UserId>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    /// Only open deals without an update in 14 days.
    pub stale: bool,
    /// Lower-cased, trimmed search in the title.
    pub q: Option<String>,
    /// Only deals closed (won or lost) at or after this instant: the won
    /// and lost columns of a board show a period, not every deal ever.
    pub closed_since: Option<OffsetDateTime>,
}

/// A list request: newest first, up to `limit + 1` rows before `before`.
#[derive(Clone, Debug)]
pub struct DealQuery {
    pub filter: DealFilter,
    pub before: Option<DealId>,
    pub limit: crm_kernel::Limit,
    pub now: OffsetDateTime,
}

/// Count and sums of one stage's deals under a filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTotals {
    /// Every matching deal, whatever its currency.
    pub count: u64,
    /// Sum of amounts in the workspace currency, minor units.
    pub amount_minor: i64,
    /// Sum of per-deal weighted amounts (each rounded), minor units.
    pub weighted_minor: i64,
    /// Deals counted above whose amounts are in another currency (the
    /// workspace's changed since): not in the sums, and said so.
    pub other_currency_count: u64,
}

impl StageTotals {
    /// Adds another group's count and sums (saturating).
    pub fn add(&mut self, other: &Self) {
        self.count += other.count;
        self.amount_minor = self.amount_minor.saturating_add(other.amount_minor);
        self.weighted_minor = self.weighted_minor.saturating_add(other.weighted_minor);
        self.other_currency_count += other.other_currency_count;
    }
}

/// Count and sums of one stage's deals in one currency: what the store
/// reports; the service folds the rows into [`StageTotals`] in the
/// workspace currency and lists the other currencies apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrencyTotals {
    pub stage_id: StageId,
    pub currency: Currency,
    pub count: u64,
    pub amount_minor: i64,
    pub weighted_minor: i64,
}

/// Sums per currency, in currency-code order: money that is not in the
/// workspace currency is shown apart, never converted and never dropped.
pub type OtherCurrencies = Vec<Money>;

/// A column of the board: its stage, totals and first page of deals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardColumn {
    pub stage: Stage,
    pub totals: StageTotals,
    pub deals: Vec<DealSnapshot>,
    pub next: Option<DealId>,
}

/// Open pipeline, won deals and lifetime value of a contact or company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealSummary {
    pub open: StageTotals,
    pub won: StageTotals,
    /// Open pipeline in currencies other than the workspace's.
    pub open_other: OtherCurrencies,
    /// Won amounts (lifetime value) in currencies other than the workspace's.
    pub won_other: OtherCurrencies,
    pub lost_count: u64,
    pub open_deals: Vec<DealSnapshot>,
    pub won_deals: Vec<DealSnapshot>,
}
