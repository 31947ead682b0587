//! In-app notifications: records written by the modules that signal
//! something to a member (assignment to someone else), in the same
//! transaction as the change. `crm-notifications` serves them (the bell).

use time::OffsetDateTime;
use uuid::Uuid;

use crate::ids::{NotificationId, RecordId, UserId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub id: NotificationId,
    pub recipient: UserId,
    /// Dotted kind, e.g. `activity.assigned`, `lead.assigned`.
    pub kind: &'static str,
    pub entity_type: &'static str,
    pub entity_id: Uuid,
    /// What the bell shows, e.g. the activity's subject.
    pub title: String,
    pub created_at: OffsetDateTime,
}

impl Notification {
    /// A notification for `recipient`, unless they are the one acting:
    /// assigning something to yourself signals nothing.
    #[must_use]
    pub fn unless_self(
        actor: Option<UserId>,
        recipient: UserId,
        kind: &'static str,
        entity: impl RecordId,
        title: impl Into<String>,
        at: OffsetDateTime,
    ) -> Option<Self> {
        (actor != Some(recipient)).then(|| Self {
            id: NotificationId::new(),
            recipient,
            kind,
            entity_type: entity.entity_type(),
            entity_id: entity.as_uuid(),
            title: title.into(),
            created_at: at,
        })
    }
}
