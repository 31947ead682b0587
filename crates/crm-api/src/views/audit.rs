//! Audit events: the workspace feed and timeline entries.

use crm_kernel::{AuditActor, AuditRecord};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    User,
    Token,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventView {
    pub id: Uuid,
    pub actor_type: ActorType,
    pub actor_id: Uuid,
    /// Dotted verb, e.g. `lead.status_changed`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub summary: String,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl From<&AuditRecord> for AuditEventView {
    fn from(r: &AuditRecord) -> Self {
        let (actor_type, actor_id) = match r.actor {
            AuditActor::User(id) => (ActorType::User, id.as_uuid()),
            AuditActor::Token(id) => (ActorType::Token, id.as_uuid()),
        };
        Self {
            id: r.id.as_uuid(),
            actor_type,
            actor_id,
            action: r.action.clone(),
            entity_type: r.entity_type.clone(),
            entity_id: r.entity_id,
            summary: r.summary.clone(),
            at: r.at,
        }
    }
}

/// Newest first; pass `nextCursor` as `cursor` for older events.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventPage {
    pub data: Vec<AuditEventView>,
    pub next_cursor: Option<String>,
}
