//! In-memory fakes of the notification ports and of the mailer.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{
    AuditEntry, Limit, MailError, Mailer, Notification, NotificationId, OutgoingEmail, Scope, StoreError, UserId,
    WorkspaceId,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::model::{DigestCandidates, DigestPreferences, DigestWorkspace, Recipient, StoredNotification};
use crate::ports::{Claim, DigestStore, NotificationStore};

/// The outcome recorded on a delivery row: when it was sent, or the error.
pub type DeliveryOutcome = Option<Result<OffsetDateTime, String>>;

/// A delivery row: workspace, recipient, date, outcome.
pub type DeliveryRow = (WorkspaceId, UserId, Date, DeliveryOutcome);

#[derive(Default)]
struct State {
    notifications: Vec<(WorkspaceId, UserId, StoredNotification)>,
    preferences: Vec<(WorkspaceId, DigestPreferences)>,
    audit: Vec<(WorkspaceId, String)>,
    workspaces: Vec<DigestWorkspace>,
    recipients: Vec<(WorkspaceId, Recipient)>,
    candidates: Vec<(WorkspaceId, UserId, DigestCandidates)>,
    deliveries: Vec<(WorkspaceId, UserId, Date, Uuid, DeliveryOutcome)>,
    broken_candidates: Vec<UserId>,
}

/// Notifications, preferences, members, candidates and deliveries in memory.
#[derive(Default)]
pub struct InMemoryNotifications(Mutex<State>);

impl InMemoryNotifications {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores a notification as a module would (in its own transaction).
    pub fn push(&self, workspace: WorkspaceId, n: &Notification) {
        let stored = StoredNotification {
            id: n.id,
            kind: n.kind.to_owned(),
            entity_type: n.entity_type.to_owned(),
            entity_id: n.entity_id,
            title: n.title.clone(),
            created_at: n.created_at,
            read_at: None,
        };
        self.state().notifications.push((workspace, n.recipient, stored));
    }

    pub fn add_workspace(&self, workspace: DigestWorkspace) {
        self.state().workspaces.push(workspace);
    }

    pub fn add_recipient(&self, workspace: WorkspaceId, recipient: Recipient) {
        self.state().recipients.push((workspace, recipient));
    }

    pub fn set_candidates(&self, workspace: WorkspaceId, user: UserId, candidates: DigestCandidates) {
        self.state().candidates.push((workspace, user, candidates));
    }

    /// Reading `user`'s digest candidates fails (a storage failure).
    pub fn break_candidates_of(&self, user: UserId) {
        self.state().broken_candidates.push(user);
    }

    /// Audit actions recorded in the workspace, oldest first.
    #[must_use]
    pub fn actions(&self, workspace: WorkspaceId) -> Vec<String> {
        self.state().audit.iter().filter(|(w, _)| *w == workspace).map(|(_, a)| a.clone()).collect()
    }

    /// Delivery rows: (workspace, user, date, outcome).
    #[must_use]
    pub fn deliveries(&self) -> Vec<DeliveryRow> {
        self.state().deliveries.iter().map(|(w, u, d, _, o)| (*w, *u, *d, o.clone())).collect()
    }
}

#[async_trait::async_trait]
impl NotificationStore for InMemoryNotifications {
    async fn list_notifications(
        &self,
        scope: &Scope,
        user: UserId,
        unread_only: bool,
        before: Option<NotificationId>,
        limit: Limit,
    ) -> Result<Vec<StoredNotification>, StoreError> {
        let mut rows: Vec<StoredNotification> = self
            .state()
            .notifications
            .iter()
            .filter(|(w, u, n)| {
                *w == scope.workspace()
                    && *u == user
                    && (!unread_only || n.read_at.is_none())
                    && before.is_none_or(|b| n.id < b)
            })
            .map(|(_, _, n)| n.clone())
            .collect();
        rows.sort_by_key(|n| std::cmp::Reverse(n.id));
        rows.truncate(usize::from(limit.get()) + 1);
        Ok(rows)
    }

    async fn count_unread(&self, scope: &Scope, user: UserId, cap: u32) -> Result<u64, StoreError> {
        let n = self
            .state()
            .notifications
            .iter()
            .filter(|(w, u, n)| *w == scope.workspace() && *u == user && n.read_at.is_none())
            .count();
        Ok(u64::try_from(n).unwrap_or(u64::MAX).min(u64::from(cap)))
    }

