//! Platform administration (platform admins, not workspace roles).

use actix_web::{delete, get, put, web};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::SessionAuth;
use crate::error::ApiError;
use crate::query::{UserSearchQuery, keyset};
use crate::views::{AdminUserPage, AdminUserView};

/// Every account on the platform, oldest first.
#[utoipa::path(
    tag = "admin",
    security(("session" = [])),
    params(UserSearchQuery),
    responses((status = 200, body = AdminUserPage))
)]
#[get("/api/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    auth: SessionAuth,
    query: web::Query<UserSearchQuery>,
) -> Result<web::Json<AdminUserPage>, ApiError> {
    crate::query::max_chars("q", query.q.as_deref(), 254)?;
    let (after, limit) = keyset(query.limit, query.cursor.as_deref())?;
    let page = state.services.identity.list_users(&auth.user, query.q.as_deref(), after, limit).await?;
    Ok(web::Json(AdminUserPage::from_page(&page, |u| AdminUserView::from(u))))
}

/// Ban an account platform-wide; all its sessions end.
#[utoipa::path(
    tag = "admin",
    security(("session" = [], "csrf" = [])),
    params(("userId" = Uuid, Path)),
    responses(
        (status = 200, body = AdminUserView),
        (status = 409, description = "You cannot ban yourself", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/api/admin/users/{userId}/ban")]
pub async fn ban_user(
    state: web::Data<AppState>,
    auth: SessionAuth,
    path: web::Path<Uuid>,
) -> Result<web::Json<AdminUserView>, ApiError> {
    let user = state.services.identity.ban_user(&auth.user, path.into_inner().into()).await?;
    Ok(web::Json(AdminUserView::from(&user)))
}

/// Lift a platform ban.
#[utoipa::path(
    tag = "admin",
    security(("session" = [], "csrf" = [])),
    params(("userId" = Uuid, Path)),
    responses((status = 200, body = AdminUserView))
)]
#[delete("/api/admin/users/{userId}/ban")]
pub async fn unban_user(
    state: web::Data<AppState>,
    auth: SessionAuth,
    path: web::Path<Uuid>,
) -> Result<web::Json<AdminUserView>, ApiError> {
    let user = state.services.identity.unban_user(&auth.user, path.into_inner().into()).await?;
    Ok(web::Json(AdminUserView::from(&user)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_users);
    cfg.service(ban_user);
    cfg.service(unban_user);
}
