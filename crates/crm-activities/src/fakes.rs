//! In-memory implementations of the activity ports for domain tests. Rows
//! are kept per workspace: a scope sees only its own workspace's
//! activities, members, contacts and leads, as the real store does.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{
    ActivityId, AuditEntry, AuditLog, AuditRecord, ContactId, Cursor, LeadId, Limit, Notification, Page, Scope,
    StoreError, UserId, WorkspaceId,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{Activity, ActivityQuery};
use crate::ports::{ActivityStore, Link};

#[derive(Default)]
struct State {
    activities: Vec<(WorkspaceId, Activity)>,
    audit: Vec<AuditEntry>,
    notifications: Vec<Notification>,
    members: Vec<(WorkspaceId, UserId)>,
    contacts: Vec<(WorkspaceId, ContactId)>,
    leads: Vec<(WorkspaceId, LeadId)>,
    /// Every lead a write counted as worked, in order.
    worked: Vec<LeadId>,
}

impl State {
    fn activities(&self, scope: &Scope) -> impl Iterator<Item = &Activity> {
        let ws = scope.workspace();
        self.activities.iter().filter(move |(w, _)| *w == ws).map(|(_, a)| a)
    }

    fn record(&mut self, worked: Option<LeadId>, entry: &AuditEntry, notification: Option<&Notification>) {
        self.worked.extend(worked);
        self.audit.push(entry.clone());
        self.notifications.extend(notification.cloned());
    }
}

/// Activities in memory, with the workspace's members, contacts and leads
/// a link or an assignee may point at.
#[derive(Default)]
pub struct InMemoryActivities {
    state: Mutex<State>,
}

impl InMemoryActivities {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn add_member(&self, workspace: WorkspaceId, user: UserId) {
        self.lock().members.push((workspace, user));
    }

    pub fn add_contact(&self, workspace: WorkspaceId, contact: ContactId) {
        self.lock().contacts.push((workspace, contact));
    }

    pub fn add_lead(&self, workspace: WorkspaceId, lead: LeadId) {
        self.lock().leads.push((workspace, lead));
    }

    /// Every activity stored, in any workspace.
    #[must_use]
    pub fn activity_count(&self) -> usize {
        self.lock().activities.len()
    }

    #[must_use]
    pub fn audit(&self) -> Vec<AuditEntry> {
        self.lock().audit.clone()
    }

    #[must_use]
    pub fn notifications(&self) -> Vec<Notification> {
        self.lock().notifications.clone()
    }

    /// Every lead a write counted as worked, in order.
    #[must_use]
    pub fn worked(&self) -> Vec<LeadId> {
        self.lock().worked.clone()
    }
}

#[async_trait::async_trait]
impl ActivityStore for InMemoryActivities {
    async fn insert_activity(
        &self,
        scope: &Scope,
        a: &Activity,
        worked: Option<LeadId>,
        e: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let mut s = self.lock();
        s.activities.push((scope.workspace(), a.clone()));
        s.record(worked, e, n);
        Ok(())
    }

    async fn update_activity(
        &self,
        scope: &Scope,
        a: &Activity,
        expected: OffsetDateTime,
        worked: Option<LeadId>,
        e: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let mut s = self.lock();
        let ws = scope.workspace();
        let Some((_, row)) =
            s.activities.iter_mut().find(|(w, r)| *w == ws && r.id == a.id && r.updated_at == expected)
        else {
            return Ok(false);
        };
        *row = a.clone();
        s.record(worked, e, n);
        Ok(true)
    }

    async fn find_activity(&self, scope: &Scope, id: ActivityId) -> Result<Option<Activity>, StoreError> {
        Ok(self.lock().activities(scope).find(|a| a.id == id).cloned())
    }

    async fn list_activities(&self, scope: &Scope, q: &ActivityQuery) -> Result<Vec<Activity>, StoreError> {
        let s = self.lock();
        let mut rows: Vec<Activity> = s
            .activities(scope)
            .filter(|a| !q.filter.overdue || a.is_overdue(q.now))
            .filter(|a| q.filter.assignee.is_none_or(|u| a.assignee_id == Some(u)))
            .filter(|a| q.filter.links.contact.is_none_or(|c| a.links.contact == Some(c)))
            .cloned()
            .collect();
        rows.sort_by_key(|a| std::cmp::Reverse(a.id));
        Ok(rows)
    }

    async fn count_assigned(&self, scope: &Scope, user: UserId, now: OffsetDateTime) -> Result<(u64, u64), StoreError> {
        let s = self.lock();
        let open: Vec<&Activity> =
            s.activities(scope).filter(|a| a.assignee_id == Some(user) && a.completed_at.is_none()).collect();
        let overdue = open.iter().filter(|a| a.is_overdue(now)).count();
        Ok((open.len() as u64, overdue as u64))
    }

    async fn link_exists(&self, scope: &Scope, link: Link) -> Result<bool, StoreError> {
        let s = self.lock();
        let ws = scope.workspace();
        Ok(match link {
            Link::Contact(id) => s.contacts.contains(&(ws, id)),
            Link::Lead(id) => s.leads.contains(&(ws, id)),
            Link::Company(_) | Link::Deal(_) => false,
        })
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        Ok(self.lock().members.contains(&(scope.workspace(), user)))
    }
}

/// No audit history: the activity rules read none.
#[async_trait::async_trait]
impl AuditLog for InMemoryActivities {
    async fn entity_events(
        &self,
        _: &Scope,
        _: &str,
        _: Uuid,
        _: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        Ok(Page::from_overfetch(Vec::new(), limit, |r: &AuditRecord| r.id.as_uuid()))
    }

    async fn workspace_events(
        &self,
        _: &Scope,
        _: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        Ok(Page::from_overfetch(Vec::new(), limit, |r: &AuditRecord| r.id.as_uuid()))
    }
}
