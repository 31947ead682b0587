//! Accounts and browser sessions.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use crm_identity::{Account, IssuedSession};

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::SessionAuth;
use crate::error::ApiError;
use crate::views::{
    MeView, RequestPasswordResetRequest, ResetPasswordRequest, SignInRequest, SignUpRequest, VerifyEmailRequest,
};

/// A response that starts a browser session: the session and CSRF cookies.
fn session_response(
    state: &AppState,
    status: StatusCode,
    account: &Account,
    issued: IssuedSession,
) -> Result<HttpResponse, ApiError> {
    let token = state
        .keys
        .sign(issued.session.user_id, issued.session.id, state.services.clock.now())
        .map_err(|e| ApiError::internal(&e))?;
    Ok(HttpResponse::build(status)
        .cookie(state.keys.session_cookie(token))
        .cookie(state.keys.csrf_cookie(issued.csrf_secret))
        .json(MeView::from(account)))
}

/// Create an account. Without `invitationId` a workspace is provisioned with
/// the new user as owner; with it, the user joins the inviting workspace.
#[utoipa::path(
    tag = "auth",
    request_body = SignUpRequest,
    responses(
        (status = 201, description = "Signed up and signed in; sets `crm_session` and `crm_csrf` cookies", body = MeView),
        (status = 409, description = "Email already registered, or invitation no longer pending", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api/auth/sign-up")]
pub async fn sign_up(
    state: web::Data<AppState>,
    body: crate::body::Body<SignUpRequest>,
) -> Result<HttpResponse, ApiError> {
    let (account, session) = state.services.identity.sign_up(body.into_inner().into()).await?;
    session_response(&state, StatusCode::CREATED, &account, session)
}

/// Sign in with email and password. Limited per client IP + email.
#[utoipa::path(
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; sets `crm_session` and `crm_csrf` cookies", body = MeView),
        (status = 401, description = "Wrong email or password", body = crate::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account banned", body = crate::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = crate::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api/auth/sign-in")]
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: crate::body::Body<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let ip = req.peer_addr().map_or(std::net::IpAddr::from([0, 0, 0, 0]), |a| a.ip());
    let limit_headers = state.sign_in_limiter.check(ip, &body.email)?;
    let (account, session) = state.services.identity.sign_in(&body.email, &body.password).await.map_err(|e| {
        limit_headers.iter().fold(ApiError::from(e), |err, (name, value)| err.with_header(name.clone(), value.clone()))
    })?;
    let mut response = session_response(&state, StatusCode::OK, &account, session)?;
    for (name, value) in limit_headers {
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

/// End this browser session.
#[utoipa::path(
    tag = "auth",
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Signed out; cookies cleared"))
)]
#[post("/api/auth/sign-out")]
pub async fn sign_out(state: web::Data<AppState>, auth: SessionAuth) -> Result<HttpResponse, ApiError> {
    state.services.identity.sign_out(auth.session.id).await?;
    let [session, csrf] = state.keys.cleared();
    Ok(HttpResponse::NoContent().cookie(session).cookie(csrf).finish())
}

/// Confirm an email address with the emailed token.
#[utoipa::path(
    tag = "auth",
    request_body = VerifyEmailRequest,
    responses((status = 204, description = "Email verified"))
)]
#[post("/api/auth/email-verification")]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: crate::body::Body<VerifyEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.verify_email(&body.token).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a new verification link to the signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("session" = [], "csrf" = [])),
    responses((status = 202, description = "A link was sent (or the email is already verified)"))
)]
#[post("/api/auth/email-verification/resend")]
pub async fn resend_verification(state: web::Data<AppState>, auth: SessionAuth) -> Result<HttpResponse, ApiError> {
    state.services.identity.resend_verification(&auth.user).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Mail a password-reset link. Answers 202 whether or not the account exists.
#[utoipa::path(
    tag = "auth",
    request_body = RequestPasswordResetRequest,
    responses((status = 202, description = "If the account exists, a link was sent"))
)]
#[post("/api/auth/password-reset/request")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    body: crate::body::Body<RequestPasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.request_password_reset(&body.email).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the emailed token. Ends every session.
#[utoipa::path(
    tag = "auth",
    request_body = ResetPasswordRequest,
    responses((status = 204, description = "Password changed; every session ended"))
)]
#[post("/api/auth/password-reset")]
pub async fn reset_password(
    state: web::Data<AppState>,
    body: crate::body::Body<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    state.services.identity.reset_password(&body.token, &body.password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(sign_up);
    cfg.service(sign_in);
    cfg.service(sign_out);
    cfg.service(verify_email);
    cfg.service(resend_verification);
    cfg.service(request_password_reset);
    cfg.service(reset_password);
}
