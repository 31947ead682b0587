//! Pipelines, their stages, and the workspace's lost reasons.

use crm_kernel::text::bounded;
use crm_kernel::{AuditEntry, FieldError, LostReasonId, PipelineId, Resource, Scope, StageId};

use super::{DealService, Errors, find_pipeline, require_owner, require_read};
use crate::error::DealError;
use crate::model::{LostReason, Pipeline, Stage};
use crate::ports::StageRemoval;
use crate::values::{Probability, StageKind};

/// The input of one stage in a pipeline's full, ordered stage list.
#[derive(Clone, Debug)]
pub struct StageInput {
    pub id: Option<StageId>,
    pub name: String,
    pub probability: i64,
}

impl DealService {
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
    pub async fn pipeline(&self, scope: &Scope, id: Option<PipelineId>) -> Result<Pipeline, DealError> {
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
        let id = PipelineId::new();
        let stage = |position: i32, name: &str, probability: u8, kind| Stage {
            id: StageId::new(),
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
            id,
            format!("Pipeline {} created", pipeline.name),
            self.clock.now(),
        );
        self.pipelines.insert_pipeline(scope, &pipeline, &audit).await?;
        Ok(pipeline)
    }

    /// # Errors
    /// `Forbidden`, `Invalid`, `NotFound`, `Store`.
    pub async fn rename_pipeline(&self, scope: &Scope, id: PipelineId, name: &str) -> Result<Pipeline, DealError> {
        require_owner(scope)?;
        let name = bounded("name", name, 100)?;
        let audit = AuditEntry::new(scope, "pipeline.renamed", id, format!("Renamed to {name}"), self.clock.now());
        if !self.pipelines.rename_pipeline(scope, id, &name, &audit).await? {
            return Err(DealError::NotFound(Resource::Pipeline));
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
        pipeline_id: PipelineId,
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
                    None => return Err(DealError::NotFound(Resource::Stage)),
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
                    id: existing.map_or_else(StageId::new, |s| s.id),
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
        pipeline_id: PipelineId,
        stage_id: StageId,
        move_to: Option<StageId>,
    ) -> Result<(), DealError> {
        require_owner(scope)?;
        let pipeline = self.pipeline(scope, Some(pipeline_id)).await?;
        let stage = pipeline.stage(stage_id).ok_or(DealError::NotFound(Resource::Stage))?;
        if stage.kind.is_closed() {
            return Err(DealError::StageRule("won and lost stages cannot be deleted"));
        }
        if pipeline.stages.iter().filter(|s| s.kind == StageKind::Open).count() == 1 {
            return Err(DealError::StageRule("a pipeline keeps at least one open stage"));
        }
        let target = match move_to {
            None => None,
            Some(id) => {
                let target = pipeline.stage(id).ok_or(DealError::NotFound(Resource::Stage))?;
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
        let audit = AuditEntry::new(scope, "pipeline.stage_deleted", pipeline_id, summary, now);
        match self.pipelines.remove_stage(scope, stage, target, now, &audit).await? {
            StageRemoval::Removed => Ok(()),
            StageRemoval::NotEmpty(count) => Err(DealError::StageNotEmpty { count }),
            StageRemoval::NotFound => Err(DealError::NotFound(Resource::Stage)),
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
            id: LostReasonId::new(),
            position: existing.iter().map(|r| r.position + 1).max().unwrap_or(0),
            label,
            archived: false,
        };
        let audit = AuditEntry::new(
            scope,
            "lost_reason.created",
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
        id: LostReasonId,
        archived: bool,
    ) -> Result<LostReason, DealError> {
        require_owner(scope)?;
        let now = self.clock.now();
        let verb = if archived { "archived" } else { "restored" };
        let audit = AuditEntry::new(scope, format!("lost_reason.{verb}"), id, format!("Lost reason {verb}"), now);
        if !self.pipelines.set_lost_reason_archived(scope, id, archived.then_some(now), &audit).await? {
            return Err(DealError::NotFound(Resource::LostReason));
        }
        self.pipelines
            .lost_reasons(scope)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(DealError::NotFound(Resource::LostReason))
    }
}
