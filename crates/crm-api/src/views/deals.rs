//! Deals, their totals and the deal summaries of contacts and companies.

use crm_deals::{DealChanges, DealSnapshot, DealSummary, NewDeal, StageKind, StageMove, StageTotals};
use crm_kernel::Currency;
use crm_kernel::{CompanyId, ContactId, Patch};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::{MoneyView, double, money};

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DealStatusName {
    Open,
    Won,
    Lost,
}

impl From<StageKind> for DealStatusName {
    fn from(k: StageKind) -> Self {
        match k {
            StageKind::Open => Self::Open,
            StageKind::Won => Self::Won,
            StageKind::Lost => Self::Lost,
        }
    }
}

impl From<DealStatusName> for StageKind {
    fn from(k: DealStatusName) -> Self {
        match k {
            DealStatusName::Open => Self::Open,
            DealStatusName::Won => Self::Won,
            DealStatusName::Lost => Self::Lost,
        }
    }
}

/// A deal with its derived values.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealView {
    pub id: Uuid,
    pub title: String,
    pub amount: MoneyView,
    /// amount × probability, rounded to the minor unit.
    pub weighted: MoneyView,
    /// The probability that counts (won 100, lost 0, else override or stage default).
    pub probability: u8,
    /// Set when someone overrode the stage's default.
    pub probability_override: Option<u8>,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub stage_name: String,
    pub status: DealStatusName,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_close_date: Option<Date>,
    pub next_action_text: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Date>,
    pub owner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    /// The lead this deal was converted from.
    pub lead_id: Option<Uuid>,
    pub lost_reason_id: Option<Uuid>,
    pub lost_reason_other: Option<String>,
    /// The listed reason's label, or the other text.
    pub lost_reason: Option<String>,
    pub notes: Option<String>,
    /// Open with no update in 14 days.
    pub stale: bool,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub opened_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<&DealSnapshot> for DealView {
    fn from(s: &DealSnapshot) -> Self {
        let d = &s.deal;
        let (lost_reason_id, lost_reason_other) = match &d.loss {
            None => (None, None),
            Some(crm_deals::LossReason::Listed(id)) => (Some(id.as_uuid()), None),
            Some(crm_deals::LossReason::Other(text)) => (None, Some(text.clone())),
        };
        Self {
            id: d.id.as_uuid(),
            title: d.title.clone(),
            amount: d.amount.into(),
            weighted: s.weighted.into(),
            probability: s.probability.get(),
            probability_override: d.probability.map(|p| p.get()),
            pipeline_id: d.pipeline_id.as_uuid(),
            stage_id: d.stage_id.as_uuid(),
            stage_name: s.stage.name.clone(),
            status: d.status.into(),
            expected_close_date: d.expected_close_date,
            next_action_text: d.next_action_text.clone(),
            next_action_date: d.next_action_date,
            owner_id: d.owner_id.map(|u| u.as_uuid()),
            contact_id: d.contact_id.map(Into::into),
            contact_name: s.contact_name.clone(),
            company_id: d.company_id.map(Into::into),
            company_name: s.company_name.clone(),
            lead_id: d.lead_id.map(Into::into),
            lost_reason_id,
            lost_reason_other,
            lost_reason: s.lost_reason.clone(),
            notes: d.notes.clone(),
            stale: s.stale,
            opened_at: d.opened_at,
            closed_at: d.closed_at,
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

/// One keyset page of deals, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealPage {
    pub data: Vec<DealView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct DealListQuery {
    pub pipeline_id: Option<Uuid>,
    pub stage_id: Option<Uuid>,
    #[param(inline)]
    pub status: Option<DealStatusName>,
    pub owner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    /// Only open deals without an update in 14 days.
    pub stale: Option<bool>,
    /// Searches the title.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only deals closed (won or lost) on or after this day (UTC): how the
    /// board's won and lost columns page on with their period.
    #[param(value_type = Option<String>, format = Date)]
    pub closed_since: Option<Date>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TotalsView {
    pub count: u64,
    /// Sum of amounts in the workspace currency.
    pub amount: MoneyView,
    /// Sum of the deals' weighted amounts.
    pub weighted: MoneyView,
    /// How many of the `count` deals are in another currency (the
    /// workspace's changed since they were created): counted, not summed.
    pub other_currency_count: u64,
}

impl TotalsView {
    pub(crate) fn new(t: &StageTotals, currency: Currency) -> Self {
        Self {
            count: t.count,
            amount: money(t.amount_minor, currency),
            weighted: money(t.weighted_minor, currency),
            other_currency_count: t.other_currency_count,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"title": "Globex renewal", "amount": "12000.00", "expectedCloseDate": "2026-12-20"}))]
pub struct CreateDealRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub title: String,
    /// Decimal string in the workspace currency; 0 when omitted.
    #[schema(pattern = "@amount")]
    pub amount: Option<String>,
    /// The workspace's first pipeline when omitted.
    pub pipeline_id: Option<Uuid>,
    /// The pipeline's first open stage when omitted.
    pub stage_id: Option<Uuid>,
    /// Overrides the stage's default probability.
    #[schema(minimum = 0, maximum = 100)]
    pub probability: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_close_date: Option<Date>,
    #[schema(max_length = 500, pattern = "@text")]
    pub next_action_text: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Date>,
    pub owner_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    #[schema(max_length = 10000, pattern = "@text")]
    pub notes: Option<String>,
}

/// Every field optional; `null` clears a nullable field. The stage changes
/// through `POST /deals/{dealId}/stage`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"amount": "15000", "probability": 60}))]
pub struct UpdateDealRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub title: Option<String>,
    #[schema(pattern = "@amount")]
    pub amount: Option<String>,
    /// `null` goes back to the stage's default.
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 100)]
    pub probability: Option<Option<i64>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_close_date: Option<Option<Date>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub next_action_text: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Option<Date>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub contact_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