    async fn mark_read(
        &self,
        scope: &Scope,
        user: UserId,
        id: NotificationId,
        at: OffsetDateTime,
    ) -> Result<Option<StoredNotification>, StoreError> {
        let mut s = self.state();
        let found = s.notifications.iter_mut().find(|(w, u, n)| *w == scope.workspace() && *u == user && n.id == id);
        Ok(found.map(|(_, _, n)| {
            n.read_at = n.read_at.or(Some(at));
            n.clone()
        }))
    }

    async fn mark_all_read(&self, scope: &Scope, user: UserId, at: OffsetDateTime) -> Result<u64, StoreError> {
        let mut changed = 0;
        for (w, u, n) in &mut self.state().notifications {
            if *w == scope.workspace() && *u == user && n.read_at.is_none() {
                n.read_at = Some(at);
                changed += 1;
            }
        }
        Ok(changed)
    }

    async fn preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError> {
        Ok(self.state().preferences.iter().find(|(w, _)| *w == scope.workspace()).map(|(_, p)| *p).unwrap_or_default())
    }

    async fn save_preferences(
        &self,
        scope: &Scope,
        prefs: &DigestPreferences,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut s = self.state();
        s.preferences.retain(|(w, _)| *w != scope.workspace());
        s.preferences.push((scope.workspace(), *prefs));
        s.audit.push((scope.workspace(), audit.action.clone()));
        Ok(())
    }
}

#[async_trait::async_trait]
impl DigestStore for InMemoryNotifications {
    async fn workspaces_unscoped(&self) -> Result<Vec<DigestWorkspace>, StoreError> {
        Ok(self.state().workspaces.clone())
    }

    async fn recipients_unscoped(&self, workspace: WorkspaceId) -> Result<Vec<Recipient>, StoreError> {
        Ok(self.state().recipients.iter().filter(|(w, _)| *w == workspace).map(|(_, r)| r.clone()).collect())
    }

    async fn candidates(&self, scope: &Scope, _now: OffsetDateTime, _cap: u64) -> Result<DigestCandidates, StoreError> {
        if scope.user().is_some_and(|u| self.state().broken_candidates.contains(&u)) {
            return Err(StoreError("connection reset".into()));
        }
        Ok(self
            .state()
            .candidates
            .iter()
            .find(|(w, u, _)| *w == scope.workspace() && Some(*u) == scope.user())
            .map(|(_, _, c)| c.clone())
            .unwrap_or_default())
    }

    async fn digest_preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError> {
        NotificationStore::preferences(self, scope).await
    }

    async fn claim_delivery(&self, scope: &Scope, date: Date, _at: OffsetDateTime) -> Result<Claim, StoreError> {
        let user = scope.user().ok_or_else(|| StoreError("a digest is claimed for a user".into()))?;
        let mut s = self.state();
        if s.deliveries.iter().any(|(w, u, d, _, _)| *w == scope.workspace() && *u == user && *d == date) {
            return Ok(Claim::AlreadyClaimed);
        }
        let id = Uuid::now_v7();
        s.deliveries.push((scope.workspace(), user, date, id, None));
        Ok(Claim::Claimed(id))
    }

    async fn finish_delivery(
        &self,
        _scope: &Scope,
        claim: Uuid,
        outcome: Result<OffsetDateTime, String>,
    ) -> Result<(), StoreError> {
        if let Some(row) = self.state().deliveries.iter_mut().find(|(_, _, _, id, _)| *id == claim) {
            row.4 = Some(outcome);
        }
        Ok(())
    }
}

/// A mailer that keeps what it was given, or refuses everything.
#[derive(Default)]
pub struct RecordingMailer {
    sent: Mutex<Vec<OutgoingEmail>>,
    broken: bool,
}

impl RecordingMailer {
    /// A mailer whose transport is down.
    #[must_use]
    pub fn broken() -> Self {
        Self { sent: Mutex::default(), broken: true }
    }

    #[must_use]
    pub fn sent(&self) -> Vec<OutgoingEmail> {
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

#[async_trait::async_trait]
impl Mailer for RecordingMailer {
    async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        if self.broken {
            return Err(MailError("connection refused".into()));
        }
        self.sent.lock().unwrap_or_else(PoisonError::into_inner).push(email);
        Ok(())
    }
}
