//! In-memory fakes of the leads ports and the audit log.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{
    AuditEntry, AuditLog, AuditRecord, Cursor, LeadId, Limit, Notification, Page, Scope, StoreError, UserId,
};
use uuid::Uuid;

use crate::model::{CustomSource, Lead};
use crate::ports::LeadStore;
use crate::query::{LeadQuery, SortField, SortKey};
use crate::score::is_stale;
use crate::values::SourceSlug;

#[derive(Default)]
struct State {
    leads: Vec<Lead>,
    sources: Vec<(crm_kernel::WorkspaceId, CustomSource)>,
    audit: Vec<(crm_kernel::WorkspaceId, AuditEntry)>,
    members: Vec<(crm_kernel::WorkspaceId, UserId)>,
    notifications: Vec<(crm_kernel::WorkspaceId, Notification)>,
}

/// Leads, sources, members and the audit feed in memory.
#[derive(Default)]
pub struct InMemoryLeads(Mutex<State>);

impl InMemoryLeads {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn add_member(&self, scope: &Scope, user: UserId) {
        self.state().members.push((scope.workspace(), user));
    }

    /// Notifications stored in the scope's workspace, oldest first.
    #[must_use]
    pub fn notifications(&self, scope: &Scope) -> Vec<Notification> {
        self.state().notifications.iter().filter(|(w, _)| *w == scope.workspace()).map(|(_, n)| n.clone()).collect()
    }

    /// Every audit action recorded in the scope's workspace, oldest first.
    #[must_use]
    pub fn actions(&self, scope: &Scope) -> Vec<String> {
        self.state().audit.iter().filter(|(w, _)| *w == scope.workspace()).map(|(_, e)| e.action.clone()).collect()
    }
}

fn sort_key(lead: &Lead, field: SortField) -> SortKey {
    match field {
        SortField::CreatedAt => SortKey::None,
        SortField::UpdatedAt => SortKey::Time(lead.updated_at),
        SortField::Name => SortKey::Text(lead.name.as_str().to_lowercase()),
        SortField::NextActionDate => SortKey::Date(lead.next_action_date.unwrap_or(crate::query::NO_DATE)),
    }
}

