//! API tokens (owners): least-privilege scopes, shown once, revocable.

use actix_web::{HttpResponse, delete, get, post, web};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::query::ListQuery;
use crate::views::{ApiTokenPage, ApiTokenView, CreateApiTokenRequest, CreatedApiTokenView};

/// Tokens of the workspace (owners), oldest first. Secrets are never listed.
#[utoipa::path(
    tag = "api-tokens",
    security(("session" = [])),
    params(("workspaceId" = Uuid, Path), ListQuery),
    responses((status = 200, body = ApiTokenPage))
)]
#[get("/api/workspaces/{workspaceId}/api-tokens")]
pub async fn list_api_tokens(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<ListQuery>,
) -> Result<web::Json<ApiTokenPage>, ApiError> {
    let (after, limit) = query.keyset()?;
    let page = state.services.identity.list_api_tokens(&member.scope, after, limit).await?;
    Ok(web::Json(ApiTokenPage::from_page(&page, |t| ApiTokenView::from(t))))
}

/// Create a token (owners). The secret is in this response only.
#[utoipa::path(
    tag = "api-tokens",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateApiTokenRequest,
    responses((status = 201, body = CreatedApiTokenView))
)]
#[post("/api/workspaces/{workspaceId}/api-tokens")]
pub async fn create_api_token(
    state: web::Data<AppState>,
    member: Member,
    body: crate::body::Body<CreateApiTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let scopes: Vec<String> =
        body.scopes.iter().map(|s| crm_kernel::TokenScope::from(*s).as_str().to_owned()).collect();
    let issued = state.services.identity.create_api_token(&member.scope, &body.name, &scopes).await?;
    Ok(HttpResponse::Created()
        .json(CreatedApiTokenView { token: ApiTokenView::from(&issued.token), secret: issued.secret }))
}

/// Revoke a token (owners); effective at its next request.
#[utoipa::path(
    tag = "api-tokens",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("tokenId" = Uuid, Path)),
    responses((status = 204, description = "Revoked"))
)]
#[delete("/api/workspaces/{workspaceId}/api-tokens/{tokenId}")]
pub async fn revoke_api_token(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.revoke_api_token(&member.scope, path.1.into()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_api_tokens);
    cfg.service(create_api_token);
    cfg.service(revoke_api_token);
}
