//! Activities (append-only: no delete). Timelines are in `timelines.rs`.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use crm_activities::{ActivityFilter, Completion, Links};
use crm_kernel::{ActivityId, Cursor};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::keyset;
use crate::views::{ActivityListQuery, ActivityPage, ActivityView, CreateActivityRequest, UpdateActivityRequest};

/// Activities, newest first; `mine=true` for the caller's own.
#[utoipa::path(tag = "activities", security(("session" = [])), params(("workspaceId" = Uuid, Path), ActivityListQuery), responses((status = 200, body = ActivityPage)))]
#[get("/api/workspaces/{workspaceId}/activities")]
pub async fn list_activities(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<ActivityListQuery>,
) -> Result<web::Json<ActivityPage>, ApiError> {
    let (before, limit) = keyset(query.limit, query.cursor.as_deref())?;
    let assignee = if query.mine == Some(true) { member.scope.user() } else { query.assignee_id.map(Into::into) };
    let filter = ActivityFilter {
        kind: query.kind.and_then(|k| k.as_str().parse().ok()),
        assignee,
        completion: query.status.map(|s| match s {
            crate::views::CompletionName::Open => Completion::Open,
            crate::views::CompletionName::Completed => Completion::Completed,
        }),
        overdue: query.overdue == Some(true),
        links: Links {
            lead: query.lead_id.map(Into::into),
            contact: query.contact_id.map(Into::into),
            company: query.company_id.map(Into::into),
            deal: query.deal_id.map(Into::into),
        },
    };
    let (rows, next) =
        state.services.activities.list(&member.scope, filter, before.map(|c| c.last_id()), limit).await?;
    let now = state.services.activities.now();
    Ok(web::Json(ActivityPage {
        data: rows.iter().map(|a| ActivityView::new(a, now)).collect(),
        next_cursor: next.map(|id| Cursor::after(id).encode()),
    }))
}

/// Log an activity, linked to a lead, contact and/or company.
#[utoipa::path(tag = "activities", security(("session" = [], "csrf" = [])), params(("workspaceId" = Uuid, Path)), request_body = CreateActivityRequest, responses((status = 201, body = ActivityView)))]
#[post("/api/workspaces/{workspaceId}/activities")]
pub async fn create_activity(
    state: web::Data<AppState>,
    member: Member,
    body: Body<CreateActivityRequest>,
) -> Result<HttpResponse, ApiError> {
    let activity = state.services.activities.create(&member.scope, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ActivityView::new(&activity, state.services.activities.now())))
}

/// One activity.
#[utoipa::path(tag = "activities", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("activityId" = Uuid, Path)), responses((status = 200, body = ActivityView)))]
#[get("/api/workspaces/{workspaceId}/activities/{activityId}")]
pub async fn get_activity(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ActivityId)>,
) -> Result<web::Json<ActivityView>, ApiError> {
    let activity = state.services.activities.get(&member.scope, path.1).await?;
    Ok(web::Json(ActivityView::new(&activity, state.services.activities.now())))
}

/// Edit an activity; the change is recorded in the audit feed.
#[utoipa::path(
    tag = "activities",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("activityId" = Uuid, Path)),
    request_body = UpdateActivityRequest,
    responses((status = 200, body = ActivityView), (status = 409, description = "Changed concurrently", body = crate::Problem, content_type = "application/problem+json"))
)]
#[patch("/api/workspaces/{workspaceId}/activities/{activityId}")]
pub async fn update_activity(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ActivityId)>,
    body: Body<UpdateActivityRequest>,
) -> Result<web::Json<ActivityView>, ApiError> {
    let activity = state.services.activities.update(&member.scope, path.1, body.into_inner().into()).await?;
    Ok(web::Json(ActivityView::new(&activity, state.services.activities.now())))
}

/// Complete an activity (recorded).
#[utoipa::path(
    tag = "activities",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("activityId" = Uuid, Path)),
    responses((status = 200, body = ActivityView), (status = 409, description = "Already completed", body = crate::Problem, content_type = "application/problem+json"))
)]
#[put("/api/workspaces/{workspaceId}/activities/{activityId}/completion")]
pub async fn complete_activity(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ActivityId)>,
) -> Result<web::Json<ActivityView>, ApiError> {
    let activity = state.services.activities.complete(&member.scope, path.1).await?;
    Ok(web::Json(ActivityView::new(&activity, state.services.activities.now())))
}

/// Reopen a completed activity (recorded; the completion stays in the feed).
#[utoipa::path(
    tag = "activities",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("activityId" = Uuid, Path)),
    responses((status = 200, body = ActivityView), (status = 409, description = "Already open", body = crate::Problem, content_type = "application/problem+json"))
)]
#[delete("/api/workspaces/{workspaceId}/activities/{activityId}/completion")]
pub async fn reopen_activity(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ActivityId)>,
) -> Result<web::Json<ActivityView>, ApiError> {
    let activity = state.services.activities.reopen(&member.scope, path.1).await?;
    Ok(web::Json(ActivityView::new(&activity, state.services.activities.now())))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_activities);
    cfg.service(create_activity);
    cfg.service(get_activity);
    cfg.service(update_activity);
    cfg.service(complete_activity);
    cfg.service(reopen_activity);
}
