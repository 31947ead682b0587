//! In-memory fakes of the deals ports, for unit tests here and for checking
//! the SQL adapters against the same specification.
//!
//! Rows are keyed by the workspace of the scope that wrote them (or, for
//! the initial pipelines, reasons, members and links, the fake's own
//! workspace) and every read sees only the scope's workspace: another
//! workspace's rows are invisible, as in the SQL adapter.

use std::collections::HashMap;
use std::sync::Mutex;

use crm_kernel::{
    AuditEntry, CompanyId, ContactId, Currency, DealId, LostReasonId, Notification, PipelineId, Scope, StageId,
    StoreError, UserId, WorkspaceId,
};
use time::OffsetDateTime;

use crate::model::{CurrencyTotals, Deal, DealFilter, DealQuery, LinkNames, LostReason, Pipeline, Stage};
use crate::ports::{DealStore, PipelineStore, StageRemoval};
use crate::values::StageKind;

#[derive(Default)]
struct State {
    pipelines: Vec<(WorkspaceId, Pipeline)>,
    reasons: Vec<(WorkspaceId, LostReason)>,
    deals: Vec<(WorkspaceId, Deal)>,
    audit: Vec<AuditEntry>,
    notifications: Vec<Notification>,
    currency: Currency,
}

impl State {
    fn pipelines(&self, scope: &Scope) -> impl Iterator<Item = &Pipeline> {
        let ws = scope.workspace();
        self.pipelines.iter().filter(move |(w, _)| *w == ws).map(|(_, p)| p)
    }

    fn pipelines_mut(&mut self, scope: &Scope) -> impl Iterator<Item = &mut Pipeline> {
        let ws = scope.workspace();
        self.pipelines.iter_mut().filter(move |(w, _)| *w == ws).map(|(_, p)| p)
    }

    fn reasons_mut(&mut self, scope: &Scope) -> impl Iterator<Item = &mut LostReason> {
        let ws = scope.workspace();
        self.reasons.iter_mut().filter(move |(w, _)| *w == ws).map(|(_, r)| r)
    }

    fn deals(&self, scope: &Scope) -> impl Iterator<Item = &Deal> {
        let ws = scope.workspace();
        self.deals.iter().filter(move |(w, _)| *w == ws).map(|(_, d)| d)
    }

    fn deals_mut(&mut self, scope: &Scope) -> impl Iterator<Item = &mut Deal> {
        let ws = scope.workspace();
        self.deals.iter_mut().filter(move |(w, _)| *w == ws).map(|(_, d)| d)
    }
}

/// Deals, pipelines and lost reasons in memory. The pipelines, reasons,
/// members, contacts, companies and currency given at construction are
/// those of its own workspace; other workspaces start empty.
pub struct InMemoryDeals {
    workspace: WorkspaceId,
    state: Mutex<State>,
    members: Vec<UserId>,
    contacts: Vec<ContactId>,
    companies: Vec<CompanyId>,
}

