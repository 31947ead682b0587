//! Notification preferences (per workspace), digest deliveries (the
//! at-most-once claim of each daily digest email) and the partial index
//! that keeps the bell's unread count cheap.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, string_len, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid,
};
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::helpers::{index, workspace_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per workspace; a missing row means every digest signal is on.
        manager
            .create_table(
                Table::create()
                    .table("notification_preferences")
                    .col(uuid("workspace_id").primary_key())
                    .col(boolean("overdue_activities"))
                    .col(boolean("stale_leads"))
                    .col(boolean("stale_deals"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("notification_preferences"))
                    .to_owned(),
            )
            .await?;

        // The claim of one digest email: inserted (and committed) before the
        // email is sent, so the unique key makes sending at most once.
        manager
            .create_table(
                Table::create()
                    .table("digest_deliveries")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("user_id"))
                    .col(date("digest_date"))
                    .col(string_len("status", 20))
                    .col(timestamp_with_time_zone("claimed_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text_null("error"))
                    .foreign_key(&mut workspace_fk("digest_deliveries"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "digest_deliveries",
                "digest_deliveries_once_key",
                &["workspace_id", "user_id", "digest_date"],
                true,
            ))
            .await?;

        // The unread count and the unread list read only unread rows: a
        // partial index (SQLite and PostgreSQL both support them) stays as
        // small as the unread backlog.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX notifications_unread_idx ON notifications (workspace_id, user_id, id) \
                 WHERE read_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP INDEX notifications_unread_idx").await?;
        for table in ["digest_deliveries", "notification_preferences"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
