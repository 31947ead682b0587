//! A `Scope` is made in few places, each by a constructor saying what it is
//! for (see `src/scope.rs`). This test reads every crate's non-test sources
//! and fails when one makes a scope anywhere else.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

/// `(constructor, the files, relative to crates/, that may call it)`.
const ALLOWED: [(&str, &[&str]); 3] = [
    // The identity service's resolvers: member_scope/token_scope for the
    // auth extractors, operator_scope for the CLI.
    ("Scope::new(", &["crm-identity/src/service/workspaces.rs", "crm-identity/src/service/admin.rs"]),
    ("Scope::job_as_member(", &["crm-notifications/src/digest.rs"]),
    ("Scope::system(", &["crm-identity/src/service/admin.rs", "crm-bench/src/seed_deals.rs"]),
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).expect("readable")));
        }
    }
}

#[test]
fn scopes_are_made_only_where_their_constructor_says() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("crates dir");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(crates).expect("crates").flatten() {
        sources(&krate.path().join("src"), &mut files);
    }
    assert!(files.len() > 20, "found the crates' sources");
    let mut offenders = Vec::new();
    for (path, text) in &files {
        let relative = path.strip_prefix(&format!("{}/", crates.display())).unwrap_or(path);
        for (constructor, allowed) in ALLOWED {
            if text.contains(constructor) && !allowed.contains(&relative) {
                offenders.push(format!("{relative}: {constructor}"));
            }
        }
        if text.contains("Scope::for_test(") && !relative.starts_with("crm-testkit/") {
            offenders.push(format!("{relative}: Scope::for_test( outside tests"));
        }
    }
    assert!(
        offenders.is_empty(),
        "a Scope made outside its place. Receive a `&Scope` instead; a new kind of caller (a job, a tool) \
         gets its own named constructor in crm-kernel/src/scope.rs and an entry in this test:\n{}",
        offenders.join("\n")
    );
}