fn lock(m: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl InMemoryDeals {
    /// `workspace` with `pipelines`, `reasons`, these members, contacts and
    /// companies, in `currency`.
    #[must_use]
    pub fn new(
        workspace: WorkspaceId,
        pipelines: Vec<Pipeline>,
        reasons: Vec<LostReason>,
        members: Vec<UserId>,
        links: (Vec<ContactId>, Vec<CompanyId>),
        currency: Currency,
    ) -> Self {
        let pipelines = pipelines.into_iter().map(|p| (workspace, p)).collect();
        let reasons = reasons.into_iter().map(|r| (workspace, r)).collect();
        Self {
            workspace,
            state: Mutex::new(State { pipelines, reasons, currency, ..State::default() }),
            members,
            contacts: links.0,
            companies: links.1,
        }
    }

    /// Changes the workspace currency (new deals take it; old ones keep
    /// theirs).
    pub fn set_currency(&self, currency: Currency) {
        lock(&self.state).currency = currency;
    }

    #[must_use]
    pub fn audit(&self) -> Vec<AuditEntry> {
        lock(&self.state).audit.clone()
    }

    #[must_use]
    pub fn notifications(&self) -> Vec<Notification> {
        lock(&self.state).notifications.clone()
    }

    /// Whether the scope acts in the fake's own workspace (its members,
    /// links and currency).
    fn home(&self, scope: &Scope) -> bool {
        scope.workspace() == self.workspace
    }

    /// Sets a deal's `updated_at` (to age it).
    pub fn touch(&self, id: DealId, at: OffsetDateTime) {
        if let Some((_, d)) = lock(&self.state).deals.iter_mut().find(|(_, d)| d.id == id) {
            d.updated_at = at;
        }
    }
}

/// The specification of a deal filter, which the SQL adapter must match.
#[must_use]
pub fn matches(f: &DealFilter, d: &Deal, now: OffsetDateTime) -> bool {
    f.pipeline_id.is_none_or(|p| d.pipeline_id == p)
        && f.stage_id.is_none_or(|s| d.stage_id == s)
        && f.status.is_none_or(|s| d.status == s)
        && f.owner_id.is_none_or(|o| d.owner_id == Some(o))
        && f.contact_id.is_none_or(|c| d.contact_id == Some(c))
        && f.company_id.is_none_or(|c| d.company_id == Some(c))
        && (!f.stale || d.is_stale(now))
        && f.q.as_deref().is_none_or(|q| d.search_text().contains(q))
        && f.closed_since.is_none_or(|since| d.closed_at.is_some_and(|closed| closed >= since))
}

#[async_trait::async_trait]
impl PipelineStore for InMemoryDeals {
    async fn pipelines(&self, scope: &Scope) -> Result<Vec<Pipeline>, StoreError> {
        let mut all: Vec<Pipeline> = lock(&self.state).pipelines(scope).cloned().collect();
        for p in &mut all {
            p.stages.sort_by_key(|s| s.position);
        }
        Ok(all)
    }

    async fn insert_pipeline(&self, scope: &Scope, p: &Pipeline, audit: &AuditEntry) -> Result<(), StoreError> {
        let mut s = lock(&self.state);
        s.pipelines.push((scope.workspace(), p.clone()));
        s.audit.push(audit.clone());
        Ok(())
    }

    async fn rename_pipeline(
        &self,
        scope: &Scope,
        id: PipelineId,
        name: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut s = lock(&self.state);
        let Some(p) = s.pipelines_mut(scope).find(|p| p.id == id) else { return Ok(false) };
        name.clone_into(&mut p.name);
        s.audit.push(audit.clone());
        Ok(true)
    }

    async fn save_stages(&self, scope: &Scope, stages: &[Stage], audit: &AuditEntry) -> Result<(), StoreError> {
        let mut s = lock(&self.state);
        for stage in stages {
            let Some(p) = s.pipelines_mut(scope).find(|p| p.id == stage.pipeline_id) else { continue };
            match p.stages.iter_mut().find(|x| x.id == stage.id) {
                Some(existing) => *existing = stage.clone(),
                None => p.stages.push(stage.clone()),
            }
        }
        s.audit.push(audit.clone());
        Ok(())
    }

    async fn remove_stage(
        &self,
        scope: &Scope,
        stage: &Stage,
        move_to: Option<&Stage>,
        at: OffsetDateTime,
        audit: &AuditEntry,
    ) -> Result<StageRemoval, StoreError> {
        let mut s = lock(&self.state);
        let held = s.deals(scope).filter(|d| d.stage_id == stage.id).count() as u64;
        match move_to {
            None if held > 0 => return Ok(StageRemoval::NotEmpty(held)),
            None => {}
            Some(target) => {
                for d in s.deals_mut(scope).filter(|d| d.stage_id == stage.id) {
                    d.stage_id = target.id;
                    d.pipeline_id = target.pipeline_id;
                    d.updated_at = at;
                }
            }
        }
        let Some(p) = s.pipelines_mut(scope).find(|p| p.id == stage.pipeline_id) else {
            return Ok(StageRemoval::NotFound);
        };
        p.stages.retain(|x| x.id != stage.id);
        s.audit.push(audit.clone());
        Ok(StageRemoval::Removed)
    }

    async fn lost_reasons(&self, scope: &Scope) -> Result<Vec<LostReason>, StoreError> {
        let ws = scope.workspace();
        Ok(lock(&self.state).reasons.iter().filter(|(w, _)| *w == ws).map(|(_, r)| r.clone()).collect())
    }

    async fn insert_lost_reason(&self, scope: &Scope, r: &LostReason, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut s = lock(&self.state);
        if s.reasons_mut(scope).any(|x| x.label.to_lowercase() == r.label.to_lowercase()) {
            return Ok(false);
        }
        s.reasons.push((scope.workspace(), r.clone()));
        s.audit.push(audit.clone());
        Ok(true)
    }

    async fn set_lost_reason_archived(
        &self,
        scope: &Scope,
        id: LostReasonId,
        archived_at: Option<OffsetDateTime>,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut s = lock(&self.state);
        let Some(r) = s.reasons_mut(scope).find(|r| r.id == id) else { return Ok(false) };
        r.archived = archived_at.is_some();
        s.audit.push(audit.clone());
        Ok(true)
    }
}

#[async_trait::async_trait]
impl DealStore for InMemoryDeals {
    async fn insert_deal(
        &self,
        scope: &Scope,
        d: &Deal,
        audit: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let mut s = lock(&self.state);
        s.deals.push((scope.workspace(), d.clone()));
        s.audit.push(audit.clone());
        s.notifications.extend(n.cloned());
        Ok(())
    }

    async fn update_deal(
        &self,
        scope: &Scope,
        d: &Deal,
        expected: OffsetDateTime,
        audit: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let mut s = lock(&self.state);
        let Some(row) = s.deals_mut(scope).find(|x| x.id == d.id && x.updated_at == expected) else {
            return Ok(false);
        };
        *row = d.clone();
        s.audit.push(audit.clone());
        s.notifications.extend(n.cloned());
        Ok(true)
    }

    async fn find_deal(&self, scope: &Scope, id: DealId) -> Result<Option<Deal>, StoreError> {
        Ok(lock(&self.state).deals(scope).find(|d| d.id == id).cloned())
    }

    async fn list_deals(&self, scope: &Scope, q: &DealQuery) -> Result<Vec<Deal>, StoreError> {
        let mut rows: Vec<Deal> = lock(&self.state)
            .deals(scope)
            .filter(|d| matches(&q.filter, d, q.now) && q.before.is_none_or(|b| d.id < b))
            .cloned()
            .collect();
        rows.sort_by_key(|d| std::cmp::Reverse(d.id));
        rows.truncate(usize::from(q.limit.get()) + 1);
        Ok(rows)
    }

    async fn stage_totals(
        &self,
        scope: &Scope,
        filter: &DealFilter,
        now: OffsetDateTime,
    ) -> Result<Vec<CurrencyTotals>, StoreError> {
        let s = lock(&self.state);
        let stages: HashMap<StageId, &Stage> = s.pipelines(scope).flat_map(|p| &p.stages).map(|x| (x.id, x)).collect();
        let mut totals: HashMap<(StageId, Currency), CurrencyTotals> = HashMap::new();
        for d in s.deals(scope).filter(|d| matches(filter, d, now)) {
            let currency = d.amount.currency();
            let t = totals.entry((d.stage_id, currency)).or_insert(CurrencyTotals {
                stage_id: d.stage_id,
                currency,
                count: 0,
                amount_minor: 0,
                weighted_minor: 0,
            });
            t.count += 1;
            t.amount_minor += d.amount.minor();
            if let Some(stage) = stages.get(&d.stage_id) {
                t.weighted_minor += d.weighted(stage.probability).minor();
            }
        }
        Ok(totals.into_values().collect())
    }

    async fn count_open_owned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError> {
        Ok(lock(&self.state).deals(scope).filter(|d| d.owner_id == Some(user) && d.status == StageKind::Open).count()
            as u64)
    }

    async fn contact_exists(&self, scope: &Scope, id: ContactId) -> Result<bool, StoreError> {
        Ok(self.home(scope) && self.contacts.contains(&id))
    }

    async fn company_exists(&self, scope: &Scope, id: CompanyId) -> Result<bool, StoreError> {
        Ok(self.home(scope) && self.companies.contains(&id))
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        Ok(self.home(scope) && self.members.contains(&user))
    }

    async fn link_names(
        &self,
        _: &Scope,
        contacts: &[ContactId],
        companies: &[CompanyId],
    ) -> Result<LinkNames, StoreError> {
        Ok(LinkNames {
            contacts: contacts.iter().map(|id| (*id, format!("Contact {id}"))).collect(),
            companies: companies.iter().map(|id| (*id, format!("Company {id}"))).collect(),
        })
    }

    async fn workspace_currency(&self, _: &Scope) -> Result<Currency, StoreError> {
        Ok(lock(&self.state).currency)
    }
}

/// The default pipeline, as a new workspace gets it.
#[must_use]
pub fn default_pipeline() -> Pipeline {
    let id = PipelineId::new();
    Pipeline {
        id,
        name: crate::values::DEFAULT_PIPELINE_NAME.to_owned(),
        position: 0,
        stages: (0_i32..)
            .zip(crate::values::DEFAULT_STAGES)
            .map(|(position, (name, probability, kind))| Stage {
                id: StageId::new(),
                pipeline_id: id,
                name: (*name).to_owned(),
                position,
                probability: crate::values::Probability::from_trusted(*probability),
                kind: *kind,
            })
            .collect(),
    }
}
