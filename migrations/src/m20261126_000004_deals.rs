//! Pipelines, stages, lost reasons and deals; activities link to deals;
//! leads remember what their conversion created.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, date_null, integer, integer_null, string_len, string_len_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::{index, workspace_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(workspace_id, col)` of `from` references `(workspace_id, id)` of `to`:
/// a link can never point into another workspace.
fn same_workspace_fk(from: &str, col: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(Alias::new(from))
        .from_col(Alias::new("workspace_id"))
        .from_col(Alias::new(col))
        .to_tbl(Alias::new(to))
        .to_col(Alias::new("workspace_id"))
        .to_col(Alias::new("id"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Composite keys the new foreign keys point at.
        for (table, name) in [("contacts", "contacts_workspace_id_key"), ("leads", "leads_workspace_id_key")] {
            manager.create_index(index(table, name, &["workspace_id", "id"], true)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("pipelines")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("name", 100))
                    .col(integer("position"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("pipelines"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("pipelines", "pipelines_workspace_id_key", &["workspace_id", "id"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("pipeline_stages")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("pipeline_id"))
                    .col(string_len("name", 60))
                    .col(integer("position"))
                    .col(integer("probability"))
                    .col(string_len("kind", 10))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("pipeline_stages"))
                    .foreign_key(&mut same_workspace_fk("pipeline_stages", "pipeline_id", "pipelines"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("pipeline_stages", "pipeline_stages_workspace_id_key", &["workspace_id", "id"], true))
            .await?;
        manager
            .create_index(index(
                "pipeline_stages",
                "pipeline_stages_pipeline_idx",
                &["workspace_id", "pipeline_id", "position"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("lost_reasons")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("label", 100))
                    .col(string_len("label_key", 100))
                    .col(integer("position"))
                    .col(timestamp_with_time_zone_null("archived_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut workspace_fk("lost_reasons"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("lost_reasons", "lost_reasons_workspace_id_key", &["workspace_id", "id"], true))
            .await?;
        manager
            .create_index(index("lost_reasons", "lost_reasons_label_key", &["workspace_id", "label_key"], true))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("deals")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("pipeline_id"))
                    .col(uuid("stage_id"))
                    .col(string_len("status", 10))
                    .col(string_len("title", 200))
                    .col(big_integer("amount_minor"))
                    .col(string_len("currency", 3))
                    .col(integer_null("probability"))
                    .col(date_null("expected_close_date"))
                    .col(text_null("next_action_text"))
                    .col(date_null("next_action_date"))
                    .col(uuid_null("owner_id"))
                    .col(uuid_null("contact_id"))
                    .col(uuid_null("company_id"))
                    .col(uuid_null("lead_id"))
                    .col(uuid_null("lost_reason_id"))
                    .col(string_len_null("lost_reason_text", 500))
                    .col(text_null("notes"))
                    .col(text("search_text"))
                    .col(timestamp_with_time_zone("opened_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("deals"))
                    .foreign_key(&mut same_workspace_fk("deals", "pipeline_id", "pipelines"))
                    .foreign_key(&mut same_workspace_fk("deals", "stage_id", "pipeline_stages"))
                    .foreign_key(&mut same_workspace_fk("deals", "contact_id", "contacts"))
                    .foreign_key(&mut same_workspace_fk("deals", "company_id", "companies"))
                    .foreign_key(&mut same_workspace_fk("deals", "lead_id", "leads"))
                    .foreign_key(&mut same_workspace_fk("deals", "lost_reason_id", "lost_reasons"))
                    .to_owned(),
            )
            .await?;
        // One deal per converted lead: the last line of defence of
        // exactly-once conversion.
        manager.create_index(index("deals", "deals_lead_key", &["workspace_id", "lead_id"], true)).await?;
        for (name, cols) in [
            ("deals_workspace_idx", &["workspace_id", "id"][..]),
            ("deals_stage_idx", &["workspace_id", "stage_id", "id"]),
            ("deals_owner_idx", &["workspace_id", "owner_id", "status", "id"]),
            ("deals_contact_idx", &["workspace_id", "contact_id", "status", "id"]),
            ("deals_company_idx", &["workspace_id", "company_id", "status", "id"]),
            ("deals_stale_idx", &["workspace_id", "status", "updated_at"]),
        ] {
            manager.create_index(index("deals", name, cols, false)).await?;
        }

        // Unfiltered board totals, kept by the store in the same transaction
        // as every deal write (docs/decisions.md, "Deals"): the first screen
        // of a board reads a handful of rows instead of summing every deal.
        manager
            .create_table(
                Table::create()
                    .table("deal_stage_totals")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("stage_id"))
                    .col(string_len("currency", 3))
                    .col(big_integer("deal_count"))
                    .col(big_integer("amount_minor"))
                    .col(big_integer("weighted_minor"))
                    .foreign_key(&mut workspace_fk("deal_stage_totals"))
                    .foreign_key(
                        &mut same_workspace_fk("deal_stage_totals", "stage_id", "pipeline_stages")
                            .on_delete(ForeignKeyAction::Cascade)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "deal_stage_totals",
                "deal_stage_totals_key",
                &["workspace_id", "stage_id", "currency"],
                true,
            ))
            .await?;

        for (table, col) in [
            ("activities", "deal_id"),
            ("leads", "converted_contact_id"),
            ("leads", "converted_company_id"),
            ("leads", "converted_deal_id"),
        ] {
            manager.alter_table(Table::alter().table(Alias::new(table)).add_column(uuid_null(col)).to_owned()).await?;
        }
        manager
            .create_index(index("activities", "activities_deal_idx", &["workspace_id", "deal_id", "id"], false))
            .await?;

        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE INDEX deals_search_trgm_idx ON deals USING gin (workspace_id, search_text gin_trgm_ops)",
            )
            .await?;
        }

        // Workspaces that existed before deals get the defaults too.
        let backend = manager.get_database_backend();
        let rows = db.query_all_raw(Statement::from_string(backend, "SELECT id FROM workspaces")).await?;
        let now = time::OffsetDateTime::now_utc();
        for row in rows {
            let id: uuid::Uuid = row.try_get("", "id")?;
            crate::seed::workspace_defaults(db, id, now).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("activities_deal_idx").table(Alias::new("activities")).to_owned())
            .await?;
        for (table, col) in [
            ("activities", "deal_id"),
            ("leads", "converted_contact_id"),
            ("leads", "converted_company_id"),
            ("leads", "converted_deal_id"),
        ] {
            manager
                .alter_table(Table::alter().table(Alias::new(table)).drop_column(Alias::new(col)).to_owned())
                .await?;
        }
        for table in ["deal_stage_totals", "deals", "lost_reasons", "pipeline_stages", "pipelines"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
