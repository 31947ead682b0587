//! The SeaORM adapter of `crm_identity`'s ports.

mod access;
mod convert;
mod users;
mod workspaces;

use sea_orm::DatabaseConnection;

/// Identity and access storage on SQLite or PostgreSQL.
#[derive(Clone)]
pub struct SeaIdentityStore {
    db: DatabaseConnection,
}

impl SeaIdentityStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}
