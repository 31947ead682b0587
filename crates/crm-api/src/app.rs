//! The app factory: `crm serve`, the HTTP tests and the OpenAPI export all
//! build the application here, the same way.

use std::path::PathBuf;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpResponse, web};
use crm_identity::IdentityService;
use crm_kernel::{Clock, StoreError};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::{SessionKeys, SignInLimiter};
use crate::error::{ApiError, Code};
use crate::middleware::request_context;
use crate::openapi::RouteTable;
use crate::{handlers, spa};

/// Largest accepted JSON body.
const JSON_LIMIT: usize = 64 * 1024;

/// Whether the database answers (`/readyz`).
#[async_trait::async_trait]
pub trait Readiness: Send + Sync {
    /// # Errors
    /// `StoreError` when the database does not answer.
    async fn ready(&self) -> Result<(), StoreError>;
}

/// Settings of the HTTP layer.
#[derive(Clone, Debug)]
pub struct ApiConfig {
    /// Where the built SPA lives (`frontend/dist`); `None` serves no SPA.
    pub static_dir: Option<PathBuf>,
    /// `Secure` cookies (when the public URL is https).
    pub secure_cookies: bool,
    /// Signing secret of browser session tokens (at least 32 bytes).
    pub session_secret: Vec<u8>,
    /// Sign-in attempts per IP + email per window.
    pub sign_in_attempts: std::num::NonZeroU32,
    pub sign_in_window: std::time::Duration,
}

/// The domain services and ports the HTTP layer needs, built by the
/// composition root. This is the one list of services: a new module adds its
/// service here, `crm-app` builds it, handlers reach it through
/// `state.services`.
pub struct Services {
    pub identity: Arc<IdentityService>,
    pub leads: Arc<crm_leads::LeadService>,
    pub contacts: Arc<crm_contacts::ContactService>,
    pub activities: Arc<crm_activities::ActivityService>,
    pub deals: Arc<crm_deals::DealService>,
    pub conversion: Arc<crm_deals::ConversionService>,
    pub notifications: Arc<crm_notifications::NotificationService>,
    pub idempotency: Arc<dyn crm_kernel::IdempotencyStore>,
    pub clock: Arc<dyn Clock>,
    pub readiness: Arc<dyn Readiness>,
}

/// What every handler can reach: the domain services and the HTTP layer's own
/// parts (session keys, the sign-in limiter, the SPA directory, the contract).
pub struct AppState {
    pub services: Services,
    pub keys: SessionKeys,
    pub sign_in_limiter: SignInLimiter,
    pub static_dir: Option<PathBuf>,
    pub routes: RouteTable,
    pub openapi: utoipa::openapi::OpenApi,
}

impl AppState {
    #[must_use]
    pub fn new(config: &ApiConfig, services: Services) -> Self {
        let openapi = crate::openapi::openapi();
        Self {
            services,
            keys: SessionKeys::new(&config.session_secret, config.secure_cookies),
            sign_in_limiter: SignInLimiter::new(config.sign_in_attempts, config.sign_in_window),
            static_dir: config.static_dir.clone(),
            routes: RouteTable::from_document(&openapi),
            openapi,
        }
    }
}

fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::new(Code::RequestTooLarge, format!("the body must be at most {JSON_LIMIT} bytes"))
        }
        JsonPayloadError::ContentType => {
            ApiError::new(Code::RequestUnsupportedMediaType, "send the body as application/json")
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::new(Code::RequestInvalidBody, e.to_string()),
        JsonPayloadError::Deserialize(e) => ApiError::new(Code::RequestMalformedJson, e.to_string()),
        other => ApiError::new(Code::RequestUnreadableBody, other.to_string()),
    }
}

fn query_error(error: QueryPayloadError) -> ApiError {
    ApiError::new(Code::RequestInvalidQuery, error.to_string())
}

fn path_error(error: PathError) -> ApiError {
    ApiError::new(Code::RequestInvalidPath, error.to_string())
}

/// The whole application: API, interactive docs, SPA.
pub fn build_app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let document = state.openapi.clone();
    App::new()
        .app_data(state)
        .app_data(
            web::JsonConfig::default()
                .limit(JSON_LIMIT)
                .content_type_required(true)
                .error_handler(|e, _| json_error(e).into()),
        )
        .app_data(web::QueryConfig::default().error_handler(|e, _| query_error(e).into()))
        .app_data(web::PathConfig::default().error_handler(|e, _| path_error(e).into()))
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("X-Frame-Options", "DENY"))
                .add(("Referrer-Policy", "same-origin")),
        )
        .wrap(from_fn(crate::idempotency::idempotency))
        .wrap(from_fn(request_context))
        .configure(|cfg| handlers::routes(&mut utoipa_actix_web::service_config::ServiceConfig::new(cfg)))
        .route(
            "/api-docs",
            web::get()
                .to(|| async { HttpResponse::PermanentRedirect().insert_header(("Location", "/api-docs/")).finish() }),
        )
        .service(SwaggerUi::new("/api-docs/{_:.*}").url("/api-docs/openapi.json", document))
        .default_service(web::to(spa::fallback))
}
