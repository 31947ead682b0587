//! The deals and pipeline use cases, with their permission checks.

use std::collections::HashMap;
use std::sync::Arc;

use crm_kernel::text::{bounded, multiline};
use crm_kernel::{AuditEntry, Clock, FieldError, Limit, Money, Notification, Patch, Role, Scope, UserId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::DealError;
use crate::model::{
    BoardColumn, Deal, DealChanges, DealFilter, DealQuery, DealSnapshot, DealSummary, LinkNames, LossReason,
    LostReason, NewDeal, Pipeline, Stage, StageMove, StageTotals,
};
use crate::ports::{DealStore, PipelineStore, StageRemoval};
use crate::values::{Probability, StageKind};

const ENTITY: &str = "deal";

/// Members read deals; API tokens have no deal scope.
fn require_read(scope: &Scope) -> Result<(), DealError> {
    if scope.role().is_some() { Ok(()) } else { Err(DealError::Forbidden("deals are for workspace members")) }
}

/// Owners and managers write; viewers never.
pub(crate) fn require_write(scope: &Scope) -> Result<(), DealError> {
    match scope.role() {
        Some(role) if role.can_write_crm() => Ok(()),
        Some(_) => Err(DealError::Forbidden("viewers cannot change deals")),
        None => Err(DealError::Forbidden("deals are for workspace members")),
    }
}

fn require_owner(scope: &Scope) -> Result<(), DealError> {
    if scope.role() == Some(Role::Owner) {
        Ok(())
    } else {
        Err(DealError::Forbidden("only workspace owners configure pipelines and lost reasons"))
    }
}

/// Collects field errors across a whole request.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }

    pub(crate) fn finish(self) -> Result<(), DealError> {
        if self.0.is_empty() { Ok(()) } else { Err(DealError::Invalid(self.0)) }
    }
}

/// Blank clears an optional text; anything else must be valid.
fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() { Ok(None) } else { multiline(field, raw, max).map(Some) }
}

pub(crate) fn title(raw: &str) -> Result<String, FieldError> {
    bounded("title", raw, 200)
}

/// The input of one stage in a pipeline's full, ordered stage list.
#[derive(Clone, Debug)]
pub struct StageInput {
    pub id: Option<Uuid>,
    pub name: String,
    pub probability: i64,
}

/// A board: the pipeline, each column's totals and first page, and totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub pipeline: Pipeline,
    pub currency: crm_kernel::Currency,
    pub columns: Vec<BoardColumn>,
    pub totals: StageTotals,
}

pub struct DealService {
    deals: Arc<dyn DealStore>,
    pipelines: Arc<dyn PipelineStore>,
    clock: Arc<dyn Clock>,
}

impl DealService {
    #[must_use]
    pub fn new(deals: Arc<dyn DealStore>, pipelines: Arc<dyn PipelineStore>, clock: Arc<dyn Clock>) -> Self {
        Self { deals, pipelines, clock }
    }

    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Derives probability, weighted amount, staleness and the lost reason's
    /// label. `stages` and `reasons` are the workspace's (small) lists.
    pub(crate) fn snapshot(
        deal: Deal,
        stages: &HashMap<Uuid, Stage>,
        reasons: &[LostReason],
        names: &LinkNames,
        now: OffsetDateTime,
    ) -> Result<DealSnapshot, DealError> {
        let stage = stages
            .get(&deal.stage_id)
            .cloned()
            .ok_or_else(|| DealError::Store(crm_kernel::StoreError(format!("deal {} has no stage", deal.id))))?;
        let probability = deal.effective_probability(stage.probability);
        let lost_reason = match &deal.loss {
            None => None,
            Some(LossReason::Other(text)) => Some(text.clone()),
            Some(LossReason::Listed(id)) => reasons.iter().find(|r| r.id == *id).map(|r| r.label.clone()),
        };
        Ok(DealSnapshot {
            contact_name: deal.contact_id.and_then(|id| names.contacts.get(&id).cloned()),
            company_name: deal.company_id.and_then(|id| names.companies.get(&id).cloned()),
            weighted: deal.weighted(stage.probability),
            stale: deal.is_stale(now),
            probability,
            stage,
            lost_reason,
            deal,
        })
    }

