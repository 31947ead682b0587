//! Pipelines, stages, lost reasons and the kanban board.

use crm_deals::service::{Board, StageInput};
use crm_deals::{BoardColumn, LostReason, Pipeline, Stage};
use crm_kernel::Currency;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::{MoneyView, money};
use super::deals::{DealStatusName, DealView, TotalsView};

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

impl From<StageInputView> for StageInput {
    fn from(s: StageInputView) -> Self {
        Self { id: s.id.map(Into::into), name: s.name, probability: s.probability }
    }
}