/// A move to another stage. A lost stage needs `lostReasonId` or
/// `lostReasonOther` (one of them). A later open stage of the same pipeline
/// needs a next action date of today or later: `nextActionDate` here, or the
/// deal's own (422 `deal.next_action_required` otherwise).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"stageId": "0193a5c2-7f1e-7c3a-9d5e-3b2f1a0c9e11", "nextActionDate": "2026-12-10", "nextActionText": "Send the proposal"}))]
pub struct MoveDealRequest {
    pub stage_id: Uuid,
    pub lost_reason_id: Option<Uuid>,
    #[schema(max_length = 500, pattern = "@line")]
    pub lost_reason_other: Option<String>,
    /// Sets the deal's next action date with the move (today or later).
    #[schema(value_type = Option<String>, format = Date)]
    pub next_action_date: Option<Date>,
    /// Sets the deal's next action text with the move; blank clears it.
    #[schema(max_length = 500, pattern = "@text")]
    pub next_action_text: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ReopenDealRequest {
    /// An open stage of the deal's pipeline; its first open stage when omitted.
    pub stage_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClosedTotalsView {
    pub count: u64,
    pub amount: MoneyView,
}

/// A contact's or company's deals at a glance.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealSummaryView {
    pub open: TotalsView,
    pub won: ClosedTotalsView,
    pub lost_count: u64,
    /// Sum of won deals in the workspace currency.
    pub lifetime_value: MoneyView,
    /// Won amounts in other currencies (deals won before the workspace
    /// currency changed), one per currency, not converted: shown beside
    /// `lifetimeValue`, never dropped.
    pub lifetime_value_other: Vec<MoneyView>,
    /// Open pipeline amounts in other currencies, likewise.
    pub open_other: Vec<MoneyView>,
    /// Up to 10, newest first; `open.count` says how many there are in all
    /// (the rest: `GET /deals?companyId=…&status=open`, or `contactId`).
    pub open_deals: Vec<DealView>,
    /// Up to 10, newest first.
    pub won_deals: Vec<DealView>,
}

impl DealSummaryView {
    #[must_use]
    pub fn new(s: &DealSummary, currency: Currency) -> Self {
        Self {
            open: TotalsView::new(&s.open, currency),
            won: ClosedTotalsView { count: s.won.count, amount: money(s.won.amount_minor, currency) },
            lost_count: s.lost_count,
            lifetime_value: money(s.won.amount_minor, currency),
            lifetime_value_other: s.won_other.iter().copied().map(Into::into).collect(),
            open_other: s.open_other.iter().copied().map(Into::into).collect(),
            open_deals: s.open_deals.iter().map(Into::into).collect(),
            won_deals: s.won_deals.iter().map(Into::into).collect(),
        }
    }
}

impl From<CreateDealRequest> for NewDeal {
    fn from(b: CreateDealRequest) -> Self {
        Self {
            title: b.title,
            amount: b.amount,
            pipeline_id: b.pipeline_id.map(Into::into),
            stage_id: b.stage_id.map(Into::into),
            probability: b.probability,
            expected_close_date: b.expected_close_date,
            next_action_text: b.next_action_text,
            next_action_date: b.next_action_date,
            owner_id: b.owner_id.map(Into::into),
            contact_id: b.contact_id.map(Into::into),
            company_id: b.company_id.map(Into::into),
            notes: b.notes,
        }
    }
}

impl From<UpdateDealRequest> for DealChanges {
    fn from(b: UpdateDealRequest) -> Self {
        Self {
            title: b.title,
            amount: b.amount,
            probability: Patch::from_double(b.probability),
            expected_close_date: Patch::from_double(b.expected_close_date),
            next_action_text: Patch::from_double(b.next_action_text),
            next_action_date: Patch::from_double(b.next_action_date),
            owner_id: Patch::from_double(b.owner_id.map(|o| o.map(Into::into))),
            contact_id: Patch::from_double(b.contact_id).map(ContactId::from_uuid),
            company_id: Patch::from_double(b.company_id).map(CompanyId::from_uuid),
            notes: Patch::from_double(b.notes),
        }
    }
}

impl From<MoveDealRequest> for StageMove {
    fn from(b: MoveDealRequest) -> Self {
        Self {
            stage_id: b.stage_id.into(),
            lost_reason_id: b.lost_reason_id.map(Into::into),
            lost_reason_other: b.lost_reason_other,
            next_action_date: b.next_action_date,
            next_action_text: b.next_action_text,
        }
    }
}
