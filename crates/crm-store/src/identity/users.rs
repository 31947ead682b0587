//! Users, sign-up transactions and platform administration.

use crm_identity::ports::{Accepted, Inserted, UserStore};
use crm_identity::{Email, Membership, PersonName, Theme, User, UserCredentials, Workspace};
use crm_kernel::{Cursor, InvitationId, Limit, Page, SessionId, StoreError, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use time::OffsetDateTime;

use super::SeaIdentityStore;
use super::convert;
use super::workspaces::{accept_in, insert_membership, insert_workspace_row};
use crate::entities::{sessions, users};
use crate::{db_err, is_unique_violation};

fn user_row(user: &User, password_hash: &str) -> users::ActiveModel {
    users::ActiveModel {
        id: Set(user.id.as_uuid()),
        email: Set(user.email.as_str().to_owned()),
        name: Set(user.name.as_str().to_owned()),
        password_hash: Set(password_hash.to_owned()),
        email_verified_at: Set(user.email_verified_at),
        is_platform_admin: Set(user.is_platform_admin),
        banned_at: Set(user.banned_at),
        theme: Set(user.theme.as_str().to_owned()),
        created_at: Set(user.created_at),
    }
}

/// Inserts a user; `Duplicate` when the email is taken.
async fn insert_user(conn: &impl ConnectionTrait, user: &User, hash: &str) -> Result<Inserted, StoreError> {
    match users::Entity::insert(user_row(user, hash)).exec_without_returning(conn).await {
        Ok(_) => Ok(Inserted::Ok),
        Err(e) if is_unique_violation(&e) => Ok(Inserted::Duplicate),
        Err(e) => Err(db_err(e)),
    }
}

/// Revokes the user's live sessions, except `keep`.
pub(super) async fn revoke_sessions(
    conn: &impl ConnectionTrait,
    user: UserId,
    keep: Option<SessionId>,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    let mut update = sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(at))
        .filter(sessions::Column::UserId.eq(user.as_uuid()))
        .filter(sessions::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(sessions::Column::Id.ne(keep.as_uuid()));
    }
    update.exec(conn).await.map_err(db_err)?;
    Ok(())
}

#[async_trait::async_trait]
impl UserStore for SeaIdentityStore {
    async fn insert_user_with_workspace(
        &self,
        user: &User,
        password_hash: &str,
        workspace: &Workspace,
        owner: &Membership,
    ) -> Result<Inserted, StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        if insert_user(&txn, user, password_hash).await? == Inserted::Duplicate {
            txn.rollback().await.map_err(db_err)?;
            return Ok(Inserted::Duplicate);
        }
        insert_workspace_row(&txn, workspace).await?;
        insert_membership(&txn, owner).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(Inserted::Ok)
    }

    async fn insert_user_accepting_invitation(
        &self,
        user: &User,
        password_hash: &str,
        invitation: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Result<Inserted, Accepted>, StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        if insert_user(&txn, user, password_hash).await? == Inserted::Duplicate {
            txn.rollback().await.map_err(db_err)?;
            return Ok(Ok(Inserted::Duplicate));
        }
        let accepted = accept_in(&txn, invitation, membership, now).await?;
        if accepted != Accepted::Ok {
            txn.rollback().await.map_err(db_err)?;
            return Ok(Err(accepted));
        }
        txn.commit().await.map_err(db_err)?;
        Ok(Ok(Inserted::Ok))
    }

    async fn find_credentials(&self, email: &Email) -> Result<Option<UserCredentials>, StoreError> {
        let row = users::Entity::find()
            .filter(users::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(row.map(|r| {
            let password_hash = r.password_hash.clone();
            UserCredentials { user: convert::user(r), password_hash }
        }))
    }

    async fn find_user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        let row = users::Entity::find_by_id(id.as_uuid()).one(&self.db).await.map_err(db_err)?;
        Ok(row.map(convert::user))
    }

    async fn find_credentials_by_id(&self, id: UserId) -> Result<Option<UserCredentials>, StoreError> {
        let row = users::Entity::find_by_id(id.as_uuid()).one(&self.db).await.map_err(db_err)?;
        Ok(row.map(|r| {
            let password_hash = r.password_hash.clone();
            UserCredentials { user: convert::user(r), password_hash }
        }))
    }

    async fn update_profile(&self, id: UserId, name: &PersonName, theme: Theme) -> Result<(), StoreError> {
        users::Entity::update_many()
            .col_expr(users::Column::Name, Expr::value(name.as_str()))
            .col_expr(users::Column::Theme, Expr::value(theme.as_str()))
            .filter(users::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        keep: Option<SessionId>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(password_hash))
            .filter(users::Column::Id.eq(id.as_uuid()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        revoke_sessions(&txn, id, keep, now).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn mark_email_verified(&self, id: UserId, at: OffsetDateTime) -> Result<(), StoreError> {
        users::Entity::update_many()
            .col_expr(users::Column::EmailVerifiedAt, Expr::value(at))
            .filter(users::Column::Id.eq(id.as_uuid()))
            .filter(users::Column::EmailVerifiedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn set_banned(&self, id: UserId, banned_at: Option<OffsetDateTime>) -> Result<(), StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        users::Entity::update_many()
            .col_expr(users::Column::BannedAt, Expr::value(banned_at))
            .filter(users::Column::Id.eq(id.as_uuid()))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if let Some(at) = banned_at {
            revoke_sessions(&txn, id, None, at).await?;
        }
        txn.commit().await.map_err(db_err)
    }

    async fn set_platform_admin(&self, id: UserId, admin: bool) -> Result<(), StoreError> {
        users::Entity::update_many()
            .col_expr(users::Column::IsPlatformAdmin, Expr::value(admin))
            .filter(users::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn list_users(
        &self,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<User>, StoreError> {
        let mut select = users::Entity::find();
        if let Some(q) = query {
            let pattern = format!("%{}%", escape_like(&q.to_lowercase()));
            select = select.filter(
                Condition::any()
                    .add(Expr::col(users::Column::Email).like(pattern.clone()))
                    .add(Func::lower(Expr::col(users::Column::Name)).like(pattern)),
            );
        }
        if let Some(cursor) = after {
            select = select.filter(users::Column::Id.gt(cursor.last_id()));
        }
        let rows = select
            .order_by_asc(users::Column::Id)
            .limit(u64::from(limit.get()) + 1)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(Page::from_overfetch(rows.into_iter().map(convert::user).collect(), limit, |u| u.id.as_uuid()))
    }
}

/// Escapes LIKE wildcards in user input (the default escape is none, so
/// wildcards are dropped instead: a search for `%` or `_` matches literally
/// nothing special).
fn escape_like(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect()
}
