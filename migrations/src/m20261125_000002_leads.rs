//! Leads, custom lead sources, the workspace audit feed and idempotency keys.
//! On PostgreSQL, `pg_trgm` backs the substring search over name, email and
//! company (`search_text`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date_null, integer_null, string, string_len, string_len_null, text, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::helpers::{index, workspace_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_events")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("actor_type", 10))
                    .col(uuid("actor_id"))
                    .col(string_len("action", 60))
                    .col(string_len("entity_type", 40))
                    .col(uuid("entity_id"))
                    .col(text("summary"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut workspace_fk("audit_events"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("audit_events", "audit_events_workspace_idx", &["workspace_id", "id"], false))
            .await?;
        manager
            .create_index(index(
                "audit_events",
                "audit_events_entity_idx",
                &["workspace_id", "entity_type", "entity_id", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("lead_sources")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("slug", 40))
                    .col(string_len("label", 60))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("archived_at"))
                    .foreign_key(&mut workspace_fk("lead_sources"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("lead_sources", "lead_sources_slug_key", &["workspace_id", "slug"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("leads")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("name", 200))
                    .col(string_len("sort_name", 200))
                    .col(string_len_null("email", 254))
                    .col(string_len_null("phone", 16))
                    .col(string_len_null("company", 200))
                    .col(string_len("source", 40))
                    .col(string_len("status", 12))
                    .col(uuid_null("assignee_id"))
                    .col(date_null("next_action_date"))
                    .col(text_null("next_action_text"))
                    .col(text_null("notes"))
                    .col(string("tags").default(""))
                    .col(text("search_text"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone("last_activity_at"))
                    .col(timestamp_with_time_zone_null("converted_at"))
                    .foreign_key(&mut workspace_fk("leads"))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("leads_workspace_idx", &["workspace_id", "id"][..]),
            ("leads_status_idx", &["workspace_id", "status", "id"]),
            ("leads_source_idx", &["workspace_id", "source", "id"]),
            ("leads_assignee_idx", &["workspace_id", "assignee_id", "id"]),
            ("leads_updated_idx", &["workspace_id", "updated_at", "id"]),
            ("leads_name_idx", &["workspace_id", "sort_name", "id"]),
            ("leads_next_action_idx", &["workspace_id", "next_action_date", "id"]),
        ] {
            manager.create_index(index("leads", name, cols, false)).await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
            // btree_gin lets the trigram index lead with workspace_id, so a
            // search reads only its own tenant's matches.
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS btree_gin").await?;
            db.execute_unprepared(
                "CREATE INDEX leads_search_trgm_idx ON leads USING gin (workspace_id, search_text gin_trgm_ops)",
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("idempotency_keys")
                    .col(string_len("scope_hash", 64))
                    .col(string_len("key", 255))
                    .col(string_len("fingerprint", 64))
                    .col(integer_null("response_status"))
                    .col(text_null("response_body"))
                    .col(string_len_null("content_type", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("completed_at"))
                    .primary_key(Index::create().col(Alias::new("scope_hash")).col(Alias::new("key")))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idempotency_keys", "idempotency_keys_created_idx", &["created_at"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["idempotency_keys", "leads", "lead_sources", "audit_events"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