fn key_cmp(a: &SortKey, b: &SortKey) -> std::cmp::Ordering {
    match (a, b) {
        (SortKey::Time(x), SortKey::Time(y)) => x.cmp(y),
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
        (SortKey::Date(x), SortKey::Date(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    }
}

#[async_trait::async_trait]
impl LeadStore for InMemoryLeads {
    async fn insert_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let mut s = self.state();
        s.leads.push(lead.clone());
        s.audit.push((scope.workspace(), audit.clone()));
        s.notifications.extend(notify.map(|n| (scope.workspace(), n.clone())));
        Ok(())
    }

    async fn update_lead(
        &self,
        scope: &Scope,
        lead: &Lead,
        expected: time::OffsetDateTime,
        audit: &AuditEntry,
        notify: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let mut s = self.state();
        let Some(row) = s.leads.iter_mut().find(|l| l.id == lead.id && l.workspace_id == scope.workspace()) else {
            return Ok(false);
        };
        if row.updated_at != expected {
            return Ok(false);
        }
        *row = lead.clone();
        s.audit.push((scope.workspace(), audit.clone()));
        s.notifications.extend(notify.map(|n| (scope.workspace(), n.clone())));
        Ok(true)
    }

    async fn find_lead(&self, scope: &Scope, id: LeadId) -> Result<Option<Lead>, StoreError> {
        Ok(self.state().leads.iter().find(|l| l.id == id && l.workspace_id == scope.workspace()).cloned())
    }

    async fn list_leads(&self, scope: &Scope, q: &LeadQuery) -> Result<Vec<Lead>, StoreError> {
        let s = self.state();
        let f = &q.filter;
        let mut rows: Vec<Lead> = s
            .leads
            .iter()
            .filter(|l| l.workspace_id == scope.workspace())
            .filter(|l| f.q.as_ref().is_none_or(|t| l.search_text().contains(t.as_str())))
            .filter(|l| f.status.is_none_or(|st| l.status == st))
            .filter(|l| f.source.as_ref().is_none_or(|src| &l.source == src))
            .filter(|l| f.assignee.is_none_or(|a| l.assignee_id == Some(a)))
            .filter(|l| f.stale.is_none_or(|want| is_stale(l, q.now) == want))
            .cloned()
            .collect();
        let field = q.sort.field;
        rows.sort_by(|a, b| key_cmp(&sort_key(a, field), &sort_key(b, field)).then(a.id.cmp(&b.id)));
        if q.sort.descending {
            rows.reverse();
        }
        if let Some(c) = &q.after {
            rows.retain(|l| {
                let ord = key_cmp(&sort_key(l, field), &c.key).then(l.id.cmp(&c.id));
                if q.sort.descending { ord.is_lt() } else { ord.is_gt() }
            });
        }
        rows.truncate(usize::from(q.limit.get()) + 1);
        Ok(rows)
    }

    async fn count_open_assigned(&self, scope: &Scope, user: UserId) -> Result<u64, StoreError> {
        let s = self.state();
        Ok(s.leads
            .iter()
            .filter(|l| l.workspace_id == scope.workspace() && l.assignee_id == Some(user) && l.status.is_open())
            .count() as u64)
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        Ok(self.state().members.contains(&(scope.workspace(), user)))
    }

    async fn list_custom_sources(&self, scope: &Scope) -> Result<Vec<CustomSource>, StoreError> {
        Ok(self.state().sources.iter().filter(|(w, _)| *w == scope.workspace()).map(|(_, s)| s.clone()).collect())
    }

    async fn insert_custom_source(
        &self,
        scope: &Scope,
        source: &CustomSource,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut s = self.state();
        if s.sources.iter().any(|(w, x)| *w == scope.workspace() && x.slug == source.slug) {
            return Ok(false);
        }
        s.sources.push((scope.workspace(), source.clone()));
        s.audit.push((scope.workspace(), audit.clone()));
        Ok(true)
    }

    async fn set_source_archived(
        &self,
        scope: &Scope,
        slug: &SourceSlug,
        at: Option<time::OffsetDateTime>,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut s = self.state();
        let ws = scope.workspace();
        let Some((_, source)) = s.sources.iter_mut().find(|(w, x)| *w == ws && &x.slug == slug) else {
            return Ok(false);
        };
        source.archived_at = at;
        s.audit.push((ws, audit.clone()));
        Ok(true)
    }
}

fn record(e: &AuditEntry) -> AuditRecord {
    AuditRecord {
        id: e.id,
        actor: e.actor,
        action: e.action.clone(),
        entity_type: e.entity_type.to_owned(),
        entity_id: e.entity_id,
        summary: e.summary.clone(),
        at: e.at,
    }
}

fn newest_first(mut rows: Vec<AuditRecord>, after: Option<Cursor>, limit: Limit) -> Page<AuditRecord> {
    rows.sort_by_key(|r| std::cmp::Reverse(r.id));
    rows.retain(|r| after.is_none_or(|c| r.id.as_uuid() < c.last_id()));
    rows.truncate(usize::from(limit.get()) + 1);
    Page::from_overfetch(rows, limit, |r| r.id.as_uuid())
}

#[async_trait::async_trait]
impl AuditLog for InMemoryLeads {
    async fn entity_events(
        &self,
        scope: &Scope,
        entity_type: &str,
        id: Uuid,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        let s = self.state();
        let rows = s
            .audit
            .iter()
            .filter(|(w, e)| *w == scope.workspace() && e.entity_type == entity_type && e.entity_id == id)
            .map(|(_, e)| record(e))
            .collect();
        Ok(newest_first(rows, after, limit))
    }

    async fn workspace_events(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        let s = self.state();
        let rows = s.audit.iter().filter(|(w, _)| *w == scope.workspace()).map(|(_, e)| record(e)).collect();
        Ok(newest_first(rows, after, limit))
    }
}
