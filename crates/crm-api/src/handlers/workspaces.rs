//! Workspaces: create, read, settings.

use actix_web::{HttpResponse, get, patch, post, web};
use crm_identity::service::WorkspaceChanges;
use crm_kernel::Role;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::{Member, SessionAuth};
use crate::error::ApiError;
use crate::views::{CreateWorkspaceRequest, UpdateWorkspaceRequest, WorkspaceView};

/// Start another workspace; you are its owner.
#[utoipa::path(
    tag = "workspaces",
    security(("session" = [], "csrf" = [])),
    request_body = CreateWorkspaceRequest,
    responses((status = 201, body = WorkspaceView))
)]
#[post("/api/workspaces")]
pub async fn create_workspace(
    state: web::Data<AppState>,
    auth: SessionAuth,
    body: crate::body::Body<CreateWorkspaceRequest>,
) -> Result<HttpResponse, ApiError> {
    let created = state.services.identity.create_workspace(auth.user.id, &body.name, body.currency.as_deref()).await?;
    Ok(HttpResponse::Created().json(WorkspaceView::from(&created)))
}

/// A workspace you belong to, with your role in it.
#[utoipa::path(
    tag = "workspaces",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path)),
    responses((status = 200, body = WorkspaceView))
)]
#[get("/api/workspaces/{workspaceId}")]
pub async fn get_workspace(state: web::Data<AppState>, member: Member) -> Result<web::Json<WorkspaceView>, ApiError> {
    let workspace = state.services.identity.workspace(&member.scope).await?;
    Ok(web::Json(WorkspaceView::new(&workspace, member.scope.role().unwrap_or(Role::Viewer))))
}

/// Rename the workspace or change its currency (owners).
#[utoipa::path(
    tag = "workspaces",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = UpdateWorkspaceRequest,
    responses((status = 200, body = WorkspaceView))
)]
#[patch("/api/workspaces/{workspaceId}")]
pub async fn update_workspace(
    state: web::Data<AppState>,
    member: Member,
    body: crate::body::Body<UpdateWorkspaceRequest>,
) -> Result<web::Json<WorkspaceView>, ApiError> {
    let changes = WorkspaceChanges::from(body.into_inner());
    let workspace = state.services.identity.update_workspace(&member.scope, changes).await?;
    Ok(web::Json(WorkspaceView::new(&workspace, member.scope.role().unwrap_or(Role::Viewer))))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_workspace);
    cfg.service(get_workspace);
    cfg.service(update_workspace);
}
