//! Stage moves: progress, win, lose and reopen.

use crm_kernel::text::bounded;
use crm_kernel::{DealId, FieldError, Resource, Scope, StageId};

use super::{DealService, optional_text, require_write};
use crate::error::DealError;
use crate::model::{DealSnapshot, LossReason, StageMove};
use crate::values::StageKind;

impl DealService {
    /// Moves a deal to another stage. A lost stage needs a reason; won and
    /// lost stamp the close; closed deals move only after a reopen. No deal
    /// progresses without a next step: a move to a later open stage of the
    /// same pipeline needs a next action date of today or later, given with
    /// the move or already on the deal (moves back, to another pipeline, to
    /// won or to lost need none).
    ///
    /// # Errors
    /// `Forbidden`, `NotFound`, `Closed`, `LostReasonRequired`,
    /// `NextActionRequired`, `Invalid`, `Conflict`, `Store`.
    pub async fn move_stage(&self, scope: &Scope, id: DealId, to: StageMove) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (_, stages) = self.context(scope).await?;
        let target = stages.get(&to.stage_id).cloned().ok_or(DealError::NotFound(Resource::Stage))?;
        let loss = if target.kind == StageKind::Lost { Some(self.loss_reason(scope, &to).await?) } else { None };
        let text = match to.next_action_text.as_deref() {
            None => None,
            Some(raw) => Some(optional_text("nextActionText", raw, 500)?),
        };
        let today = self.clock.now().date();
        if to.next_action_date.is_some_and(|d| d < today) {
            return Err(FieldError::new("nextActionDate", "past", "the next action is today or later").into());
        }
        self.rewrite(scope, id, &stages, |current, now| {
            if current.status.is_closed() {
                return Err(DealError::Closed(current.status.as_str()));
            }
            if current.stage_id == target.id {
                return Ok((current.clone(), String::new()));
            }
            let mut next = current.clone();
            if let Some(date) = to.next_action_date {
                next.next_action_date = Some(date);
            }
            if let Some(text) = &text {
                next.next_action_text.clone_from(text);
            }
            let from_stage = stages.get(&current.stage_id);
            let forward = target.kind == StageKind::Open
                && from_stage.is_some_and(|s| s.pipeline_id == target.pipeline_id && s.position < target.position);
            if forward && next.next_action_date.is_none_or(|d| d < today) {
                return Err(DealError::NextActionRequired);
            }
            let from = from_stage.map_or("?", |s| s.name.as_str());
            next.pipeline_id = target.pipeline_id;
            next.stage_id = target.id;
            next.status = target.kind;
            next.loss.clone_from(&loss);
            let mut summary = match target.kind {
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
            if let Some(date) = to.next_action_date.filter(|d| current.next_action_date != Some(*d)) {
                summary.push_str(&format!("; next action {date}"));
            }
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
    pub async fn reopen(&self, scope: &Scope, id: DealId, stage: Option<StageId>) -> Result<DealSnapshot, DealError> {
        require_write(scope)?;
        let (pipelines, stages) = self.context(scope).await?;
        self.rewrite(scope, id, &stages, |current, _| {
            if !current.status.is_closed() {
                return Err(DealError::NotClosed);
            }
            let pipeline = pipelines
                .iter()
                .find(|p| p.id == current.pipeline_id)
                .ok_or(DealError::NotFound(Resource::Pipeline))?;
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
}
