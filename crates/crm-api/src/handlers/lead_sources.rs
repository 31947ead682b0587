//! Lead sources: built-in ones plus the workspace's custom slugs (owners).

use actix_web::{HttpResponse, delete, get, post, put, web};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::views::{CreateLeadSourceRequest, LeadSourceList, LeadSourceView};

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
    let sources = state.services.leads.sources(&member.scope).await?;
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
    let source = state.services.leads.add_source(&member.scope, &body.slug, &body.label).await?;
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
    let source = state.services.leads.set_source_archived(&member.scope, &path.1, true).await?;
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
    let source = state.services.leads.set_source_archived(&member.scope, &path.1, false).await?;
    Ok(web::Json(LeadSourceView::from(&source)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_lead_sources);
    cfg.service(create_lead_source);
    cfg.service(archive_lead_source);
    cfg.service(unarchive_lead_source);
}
