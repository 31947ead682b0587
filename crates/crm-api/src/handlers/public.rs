//! The public integration API (`/api/v1`), authenticated by bearer tokens.

use actix_web::{get, web};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::ApiCaller;
use crate::error::ApiError;
use crate::views::TokenInfoView;

/// Describe the calling token: its workspace and scopes. Needs no scope.
#[utoipa::path(
    tag = "public",
    security(("bearer" = [])),
    responses((status = 200, body = TokenInfoView))
)]
#[get("/api/v1/token")]
pub async fn get_token_info(
    state: web::Data<AppState>,
    caller: ApiCaller,
) -> Result<web::Json<TokenInfoView>, ApiError> {
    let workspace = state.services.identity.workspace(&caller.scope).await?;
    Ok(web::Json(TokenInfoView {
        workspace_id: workspace.id.as_uuid(),
        workspace_name: workspace.name.as_str().to_owned(),
        name: caller.token.name.as_str().to_owned(),
        scopes: caller.token.scopes.iter().copied().map(Into::into).collect(),
    }))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_token_info);
}
