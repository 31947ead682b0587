//! SeaORM adapters for the domain ports, on SQLite (the embedded default) and
//! PostgreSQL (production).
//!
//! Owns connections, transactions and the mapping between rows and domain
//! records. Domain crates never see a `DbErr`, an entity or a connection.
//! Every query on a tenant table starts in [`tenancy`].

pub mod activities;
pub mod audit;
mod bulk_relationships;
mod contacts;
mod deals;
mod entities;
mod idempotency;
mod identity;
mod keyset;
mod leads;
pub mod notifications;
pub mod tenancy;

use std::time::Duration;

use crm_kernel::StoreError;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

pub use activities::SeaActivityStore;
pub use audit::SeaAuditLog;
pub use bulk_relationships::{insert_activities_bulk, insert_companies_bulk, insert_contacts_bulk};
pub use contacts::SeaContactStore;
pub use deals::{SeaDealStore, rebuild_totals as rebuild_deal_totals};
pub use idempotency::SeaIdempotencyStore;
pub use identity::SeaIdentityStore;
pub use leads::SeaLeadStore;
pub use leads::bulk::insert_leads_bulk;
pub use notifications::SeaNotificationStore;
pub use sea_orm::DatabaseConnection as Db;

/// Opens a pool. SQLite files are created when missing and run in WAL mode
/// with foreign keys on.
///
/// # Errors
/// `StoreError` when the database cannot be reached.
pub async fn connect(url: &str) -> Result<DatabaseConnection, StoreError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 20 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // Lists are keyset queries whose best plan depends on the values (a
        // rare or a common search term): a cached generic plan can be 100×
        // slower, so PostgreSQL plans each execution (docs/benchmarks.md).
        .map_sqlx_postgres_opts(|pg| pg.options([("plan_cache_mode", "force_custom_plan")]));
    let db = Database::connect(options).await.map_err(db_err)?;
    if db.get_database_backend() == DbBackend::Sqlite {
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"] {
            db.execute_unprepared(pragma).await.map_err(db_err)?;
        }
    }
    Ok(db)
}

/// Applies every pending migration.
///
/// # Errors
/// `StoreError` when a migration fails.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StoreError> {
    Migrator::up(db, None).await.map_err(db_err)
}

/// Readiness: one round trip.
///
/// # Errors
/// `StoreError` when the database does not answer.
pub async fn ping(db: &DatabaseConnection) -> Result<(), StoreError> {
    db.ping().await.map_err(db_err)
}

pub(crate) fn db_err(e: DbErr) -> StoreError {
    StoreError(e.to_string())
}

pub(crate) fn is_unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Starts a transaction that will write. On SQLite it takes the write lock
/// up front (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
/// writes fails with "database is locked" when another writer got there
/// first, instead of waiting its turn.
pub(crate) async fn write_txn(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, StoreError> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
    .map_err(db_err)
}
