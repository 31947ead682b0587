//! Companies, contacts, activities and in-app notifications.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    string, string_len, string_len_null, text, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null,
    uuid, uuid_null,
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
                    .table("companies")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("name", 200))
                    .col(string_len("sort_name", 200))
                    .col(string_len("name_key", 200))
                    .col(string_len_null("domain", 253))
                    .col(string_len_null("website", 500))
                    .col(string_len_null("industry", 100))
                    .col(string_len_null("size", 10))
                    .col(string_len("status", 10))
                    .col(uuid_null("owner_id"))
                    .col(text_null("address"))
                    .col(text_null("notes"))
                    .col(text("search_text"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("companies"))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("companies_workspace_idx", &["workspace_id", "id"][..]),
            ("companies_name_idx", &["workspace_id", "sort_name", "id"]),
            ("companies_name_key_idx", &["workspace_id", "name_key"]),
            ("companies_domain_idx", &["workspace_id", "domain"]),
        ] {
            manager.create_index(index("companies", name, cols, false)).await?;
        }
        // Children reference their company by (workspace_id, id), so a link
        // across workspaces cannot be stored.
        manager.create_index(index("companies", "companies_workspace_id_key", &["workspace_id", "id"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("contacts")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("name", 200))
                    .col(string_len("sort_name", 200))
                    .col(string_len_null("email", 254))
                    .col(text("other_emails").default(""))
                    .col(string_len_null("phone", 16))
                    .col(string_len_null("job_title", 200))
                    .col(uuid_null("company_id"))
                    .col(uuid_null("owner_id"))
                    .col(string("tags").default(""))
                    .col(text_null("address"))
                    .col(text_null("notes"))
                    .col(text("search_text"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("contacts"))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(Alias::new("contacts"))
                            .from_col(Alias::new("workspace_id"))
                            .from_col(Alias::new("company_id"))
                            .to_tbl(Alias::new("companies"))
                            .to_col(Alias::new("workspace_id"))
                            .to_col(Alias::new("id")),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("contacts", "contacts_email_key", &["workspace_id", "email"], true)).await?;
        for (name, cols) in [
            ("contacts_workspace_idx", &["workspace_id", "id"][..]),
            ("contacts_name_idx", &["workspace_id", "sort_name", "id"]),
            ("contacts_company_idx", &["workspace_id", "company_id", "id"]),
            ("contacts_owner_idx", &["workspace_id", "owner_id", "id"]),
        ] {
            manager.create_index(index("contacts", name, cols, false)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("activities")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("kind", 10))
                    .col(string_len("subject", 200))
                    .col(text_null("body"))
                    .col(string_len("priority", 10))
                    .col(timestamp_with_time_zone_null("due_at"))
                    .col(uuid_null("assignee_id"))
                    .col(uuid_null("lead_id"))
                    .col(uuid_null("contact_id"))
                    .col(uuid_null("company_id"))
                    .col(timestamp_with_time_zone_null("completed_at"))
                    .col(uuid_null("completed_by"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut workspace_fk("activities"))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("activities_workspace_idx", &["workspace_id", "id"][..]),
            ("activities_assignee_idx", &["workspace_id", "assignee_id", "id"]),
            ("activities_lead_idx", &["workspace_id", "lead_id", "id"]),
            ("activities_contact_idx", &["workspace_id", "contact_id", "id"]),
            ("activities_company_idx", &["workspace_id", "company_id", "id"]),
            ("activities_due_idx", &["workspace_id", "completed_at", "due_at"]),
        ] {
            manager.create_index(index("activities", name, cols, false)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("notifications")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("user_id"))
                    .col(string_len("kind", 40))
                    .col(string_len("entity_type", 40))
                    .col(uuid("entity_id"))
                    .col(string_len("title", 200))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut workspace_fk("notifications"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("notifications", "notifications_user_idx", &["workspace_id", "user_id", "id"], false))
            .await?;

        if manager.get_database_backend() == DbBackend::Postgres {
            let db = manager.get_connection();
            for table in ["companies", "contacts"] {
                db.execute_unprepared(&format!(
                    "CREATE INDEX {table}_search_trgm_idx ON {table} USING gin (workspace_id, search_text gin_trgm_ops)"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["notifications", "activities", "contacts", "companies"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
