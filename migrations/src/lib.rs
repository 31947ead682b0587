//! Database schema migrations, applied at start (`crm serve`) and by
//! `crm migrate`. One migration per file; every migration runs on SQLite and
//! PostgreSQL and is exercised by every store test (tests migrate a fresh
//! database, they never derive a schema from entities).
//!
//! Tenancy is structural: every tenant table has `workspace_id NOT NULL`, and
//! every unique index on a tenant table starts with it.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261125_000001_identity;
mod m20261125_000002_leads;
mod m20261125_000003_relationships;
mod m20261126_000004_deals;
mod m20261126_000005_notifications;
mod m20261205_000006_deal_closed_idx;
pub mod seed;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_identity::Migration),
            Box::new(m20261125_000002_leads::Migration),
            Box::new(m20261125_000003_relationships::Migration),
            Box::new(m20261126_000004_deals::Migration),
            Box::new(m20261126_000005_notifications::Migration),
            Box::new(m20261205_000006_deal_closed_idx::Migration),
        ]
    }
}
