//! Bulk insertion of companies, contacts and activities, for seeding large
//! data sets (`crm-bench seed-contacts`).
//!
//! Rows are built by the same conversions as the normal inserts
//! (`contact_row`, `company_row`, the activities' `row`), so `sort_name`,
//! `name_key`, `search_text` and `tags` are identical to what the services
//! write. Unlike the port methods, no audit event and no notification is
//! written: seeded data has no actor and no history.

use crm_activities::Activity;
use crm_contacts::{Company, Contact};
use crm_kernel::{StoreError, WorkspaceId};
use sea_orm::DatabaseConnection;

use crate::entities::{activities, companies, contacts};
use crate::tenancy::{self, TenantEntity};
use crate::{db_err, write_txn};

/// Rows per `INSERT` statement: 16 columns × 1,000 rows stays under the bind
/// parameter limits of PostgreSQL (65,535) and SQLite (32,766).
const ROWS_PER_STATEMENT: usize = 1_000;

/// Inserts `rows` in multi-row statements of [`ROWS_PER_STATEMENT`], all in
/// one transaction.
async fn insert_all<E, T>(
    db: &DatabaseConnection,
    rows: &[T],
    to_row: impl Fn(&T) -> (WorkspaceId, E::ActiveModel),
) -> Result<(), StoreError>
where
    E: TenantEntity,
{
    if rows.is_empty() {
        return Ok(());
    }
    let txn = write_txn(db).await?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        tenancy::insert_seed_rows_unscoped::<E>(chunk.iter().map(&to_row))
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
    }
    txn.commit().await.map_err(db_err)
}

/// Inserts companies (pass a few thousand at a time). Writes no audit events.
///
/// # Errors
/// `StoreError` when a statement fails (e.g. a duplicate id); nothing is
/// inserted then.
pub async fn insert_companies_bulk(db: &DatabaseConnection, rows: &[Company]) -> Result<(), StoreError> {
    insert_all::<companies::Entity, _>(db, rows, |c| (c.workspace_id, crate::contacts::company_row(c))).await
}

/// Inserts contacts (pass a few thousand at a time); their companies must
/// exist in the same workspace. Writes no audit events.
///
/// # Errors
/// `StoreError` when a statement fails (a duplicate id or email, a missing
/// company); nothing is inserted then.
pub async fn insert_contacts_bulk(db: &DatabaseConnection, rows: &[Contact]) -> Result<(), StoreError> {
    insert_all::<contacts::Entity, _>(db, rows, |c| (c.workspace_id, crate::contacts::contact_row(c))).await
}

/// Inserts activities (pass a few thousand at a time). Writes no audit
/// events and no notifications.
///
/// # Errors
/// `StoreError` when a statement fails; nothing is inserted then.
pub async fn insert_activities_bulk(db: &DatabaseConnection, rows: &[Activity]) -> Result<(), StoreError> {
    insert_all::<activities::Entity, _>(db, rows, |a| (a.workspace_id, crate::activities::row(a))).await
}
