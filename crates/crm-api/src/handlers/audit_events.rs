//! The workspace's audit feed, newest first.

use actix_web::{get, web};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::query::ListQuery;
use crate::views::{AuditEventPage, AuditEventView};

/// The workspace's audit feed, newest first.
#[utoipa::path(
    tag = "workspaces",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ListQuery),
    responses((status = 200, body = AuditEventPage))
)]
#[get("/api/workspaces/{workspaceId}/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<ListQuery>,
) -> Result<web::Json<AuditEventPage>, ApiError> {
    let (after, limit) = query.keyset()?;
    let page = state.services.leads.workspace_events(&member.scope, after, limit).await?;
    Ok(web::Json(AuditEventPage {
        data: page.items.iter().map(AuditEventView::from).collect(),
        next_cursor: page.next.map(|c| c.encode()),
    }))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_events);
}
