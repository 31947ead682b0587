//! Tenant tables are read and written only through `tenancy.rs`.
//!
//! The tenant tables are derived from the entities: every
//! `src/entities/<table>.rs` with a `workspace_id` column must declare its
//! tenancy (`tenant!()` / `record!(XId)`), and then no other adapter file may
//! start a raw find, insert, update or delete on it, or set a `workspace_id`
//! by hand.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

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

/// `(table module, has a workspace_id column, declares its tenancy)` for
/// every entity file.
fn entities() -> Vec<(String, bool, bool)> {
    let mut files = Vec::new();
    sources(&src().join("entities"), &mut files);
    let mut tables: Vec<_> = files
        .into_iter()
        .filter(|(path, _)| !path.ends_with("mod.rs"))
        .map(|(path, text)| {
            let table = Path::new(&path).file_stem().expect("file name").to_string_lossy().into_owned();
            let has_workspace = text.contains("pub workspace_id:");
            let declared = text.contains("tenancy::tenant!(") || text.contains("tenancy::record!(");
            (table, has_workspace, declared)
        })
        .collect();
    tables.sort();
    tables
}

fn tenant_tables() -> Vec<String> {
    entities().into_iter().filter(|(_, has_workspace, _)| *has_workspace).map(|(table, _, _)| table).collect()
}

/// The path just before `at` (identifier characters and `::`), e.g.
/// `deals::Entity` for `deals::Entity::update_many(`.
fn path_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(0, |i| i + 1);
    &text[start..at]
}

const RAW_CALLS: [&str; 6] = ["find", "find_by_id", "insert", "insert_many", "update_many", "delete_many"];

/// Raw finds and writes on tenant tables (by module path, through an
/// imported tenant `Entity`, or through a generic `E`) and hand-set
/// workspace ids, in one adapter file.
fn offences(path: &str, text: &str, tenants: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    // `use crate::entities::leads::{Column, Entity};` makes a bare
    // `Entity::update_many(` a write on a tenant table.
    let imported_tenant_entity = text.lines().any(|line| {
        line.trim_start().starts_with("use ")
            && line.contains("Entity")
            && tenants.iter().any(|t| line.contains(&format!("entities::{t}::")))
    });
    for call in RAW_CALLS {
        let needle = format!("::{call}(");
        for (at, _) in text.match_indices(&needle) {
            let target = path_before(text, at);
            let table = target.strip_suffix("::Entity").map(|t| t.rsplit("::").next().unwrap_or(t));
            let generic = !target.contains("::") && target.len() <= 2 && target.starts_with(char::is_uppercase);
            let bare = target == "Entity" && imported_tenant_entity;
            if table.is_some_and(|t| tenants.iter().any(|m| m == t)) || generic || bare {
                found.push(format!("{path}: `{target}::{call}(`"));
            }
        }
    }
    if text.contains("workspace_id: Set(") {
        found.push(format!("{path}: `workspace_id: Set(`"));
    }
    found
}

#[test]
fn every_table_with_a_workspace_id_declares_its_tenancy() {
    let tables = entities();
    assert!(tables.len() > 10, "found the entity files");
    let missing: Vec<String> = tables
        .iter()
        .filter(|(_, has_workspace, declared)| *has_workspace && !*declared)
        .map(|(table, _, _)| format!("src/entities/{table}.rs"))
        .collect();
    assert!(
        missing.is_empty(),
        "these entities have a `workspace_id` column but no tenancy declaration; add \
         `crate::tenancy::tenant!();` below the entity (or `crate::tenancy::record!(XId);` when its rows \
         are a CRM record with a typed id in crm_kernel::ids) so that it can only be queried and written \
         through crate::tenancy:\n{}",
        missing.join("\n")
    );
}

#[test]
fn tenant_tables_are_only_read_and_written_through_the_tenancy_module() {
    let tenants = tenant_tables();
    assert!(tenants.iter().any(|t| t == "deals"), "derived the tenant tables from the entities: {tenants:?}");
    let mut files = Vec::new();
    sources(&src(), &mut files);
    assert!(files.len() > 3, "found the adapter's sources");
    let mut offenders = Vec::new();
    for (path, text) in &files {
        if path.ends_with("tenancy.rs") || path.contains("/entities/") {
            continue;
        }
        offenders.extend(offences(path, text, &tenants));
    }
    assert!(
        offenders.is_empty(),
        "raw access to a tenant table outside src/tenancy.rs. Read with tenancy::in_workspace / \
         page_in_workspace, write with tenancy::insert_in / insert_many_in (row builders leave \
         `workspace_id: NotSet`; the scope sets it), update_in or delete_in (already filtered by the \
         scope's workspace). A write that must run before a scope exists gets a named helper in \
         tenancy.rs saying why (like `claim_invitation_by_link`):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_guard_sees_raw_writes() {
    let tenants = vec!["deals".to_owned()];
    let raw = "let r = deals::Entity::update_many()\n.filter(deals::Column::Id.eq(id));\n\
               deals::Entity::delete_many().exec(db);\nlet row = ActiveModel { workspace_id: Set(ws), };\n\
               E::insert_many(rows);\nusers::Entity::update_many();\n\
               use crate::entities::deals::{Column, Entity};\nEntity::find();";
    let found = offences("x.rs", raw, &tenants);
    assert_eq!(
        found,
        vec![
            "x.rs: `Entity::find(`",
            "x.rs: `E::insert_many(`",
            "x.rs: `deals::Entity::update_many(`",
            "x.rs: `deals::Entity::delete_many(`",
            "x.rs: `workspace_id: Set(`",
        ],
    );
}
