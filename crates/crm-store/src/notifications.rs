//! The SeaORM adapter of `crm_notifications`'s ports: the bell, the
//! workspace's digest preferences and the digest's delivery claims. Also
//! [`notify`], which the modules call to store a notification in the same
//! transaction as their change.

use crm_kernel::{AuditEntry, Limit, Notification, NotificationId, Role, Scope, StoreError, UserId, WorkspaceId};
use crm_notifications::{
    Claim, DigestCandidates, DigestPreferences, DigestStore, DigestWorkspace, NotificationStore, OpenActivity,
    OpenDeal, OpenLead, Recipient, StoredNotification,
};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::entities::{
    activities, deals, digest_deliveries, leads, notification_preferences, notifications, users, workspaces,
};
use crate::tenancy::{self, active_members_unscoped, in_workspace};
use crate::{audit, db_err, is_unique_violation, write_txn};

/// Stores `n` (if any) for its recipient in the scope's workspace, on
/// `conn` (the caller's transaction).
///
/// # Errors
/// `StoreError` on storage failure.
pub(crate) async fn notify(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    n: Option<&Notification>,
) -> Result<(), StoreError> {
    let Some(n) = n else { return Ok(()) };
    let row = notifications::ActiveModel {
        id: Set(n.id.as_uuid()),
        workspace_id: NotSet,
        user_id: Set(n.recipient.as_uuid()),
        kind: Set(n.kind.to_owned()),
        entity_type: Set(n.entity_type.to_owned()),
        entity_id: Set(n.entity_id),
        title: Set(n.title.chars().take(200).collect()),
        created_at: Set(n.created_at),
        read_at: Set(None),
    };
    tenancy::insert_in::<notifications::Entity>(scope, row).exec_without_returning(conn).await.map_err(db_err)?;
    Ok(())
}

/// Notifications stored for `user` in the scope's workspace, newest first,
/// as (kind, entity id, title): what store and HTTP tests check.
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn notifications_for(
    db: &DatabaseConnection,
    scope: &Scope,
    user: UserId,
) -> Result<Vec<(String, Uuid, String)>, StoreError> {
    let rows = in_workspace::<notifications::Entity>(scope)
        .filter(notifications::Column::UserId.eq(user.as_uuid()))
        .order_by_desc(notifications::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|n| (n.kind, n.entity_id, n.title)).collect())
}

fn stored(n: notifications::Model) -> StoredNotification {
    StoredNotification {
        id: n.id.into(),
        kind: n.kind,
        entity_type: n.entity_type,
        entity_id: n.entity_id,
        title: n.title,
        created_at: n.created_at,
        read_at: n.read_at,
    }
}

fn own(scope: &Scope, user: UserId) -> sea_orm::Select<notifications::Entity> {
    in_workspace::<notifications::Entity>(scope).filter(notifications::Column::UserId.eq(user.as_uuid()))
}

/// Bell, preferences and digest storage on SQLite or PostgreSQL.
#[derive(Clone)]
pub struct SeaNotificationStore {
    db: DatabaseConnection,
}

impl SeaNotificationStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn load_preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError> {
        let row = in_workspace::<notification_preferences::Entity>(scope).one(&self.db).await.map_err(db_err)?;
        Ok(row.map_or_else(DigestPreferences::default, |p| DigestPreferences {
            overdue_activities: p.overdue_activities,
            stale_leads: p.stale_leads,
            stale_deals: p.stale_deals,
            updated_at: Some(p.updated_at),
        }))
    }
}

