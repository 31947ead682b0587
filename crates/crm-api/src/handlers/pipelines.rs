//! Pipelines, their stages, the kanban board and lost reasons.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use crm_deals::DealFilter;
use crm_kernel::{Limit, LostReasonId, PipelineId, StageId};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::max_chars;
use crate::views::{
    BoardQuery, BoardView, CreateLostReasonRequest, LostReasonList, LostReasonView, PipelineList, PipelineNameRequest,
    PipelineView, RemoveStageQuery, SaveStagesRequest, UpdateLostReasonRequest,
};

/// The workspace's pipelines with their stages.
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path)), responses((status = 200, body = PipelineList)))]
#[get("/api/workspaces/{workspaceId}/pipelines")]
pub async fn list_pipelines(state: web::Data<AppState>, member: Member) -> Result<web::Json<PipelineList>, ApiError> {
    let pipelines = state.services.deals.pipelines(&member.scope).await?;
    Ok(web::Json(PipelineList { data: pipelines.iter().map(Into::into).collect() }))
}

/// Add a pipeline with one open stage, won and lost (owners).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = PipelineNameRequest,
    responses((status = 201, body = PipelineView))
)]
#[post("/api/workspaces/{workspaceId}/pipelines")]
pub async fn create_pipeline(
    state: web::Data<AppState>,
    member: Member,
    body: Body<PipelineNameRequest>,
) -> Result<HttpResponse, ApiError> {
    let pipeline = state.services.deals.create_pipeline(&member.scope, &body.name).await?;
    Ok(HttpResponse::Created().json(PipelineView::from(&pipeline)))
}

/// Rename a pipeline (owners).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("pipelineId" = Uuid, Path)),
    request_body = PipelineNameRequest,
    responses((status = 200, body = PipelineView))
)]
#[patch("/api/workspaces/{workspaceId}/pipelines/{pipelineId}")]
pub async fn rename_pipeline(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, PipelineId)>,
    body: Body<PipelineNameRequest>,
) -> Result<web::Json<PipelineView>, ApiError> {
    let pipeline = state.services.deals.rename_pipeline(&member.scope, path.1, &body.name).await?;
    Ok(web::Json(PipelineView::from(&pipeline)))
}

/// Replace the stage list: rename, reorder, set default probabilities, add
/// open stages (owners). Won and lost stay last; every existing stage must be
/// listed (delete one with `DELETE …/stages/{stageId}`).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("pipelineId" = Uuid, Path)),
    request_body = SaveStagesRequest,
    responses((status = 200, body = PipelineView))
)]
#[put("/api/workspaces/{workspaceId}/pipelines/{pipelineId}/stages")]
pub async fn save_stages(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, PipelineId)>,
    body: Body<SaveStagesRequest>,
) -> Result<web::Json<PipelineView>, ApiError> {
    let input = body.into_inner().stages.into_iter().map(Into::into).collect();
    let pipeline = state.services.deals.save_stages(&member.scope, path.1, input).await?;
    Ok(web::Json(PipelineView::from(&pipeline)))
}

/// Delete an open stage (owners). Its deals move to `moveTo` in the same
/// transaction; without it a stage holding deals is a 409.
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("pipelineId" = Uuid, Path), ("stageId" = Uuid, Path), RemoveStageQuery),
    responses((status = 204, description = "Deleted"), (status = 409, description = "Deals are in the stage (`stage.not_empty`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[delete("/api/workspaces/{workspaceId}/pipelines/{pipelineId}/stages/{stageId}")]
pub async fn delete_stage(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, PipelineId, StageId)>,
    query: web::Query<RemoveStageQuery>,
) -> Result<HttpResponse, ApiError> {
    state.services.deals.remove_stage(&member.scope, path.1, path.2, query.move_to.map(Into::into)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The kanban board: per stage, totals under the filters and the first page
/// of deals (more per column with `GET /deals?stageId=…&cursor=…`).
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("pipelineId" = Uuid, Path), BoardQuery), responses((status = 200, body = BoardView)))]
#[get("/api/workspaces/{workspaceId}/pipelines/{pipelineId}/board")]
pub async fn get_board(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, PipelineId)>,
    query: web::Query<BoardQuery>,
) -> Result<web::Json<BoardView>, ApiError> {
    max_chars("q", query.q.as_deref(), 200)?;
    let limit = match query.limit {
        None => Limit::parse(20).unwrap_or_default(),
        Some(v) if v <= 100 => Limit::parse(v).map_err(|e| ApiError::field("limit", "out_of_range", e.to_string()))?,
        Some(_) => return Err(ApiError::field("limit", "out_of_range", "at most 100 deals per column")),
    };
    let filter = DealFilter {
        owner_id: query.owner_id.map(Into::into),
        contact_id: query.contact_id.map(Into::into),
        company_id: query.company_id.map(Into::into),
        stale: query.stale == Some(true),
        q: query.q.clone(),
        closed_since: query.closed_since.map(|day| day.midnight().assume_utc()),
        ..DealFilter::default()
    };
    let board = state.services.deals.board(&member.scope, path.1, filter, limit).await?;
    Ok(web::Json(BoardView::from(&board)))
}

/// Reasons a deal can be lost for (besides "other" with a text).
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path)), responses((status = 200, body = LostReasonList)))]
#[get("/api/workspaces/{workspaceId}/lost-reasons")]
pub async fn list_lost_reasons(
    state: web::Data<AppState>,
    member: Member,
) -> Result<web::Json<LostReasonList>, ApiError> {
    let reasons = state.services.deals.lost_reasons(&member.scope).await?;
    Ok(web::Json(LostReasonList { data: reasons.iter().map(Into::into).collect() }))
}

/// Add a lost reason (owners).
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateLostReasonRequest,
    responses((status = 201, body = LostReasonView), (status = 409, description = "Label exists", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/lost-reasons")]
pub async fn create_lost_reason(
    state: web::Data<AppState>,
    member: Member,
    body: Body<CreateLostReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    let reason = state.services.deals.add_lost_reason(&member.scope, &body.label).await?;
    Ok(HttpResponse::Created().json(LostReasonView::from(&reason)))
}

/// Archive or restore a lost reason (owners); archived ones stay on old deals.
#[utoipa::path(
    tag = "deals",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("reasonId" = Uuid, Path)),
    request_body = UpdateLostReasonRequest,
    responses((status = 200, body = LostReasonView))
)]
#[patch("/api/workspaces/{workspaceId}/lost-reasons/{reasonId}")]
pub async fn update_lost_reason(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LostReasonId)>,
    body: Body<UpdateLostReasonRequest>,
) -> Result<web::Json<LostReasonView>, ApiError> {
    let reason = state.services.deals.set_lost_reason_archived(&member.scope, path.1, body.archived).await?;
    Ok(web::Json(LostReasonView::from(&reason)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_pipelines);
    cfg.service(create_pipeline);
    cfg.service(rename_pipeline);
    cfg.service(save_stages);
    cfg.service(delete_stage);
    cfg.service(get_board);
    cfg.service(list_lost_reasons);
    cfg.service(create_lost_reason);
    cfg.service(update_lost_reason);
}
