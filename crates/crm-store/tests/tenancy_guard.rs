//! Tenant tables are queried only through `tenancy.rs`: a raw
//! `Entity::find` on one anywhere else in the adapter fails this test.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

const TENANT_MODULES: [&str; 17] = [
    "memberships",
    "invitations",
    "api_tokens",
    "leads",
    "lead_sources",
    "audit_events",
    "companies",
    "contacts",
    "activities",
    "notifications",
    "pipelines",
    "pipeline_stages",
    "lost_reasons",
    "deals",
    "deal_stage_totals",
    "notification_preferences",
    "digest_deliveries",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).expect("readable")));
        }
    }
}

#[test]
fn tenant_tables_are_only_queried_through_the_tenancy_module() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 3, "found the adapter's sources");
    let mut offenders = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with("tenancy.rs")) {
        for module in TENANT_MODULES {
            for pattern in [format!("{module}::Entity::find("), format!("{module}::Entity::find_by_id(")] {
                if text.contains(&pattern) {
                    offenders.push(format!("{path}: {pattern}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "use crate::tenancy helpers instead of raw finds:\n{}", offenders.join("\n"));
}
