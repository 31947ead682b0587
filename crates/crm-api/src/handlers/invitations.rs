//! Invitations: owners invite by email; the invitee opens `/invite/{id}`.

use actix_web::{HttpResponse, delete, get, post, web};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::{Member, SessionAuth};
use crate::error::ApiError;
use crate::query::ListQuery;
use crate::views::{CreateInvitationRequest, InvitationPage, InvitationPreviewView, InvitationView, WorkspaceView};

/// Invitations of the workspace (owners), oldest first.
#[utoipa::path(
    tag = "invitations",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ListQuery),
    responses((status = 200, body = InvitationPage))
)]
#[get("/api/workspaces/{workspaceId}/invitations")]
pub async fn list_invitations(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<ListQuery>,
) -> Result<web::Json<InvitationPage>, ApiError> {
    let (after, limit) = query.keyset()?;
    let page = state.services.identity.list_invitations(&member.scope, after, limit).await?;
    let now = state.services.clock.now();
    Ok(web::Json(InvitationPage::from_page(&page, |i| InvitationView::new(i, now))))
}

/// Invite someone by email (owners); mails a `/invite/{id}` link valid 7 days.
#[utoipa::path(
    tag = "invitations",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateInvitationRequest,
    responses(
        (status = 201, body = InvitationView),
        (status = 409, description = "Already a member or already invited", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api/workspaces/{workspaceId}/invitations")]
pub async fn create_invitation(
    state: web::Data<AppState>,
    member: Member,
    body: crate::body::Body<CreateInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let role = crm_kernel::Role::from(body.role);
    let invitation = state.services.identity.invite(&member.scope, &member.user, &body.email, role.as_str()).await?;
    Ok(HttpResponse::Created().json(InvitationView::new(&invitation, state.services.clock.now())))
}

/// Revoke a pending invitation (owners).
#[utoipa::path(
    tag = "invitations",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("invitationId" = Uuid, Path)),
    responses(
        (status = 204, description = "Revoked"),
        (status = 409, description = "No longer pending", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/api/workspaces/{workspaceId}/invitations/{invitationId}")]
pub async fn revoke_invitation(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.revoke_invitation(&member.scope, path.1.into()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What the invite page shows to whoever holds the link.
#[utoipa::path(
    tag = "invitations",
    params(("invitationId" = Uuid, Path)),
    responses((status = 200, body = InvitationPreviewView))
)]
#[get("/api/invitations/{invitationId}")]
pub async fn get_invitation(
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<web::Json<InvitationPreviewView>, ApiError> {
    let preview = state.services.identity.preview_invitation(path.into_inner().into()).await?;
    Ok(web::Json(InvitationPreviewView::from(&preview)))
}

/// Accept an invitation as the signed-in invitee (the email must match).
#[utoipa::path(
    tag = "invitations",
    security(("session" = [], "csrf" = [])),
    params(("invitationId" = Uuid, Path)),
    responses(
        (status = 200, body = WorkspaceView),
        (status = 409, description = "No longer pending, or already a member", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api/invitations/{invitationId}/acceptance")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    auth: SessionAuth,
    path: web::Path<Uuid>,
) -> Result<web::Json<WorkspaceView>, ApiError> {
    let joined = state.services.identity.accept_invitation(&auth.user, path.into_inner().into()).await?;
    Ok(web::Json(WorkspaceView::from(&joined)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_invitations);
    cfg.service(create_invitation);
    cfg.service(revoke_invitation);
    cfg.service(get_invitation);
    cfg.service(accept_invitation);
}
