//! Durable idempotency keys (see `crm_kernel::idempotency`). Keys live 24
//! hours; a claim left unfinished for 60 seconds (a crashed node) can be
//! taken over.

use crm_kernel::{IdempotencyClaim, IdempotencyStore, StoreError, StoredResponse};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use time::{Duration, OffsetDateTime};

use crate::entities::idempotency_keys::{ActiveModel, Column, Entity, Model};
use crate::{db_err, is_unique_violation};

const KEEP: Duration = Duration::hours(24);
const ABANDONED_AFTER: Duration = Duration::seconds(60);

#[derive(Clone)]
pub struct SeaIdempotencyStore {
    db: DatabaseConnection,
}

impl SeaIdempotencyStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    fn by_key(scope: &str, key: &str) -> sea_orm::Condition {
        sea_orm::Condition::all().add(Column::ScopeHash.eq(scope)).add(Column::Key.eq(key))
    }

    /// Replaces an expired or abandoned row with a fresh claim, only if it
    /// is still the row we looked at (two nodes cannot both take it over).
    async fn take_over(&self, old: &Model, fingerprint: &str, now: OffsetDateTime) -> Result<bool, StoreError> {
        let result = Entity::update_many()
            .col_expr(Column::Fingerprint, Expr::value(fingerprint))
            .col_expr(Column::CreatedAt, Expr::value(now))
            .col_expr(Column::CompletedAt, Expr::value(Option::<OffsetDateTime>::None))
            .col_expr(Column::ResponseStatus, Expr::value(Option::<i32>::None))
            .col_expr(Column::ResponseBody, Expr::value(Option::<String>::None))
            .filter(Self::by_key(&old.scope_hash, &old.key))
            .filter(Column::CreatedAt.eq(old.created_at))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(result.rows_affected == 1)
    }
}

#[async_trait::async_trait]
impl IdempotencyStore for SeaIdempotencyStore {
    async fn claim(
        &self,
        scope: &str,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError> {
        // Expired keys go away lazily, a small batch at a time.
        if uuid::Uuid::new_v4().as_bytes()[0] < 4 {
            Entity::delete_many().filter(Column::CreatedAt.lt(now - KEEP * 2)).exec(&self.db).await.map_err(db_err)?;
        }
        let row = ActiveModel {
            scope_hash: Set(scope.to_owned()),
            key: Set(key.to_owned()),
            fingerprint: Set(fingerprint.to_owned()),
            response_status: Set(None),
            response_body: Set(None),
            content_type: Set(None),
            created_at: Set(now),
            completed_at: Set(None),
        };
        match Entity::insert(row).exec_without_returning(&self.db).await {
            Ok(_) => return Ok(IdempotencyClaim::Claimed),
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(db_err(e)),
        }
        let Some(existing) = Entity::find().filter(Self::by_key(scope, key)).one(&self.db).await.map_err(db_err)?
        else {
            // Deleted between our insert and read: the caller may retry.
            return Ok(IdempotencyClaim::InFlight);
        };
        let expired = now - existing.created_at >= KEEP;
        let abandoned = existing.completed_at.is_none() && now - existing.created_at >= ABANDONED_AFTER;
        if expired || (abandoned && existing.fingerprint == fingerprint) {
            return Ok(if self.take_over(&existing, fingerprint, now).await? {
                IdempotencyClaim::Claimed
            } else {
                IdempotencyClaim::InFlight
            });
        }
        if existing.fingerprint != fingerprint {
            return Ok(IdempotencyClaim::Mismatch);
        }
        match (existing.completed_at, existing.response_status, existing.response_body) {
            (Some(_), Some(status), Some(body)) => Ok(IdempotencyClaim::Replay(StoredResponse {
                status: u16::try_from(status).unwrap_or(200),
                content_type: existing.content_type.unwrap_or_else(|| "application/json".to_owned()),
                body,
            })),
            _ => Ok(IdempotencyClaim::InFlight),
        }
    }

    async fn complete(
        &self,
        scope: &str,
        key: &str,
        response: &StoredResponse,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        Entity::update_many()
            .col_expr(Column::ResponseStatus, Expr::value(i32::from(response.status)))
            .col_expr(Column::ResponseBody, Expr::value(response.body.clone()))
            .col_expr(Column::ContentType, Expr::value(response.content_type.clone()))
            .col_expr(Column::CompletedAt, Expr::value(now))
            .filter(Self::by_key(scope, key))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn release(&self, scope: &str, key: &str) -> Result<(), StoreError> {
        Entity::delete_many().filter(Self::by_key(scope, key)).exec(&self.db).await.map_err(db_err)?;
        Ok(())
    }
}
