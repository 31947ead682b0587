//! The deals and pipeline use cases, with their permission checks. One
//! file per concern; this module holds the service, the permission checks
//! and the read/rewrite helpers every concern shares.

mod board;
mod deals;
mod moves;
mod pipelines;

use std::collections::HashMap;
use std::sync::Arc;

use crm_kernel::text::{bounded, multiline};
use crm_kernel::{
    AuditEntry, Clock, CompanyId, ContactId, DealId, FieldError, Notification, PipelineId, Resource, Role, Scope,
    StageId,
};
use time::OffsetDateTime;

use crate::error::DealError;
use crate::model::{Deal, DealFilter, DealSnapshot, LinkNames, LossReason, LostReason, Pipeline, Stage};
use crate::ports::{DealStore, PipelineStore};
use crate::values::StageKind;

pub use board::{Board, quarter_start};
pub use pipelines::StageInput;

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
        stages: &HashMap<StageId, Stage>,
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

    async fn context(&self, scope: &Scope) -> Result<(Vec<Pipeline>, HashMap<StageId, Stage>), DealError> {
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
        stages: &HashMap<StageId, Stage>,
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
        let contacts: Vec<ContactId> = deals.iter().filter_map(|d| d.contact_id).collect();
        let companies: Vec<CompanyId> = deals.iter().filter_map(|d| d.company_id).collect();
        if contacts.is_empty() && companies.is_empty() {
            return Ok(LinkNames::default());
        }
        Ok(self.deals.link_names(scope, &contacts, &companies).await?)
    }

    async fn one(&self, scope: &Scope, deal: Deal) -> Result<DealSnapshot, DealError> {
        self.snapshots(scope, vec![deal]).await?.pop().ok_or(DealError::NotFound(Resource::Deal))
    }

    async fn one_with(
        &self,
        scope: &Scope,
        deal: Deal,
        stages: &HashMap<StageId, Stage>,
    ) -> Result<DealSnapshot, DealError> {
        self.snapshots_with(scope, vec![deal], stages).await?.pop().ok_or(DealError::NotFound(Resource::Deal))
    }

    /// Reads, applies `change`, checks links, writes with optimistic
    /// concurrency (retrying on a concurrent write), audits and notifies.
    /// `stages` are the workspace's, read once by the caller.
    async fn rewrite(
        &self,
        scope: &Scope,
        id: DealId,
        stages: &HashMap<StageId, Stage>,
        change: impl Fn(&Deal, OffsetDateTime) -> Result<(Deal, String), DealError>,
    ) -> Result<DealSnapshot, DealError> {
        for _ in 0..3 {
            let current = self.deals.find_deal(scope, id).await?.ok_or(DealError::NotFound(Resource::Deal))?;
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
            let audit = AuditEntry::new(scope, action, id, summary, now);
            let notification =
                if next.owner_id == current.owner_id { None } else { owner_notification(scope, &next, now) };
            if self.deals.update_deal(scope, &next, current.updated_at, &audit, notification.as_ref()).await? {
                return self.one_with(scope, next, stages).await;
            }
        }
        Err(DealError::Conflict)
    }
}

/// `id`, or the workspace's first pipeline (where new deals go by default).
pub(crate) async fn find_pipeline(
    store: &dyn PipelineStore,
    scope: &Scope,
    id: Option<PipelineId>,
) -> Result<Pipeline, DealError> {
    let all = store.pipelines(scope).await?;
    match id {
        Some(id) => all.into_iter().find(|p| p.id == id),
        None => all.into_iter().next(),
    }
    .ok_or(DealError::NotFound(Resource::Pipeline))
}

fn normalise(filter: DealFilter) -> DealFilter {
    DealFilter { q: filter.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()), ..filter }
}

fn owner_notification(scope: &Scope, deal: &Deal, at: OffsetDateTime) -> Option<Notification> {
    let owner = deal.owner_id?;
    Notification::unless_self(scope.user(), owner, "deal.assigned", deal.id, deal.title.clone(), at)
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
