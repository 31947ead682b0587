//! Identity and access: users, workspaces, memberships (with workspace-local
//! suspension), sessions, single-use email tokens, invitations, API tokens.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, string, string_len, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &str, cols: &[&str], to: &str, to_cols: &[&str]) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.from_tbl(Alias::new(from)).to_tbl(Alias::new(to)).on_delete(ForeignKeyAction::Cascade);
    for c in cols {
        fk.from_col(Alias::new(*c));
    }
    for c in to_cols {
        fk.to_col(Alias::new(*c));
    }
    fk.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(uuid("id").primary_key())
                    .col(string_len("email", 254))
                    .col(string_len("name", 100))
                    .col(string("password_hash"))
                    .col(timestamp_with_time_zone_null("email_verified_at"))
                    .col(boolean("is_platform_admin").default(false))
                    .col(timestamp_with_time_zone_null("banned_at"))
                    .col(string_len("theme", 10).default("system"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("users", "users_email_key", &["email"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("workspaces")
                    .col(uuid("id").primary_key())
                    .col(string_len("name", 100))
                    .col(string_len("currency", 3))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("memberships")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(uuid("user_id"))
                    .col(string_len("role", 10))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("suspended_at"))
                    .col(text_null("suspension_reason"))
                    .foreign_key(&mut fk("memberships", &["workspace_id"], "workspaces", &["id"]))
                    .foreign_key(&mut fk("memberships", &["user_id"], "users", &["id"]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("memberships", "memberships_workspace_user_key", &["workspace_id", "user_id"], true))
            .await?;
        manager.create_index(index("memberships", "memberships_user_idx", &["user_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("csrf_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("sessions", &["user_id"], "users", &["id"]))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("sessions", "sessions_user_idx", &["user_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("email_tokens")
                    .col(uuid("id").primary_key())
                    .col(uuid("user_id"))
                    .col(string_len("purpose", 20))
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("email_tokens", &["user_id"], "users", &["id"]))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("email_tokens", "email_tokens_hash_key", &["token_hash"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table("invitations")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("email", 254))
                    .col(string_len("role", 10))
                    .col(uuid("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("invitations", &["workspace_id"], "workspaces", &["id"]))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("invitations", "invitations_workspace_email_idx", &["workspace_id", "email"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .col(uuid("id").primary_key())
                    .col(uuid("workspace_id"))
                    .col(string_len("name", 100))
                    .col(string("scopes"))
                    .col(string_len("prefix", 16))
                    .col(string_len("secret_hash", 64))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("api_tokens", &["workspace_id"], "workspaces", &["id"]))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("api_tokens", "api_tokens_secret_hash_key", &["secret_hash"], true)).await?;
        manager.create_index(index("api_tokens", "api_tokens_workspace_idx", &["workspace_id", "id"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["api_tokens", "invitations", "email_tokens", "sessions", "memberships", "workspaces", "users"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
