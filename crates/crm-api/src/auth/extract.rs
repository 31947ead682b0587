//! Extractors: [`SessionAuth`] (a signed-in browser), [`Member`] (a signed-in
//! member of the path's workspace) and [`ApiCaller`] (a bearer API token).

use std::future::Future;
use std::pin::Pin;

use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use crm_identity::{ApiToken, Session, User};
use crm_kernel::{Scope, WorkspaceId};
use sha2::{Digest, Sha256};

use super::session_token::{CSRF_HEADER, RenewedSession, SESSION_COOKIE};
use crate::app::AppState;
use crate::error::{ApiError, Code};

type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>().cloned().ok_or_else(|| ApiError::internal(&"application state missing"))
}

/// A signed-in browser: the session is live, the user is not banned, and
/// unsafe methods carry the session's CSRF token.
pub struct SessionAuth {
    pub user: User,
    pub session: Session,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl SessionAuth {
    async fn extract(req: HttpRequest) -> Result<Self, ApiError> {
        let state = state(&req)?;
        let token = req.cookie(SESSION_COOKIE).ok_or_else(ApiError::unauthenticated)?;
        let claims = state.keys.verify(token.value()).ok_or_else(ApiError::unauthenticated)?;
        let (user, session) = state.services.identity.authenticate_session(claims.session).await?;
        if session.user_id != claims.user {
            return Err(ApiError::unauthenticated());
        }
        if is_unsafe(req.method()) {
            let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            let sent_hash = hex::encode(Sha256::digest(sent.as_bytes()));
            if sent.is_empty() || !constant_time_eq(sent_hash.as_bytes(), session.csrf_hash.as_bytes()) {
                return Err(ApiError::new(
                    Code::AuthCsrf,
                    "send the crm_csrf cookie's value in the X-CSRF-Token header",
                ));
            }
        }
        if claims.expired {
            let fresh =
                state.keys.sign(user.id, session.id, state.services.clock.now()).map_err(|e| ApiError::internal(&e))?;
            req.extensions_mut().insert(RenewedSession(state.keys.session_cookie(fresh)));
        }
        Ok(Self { user, session })
    }
}

impl FromRequest for SessionAuth {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Self::extract(req.clone()))
    }
}

/// A signed-in member of the workspace named by the `{workspaceId}` path
/// segment, not suspended there. Non-members get 404: another workspace's
/// existence is not revealed.
pub struct Member {
    pub scope: Scope,
    pub user: User,
    pub session: Session,
}

impl FromRequest for Member {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let workspace: WorkspaceId = req
                .match_info()
                .get("workspaceId")
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| ApiError::new(Code::RequestInvalidPath, "workspaceId: not a UUID"))?;
            let SessionAuth { user, session } = SessionAuth::extract(req.clone()).await?;
            let state = state(&req)?;
            let scope = state.services.identity.member_scope(&user, workspace).await?;
            Ok(Self { scope, user, session })
        })
    }
}

/// An integration calling the public API with `Authorization: Bearer`.
pub struct ApiCaller {
    pub scope: Scope,
    pub token: ApiToken,
}

fn bearer_problem() -> ApiError {
    ApiError::new(Code::AuthInvalidToken, "send a valid, unrevoked API token as `Authorization: Bearer <token>`")
        .with_header(header::WWW_AUTHENTICATE, "Bearer realm=\"crm\"".to_owned())
}

impl FromRequest for ApiCaller {
    type Error = ApiError;
    type Future = Boxed<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = state(&req)?;
            let secret = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(bearer_problem)?;
            let (scope, token) = state.services.identity.token_scope(secret).await.map_err(|e| match e {
                crm_identity::IdentityError::Unauthenticated => bearer_problem(),
                other => other.into(),
            })?;
            Ok(Self { scope, token })
        })
    }
}

/// Refuses a token without `wanted` (403, naming the missing scope).
///
/// # Errors
/// `auth.insufficient_scope`.
pub fn require_token_scope(scope: &Scope, wanted: crm_kernel::TokenScope) -> Result<(), ApiError> {
    if scope.has_token_scope(wanted) {
        Ok(())
    } else {
        Err(ApiError::new(Code::AuthInsufficientScope, format!("this token lacks the `{wanted}` scope")))
    }
}
