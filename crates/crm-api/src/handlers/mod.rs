//! Handlers, one file per resource. Each is a few lines: extract, call the
//! domain service, map to a view. Each file registers its own operations in
//! its `routes`; [`MODULES`] is the one list of them, and [`routes`] (used by
//! both the actix app and the OpenAPI document) walks it. Adding a module is
//! one line there.

mod activities;
mod admin;
mod api_tokens;
mod audit_events;
mod auth;
mod companies;
mod contacts;
mod conversion;
mod deals;
mod health;
mod invitations;
mod lead_sources;
mod leads;
mod me;
mod members;
mod notifications;
mod pipelines;
mod public;
mod timelines;
mod workspaces;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every handler module's route registration, in one list.
const MODULES: &[fn(&mut ServiceConfig)] = &[
    health::routes,
    auth::routes,
    me::routes,
    workspaces::routes,
    members::routes,
    invitations::routes,
    api_tokens::routes,
    admin::routes,
    public::routes,
    leads::routes,
    timelines::routes,
    lead_sources::routes,
    audit_events::routes,
    companies::routes,
    contacts::routes,
    activities::routes,
    conversion::routes,
    pipelines::routes,
    deals::routes,
    notifications::routes,
];

/// Every documented operation. The OpenAPI document is collected from here,
/// so an operation cannot be served without being in the contract.
pub fn routes(cfg: &mut ServiceConfig) {
    for register in MODULES {
        register(cfg);
    }
}
