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

        /// The listed modules' names (a file left out of the list is never
        /// compiled: the test below catches it).
        #[cfg(test)]
        const NAMES: &[&str] = &[$(stringify!($module)),*];
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    #[test]
    fn every_handler_file_is_in_the_module_list() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/handlers");
        let mut missing: Vec<String> = std::fs::read_dir(dir)
            .expect("src/handlers")
            .flatten()
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".rs")).map(str::to_owned))
            .filter(|name| name != "mod" && !super::NAMES.contains(&name.as_str()))
            .collect();
        missing.sort();
        assert!(
            missing.is_empty(),
            "handler files not in handler_modules![...] in src/handlers/mod.rs (never compiled, never served): {missing:?}"
        );
    }
}
