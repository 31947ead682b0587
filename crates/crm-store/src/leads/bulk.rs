//! Bulk insertion of leads, for seeding large data sets (`crm-bench seed`).
//!
//! Rows are built by the same [`super::row`] conversion as the normal insert,
//! so `sort_name`, `search_text` and `tags` are identical to what the lead
//! service writes. Unlike [`crm_leads::ports::LeadStore::insert_lead`], no
//! audit event is written: seeded data has no actor and no history, and a
//! million `lead.created` events would only slow the seed down.

use crm_kernel::StoreError;
use crm_leads::Lead;
use sea_orm::DatabaseConnection;

use crate::entities::leads;
use crate::tenancy;
use crate::{db_err, write_txn};

/// Rows per `INSERT` statement: 19 columns × 1,000 rows stays under the bind
/// parameter limits of PostgreSQL (65,535) and SQLite (32,766).
const ROWS_PER_STATEMENT: usize = 1_000;

/// Inserts `leads` in multi-row statements of [`ROWS_PER_STATEMENT`], all in
/// one transaction (pass a few thousand at a time). Writes no audit events.
///
/// # Errors
/// `StoreError` when a statement fails (e.g. a duplicate id); nothing is
/// inserted then.
pub async fn insert_leads_bulk(db: &DatabaseConnection, leads: &[Lead]) -> Result<(), StoreError> {
    if leads.is_empty() {
        return Ok(());
    }
    let txn = write_txn(db).await?;
    for chunk in leads.chunks(ROWS_PER_STATEMENT) {
        tenancy::insert_seed_rows_unscoped::<leads::Entity>(chunk.iter().map(|l| (l.workspace_id, super::row(l))))
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
    }
    txn.commit().await.map_err(db_err)
}
