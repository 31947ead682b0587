//! Team: members, roles, suspension.

use actix_web::{HttpResponse, delete, get, patch, put, web};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::query::{MemberSearchQuery, keyset};
use crate::views::{ChangeRoleRequest, MemberPage, MemberSummaryView, MemberView, SuspendMemberRequest};

/// Members of the workspace, oldest first; `q` keeps those whose name or
/// email contains it.
#[utoipa::path(
    tag = "team",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), MemberSearchQuery),
    responses((status = 200, body = MemberPage))
)]
#[get("/api/workspaces/{workspaceId}/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<MemberSearchQuery>,
) -> Result<web::Json<MemberPage>, ApiError> {
    crate::query::max_chars("q", query.q.as_deref(), 254)?;
    let (after, limit) = keyset(query.limit, query.cursor.as_deref())?;
    let page = state.services.identity.list_members(&member.scope, query.q.as_deref(), after, limit).await?;
    Ok(web::Json(MemberPage::from_page(&page, |m| MemberView::from(m))))
}

/// One member.
#[utoipa::path(
    tag = "team",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = MemberView))
)]
#[get("/api/workspaces/{workspaceId}/members/{userId}")]
pub async fn get_member(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<MemberView>, ApiError> {
    let found = state.services.identity.member(&member.scope, path.1.into()).await?;
    Ok(web::Json(MemberView::from(&found)))
}

/// Change a member's role (owners). The last owner cannot be demoted.
#[utoipa::path(
    tag = "team",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    request_body = ChangeRoleRequest,
    responses((status = 200, body = MemberView), (status = 409, description = "The workspace would be left without an owner", body = crate::Problem, content_type = "application/problem+json"))
)]
#[patch("/api/workspaces/{workspaceId}/members/{userId}")]
pub async fn change_member_role(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
    body: crate::body::Body<ChangeRoleRequest>,
) -> Result<web::Json<MemberView>, ApiError> {
    let changed = state.services.identity.change_role(&member.scope, path.1.into(), body.role.into()).await?;
    Ok(web::Json(MemberView::from(&changed)))
}

/// Remove a member from the workspace (owners). Their account stays.
#[utoipa::path(
    tag = "team",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 409, description = "The workspace would be left without an owner", body = crate::Problem, content_type = "application/problem+json"))
)]
#[delete("/api/workspaces/{workspaceId}/members/{userId}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.remove_member(&member.scope, path.1.into()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Suspend a member in this workspace only (owners). Effective at their
/// next request; their account and other workspaces are untouched.
#[utoipa::path(
    tag = "team",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    request_body = SuspendMemberRequest,
    responses((status = 200, body = MemberView), (status = 409, description = "You cannot suspend yourself", body = crate::Problem, content_type = "application/problem+json"))
)]
#[put("/api/workspaces/{workspaceId}/members/{userId}/suspension")]
pub async fn suspend_member(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
    body: crate::body::Body<SuspendMemberRequest>,
) -> Result<web::Json<MemberView>, ApiError> {
    let suspended =
        state.services.identity.suspend_member(&member.scope, path.1.into(), body.reason.as_deref()).await?;
    Ok(web::Json(MemberView::from(&suspended)))
}

/// Lift a suspension (owners).
#[utoipa::path(
    tag = "team",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = MemberView))
)]
#[delete("/api/workspaces/{workspaceId}/members/{userId}/suspension")]
pub async fn unsuspend_member(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<MemberView>, ApiError> {
    let restored = state.services.identity.unsuspend_member(&member.scope, path.1.into()).await?;
    Ok(web::Json(MemberView::from(&restored)))
}

/// What a member is working on: open and overdue activities assigned to
/// them, open leads they own. (Open deals join when deals land.)
#[utoipa::path(
    tag = "team",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 200, body = MemberSummaryView))
)]
#[get("/api/workspaces/{workspaceId}/members/{userId}/summary")]
pub async fn get_member_summary(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<MemberSummaryView>, ApiError> {
    let user = crm_kernel::UserId::from(path.1);
    state.services.identity.member(&member.scope, user).await?;
    let (open_activities, overdue_activities) = state.services.activities.assigned_counts(&member.scope, user).await?;
    let active_leads = state.services.leads.open_assigned_count(&member.scope, user).await?;
    let open_deals = state.services.deals.open_owned_count(&member.scope, user).await?;
    Ok(web::Json(MemberSummaryView { user_id: path.1, open_activities, overdue_activities, active_leads, open_deals }))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_members);
    cfg.service(get_member);
    cfg.service(get_member_summary);
    cfg.service(change_member_role);
    cfg.service(remove_member);
    cfg.service(suspend_member);
    cfg.service(unsuspend_member);
}
