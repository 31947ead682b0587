//! The HTTP surface: actix-web handlers, request/response DTOs, the auth
//! extractors that build a [`crm_kernel::Scope`], problem+json errors and the
//! OpenAPI 3.1 contract.
//!
//! Depends on domain crates only, never on `crm-store`: the composition root
//! (`crm-app`) hands in services built over concrete adapters. Handlers stay
//! a few lines: extract, call the service, map to a view.

mod app;
pub mod auth;
mod body;
mod error;
mod handlers;
mod idempotency;
mod middleware;
pub mod openapi;
mod query;
mod spa;
mod views;

pub use app::{ApiConfig, AppState, Readiness, Services, build_app};
pub use error::{ApiError, Problem};
pub use openapi::openapi;
