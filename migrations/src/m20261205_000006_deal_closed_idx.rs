//! The won and lost columns of a board hold the deals closed in a period
//! (`closed_at >= closedSince`): an index serves that range per pipeline.

use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index("deals", "deals_closed_idx", &["workspace_id", "pipeline_id", "closed_at"], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("deals_closed_idx").table(Alias::new("deals")).to_owned()).await
    }
}
