//! Sessions, single-use email tokens and API tokens.

use crm_identity::ports::{ApiTokenStore, EmailTokenStore, SessionStore};
use crm_identity::{ApiToken, EmailTokenPurpose, Session};
use crm_kernel::{ApiTokenId, Cursor, Limit, Page, Scope, SessionId, StoreError, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, EntityTrait, QueryFilter,
};
use time::OffsetDateTime;

use super::SeaIdentityStore;
use super::convert::{self, scopes_to_text};
use crate::db_err;
use crate::entities::{api_tokens, email_tokens, sessions};
use crate::tenancy::{self, api_token_by_hash, page_in_workspace};

#[async_trait::async_trait]
impl SessionStore for SeaIdentityStore {
    async fn insert_session(&self, session: &Session) -> Result<(), StoreError> {
        let row = sessions::ActiveModel {
            id: Set(session.id.as_uuid()),
            user_id: Set(session.user_id.as_uuid()),
            csrf_hash: Set(session.csrf_hash.clone()),
            created_at: Set(session.created_at),
            expires_at: Set(session.expires_at),
            revoked_at: Set(session.revoked_at),
        };
        sessions::Entity::insert(row).exec_without_returning(&self.db).await.map_err(db_err)?;
        Ok(())
    }

    async fn find_session(&self, id: SessionId) -> Result<Option<Session>, StoreError> {
        let row = sessions::Entity::find_by_id(id.as_uuid()).one(&self.db).await.map_err(db_err)?;
        Ok(row.map(convert::session))
    }

    async fn revoke_session(&self, id: SessionId, at: OffsetDateTime) -> Result<(), StoreError> {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::RevokedAt, Expr::value(at))
            .filter(sessions::Column::Id.eq(id.as_uuid()))
            .filter(sessions::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl EmailTokenStore for SeaIdentityStore {
    async fn insert_email_token(
        &self,
        user: UserId,
        purpose: EmailTokenPurpose,
        token_hash: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let row = email_tokens::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            user_id: Set(user.as_uuid()),
            purpose: Set(purpose.as_str().to_owned()),
            token_hash: Set(token_hash.to_owned()),
            created_at: Set(OffsetDateTime::now_utc()),
            expires_at: Set(expires_at),
            used_at: Set(None),
        };
        email_tokens::Entity::insert(row).exec_without_returning(&self.db).await.map_err(db_err)?;
        Ok(())
    }

    async fn consume_email_token(
        &self,
        purpose: EmailTokenPurpose,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UserId>, StoreError> {
        let row = email_tokens::Entity::find()
            .filter(email_tokens::Column::TokenHash.eq(token_hash))
            .filter(email_tokens::Column::Purpose.eq(purpose.as_str()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        // Expiry is compared here, not in SQL: SQLite stores timestamps as text.
        let Some(row) = row.filter(|r| r.used_at.is_none() && now < r.expires_at) else {
            return Ok(None);
        };
        let claimed = email_tokens::Entity::update_many()
            .col_expr(email_tokens::Column::UsedAt, Expr::value(now))
            .filter(email_tokens::Column::Id.eq(row.id))
            .filter(email_tokens::Column::UsedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok((claimed.rows_affected == 1).then(|| row.user_id.into()))
    }
}

#[async_trait::async_trait]
impl ApiTokenStore for SeaIdentityStore {
    async fn insert_api_token(&self, scope: &Scope, token: &ApiToken, secret_hash: &str) -> Result<(), StoreError> {
        let row = api_tokens::ActiveModel {
            id: Set(token.id.as_uuid()),
            workspace_id: NotSet,
            name: Set(token.name.as_str().to_owned()),
            scopes: Set(scopes_to_text(&token.scopes)),
            prefix: Set(token.prefix.clone()),
            secret_hash: Set(secret_hash.to_owned()),
            created_by: Set(token.created_by.map(|u| u.as_uuid())),
            created_at: Set(token.created_at),
            last_used_at: Set(None),
            revoked_at: Set(None),
        };
        tenancy::insert_in::<api_tokens::Entity>(scope, row).exec_without_returning(&self.db).await.map_err(db_err)?;
        Ok(())
    }

    async fn list_api_tokens(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<ApiToken>, StoreError> {
        let rows = page_in_workspace::<api_tokens::Entity>(scope, after, limit).all(&self.db).await.map_err(db_err)?;
        let items = rows.into_iter().map(convert::api_token).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(items, limit, |t| t.id.as_uuid()))
    }

    async fn revoke_api_token(&self, scope: &Scope, id: ApiTokenId, at: OffsetDateTime) -> Result<bool, StoreError> {
        let result = tenancy::update_in::<api_tokens::Entity>(scope)
            .col_expr(api_tokens::Column::RevokedAt, Expr::value(at))
            .filter(api_tokens::Column::Id.eq(id.as_uuid()))
            .filter(api_tokens::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        if result.rows_affected == 1 {
            return Ok(true);
        }
        // Already revoked still counts as found: revoking is idempotent.
        let exists = crate::tenancy::in_workspace::<api_tokens::Entity>(scope)
            .filter(api_tokens::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(exists.is_some())
    }

    async fn find_api_token_by_hash(&self, secret_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        let row = api_token_by_hash(secret_hash).one(&self.db).await.map_err(db_err)?;
        row.map(convert::api_token).transpose()
    }

    async fn touch_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> Result<(), StoreError> {
        tenancy::touch_api_token_unscoped(id)
            .col_expr(api_tokens::Column::LastUsedAt, Expr::value(at))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }
}