#[async_trait::async_trait]
impl NotificationStore for SeaNotificationStore {
    async fn list_notifications(
        &self,
        scope: &Scope,
        user: UserId,
        unread_only: bool,
        before: Option<NotificationId>,
        limit: Limit,
    ) -> Result<Vec<StoredNotification>, StoreError> {
        let mut select = own(scope, user);
        if unread_only {
            select = select.filter(notifications::Column::ReadAt.is_null());
        }
        if let Some(before) = before {
            select = select.filter(notifications::Column::Id.lt(before.as_uuid()));
        }
        let rows = select
            .order_by_desc(notifications::Column::Id)
            .limit(u64::from(limit.get()) + 1)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(stored).collect())
    }

    async fn count_unread(&self, scope: &Scope, user: UserId, cap: u32) -> Result<u64, StoreError> {
        // count(*) over at most `cap` rows of the partial unread index.
        let inner = own(scope, user)
            .filter(notifications::Column::ReadAt.is_null())
            .select_only()
            .column(notifications::Column::Id)
            .limit(u64::from(cap))
            .into_query();
        let query = Query::select()
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .from_subquery(inner, Alias::new("unread"))
            .to_owned();
        let row = self.db.query_one(&query).await.map_err(db_err)?;
        let n: i64 = row.map(|r| r.try_get("", "n")).transpose().map_err(db_err)?.unwrap_or(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn mark_read(
        &self,
        scope: &Scope,
        user: UserId,
        id: NotificationId,
        at: OffsetDateTime,
    ) -> Result<Option<StoredNotification>, StoreError> {
        tenancy::update_in::<notifications::Entity>(scope)
            .col_expr(notifications::Column::ReadAt, Expr::value(at))
            .filter(notifications::Column::UserId.eq(user.as_uuid()))
            .filter(notifications::Column::Id.eq(id.as_uuid()))
            .filter(notifications::Column::ReadAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        let row =
            own(scope, user).filter(notifications::Column::Id.eq(id.as_uuid())).one(&self.db).await.map_err(db_err)?;
        Ok(row.map(stored))
    }

    async fn mark_all_read(&self, scope: &Scope, user: UserId, at: OffsetDateTime) -> Result<u64, StoreError> {
        let result = tenancy::update_in::<notifications::Entity>(scope)
            .col_expr(notifications::Column::ReadAt, Expr::value(at))
            .filter(notifications::Column::UserId.eq(user.as_uuid()))
            .filter(notifications::Column::ReadAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(result.rows_affected)
    }

    async fn preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError> {
        self.load_preferences(scope).await
    }

    async fn save_preferences(
        &self,
        scope: &Scope,
        prefs: &DigestPreferences,
        entry: &AuditEntry,
    ) -> Result<(), StoreError> {
        let row = notification_preferences::ActiveModel {
            workspace_id: NotSet,
            overdue_activities: Set(prefs.overdue_activities),
            stale_leads: Set(prefs.stale_leads),
            stale_deals: Set(prefs.stale_deals),
            updated_at: Set(prefs.updated_at.unwrap_or(entry.at)),
        };
        let txn = write_txn(&self.db).await?;
        tenancy::insert_in::<notification_preferences::Entity>(scope, row)
            .on_conflict(
                OnConflict::column(notification_preferences::Column::WorkspaceId)
                    .update_columns([
                        notification_preferences::Column::OverdueActivities,
                        notification_preferences::Column::StaleLeads,
                        notification_preferences::Column::StaleDeals,
                        notification_preferences::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
        audit::append(&txn, scope, entry).await?;
        txn.commit().await.map_err(db_err)
    }
}

const OPEN_LEADS: [&str; 3] = ["new", "contacted", "qualified"];

#[async_trait::async_trait]
impl DigestStore for SeaNotificationStore {
    async fn workspaces_unscoped(&self) -> Result<Vec<DigestWorkspace>, StoreError> {
        let rows =
            workspaces::Entity::find().order_by_asc(workspaces::Column::Id).all(&self.db).await.map_err(db_err)?;
        Ok(rows.into_iter().map(|w| DigestWorkspace { id: w.id.into(), name: w.name }).collect())
    }

    async fn recipients_unscoped(&self, workspace: WorkspaceId) -> Result<Vec<Recipient>, StoreError> {
        let members = active_members_unscoped(workspace).all(&self.db).await.map_err(db_err)?;
        let ids: Vec<Uuid> = members.iter().map(|m| m.user_id).collect();
        let people = users::Entity::find()
            .filter(users::Column::Id.is_in(ids))
            .filter(users::Column::BannedAt.is_null())
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(members
            .into_iter()
            .filter_map(|m| {
                let user = people.iter().find(|u| u.id == m.user_id)?;
                Some(Recipient {
                    user: m.user_id.into(),
                    role: m.role.parse::<Role>().ok()?,
                    email: user.email.clone(),
                    name: user.name.clone(),
                })
            })
            .collect())
    }

    async fn candidates(&self, scope: &Scope, now: OffsetDateTime, cap: u64) -> Result<DigestCandidates, StoreError> {
        let Some(user) = scope.user() else { return Ok(DigestCandidates::default()) };
        let user = user.as_uuid();
        let activities = in_workspace::<activities::Entity>(scope)
            .filter(activities::Column::AssigneeId.eq(user))
            .filter(activities::Column::CompletedAt.is_null())
            .filter(activities::Column::DueAt.lt(now))
            .order_by_asc(activities::Column::DueAt)
            .limit(cap)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        let stale_since = now - Duration::days(crm_leads::score::STALE_AFTER_DAYS);
        let leads = in_workspace::<leads::Entity>(scope)
            .filter(leads::Column::AssigneeId.eq(user))
            .filter(leads::Column::Status.is_in(OPEN_LEADS))
            .filter(
                sea_orm::Condition::any()
                    .add(leads::Column::NextActionDate.lt(now.date()))
                    .add(leads::Column::UpdatedAt.lte(stale_since)),
            )
            .order_by_asc(leads::Column::UpdatedAt)
            .limit(cap)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        let deals = in_workspace::<deals::Entity>(scope)
            .filter(deals::Column::OwnerId.eq(user))
            .filter(deals::Column::Status.eq("open"))
            .filter(deals::Column::UpdatedAt.lt(now - Duration::days(crm_deals::values::STALE_AFTER_DAYS)))
            .order_by_asc(deals::Column::UpdatedAt)
            .limit(cap)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(DigestCandidates {
            activities: activities
                .into_iter()
                .map(|a| OpenActivity { id: a.id.into(), subject: a.subject, due_at: a.due_at })
                .collect(),
            leads: leads
                .into_iter()
                .map(|l| OpenLead {
                    id: l.id.into(),
                    name: l.name,
                    next_action_date: l.next_action_date,
                    updated_at: l.updated_at,
                })
                .collect(),
            deals: deals
                .into_iter()
                .map(|d| OpenDeal { id: d.id.into(), title: d.title, updated_at: d.updated_at })
                .collect(),
        })
    }

    async fn digest_preferences(&self, scope: &Scope) -> Result<DigestPreferences, StoreError> {
        self.load_preferences(scope).await
    }

    async fn claim_delivery(&self, scope: &Scope, date: Date, at: OffsetDateTime) -> Result<Claim, StoreError> {
        let user = scope.user().ok_or_else(|| StoreError("a digest is claimed for a user".into()))?;
        let id = Uuid::now_v7();
        let row = digest_deliveries::ActiveModel {
            id: Set(id),
            workspace_id: NotSet,
            user_id: Set(user.as_uuid()),
            digest_date: Set(date),
            status: Set("claimed".to_owned()),
            claimed_at: Set(at),
            sent_at: Set(None),
            error: Set(None),
        };
        // Its own statement, committed before anything is sent: the unique
        // (workspace, user, date) key decides who sends.
        match tenancy::insert_in::<digest_deliveries::Entity>(scope, row).exec_without_returning(&self.db).await {
            Ok(_) => Ok(Claim::Claimed(id)),
            Err(e) if is_unique_violation(&e) => Ok(Claim::AlreadyClaimed),
            Err(e) => Err(db_err(e)),
        }
    }

    async fn finish_delivery(
        &self,
        scope: &Scope,
        claim: Uuid,
        outcome: Result<OffsetDateTime, String>,
    ) -> Result<(), StoreError> {
        let (status, sent_at, error) = match outcome {
            Ok(at) => ("sent", Some(at), None),
            Err(e) => ("failed", None, Some(e.chars().take(2000).collect::<String>())),
        };
        tenancy::update_in::<digest_deliveries::Entity>(scope)
            .col_expr(digest_deliveries::Column::Status, Expr::value(status))
            .col_expr(digest_deliveries::Column::SentAt, Expr::value(sent_at))
            .col_expr(digest_deliveries::Column::Error, Expr::value(error))
            .filter(digest_deliveries::Column::Id.eq(claim))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }
}

/// The delivery rows of a workspace, as (user, date, status, error): what
/// the digest tests check.
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn deliveries_for(
    db: &DatabaseConnection,
    scope: &Scope,
) -> Result<Vec<(UserId, Date, String, Option<String>)>, StoreError> {
    let rows = in_workspace::<digest_deliveries::Entity>(scope)
        .order_by_asc(digest_deliveries::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.user_id.into(), r.digest_date, r.status, r.error)).collect())
}
