//! Lead sources: built-in ones plus the workspace's custom slugs (owners).

use actix_web::{HttpResponse, delete, get, post, put, web};

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::query::ListQuery;
use crate::views::{AuditEventPage, AuditEventView, CreateLeadSourceRequest, LeadSourceList, LeadSourceView};

/// Built-in sources, then custom ones (archived ones flagged).
#[utoipa::path(
    tag = "leads",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path)),
    responses((status = 200, body = LeadSourceList))
)]
#[get("/api/workspaces/{workspaceId}/lead-sources")]
pub async fn list_lead_sources(
    state: web::Data<AppState>,
    member: Member,
) -> Result<web::Json<LeadSourceList>, ApiError> {
    let sources = state.leads.sources(&member.scope).await?;
    Ok(web::Json(LeadSourceList { data: sources.iter().map(LeadSourceView::from).collect() }))
}

/// Add a custom source (owners).
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateLeadSourceRequest,
    responses((status = 201, body = LeadSourceView), (status = 409, description = "Slug exists", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/lead-sources")]
pub async fn create_lead_source(
    state: web::Data<AppState>,
    member: Member,
    body: crate::body::Body<CreateLeadSourceRequest>,
) -> Result<HttpResponse, ApiError> {
    let source = state.leads.add_source(&member.scope, &body.slug, &body.label).await?;
    Ok(HttpResponse::Created().json(LeadSourceView::from(&source)))
}

/// Archive a custom source: kept on old leads, not offered for new ones (owners).
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("slug" = String, Path)),
    responses((status = 200, body = LeadSourceView))
)]
#[put("/api/workspaces/{workspaceId}/lead-sources/{slug}/archived")]
pub async fn archive_lead_source(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(uuid::Uuid, String)>,
) -> Result<web::Json<LeadSourceView>, ApiError> {
    let source = state.leads.set_source_archived(&member.scope, &path.1, true).await?;
    Ok(web::Json(LeadSourceView::from(&source)))
}

/// Restore an archived custom source (owners).
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("slug" = String, Path)),
    responses((status = 200, body = LeadSourceView))
)]
#[delete("/api/workspaces/{workspaceId}/lead-sources/{slug}/archived")]
pub async fn unarchive_lead_source(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(uuid::Uuid, String)>,
) -> Result<web::Json<LeadSourceView>, ApiError> {
    let source = state.leads.set_source_archived(&member.scope, &path.1, false).await?;
    Ok(web::Json(LeadSourceView::from(&source)))
}

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
    let page = state.leads.workspace_events(&member.scope, after, limit).await?;
    Ok(web::Json(AuditEventPage {
        data: page.items.iter().map(AuditEventView::from).collect(),
        next_cursor: page.next.map(|c| c.encode()),
    }))
}
