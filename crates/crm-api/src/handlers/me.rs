//! The signed-in user's own account.

use actix_web::{HttpResponse, get, patch, post, web};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::SessionAuth;
use crate::error::ApiError;
use crate::views::{ChangePasswordRequest, MeView, UpdateMeRequest};

/// The signed-in user and every workspace they belong to.
#[utoipa::path(tag = "me", security(("session" = [])), responses((status = 200, body = MeView)))]
#[get("/api/me")]
pub async fn get_me(state: web::Data<AppState>, auth: SessionAuth) -> Result<web::Json<MeView>, ApiError> {
    let account = state.services.identity.account(auth.user.id).await?;
    Ok(web::Json(MeView::from(&account)))
}

/// Change your name or theme.
#[utoipa::path(
    tag = "me",
    security(("session" = [], "csrf" = [])),
    request_body = UpdateMeRequest,
    responses((status = 200, body = MeView))
)]
#[patch("/api/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    auth: SessionAuth,
    body: crate::body::Body<UpdateMeRequest>,
) -> Result<web::Json<MeView>, ApiError> {
    let theme = body.theme.map(|t| t.as_str());
    let account = state.services.identity.update_profile(&auth.user, body.name.as_deref(), theme).await?;
    Ok(web::Json(MeView::from(&account)))
}

/// Change your password; every other session of yours ends.
#[utoipa::path(
    tag = "me",
    security(("session" = [], "csrf" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Password changed"))
)]
#[post("/api/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    auth: SessionAuth,
    body: crate::body::Body<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state
        .services
        .identity
        .change_password(auth.user.id, auth.session.id, &body.current_password, &body.new_password)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_me);
    cfg.service(update_me);
    cfg.service(change_password);
}
