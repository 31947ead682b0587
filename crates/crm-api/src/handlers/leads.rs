//! Leads, for the SPA (`/api/workspaces/{workspaceId}/leads`) and for
//! integrators (`/api/v1/leads`). Both surfaces share the functions at the
//! bottom; only authentication differs.

use actix_web::{HttpResponse, get, patch, post, web};
use crm_kernel::{LeadId, Scope};
use crm_leads::{LeadCursor, LeadFilter, LeadSort, SourceSlug};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::{ApiCaller, Member};
use crate::error::ApiError;
use crate::query::keyset;
use crate::views::{CreateLeadRequest, LeadListQuery, LeadPage, LeadView, UpdateLeadRequest};

/// Leads of the workspace: search, filters, sort, keyset pages.
#[utoipa::path(
    tag = "leads",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), LeadListQuery),
    responses((status = 200, body = LeadPage))
)]
#[get("/api/workspaces/{workspaceId}/leads")]
pub async fn list_leads(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<LeadListQuery>,
) -> Result<web::Json<LeadPage>, ApiError> {
    list(&state, &member.scope, &query).await
}

/// Create a lead (owners, managers). Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "Replays the first response for a retried request")),
    request_body = CreateLeadRequest,
    responses((status = 201, body = LeadView))
)]
#[post("/api/workspaces/{workspaceId}/leads")]
pub async fn create_lead(
    state: web::Data<AppState>,
    member: Member,
    body: crate::body::Body<CreateLeadRequest>,
) -> Result<HttpResponse, ApiError> {
    create(&state, &member.scope, body.into_inner()).await
}

/// One lead with its score breakdown and flags.
#[utoipa::path(
    tag = "leads",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ("leadId" = Uuid, Path)),
    responses((status = 200, body = LeadView))
)]
#[get("/api/workspaces/{workspaceId}/leads/{leadId}")]
pub async fn get_lead(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LeadId)>,
) -> Result<web::Json<LeadView>, ApiError> {
    get(&state, &member.scope, path.1).await
}

/// Change a lead: fields, status (following the flow), assignee.
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("leadId" = Uuid, Path)),
    request_body = UpdateLeadRequest,
    responses((status = 200, body = LeadView), (status = 409, description = "Changed concurrently; retry", body = crate::Problem, content_type = "application/problem+json"))
)]
#[patch("/api/workspaces/{workspaceId}/leads/{leadId}")]
pub async fn update_lead(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LeadId)>,
    body: crate::body::Body<UpdateLeadRequest>,
) -> Result<web::Json<LeadView>, ApiError> {
    let lead = state.services.leads.update(&member.scope, path.1, body.into_inner().into()).await?;
    Ok(web::Json(LeadView::from(&lead)))
}

/// Leads of the token's workspace (scope `leads:read`).
#[utoipa::path(
    tag = "public",
    security(("bearer" = [])),
    params(LeadListQuery),
    responses((status = 200, body = LeadPage))
)]
#[get("/api/v1/leads")]
pub async fn list_leads_public(
    state: web::Data<AppState>,
    caller: ApiCaller,
    query: web::Query<LeadListQuery>,
) -> Result<web::Json<LeadPage>, ApiError> {
    list(&state, &caller.scope, &query).await
}

/// One lead (scope `leads:read`).
#[utoipa::path(
    tag = "public",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = LeadView))
)]
#[get("/api/v1/leads/{id}")]
pub async fn get_lead_public(
    state: web::Data<AppState>,
    caller: ApiCaller,
    path: web::Path<LeadId>,
) -> Result<web::Json<LeadView>, ApiError> {
    get(&state, &caller.scope, path.into_inner()).await
}

/// Server-to-server lead intake (scope `leads:write`). Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "public",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "Replays the first response for a retried request")),
    request_body = CreateLeadRequest,
    responses((status = 201, body = LeadView))
)]
#[post("/api/v1/leads")]
pub async fn create_lead_public(
    state: web::Data<AppState>,
    caller: ApiCaller,
    body: crate::body::Body<CreateLeadRequest>,
) -> Result<HttpResponse, ApiError> {
    create(&state, &caller.scope, body.into_inner()).await
}

async fn list(state: &AppState, scope: &Scope, q: &LeadListQuery) -> Result<web::Json<LeadPage>, ApiError> {
    crate::query::max_chars("q", q.q.as_deref(), 200)?;
    let sort =
        q.sort.as_deref().map(LeadSort::parse).transpose().map_err(|e| ApiError::invalid(vec![e]))?.unwrap_or_default();
    let (_, limit) = keyset(q.limit, None)?;
    let after =
        q.cursor.as_deref().map(|c| LeadCursor::decode(c, sort)).transpose().map_err(|e| ApiError::invalid(vec![e]))?;
    let source = q
        .source
        .as_deref()
        .map(|s| SourceSlug::parse("source", s))
        .transpose()
        .map_err(|e| ApiError::invalid(vec![e]))?;
    let filter = LeadFilter {
        q: q.q.clone(),
        status: q.status.and_then(|s| s.as_str().parse().ok()),
        source,
        assignee: q.assignee_id.map(Into::into),
        stale: q.stale,
    };
    let (leads, next) = state.services.leads.list(scope, filter, sort, after, limit).await?;
    Ok(web::Json(LeadPage { data: leads.iter().map(LeadView::from).collect(), next_cursor: next.map(|c| c.encode()) }))
}

async fn get(state: &AppState, scope: &Scope, id: LeadId) -> Result<web::Json<LeadView>, ApiError> {
    let lead = state.services.leads.get(scope, id).await?;
    Ok(web::Json(LeadView::from(&lead)))
}

async fn create(state: &AppState, scope: &Scope, b: CreateLeadRequest) -> Result<HttpResponse, ApiError> {
    let lead = state.services.leads.create(scope, b.into()).await?;
    Ok(HttpResponse::Created().json(LeadView::from(&lead)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_leads);
    cfg.service(create_lead);
    cfg.service(get_lead);
    cfg.service(update_lead);
    cfg.service(list_leads_public);
    cfg.service(get_lead_public);
    cfg.service(create_lead_public);
}
