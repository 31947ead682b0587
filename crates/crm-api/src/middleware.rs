//! Request context: a request id for every request (response header
//! `X-Request-Id`, problem bodies, the log line), one structured log line per
//! request with no personal data (method, route pattern, status, latency:
//! never the query string, bodies, cookies or tokens), and the renewed session
//! cookie when an extractor refreshed an expired browser token. A 5xx is
//! logged here and only here, with its cause.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};

use crate::auth::RenewedSession;
use crate::error::ApiError;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being handled ("unknown" outside a request).
#[must_use]
pub fn current_request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_else(|_| "unknown".to_owned())
}

pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = uuid::Uuid::now_v7().to_string();
    let method = req.method().clone();
    let started = Instant::now();
    let result = REQUEST_ID.scope(id.clone(), next.call(req)).await;
    let mut response = match result {
        Ok(response) => response,
        Err(error) => {
            tracing::warn!(request.id = %id, http.method = %method, error = %error, "request failed in middleware");
            return Err(error);
        }
    };
    let renewed = response.request().extensions_mut().remove::<RenewedSession>();
    if let Some(RenewedSession(cookie)) = renewed {
        response.response_mut().add_cookie(&cookie).ok();
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
    }
    let route = response.request().match_pattern().unwrap_or_else(|| "<unmatched>".to_owned());
    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        // The one log line of a failed request: the cause travels in the
        // ApiError (never in the response body) and is recorded here, once.
        let cause = response.response().error().and_then(|e| e.as_error::<ApiError>()).and_then(ApiError::cause);
        tracing::error!(
            request.id = %id,
            http.method = %method,
            http.route = %route,
            http.status = status,
            elapsed_ms,
            error.cause = cause.unwrap_or("unknown"),
            "request"
        );
    } else {
        tracing::info!(request.id = %id, http.method = %method, http.route = %route, http.status = status, elapsed_ms, "request");
    }
    Ok(response)
}
