//! Deals: list, create, read, change, move between stages, reopen, and the
//! deal summaries of contacts and companies.

use actix_web::{HttpResponse, get, patch, post, web};
use crm_deals::DealFilter;
use crm_kernel::{CompanyId, ContactId, Cursor, DealId};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::{keyset, max_chars};
use crate::views::{
    CreateDealRequest, DealListQuery, DealPage, DealSummaryView, DealView, MoveDealRequest, ReopenDealRequest,
    UpdateDealRequest,
};

/// Deals, newest first, with filters.
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path), DealListQuery), responses((status = 200, body = DealPage)))]
#[get("/api/workspaces/{workspaceId}/deals")]
pub async fn list_deals(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<DealListQuery>,
) -> Result<web::Json<DealPage>, ApiError> {
    max_chars("q", query.q.as_deref(), 200)?;
    let (before, limit) = keyset(query.limit, query.cursor.as_deref())?;
    let filter = DealFilter {
        pipeline_id: query.pipeline_id.map(Into::into),
        stage_id: query.stage_id.map(Into::into),
        status: query.status.map(Into::into),
        owner_id: query.owner_id.map(Into::into),
        contact_id: query.contact_id.map(Into::into),
        company_id: query.company_id.map(Into::into),
        stale: query.stale == Some(true),
        q: query.q.clone(),
        closed_since: query.closed_since.map(|day| day.midnight().assume_utc()),
    };
    let (rows, next) =
        state.services.deals.list(&member.scope, filter, before.map(|c| DealId::from_uuid(c.last_id())), limit).await?;
    Ok(web::Json(DealPage {
        data: rows.iter().map(DealView::from).collect(),
        next_cursor: next.map(|id| Cursor::after(id.as_uuid()).encode()),
    }))
}

/// Create a deal in a pipeline's open stage. Accepts `Idempotency-Key`.
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "Replays the first response for a retried request")),
    request_body = CreateDealRequest,
    responses((status = 201, body = DealView))
)]
#[post("/api/workspaces/{workspaceId}/deals")]
pub async fn create_deal(
    state: web::Data<AppState>,
    member: Member,
    body: Body<CreateDealRequest>,
) -> Result<HttpResponse, ApiError> {
    let deal = state.services.deals.create(&member.scope, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(DealView::from(&deal)))
}

/// One deal.
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("dealId" = Uuid, Path)), responses((status = 200, body = DealView)))]
#[get("/api/workspaces/{workspaceId}/deals/{dealId}")]
pub async fn get_deal(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, DealId)>,
) -> Result<web::Json<DealView>, ApiError> {
    let deal = state.services.deals.get(&member.scope, path.1).await?;
    Ok(web::Json(DealView::from(&deal)))
}

/// Change a deal's fields (`null` clears); owner changes notify the new owner.
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("dealId" = Uuid, Path)),
    request_body = UpdateDealRequest,
    responses((status = 200, body = DealView))
)]
#[patch("/api/workspaces/{workspaceId}/deals/{dealId}")]
pub async fn update_deal(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, DealId)>,
    body: Body<UpdateDealRequest>,
) -> Result<web::Json<DealView>, ApiError> {
    let deal = state.services.deals.update(&member.scope, path.1, body.into_inner().into()).await?;
    Ok(web::Json(DealView::from(&deal)))
}

/// Move a deal to another stage. Lost needs a reason (422
/// `deal.lost_reason_required`); a later open stage needs a next action date
/// of today or later, in the request or on the deal (422
/// `deal.next_action_required`); won and lost stamp `closedAt`; a closed deal
/// moves only after a reopen (409 `deal.closed`).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("dealId" = Uuid, Path)),
    request_body = MoveDealRequest,
    responses((status = 200, body = DealView), (status = 409, description = "The deal is closed (`deal.closed`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/deals/{dealId}/stage")]
pub async fn move_deal(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, DealId)>,
    body: Body<MoveDealRequest>,
) -> Result<web::Json<DealView>, ApiError> {
    let deal = state.services.deals.move_stage(&member.scope, path.1, body.into_inner().into()).await?;
    Ok(web::Json(DealView::from(&deal)))
}

/// Reopen a won or lost deal into an open stage (audited).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("dealId" = Uuid, Path)),
    request_body = ReopenDealRequest,
    responses((status = 200, body = DealView), (status = 409, description = "The deal is open (`deal.not_closed`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/deals/{dealId}/reopen")]
pub async fn reopen_deal(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, DealId)>,
    body: Body<ReopenDealRequest>,
) -> Result<web::Json<DealView>, ApiError> {
    let deal = state.services.deals.reopen(&member.scope, path.1, body.stage_id.map(Into::into)).await?;
    Ok(web::Json(DealView::from(&deal)))
}

async fn summary(
    state: &AppState,
    member: &Member,
    filter: DealFilter,
) -> Result<web::Json<DealSummaryView>, ApiError> {
    let (summary, currency) = state.services.deals.summary(&member.scope, filter).await?;
    Ok(web::Json(DealSummaryView::new(&summary, currency)))
}

/// The contact's open pipeline, won deals and lifetime value.
#[utoipa::path(tag = "contacts", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("contactId" = Uuid, Path)), responses((status = 200, body = DealSummaryView)))]
#[get("/api/workspaces/{workspaceId}/contacts/{contactId}/deal-summary")]
pub async fn get_contact_deal_summary(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ContactId)>,
) -> Result<web::Json<DealSummaryView>, ApiError> {
    summary(&state, &member, DealFilter { contact_id: Some(path.1), ..DealFilter::default() }).await
}

/// The company's open deals, won deals and lifetime value.
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("companyId" = Uuid, Path)), responses((status = 200, body = DealSummaryView)))]
#[get("/api/workspaces/{workspaceId}/companies/{companyId}/deal-summary")]
pub async fn get_company_deal_summary(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, CompanyId)>,
) -> Result<web::Json<DealSummaryView>, ApiError> {
    summary(&state, &member, DealFilter { company_id: Some(path.1), ..DealFilter::default() }).await
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_deals);
    cfg.service(create_deal);
    cfg.service(get_deal);
    cfg.service(update_deal);
    cfg.service(move_deal);
    cfg.service(reopen_deal);
    cfg.service(get_contact_deal_summary);
    cfg.service(get_company_deal_summary);
}
