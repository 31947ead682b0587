//! Rows every workspace starts with. Used by the migration that introduced
//! them (for workspaces that already existed) and by the store when a
//! workspace is created, so both write the same thing.

use crm_deals::values::{DEFAULT_LOST_REASONS, DEFAULT_PIPELINE_NAME, DEFAULT_STAGES};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use time::OffsetDateTime;
use uuid::Uuid;

/// The default pipeline with its stages, and the default lost reasons.
///
/// # Errors
/// `DbErr` when an insert fails.
pub async fn workspace_defaults(
    conn: &impl ConnectionTrait,
    workspace_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbErr> {
    let pipeline_id = Uuid::now_v7();
    let pipeline = Query::insert()
        .into_table(Alias::new("pipelines"))
        .columns(["id", "workspace_id", "name", "position", "created_at", "updated_at"].map(Alias::new))
        .values_panic([
            pipeline_id.into(),
            workspace_id.into(),
            DEFAULT_PIPELINE_NAME.into(),
            0.into(),
            now.into(),
            now.into(),
        ])
        .to_owned();
    conn.execute(&pipeline).await?;

    let mut stages = Query::insert();
    stages.into_table(Alias::new("pipeline_stages")).columns(
        ["id", "workspace_id", "pipeline_id", "name", "position", "probability", "kind", "created_at", "updated_at"]
            .map(Alias::new),
    );
    for (position, (name, probability, kind)) in (0_i32..).zip(DEFAULT_STAGES) {
        stages.values_panic([
            Uuid::now_v7().into(),
            workspace_id.into(),
            pipeline_id.into(),
            (*name).into(),
            position.into(),
            i32::from(*probability).into(),
            kind.as_str().into(),
            now.into(),
            now.into(),
        ]);
    }
    conn.execute(&stages).await?;

    let mut reasons = Query::insert();
    reasons
        .into_table(Alias::new("lost_reasons"))
        .columns(["id", "workspace_id", "label", "label_key", "position", "created_at"].map(Alias::new));
    for (position, label) in (0_i32..).zip(DEFAULT_LOST_REASONS) {
        reasons.values_panic([
            Uuid::now_v7().into(),
            workspace_id.into(),
            (*label).into(),
            label.to_lowercase().into(),
            position.into(),
            now.into(),
        ]);
    }
    conn.execute(&reasons).await?;
    Ok(())
}