    async fn context(&self, scope: &Scope) -> Result<(Vec<Pipeline>, HashMap<Uuid, Stage>), DealError> {
        let pipelines = self.pipelines.pipelines(scope).await?;
        let stages =
            pipelines.iter().flat_map(|p| p.stages.iter().cloned()).map(|s| (s.id, s)).collect::<HashMap<_, _>>();
        Ok((pipelines, stages))
    }

    async fn snapshots(&self, scope: &Scope, deals: Vec<Deal>) -> Result<Vec<DealSnapshot>, DealError> {
        let (_, stages) = self.context(scope).await?;
        self.snapshots_with(scope, deals, &stages).await
    }

    /// Snapshots with the workspace's stages already at hand.
    async fn snapshots_with(
        &self,
        scope: &Scope,
        deals: Vec<Deal>,
        stages: &HashMap<Uuid, Stage>,
    ) -> Result<Vec<DealSnapshot>, DealError> {
        let reasons = if deals.iter().any(|d| matches!(d.loss, Some(LossReason::Listed(_)))) {
            self.pipelines.lost_reasons(scope).await?
        } else {
            Vec::new()
        };
        let names = self.names(scope, &deals).await?;
        let now = self.clock.now();
        deals.into_iter().map(|d| Self::snapshot(d, stages, &reasons, &names, now)).collect()
    }

    async fn names(&self, scope: &Scope, deals: &[Deal]) -> Result<LinkNames, DealError> {
        let contacts: Vec<Uuid> = deals.iter().filter_map(|d| d.contact_id).collect();
        let companies: Vec<Uuid> = deals.iter().filter_map(|d| d.company_id).collect();
        if contacts.is_empty() && companies.is_empty() {
            return Ok(LinkNames::default());
        }
        Ok(self.deals.link_names(scope, &contacts, &companies).await?)
    }

    async fn one(&self, scope: &Scope, deal: Deal) -> Result<DealSnapshot, DealError> {
        self.snapshots(scope, vec![deal]).await?.pop().ok_or(DealError::NotFound("deal"))
    }

    async fn one_with(
        &self,
        scope: &Scope,
        deal: Deal,
        stages: &HashMap<Uuid, Stage>,
    ) -> Result<DealSnapshot, DealError> {
        self.snapshots_with(scope, vec![deal], stages).await?.pop().ok_or(DealError::NotFound("deal"))
    }

    // ---- pipelines -------------------------------------------------------

    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn pipelines(&self, scope: &Scope) -> Result<Vec<Pipeline>, DealError> {
        require_read(scope)?;
        Ok(self.pipelines.pipelines(scope).await?)
    }

