//! The won and lost columns of a board hold the deals closed in a period
//! (`closed_at >= closedSince`): an index serves that range per pipeline.
//! On PostgreSQL it also carries what the period's totals and pages read,
//! and holds closed deals only, so the closed-column totals are an
//! index-only scan over a small index (the quarter's closed
//! deals are spread over most of the table's pages; docs/benchmarks.md).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE INDEX deals_closed_idx ON deals (workspace_id, pipeline_id, closed_at) \
                     INCLUDE (stage_id, currency, status, amount_minor, probability, id) \
                     WHERE closed_at IS NOT NULL",
                )
                .await?;
            Ok(())
        } else {
            manager
                .create_index(index("deals", "deals_closed_idx", &["workspace_id", "pipeline_id", "closed_at"], false))
                .await
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("deals_closed_idx").table(Alias::new("deals")).to_owned()).await
    }
}
