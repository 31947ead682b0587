//! The bell and the preferences, with their permission checks: members
//! only; a member only ever reads or marks their own notifications;
//! owners and managers change the workspace's digest preferences.

use std::sync::Arc;

use crm_kernel::{AuditEntry, Clock, Cursor, Limit, NotificationId, Page, Scope, UserId};

use crate::error::NotificationError;
use crate::model::{DigestPreferences, PreferencesChange, StoredNotification, UnreadCount};
use crate::ports::NotificationStore;

pub struct NotificationService {
    store: Arc<dyn NotificationStore>,
    clock: Arc<dyn Clock>,
}

/// The signed-in member: notifications belong to users, never to tokens.
fn member(scope: &Scope) -> Result<UserId, NotificationError> {
    match (scope.user(), scope.role()) {
        (Some(user), Some(_)) => Ok(user),
        _ => Err(NotificationError::Forbidden("notifications are for workspace members")),
    }
}

impl NotificationService {
    #[must_use]
    pub fn new(store: Arc<dyn NotificationStore>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    /// The caller's notifications, newest first.
    ///
    /// # Errors
    /// `Forbidden` for non-members, `Store`.
    pub async fn list(
        &self,
        scope: &Scope,
        unread_only: bool,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<StoredNotification>, NotificationError> {
        let user = member(scope)?;
        let rows = self
            .store
            .list_notifications(scope, user, unread_only, after.map(|c| NotificationId::from_uuid(c.last_id())), limit)
            .await?;
        Ok(Page::from_overfetch(rows, limit, |n| n.id.as_uuid()))
    }

    /// # Errors
    /// `Forbidden` for non-members, `Store`.
    pub async fn unread_count(&self, scope: &Scope) -> Result<UnreadCount, NotificationError> {
        let user = member(scope)?;
        Ok(UnreadCount::from_capped(self.store.count_unread(scope, user, UnreadCount::CAP).await?))
    }

    /// Marks one of the caller's notifications read (idempotent).
    ///
    /// # Errors
    /// `NotFound` when it is not the caller's (in this workspace), `Forbidden`, `Store`.
    pub async fn mark_read(&self, scope: &Scope, id: NotificationId) -> Result<StoredNotification, NotificationError> {
        let user = member(scope)?;
        self.store.mark_read(scope, user, id, self.clock.now()).await?.ok_or(NotificationError::NotFound)
    }

    /// Marks all of the caller's notifications read; how many changed.
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn mark_all_read(&self, scope: &Scope) -> Result<u64, NotificationError> {
        let user = member(scope)?;
        Ok(self.store.mark_all_read(scope, user, self.clock.now()).await?)
    }

    /// The workspace's digest preferences (every member may read them).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn preferences(&self, scope: &Scope) -> Result<DigestPreferences, NotificationError> {
        member(scope)?;
        Ok(self.store.preferences(scope).await?)
    }

    /// Changes the digest preferences: owners and managers only; audited.
    ///
    /// # Errors
    /// `Forbidden` for viewers and tokens, `Store`.
    pub async fn update_preferences(
        &self,
        scope: &Scope,
        change: PreferencesChange,
    ) -> Result<DigestPreferences, NotificationError> {
        member(scope)?;
        if !scope.role().is_some_and(crm_kernel::Role::can_write_crm) {
            return Err(NotificationError::Forbidden("only owners and managers change notification preferences"));
        }
        let current = self.store.preferences(scope).await?;
        let now = self.clock.now();
        let next = DigestPreferences {
            overdue_activities: change.overdue_activities.unwrap_or(current.overdue_activities),
            stale_leads: change.stale_leads.unwrap_or(current.stale_leads),
            stale_deals: change.stale_deals.unwrap_or(current.stale_deals),
            updated_at: Some(now),
        };
        let on_off = |on: bool| if on { "on" } else { "off" };
        let summary = format!(
            "Digest preferences: overdue activities {}, stale leads {}, stale deals {}",
            on_off(next.overdue_activities),
            on_off(next.stale_leads),
            on_off(next.stale_deals)
        );
        let audit = AuditEntry::new(scope, "settings.notifications_changed", scope.workspace(), summary, now);
        self.store.save_preferences(scope, &next, &audit).await?;
        Ok(next)
    }
}