    /// The pipeline a board or a new deal uses: `id`, or the first one.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn pipeline(&self, scope: &Scope, id: Option<Uuid>) -> Result<Pipeline, DealError> {
        require_read(scope)?;
        find_pipeline(self.pipelines.as_ref(), scope, id).await
    }

    /// A new pipeline with one open stage, won and lost.
    ///
    /// # Errors
    /// `Forbidden`, `Invalid`, `Store`.
    pub async fn create_pipeline(&self, scope: &Scope, name: &str) -> Result<Pipeline, DealError> {
        require_owner(scope)?;
        let name = bounded("name", name, 100)?;
        let existing = self.pipelines.pipelines(scope).await?;
        let id = Uuid::now_v7();
        let stage = |position: i32, name: &str, probability: u8, kind| Stage {
            id: Uuid::now_v7(),
            pipeline_id: id,
            name: name.to_owned(),
            position,
            probability: Probability::from_trusted(probability),
            kind,
        };
        let pipeline = Pipeline {
            id,
            name,
            position: existing.iter().map(|p| p.position + 1).max().unwrap_or(0),
            stages: vec![
                stage(0, "New", 10, StageKind::Open),
                stage(1, "Won", 100, StageKind::Won),
                stage(2, "Lost", 0, StageKind::Lost),
            ],
        };
        let audit = AuditEntry::new(
            scope,
            "pipeline.created",
            "pipeline",
            id,
            format!("Pipeline {} created", pipeline.name),
            self.clock.now(),
        );
        self.pipelines.insert_pipeline(scope, &pipeline, &audit).await?;
        Ok(pipeline)
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound`, `Store`.
    pub async fn rename_pipeline(&self, scope: &Scope, id: Uuid, name: &str) -> Result<Pipeline, DealError> {
        require_owner(scope)?;
        let name = bounded("name", name, 100)?;
        let audit =
            AuditEntry::new(scope, "pipeline.renamed", "pipeline", id, format!("Renamed to {name}"), self.clock.now());
        if !self.pipelines.rename_pipeline(scope, id, &name, &audit).await? {
            return Err(DealError::NotFound("pipeline"));
        }
        self.pipeline(scope, Some(id)).await
    }

    /// Replaces a pipeline's stage list: renames, reorders, sets default
    /// probabilities and adds open stages. Won and lost keep their kind and
    /// stay last; removing a stage is [`Self::remove_stage`].
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `StageRule`, `Store`.
    pub async fn save_stages(
        &self,
        scope: &Scope,
        pipeline_id: Uuid,
        input: Vec<StageInput>,
    ) -> Result<Pipeline, DealError> {
        require_owner(scope)?;
        let pipeline = self.pipeline(scope, Some(pipeline_id)).await?;
        let mut errors = Errors::default();
        let mut stages = Vec::with_capacity(input.len());
        for (position, item) in (0_i32..).zip(&input) {
            let name = errors.take(bounded("stages.name", &item.name, 60));
            let probability = errors.take(Probability::parse("stages.probability", item.probability));
            let existing = match item.id {
                None => None,
                Some(id) => match pipeline.stage(id) {
                    Some(stage) => Some(stage),
                    None => return Err(DealError::NotFound("stage")),
                },
            };
            if let (Some(name), Some(probability)) = (name, probability) {
                let kind = existing.map_or(StageKind::Open, |s| s.kind);
                let probability = match kind {
                    StageKind::Open => probability,
                    StageKind::Won => Probability::from_trusted(100),
                    StageKind::Lost => Probability::from_trusted(0),
                };
                stages.push(Stage {
                    id: existing.map_or_else(Uuid::now_v7, |s| s.id),
                    pipeline_id,
                    name,
                    position,
                    probability,
                    kind,
                });
            }
        }
        errors.finish()?;
        let mut seen = std::collections::HashSet::new();
        if !stages.iter().all(|s| seen.insert(s.id)) {
            return Err(DealError::StageRule("a stage appears twice in the list"));
        }
        if pipeline.stages.iter().any(|s| !seen.contains(&s.id)) {
            return Err(DealError::StageRule("every existing stage must be listed; delete a stage to remove it"));
        }
        let kinds: Vec<StageKind> = stages.iter().map(|s| s.kind).collect();
        let open = kinds.iter().filter(|k| **k == StageKind::Open).count();
        if open == 0 || kinds[open..] != [StageKind::Won, StageKind::Lost] {
            return Err(DealError::StageRule("open stages come first, then won, then lost"));
        }
        let mut names = std::collections::HashSet::new();
        if !stages.iter().all(|s| names.insert(s.name.to_lowercase())) {
            return Err(FieldError::new("stages.name", "duplicate", "stage names must differ").into());
        }
        let audit = AuditEntry::new(
            scope,
            "pipeline.stages_changed",
            "pipeline",
            pipeline_id,
            stages.iter().map(|s| format!("{} {}%", s.name, s.probability.get())).collect::<Vec<_>>().join(" → "),
            self.clock.now(),
        );
        self.pipelines.save_stages(scope, &stages, &audit).await?;
        self.pipeline(scope, Some(pipeline_id)).await
    }

    /// Deletes an open stage, moving its deals to `move_to` in the same
    /// transaction; a stage holding deals is never deleted otherwise.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `StageRule`, `StageNotEmpty`, `Store`.
    pub async fn remove_stage(
        &self,
        scope: &Scope,
        pipeline_id: Uuid,
        stage_id: Uuid,
        move_to: Option<Uuid>,
    ) -> Result<(), DealError> {
        require_owner(scope)?;
        let pipeline = self.pipeline(scope, Some(pipeline_id)).await?;
        let stage = pipeline.stage(stage_id).ok_or(DealError::NotFound("stage"))?;
        if stage.kind.is_closed() {
            return Err(DealError::StageRule("won and lost stages cannot be deleted"));
        }
        if pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).count() == 1 {
            return Err(DealError::StageRule("a pipeline keeps at least one open stage"));
        }
        let target = match move_to {
            None => None,
            Some(id) => {
                let target = pipeline.stage(id).ok_or(DealError::NotFound("stage"))?;
                if target.id == stage.id || target.kind.is_closed() {
                    return Err(DealError::StageRule("deals move to another open stage of the same pipeline"));
                }
                Some(target)
            }
        };
        let now = self.clock.now();
        let summary = match target {
            Some(t) => format!("Stage {} deleted; its deals moved to {}", stage.name, t.name),
            None => format!("Stage {} deleted", stage.name),
        };
        let audit = AuditEntry::new(scope, "pipeline.stage_deleted", "pipeline", pipeline_id, summary, now);
        match self.pipelines.remove_stage(scope, stage, target, now, &audit).await? {
            StageRemoval::Removed => Ok(()),
            StageRemoval::NotEmpty(count) => Err(DealError::StageNotEmpty { count }),
            StageRemoval::NotFound => Err(DealError::NotFound("stage")),
        }
    }

    // ---- lost reasons ----------------------------------------------------

    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn lost_reasons(&self, scope: &Scope) -> Result<Vec<LostReason>, DealError> {
        require_read(scope)?;
        Ok(self.pipelines.lost_reasons(scope).await?)
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `LostReasonExists`, `Store`.
    pub async fn add_lost_reason(&self, scope: &Scope, label: &str) -> Result<LostReason, DealError> {
        require_owner(scope)?;
        let label = bounded("label", label, 100)?;
        let existing = self.pipelines.lost_reasons(scope).await?;
        let reason = LostReason {
            id: Uuid::now_v7(),
            position: existing.iter().map(|r| r.position + 1).max().unwrap_or(0),
            label,
            archived: false,
        };
        let audit = AuditEntry::new(
            scope,
            "lost_reason.created",
            "lost_reason",
            reason.id,
            format!("Lost reason {} added", reason.label),
            self.clock.now(),
        );
        if !self.pipelines.insert_lost_reason(scope, &reason, &audit).await? {
            return Err(DealError::LostReasonExists);
        }
        Ok(reason)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn set_lost_reason_archived(
        &self,
        scope: &Scope,
        id: Uuid,
        archived: bool,
    ) -> Result<LostReason, DealError> {
        require_owner(scope)?;
        let now = self.clock.now();
        let verb = if archived { "archived" } else { "restored" };
        let audit = AuditEntry::new(
            scope,
            format!("lost_reason.{verb}"),
            "lost_reason",
            id,
            format!("Lost reason {verb}"),
            now,
        );
        if !self.pipelines.set_lost_reason_archived(scope, id, archived.then_some(now), &audit).await? {
            return Err(DealError::NotFound("lost reason"));
        }
        self.pipelines
            .lost_reasons(scope)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(DealError::NotFound("lost reason"))
    }

    // ---- deals -------------------------------------------------------------

    async fn check_links(
        &self,
        scope: &Scope,
        owner: Option<UserId>,
        contact: Option<Uuid>,
        company: Option<Uuid>,
    ) -> Result<(), DealError> {
        if let Some(owner) = owner
            && !self.deals.is_member(scope, owner).await?
        {
            return Err(DealError::OwnerNotFound);
        }
        if let Some(contact) = contact
            && !self.deals.contact_exists(scope, contact).await?
        {
            return Err(DealError::NotFound("contact"));
        }
        if let Some(company) = company
            && !self.deals.company_exists(scope, company).await?
        {
            return Err(DealError::NotFound("company"));
        }
        Ok(())
    }

    /// A validated, not yet stored deal in `pipeline` (used by create and by
    /// lead conversion).
    pub(crate) fn draft(
        scope: &Scope,
        pipeline: &Pipeline,
        currency: crm_kernel::Currency,
        input: &NewDeal,
        now: OffsetDateTime,
    ) -> Result<Deal, DealError> {
        let mut errors = Errors::default();
        let title = errors.take(title(&input.title));
        let amount = errors.take(match input.amount.as_deref().map(str::trim) {
            None | Some("") => Ok(Money::zero(currency)),
            Some(raw) => Money::parse("amount", raw, currency),
        });
        let probability = errors.take(input.probability.map(|p| Probability::parse("probability", p)).transpose());
        let next_action_text = errors
            .take(input.next_action_text.as_deref().map_or(Ok(None), |t| optional_text("nextActionText", t, 500)));
        let notes = errors.take(input.notes.as_deref().map_or(Ok(None), |t| optional_text("notes", t, 10_000)));
        let stage = match input.stage_id {
            None => pipeline.first_open(),
            Some(id) => pipeline.stage(id),
        };
        if stage.is_none() {
            errors.0.push(FieldError::new("stageId", "unknown_stage", "not a stage of this pipeline"));
        }
        if stage.is_some_and(|s| s.kind.is_closed()) {
            errors.0.push(FieldError::new("stageId", "closed_stage", "a new deal starts in an open stage"));
        }
        errors.finish()?;
        let (Some(title), Some(amount), Some(probability), Some(next_action_text), Some(notes), Some(stage)) =
            (title, amount, probability, next_action_text, notes, stage)
        else {
            return Err(DealError::Invalid(Vec::new()));
        };
        Ok(Deal {
            id: Uuid::now_v7(),
            workspace_id: scope.workspace(),
            pipeline_id: pipeline.id,
            stage_id: stage.id,
            status: StageKind::Open,
            title,
            amount,
            probability,
            expected_close_date: input.expected_close_date,
            next_action_text,
            next_action_date: input.next_action_date,
            owner_id: input.owner_id,
            contact_id: input.contact_id,
            company_id: input.company_id,
            lead_id: None,
            loss: None,
            notes,
            opened_at: now,
            closed_at: None,
            created_at: now,
            updated_at: now,
        })
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound` (pipeline, contact, company),
    /// `OwnerNotFound`, `Store`.
    pub async fn create(&self, scope: &Scope, input: NewDeal) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let pipeline = self.pipeline(scope, input.pipeline_id).await?;
        let currency = self.deals.workspace_currency(scope).await?;
        let now = self.clock.now();
        let deal = Self::draft(scope, &pipeline, currency, &input, now)?;
        self.check_links(scope, deal.owner_id, deal.contact_id, deal.company_id).await?;
        let audit = AuditEntry::new(
            scope,
            "deal.created",
            ENTITY,
            deal.id,
            format!(
                "Deal created in {} ({} {})",
                pipeline.stage(deal.stage_id).map_or("", |s| &s.name),
                deal.amount,
                deal.amount.currency()
            ),
            now,
        );
        let notification = owner_notification(scope, &deal, now);
        self.deals.insert_deal(scope, &deal, &audit, notification.as_ref()).await?;
        self.one(scope, deal).await
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn get(&self, scope: &Scope, id: Uuid) -> Result<DealSnapshot, DealError> {
        require_read(scope)?;
        let deal = self.deals.find_deal(scope, id).await?.ok_or(DealError::NotFound("deal"))?;
        self.one(scope, deal).await
    }

    /// One page, newest first, and the id to continue before.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn list(
        &self,
        scope: &Scope,
        filter: DealFilter,
        before: Option<Uuid>,
        limit: Limit,
    ) -> Result<(Vec<DealSnapshot>, Option<Uuid>), DealError> {
        require_read(scope)?;
        let filter = normalise(filter);
        let mut rows =
            self.deals.list_deals(scope, &DealQuery { filter, before, limit, now: self.clock.now() }).await?;
        let more = rows.len() > usize::from(limit.get());
        rows.truncate(usize::from(limit.get()));
        let next = if more { rows.last().map(|d| d.id) } else { None };
        Ok((self.snapshots(scope, rows).await?, next))
    }

    /// The kanban board of a pipeline: per stage, totals under the filter
    /// and the first `limit` deals.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Store`.
    pub async fn board(
        &self,
        scope: &Scope,
        pipeline_id: Uuid,
        filter: DealFilter,
        limit: Limit,
    ) -> Result<Board, DealError> {
        require_read(scope)?;
        let (pipelines, stages) = self.context(scope).await?;
        let pipeline = pipelines.into_iter().find(|p| p.id == pipeline_id).ok_or(DealError::NotFound("pipeline"))?;
        let currency = self.deals.workspace_currency(scope).await?;
        let now = self.clock.now();
        let filter = normalise(DealFilter { pipeline_id: Some(pipeline_id), ..filter });
        let totals: HashMap<Uuid, StageTotals> =
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
            return Err(DealError::NotFound("contact"));
        }
        if let Some(company) = filter.company_id
            && !self.deals.company_exists(scope, company).await?
        {
            return Err(DealError::NotFound("company"));
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

    /// Changes fields (not the stage). Owner changes notify the new owner.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Invalid`, `OwnerNotFound`, `Conflict`, `Store`.
    pub async fn update(&self, scope: &Scope, id: Uuid, changes: DealChanges) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (_, stages) = self.context(scope).await?;
        self.rewrite(scope, id, &stages, |current, _| {
            let mut next = current.clone();
            let mut changed = Vec::new();
            let mut errors = Errors::default();
            if let Some(raw) = &changes.title
                && let Some(t) = errors.take(title(raw))
                && t != next.title
            {
                next.title = t;
                changed.push("title".to_owned());
            }
            if let Some(raw) = &changes.amount
                && let Some(amount) = errors.take(Money::parse("amount", raw, current.amount.currency()))
                && amount != next.amount
            {
                changed.push(format!("amount {} → {}", next.amount, amount));
                next.amount = amount;
            }
            match &changes.probability {
                Patch::Keep => {}
                Patch::Clear => {
                    if next.probability.take().is_some() {
                        changed.push("probability back to the stage default".to_owned());
                    }
                }
                Patch::Set(p) => {
                    if let Some(p) = errors.take(Probability::parse("probability", *p))
                        && next.probability != Some(p)
                    {
                        next.probability = Some(p);
                        changed.push(format!("probability {}%", p.get()));
                    }
                }
            }
            let mut text = |patch: &Patch<String>, slot: &mut Option<String>, field: &'static str, max, label: &str| {
                let value = match patch {
                    Patch::Keep => return,
                    Patch::Clear => None,
                    Patch::Set(raw) => match errors.take(optional_text(field, raw, max)) {
                        Some(v) => v,
                        None => return,
                    },
                };
                if *slot != value {
                    *slot = value;
                    changed.push(label.to_owned());
                }
            };
            text(&changes.next_action_text, &mut next.next_action_text, "nextActionText", 500, "next action");
            text(&changes.notes, &mut next.notes, "notes", 10_000, "notes");
            errors.finish()?;
            for (patch, slot, label) in [
                (&changes.expected_close_date, &mut next.expected_close_date, "expected close date"),
                (&changes.next_action_date, &mut next.next_action_date, "next action date"),
            ] {
                let value = match patch {
                    Patch::Keep => continue,
                    Patch::Clear => None,
                    Patch::Set(d) => Some(*d),
                };
                if *slot != value {
                    *slot = value;
                    changed.push(label.to_owned());
                }
            }
            for (patch, slot, label) in [
                (&changes.contact_id, &mut next.contact_id, "contact"),
                (&changes.company_id, &mut next.company_id, "company"),
            ] {
                let value = match patch {
                    Patch::Keep => continue,
                    Patch::Clear => None,
                    Patch::Set(id) => Some(*id),
                };
                if *slot != value {
                    *slot = value;
                    changed.push(label.to_owned());
                }
            }
            let owner = match changes.owner_id {
                Patch::Keep => next.owner_id,
                Patch::Clear => None,
                Patch::Set(user) => Some(user),
            };
            if owner != next.owner_id {
                next.owner_id = owner;
                changed.push(owner.map_or_else(|| "owner removed".to_owned(), |u| format!("owner → {u}")));
            }
            Ok((next, changed.join("; ")))
        })
        .await
    }

    /// Moves a deal to another stage. A lost stage needs a reason; won and
    /// lost stamp the close; closed deals move only after a reopen.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Closed`, `LostReasonRequired`, `Invalid`,
    /// `Conflict`, `Store`.
    pub async fn move_stage(&self, scope: &Scope, id: Uuid, to: StageMove) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (_, stages) = self.context(scope).await?;
        let target = stages.get(&to.stage_id).cloned().ok_or(DealError::NotFound("stage"))?;
        let loss = if target.kind == StageKind::Lost { Some(self.loss_reason(scope, &to).await?) } else { None };
        self.rewrite(scope, id, &stages, |current, now| {
            if current.status.is_closed() {
                return Err(DealError::Closed(current.status.as_str()));
            }
            if current.stage_id == target.id {
                return Ok((current.clone(), String::new()));
            }
            let mut next = current.clone();
            let from = stages.get(&current.stage_id).map_or("?", |s| s.name.as_str());
            next.pipeline_id = target.pipeline_id;
            next.stage_id = target.id;
            next.status = target.kind;
            next.loss.clone_from(&loss);
            let summary = match target.kind {
                StageKind::Open => format!("Stage {from} → {}", target.name),
                StageKind::Won => {
                    next.closed_at = Some(now);
                    format!("Won ({from} → {})", target.name)
                }
                StageKind::Lost => {
                    next.closed_at = Some(now);
                    format!("Lost ({from} → {})", target.name)
                }
            };
            Ok((next, summary))
        })
        .await
    }

    async fn loss_reason(&self, scope: &Scope, to: &StageMove) -> Result<LossReason, DealError> {
        match (&to.lost_reason_id, to.lost_reason_other.as_deref().map(str::trim).filter(|t| !t.is_empty())) {
            (Some(_), Some(_)) => Err(FieldError::new(
                "lostReasonOther",
                "exclusive",
                "give either a listed lost reason or an other reason, not both",
            )
            .into()),
            (None, None) => Err(DealError::LostReasonRequired),
            (None, Some(text)) => Ok(LossReason::Other(bounded("lostReasonOther", text, 500)?)),
            (Some(id), None) => {
                let reasons = self.pipelines.lost_reasons(scope).await?;
                match reasons.iter().find(|r| r.id == *id) {
                    Some(r) if !r.archived => Ok(LossReason::Listed(r.id)),
                    Some(_) => Err(FieldError::new("lostReasonId", "archived", "this lost reason is archived").into()),
                    None => {
                        Err(FieldError::new("lostReasonId", "unknown", "not a lost reason of this workspace").into())
                    }
                }
            }
        }
    }

    /// Reopens a won or lost deal into an open stage (the first open stage
    /// of its pipeline unless given): explicit and audited.
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `NotClosed`, `Invalid`, `Conflict`, `Store`.
    pub async fn reopen(&self, scope: &Scope, id: Uuid, stage: Option<Uuid>) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (pipelines, stages) = self.context(scope).await?;
        self.rewrite(scope, id, &stages, |current, _| {
            if !current.status.is_closed() {
                return Err(DealError::NotClosed);
            }
            let pipeline =
                pipelines.iter().find(|p| p.id == current.pipeline_id).ok_or(DealError::NotFound("pipeline"))?;
            let target = match stage {
                None => pipeline.first_open(),
                Some(id) => pipeline.stage(id),
            }
            .filter(|s| s.kind == StageKind::Open)
            .ok_or_else(|| FieldError::new("stageId", "not_open", "an open stage of the deal's pipeline"))?;
            let mut next = current.clone();
            next.stage_id = target.id;
            next.status = StageKind::Open;
            next.closed_at = None;
            next.loss = None;
            Ok((next, format!("Reopened ({} → {})", current.status.as_str(), target.name)))
        })
        .await
    }

    /// Reads, applies `change`, checks links, writes with optimistic
    /// concurrency (retrying on a concurrent write), audits and notifies.
    /// `stages` are the workspace's, read once by the caller.
    async fn rewrite(
        &self,
        scope: &Scope,
        id: Uuid,
        stages: &HashMap<Uuid, Stage>,
        change: impl Fn(&Deal, OffsetDateTime) -> Result<(Deal, String), DealError>,
    ) -> Result<DealSnapshot, DealError> {
        for _ in 0..3 {
            let current = self.deals.find_deal(scope, id).await?.ok_or(DealError::NotFound("deal"))?;
            // Strictly after the last write, so optimistic checks and
            // ordering by update time stay exact.
            let now = self.clock.now().max(current.updated_at + time::Duration::microseconds(1));
            let (mut next, summary) = change(&current, now)?;
            if summary.is_empty() {
                return self.one_with(scope, current, stages).await;
            }
            self.check_links(
                scope,
                next.owner_id.filter(|o| Some(*o) != current.owner_id),
                next.contact_id.filter(|c| Some(*c) != current.contact_id),
                next.company_id.filter(|c| Some(*c) != current.company_id),
            )
            .await?;
            next.updated_at = now;
            let action = action_of(&current, &next);
            let audit = AuditEntry::new(scope, action, ENTITY, id, summary, now);
            let notification =
                if next.owner_id == current.owner_id { None } else { owner_notification(scope, &next, now) };
            if self.deals.update_deal(scope, &next, current.updated_at, &audit, notification.as_ref()).await? {
                return self.one_with(scope, next, stages).await;
            }
        }
        Err(DealError::Conflict)
    }

    /// Open deals owned by `user` (member detail).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn open_owned_count(&self, scope: &Scope, user: UserId) -> Result<u64, DealError> {
        require_read(scope)?;
        Ok(self.deals.count_open_owned(scope, user).await?)
    }
}

