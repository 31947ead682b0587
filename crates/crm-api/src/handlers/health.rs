use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::error::{ApiError, Code};

#[derive(Serialize, ToSchema)]
pub struct HealthView {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, body = HealthView)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(HealthView { status: "ok" })
}

/// The database answers.
#[utoipa::path(tag = "health", responses((status = 200, body = HealthView), (status = 503, description = "Database unreachable", body = crate::Problem, content_type = "application/problem+json")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .services
        .readiness
        .ready()
        .await
        .map_err(|e| ApiError::new(Code::HealthDatabaseUnavailable, "the database does not answer").with_cause(&e))?;
    Ok(HttpResponse::Ok().json(HealthView { status: "ok" }))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(healthz);
    cfg.service(readyz);
}
