//! The workspace audit feed: every mutation appends one entry, written in the
//! same transaction as the change (the adapter of each module's port does
//! that). Append-only: there is no update or delete.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::StoreError;
use crate::ids::{ApiTokenId, AuditEventId, RecordId, UserId};
use crate::page::{Cursor, Limit, Page};
use crate::scope::{Actor, Scope};

/// Who made the change, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditActor {
    User(UserId),
    Token(ApiTokenId),
}

impl From<&Actor> for AuditActor {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::User { id, .. } => Self::User(*id),
            Actor::Token { id, .. } => Self::Token(*id),
        }
    }
}

/// One entry of the feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: AuditEventId,
    pub actor: AuditActor,
    /// Dotted verb, e.g. `lead.created`, `lead.status_changed`.
    pub action: String,
    /// `lead`, `contact`, ...: the entity of the id's type.
    pub entity_type: &'static str,
    pub entity_id: Uuid,
    /// Human-readable: what changed, without personal data beyond the record's own name.
    pub summary: String,
    pub at: OffsetDateTime,
}

impl AuditEntry {
    /// An entry about `entity`; its type names the entity (`lead`, ...).
    #[must_use]
    pub fn new(
        scope: &Scope,
        action: impl Into<String>,
        entity: impl RecordId,
        summary: impl Into<String>,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            id: AuditEventId::new(),
            actor: scope.actor().into(),
            action: action.into(),
            entity_type: entity.entity_type(),
            entity_id: entity.as_uuid(),
            summary: summary.into(),
            at,
        }
    }
}

/// An entry as read back, with the entity type as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: AuditEventId,
    pub actor: AuditActor,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub summary: String,
    pub at: OffsetDateTime,
}

/// Reads the feed. Writing happens inside each module's transactional port
/// methods.
#[async_trait::async_trait]
pub trait AuditLog: Send + Sync {
    /// Newest first, for one record's timeline.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn entity_events(
        &self,
        scope: &Scope,
        entity_type: &str,
        entity_id: Uuid,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError>;

    /// Newest first, for the whole workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn workspace_events(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError>;
}