/// `id`, or the workspace's first pipeline (where new deals go by default).
pub(crate) async fn find_pipeline(
    store: &dyn PipelineStore,
    scope: &Scope,
    id: Option<Uuid>,
) -> Result<Pipeline, DealError> {
    let all = store.pipelines(scope).await?;
    match id {
        Some(id) => all.into_iter().find(|p| p.id == id),
        None => all.into_iter().next(),
    }
    .ok_or(DealError::NotFound("pipeline"))
}

fn normalise(filter: DealFilter) -> DealFilter {
    DealFilter { q: filter.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()), ..filter }
}

fn owner_notification(scope: &Scope, deal: &Deal, at: OffsetDateTime) -> Option<Notification> {
    let owner = deal.owner_id?;
    Notification::unless_self(scope.user(), owner, "deal.assigned", (ENTITY, deal.id), deal.title.clone(), at)
}

fn action_of(before: &Deal, after: &Deal) -> &'static str {
    match (before.status, after.status) {
        (StageKind::Open, StageKind::Won) => "deal.won",
        (StageKind::Open, StageKind::Lost) => "deal.lost",
        (s, StageKind::Open) if s.is_closed() => "deal.reopened",
        _ if before.stage_id != after.stage_id => "deal.stage_changed",
        _ if before.owner_id != after.owner_id => "deal.assigned",
        _ => "deal.updated",
    }
}
