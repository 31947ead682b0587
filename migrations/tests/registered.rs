//! Every migration file is registered with the migrator, in file-name
//! order: a new module's migration that was written but not added to
//! `Migrator::migrations()` would otherwise be skipped without a word.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use migration::{Migrator, MigratorTrait};

#[test]
fn every_migration_file_is_registered_in_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations/src")
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| name.starts_with('m') && name.ends_with(".rs"))
        .map(|name| name.trim_end_matches(".rs").to_owned())
        .collect();
    files.sort();
    let registered: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    assert_eq!(
        registered, files,
        "each migrations/src/mYYYYMMDD_NNNNNN_*.rs must be declared in migrations/src/lib.rs and added to \
         Migrator::migrations() in file-name order"
    );
}
