//! Handlers, one file per resource. Each is a few lines: extract, call the
//! domain service, map to a view. Each file registers its own operations in
//! its `routes`; the `handler_modules!` call below is the one list of them
//! (it declares each module and collects its `routes` into `MODULES`), and
//! [`routes`] (used by both the actix app and the OpenAPI document) walks it.
//! Adding a module is one name in that list.

use utoipa_actix_web::service_config::ServiceConfig;

/// Declares the handler modules and lists their route registrations.
macro_rules! handler_modules {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        /// Every handler module's route registration, in one list.
        const MODULES: &[fn(&mut ServiceConfig)] = &[$($module::routes),*];
    };
}

handler_modules![
    health,
    auth,
    me,
    workspaces,
    members,
    invitations,
    api_tokens,
    admin,
    public,
    leads,
    timelines,
    lead_sources,
    audit_events,
    companies,
    contacts,
    activities,
    conversion,
    pipelines,
    deals,
    notifications,
];

/// Every documented operation. The OpenAPI document is collected from here,
/// so an operation cannot be served without being in the contract.
pub fn routes(cfg: &mut ServiceConfig) {
    for register in MODULES {
        register(cfg);
    }
}
