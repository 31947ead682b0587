//! `Idempotency-Key` for every creating POST, built once as middleware.
//!
//! A POST carrying the header from an authenticated caller is fingerprinted
//! (method, path, query, body) and its key claimed in durable storage, scoped
//! by credential + workspace. The same key and request replays the first 2xx
//! response (`Idempotent-Replayed: true`); a different request with the key
//! is 422; a request still running with it is 409. Non-2xx responses are not
//! kept, so a failed request can be retried with the same key.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, web};
use crm_kernel::{IdempotencyClaim, StoredResponse};
use futures::StreamExt;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::auth::SESSION_COOKIE;
use crate::error::{ApiError, Code};
use crate::middleware::current_request_id;

const HEADER: &str = "idempotency-key";
/// Bodies above this are refused before the handler (which allows far less).
const MAX_BODY: usize = 1024 * 1024;

fn sha256(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
        hasher.update(b"\n");
    }
    hex::encode(hasher.finalize())
}

fn valid_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Who is asking, stably across session token renewals.
fn credential(req: &ServiceRequest, state: &AppState) -> Option<String> {
    if let Some(token) =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(format!("token:{}", sha256(&[token.trim().as_bytes()])));
    }
    let cookie = req.cookie(SESSION_COOKIE)?;
    let claims = state.keys.verify(cookie.value())?;
    Some(format!("session:{}", claims.session))
}

/// The workspace named by an SPA path, if any.
fn workspace_in_path(path: &str) -> &str {
    path.strip_prefix("/api/workspaces/").and_then(|rest| rest.split('/').next()).unwrap_or("")
}

/// The problem response, with the error attached (the request log reads its
/// cause).
fn problem(req: ServiceRequest, error: ApiError) -> ServiceResponse<BoxBody> {
    req.into_response(HttpResponse::from_error(error))
}

pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let key = req.headers().get(HEADER).map(|v| v.to_str().map(str::to_owned));
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (Some(key), Some(state), true) = (key, state, req.method() == Method::POST) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let key = match key {
        Ok(k) if valid_key(&k) => k,
        _ => {
            let error = ApiError::field("Idempotency-Key", "invalid_key", "1 to 255 visible ASCII characters");
            return Ok(problem(req, error));
        }
    };
    let Some(credential) = credential(&req, &state) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };

    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        body.extend_from_slice(&chunk?);
        if body.len() > MAX_BODY {
            let error = ApiError::new(Code::RequestTooLarge, "the body is too large");
            return Ok(problem(req, error));
        }
    }
    let body = body.freeze();
    let path = req.path().to_owned();
    let fingerprint =
        sha256(&[req.method().as_str().as_bytes(), path.as_bytes(), req.query_string().as_bytes(), &body]);
    let scope = sha256(&[credential.as_bytes(), workspace_in_path(&path).as_bytes()]);
    let now = state.services.clock.now();

    match state.services.idempotency.claim(&scope, &key, &fingerprint, now).await {
        Err(e) => Ok(problem(req, ApiError::internal(&e))),
        Ok(IdempotencyClaim::Mismatch) => Ok(problem(
            req,
            ApiError::new(Code::IdempotencyKeyReused, "this Idempotency-Key was used with a different request"),
        )),
        Ok(IdempotencyClaim::InFlight) => Ok(problem(
            req,
            ApiError::new(
                Code::IdempotencyInFlight,
                "a request with this Idempotency-Key is still being processed; retry shortly",
            ),
        )),
        Ok(IdempotencyClaim::Replay(stored)) => {
            let response = HttpResponse::build(StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK))
                .insert_header((header::CONTENT_TYPE, stored.content_type))
                .insert_header((HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("true")))
                .body(stored.body);
            Ok(req.into_response(response))
        }
        Ok(IdempotencyClaim::Claimed) => {
            let (_, mut restored) = actix_http::h1::Payload::create(true);
            restored.unread_data(body);
            req.set_payload(restored.into());
            let response = match next.call(req).await {
                Ok(r) => r,
                Err(e) => {
                    state.services.idempotency.release(&scope, &key).await.ok();
                    return Err(e);
                }
            };
            if !response.status().is_success() {
                state.services.idempotency.release(&scope, &key).await.ok();
                return Ok(response.map_into_boxed_body());
            }
            let (request, response) = response.into_parts();
            let status = response.status();
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/json")
                .to_owned();
            let (head, body) = response.into_parts();
            let Ok(bytes) = actix_web::body::to_bytes(body).await else {
                state.services.idempotency.release(&scope, &key).await.ok();
                let error = ApiError::internal(&"response body could not be buffered");
                return Ok(ServiceResponse::new(request, HttpResponse::from_error(error)));
            };
            let stored = StoredResponse {
                status: status.as_u16(),
                content_type,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            };
            if let Err(e) = state.services.idempotency.complete(&scope, &key, &stored, state.services.clock.now()).await
            {
                // The response is still sent; a retry with the key runs the request again.
                tracing::error!(request.id = %current_request_id(), error = %e, "idempotency key not recorded");
            }
            Ok(ServiceResponse::new(request, head.set_body(bytes).map_into_boxed_body()))
        }
    }
}
