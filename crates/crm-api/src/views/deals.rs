//! Deals, pipelines, lost reasons and lead conversion on the wire.

use crm_deals::conversion::{CompanyPlan, ContactPlan, ConversionPlan, Converted, Proposal};
use crm_deals::service::Board;
use crm_deals::{BoardColumn, DealSnapshot, DealSummary, LostReason, Pipeline, Stage, StageKind, StageTotals};
use crm_kernel::{Currency, Money};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::leads::double;

/// Money: a decimal string in the currency's minor units.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"amount": "1234.50", "currency": "EUR"}))]
pub struct MoneyView {
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
}

impl From<Money> for MoneyView {
    fn from(m: Money) -> Self {
        Self { amount: m.to_string(), currency: m.currency().code().to_owned() }
    }
}

fn money(minor: i64, currency: Currency) -> MoneyView {
    Money::from_minor(minor, currency).into()
}

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

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StageView {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    /// Default probability of deals in this stage, 0–100.
    pub probability: u8,
    /// `open` stages hold the pipeline; `won` and `lost` close a deal.
    pub kind: DealStatusName,
}

impl From<&Stage> for StageView {
    fn from(s: &Stage) -> Self {
        Self {
            id: s.id.as_uuid(),
            name: s.name.clone(),
            position: s.position,
            probability: s.probability.get(),
            kind: s.kind.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PipelineView {
    pub id: Uuid,
    pub name: String,
    pub position: i32,
    /// Board order: open stages, then won, then lost.
    pub stages: Vec<StageView>,
}

impl From<&Pipeline> for PipelineView {
    fn from(p: &Pipeline) -> Self {
        Self {
            id: p.id.as_uuid(),
            name: p.name.clone(),
            position: p.position,
            stages: p.stages.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineList {
    pub data: Vec<PipelineView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Partnerships"}))]
pub struct PipelineNameRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
}

/// One stage of the full, ordered list: with `id` an existing stage, without
/// a new open stage.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StageInputView {
    pub id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 60, pattern = "@name")]
    pub name: String,
    #[schema(minimum = 0, maximum = 100)]
    pub probability: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveStagesRequest {
    #[schema(min_items = 3, max_items = 30)]
    pub stages: Vec<StageInputView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct RemoveStageQuery {
    /// The open stage of the same pipeline that receives the stage's deals.
    pub move_to: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LostReasonView {
    pub id: Uuid,
    pub label: String,
    pub archived: bool,
}

impl From<&LostReason> for LostReasonView {
    fn from(r: &LostReason) -> Self {
        Self { id: r.id.as_uuid(), label: r.label.clone(), archived: r.archived }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LostReasonList {
    pub data: Vec<LostReasonView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateLostReasonRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub label: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateLostReasonRequest {
    pub archived: bool,
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

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct BoardQuery {
    pub owner_id: Option<Uuid>,
    /// Only deals linked to this contact.
    pub contact_id: Option<Uuid>,
    /// Only deals linked to this company.
    pub company_id: Option<Uuid>,
    pub stale: Option<bool>,
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// The won and lost columns hold the deals closed on or after this day
    /// (UTC); default: the first day of the current quarter. Open columns
    /// and the headline totals do not depend on it.
    #[param(value_type = Option<String>, format = Date)]
    pub closed_since: Option<Date>,
    /// Deals per column (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
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
    fn new(t: &StageTotals, currency: Currency) -> Self {
        Self {
            count: t.count,
            amount: money(t.amount_minor, currency),
            weighted: money(t.weighted_minor, currency),
            other_currency_count: t.other_currency_count,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardColumnView {
    pub stage_id: Uuid,
    pub count: u64,
    pub amount: MoneyView,
    pub weighted: MoneyView,
    /// Deals in the column whose amounts are in another currency: counted,
    /// not summed.
    pub other_currency_count: u64,
    /// The first page; more with `GET /deals?stageId=…&cursor=nextCursor`
    /// (won and lost columns: add `closedSince`).
    pub deals: Vec<DealView>,
    pub next_cursor: Option<String>,
}

impl BoardColumnView {
    fn new(c: &BoardColumn, currency: Currency) -> Self {
        Self {
            stage_id: c.stage.id.as_uuid(),
            count: c.totals.count,
            amount: money(c.totals.amount_minor, currency),
            weighted: money(c.totals.weighted_minor, currency),
            other_currency_count: c.totals.other_currency_count,
            deals: c.deals.iter().map(Into::into).collect(),
            next_cursor: c.next.map(|id| crm_kernel::Cursor::after(id.as_uuid()).encode()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardView {
    pub pipeline: PipelineView,
    /// The workspace currency every total is in.
    pub currency: String,
    pub columns: Vec<BoardColumnView>,
    /// The open pipeline: the open columns' totals (won and lost columns
    /// carry their own, for their period).
    pub totals: TotalsView,
    /// The won and lost columns hold the deals closed on or after this day.
    #[schema(value_type = String, format = Date)]
    pub closed_since: Date,
}

impl From<&Board> for BoardView {
    fn from(b: &Board) -> Self {
        Self {
            pipeline: (&b.pipeline).into(),
            currency: b.currency.code().to_owned(),
            columns: b.columns.iter().map(|c| BoardColumnView::new(c, b.currency)).collect(),
            totals: TotalsView::new(&b.totals, b.currency),
            closed_since: b.closed_since.date(),
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

// ---- conversion ------------------------------------------------------------

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProposalName {
    Create,
    Link,
    None,
}

impl From<Proposal> for ProposalName {
    fn from(p: Proposal) -> Self {
        match p {
            Proposal::Create => Self::Create,
            Proposal::Link => Self::Link,
            Proposal::None => Self::None,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactDraftView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactCandidateView {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPlanView {
    pub proposed: ProposalName,
    pub draft: ContactDraftView,
    /// Existing contacts with the lead's email.
    pub candidates: Vec<ContactCandidateView>,
}

impl From<&ContactPlan> for ContactPlanView {
    fn from(p: &ContactPlan) -> Self {
        Self {
            proposed: p.proposed.into(),
            draft: ContactDraftView {
                name: p.draft.name.clone(),
                email: p.draft.email.as_ref().map(|e| e.as_str().to_owned()),
                phone: p.draft.phone.as_ref().map(|e| e.as_str().to_owned()),
            },
            candidates: p
                .candidates
                .iter()
                .map(|c| ContactCandidateView {
                    id: c.id.as_uuid(),
                    name: c.name.clone(),
                    email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDraftView {
    pub name: Option<String>,
    pub domain: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPlanView {
    pub proposed: ProposalName,
    pub draft: CompanyDraftView,
    /// Existing companies with the same domain or name.
    pub candidates: Vec<super::CompanyDuplicateView>,
}

impl From<&CompanyPlan> for CompanyPlanView {
    fn from(p: &CompanyPlan) -> Self {
        Self {
            proposed: p.proposed.into(),
            draft: CompanyDraftView {
                name: p.draft.as_ref().map(|c| c.name.clone()),
                domain: p.draft.as_ref().and_then(|c| c.domain.as_ref().map(|d| d.as_str().to_owned())),
            },
            candidates: p
                .candidates
                .iter()
                .map(|(company, reason)| {
                    super::CompanyDuplicateView::from(&crm_contacts::PossibleDuplicate {
                        company: company.clone(),
                        reason: *reason,
                    })
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealDraftView {
    pub title: String,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub amount: MoneyView,
}

/// What a conversion would create or link. Nothing is written.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversionPlanView {
    pub lead_id: Uuid,
    pub contact: ContactPlanView,
    pub company: CompanyPlanView,
    pub deal: DealDraftView,
}

impl From<&ConversionPlan> for ConversionPlanView {
    fn from(p: &ConversionPlan) -> Self {
        Self {
            lead_id: p.lead.id.as_uuid(),
            contact: (&p.contact).into(),
            company: (&p.company).into(),
            deal: DealDraftView {
                title: p.deal.title.clone(),
                pipeline_id: p.deal.pipeline_id.as_uuid(),
                stage_id: p.deal.stage_id.as_uuid(),
                amount: p.deal.amount.into(),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConversionAction {
    Create,
    Link,
    None,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversionChoiceView {
    /// `link` needs `id`; `none` is allowed for the company only.
    pub action: ConversionAction,
    pub id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConversionDealView {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub title: Option<String>,
    #[schema(pattern = "@amount")]
    pub amount: Option<String>,
    pub pipeline_id: Option<Uuid>,
    pub stage_id: Option<Uuid>,
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_close_date: Option<Date>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"contact": {"action": "create"}, "company": {"action": "link", "id": "0193a5c2-7f1e-7c3a-9d5e-3b2f1a0c9e11"}, "deal": {"title": "Globex pilot", "amount": "5000"}}))]
pub struct ConvertLeadRequest {
    pub contact: ConversionChoiceView,
    pub company: ConversionChoiceView,
    #[serde(default)]
    pub deal: ConversionDealView,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversionResultView {
    pub lead_id: Uuid,
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub deal_id: Uuid,
    pub contact_created: bool,
    pub company_created: bool,
}

impl From<&Converted> for ConversionResultView {
    fn from(c: &Converted) -> Self {
        Self {
            lead_id: c.lead_id.as_uuid(),
            contact_id: c.to.contact_id.as_uuid(),
            company_id: c.to.company_id.map(|id| id.as_uuid()),
            deal_id: c.to.deal_id.as_uuid(),
            contact_created: c.contact_created,
            company_created: c.company_created,
        }
    }
}

/// What a converted lead became.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConvertedToView {
    pub contact_id: Uuid,
    pub company_id: Option<Uuid>,
    pub deal_id: Uuid,
}
