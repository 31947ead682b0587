//! The SeaORM adapter of `crm_activities`'s port.

use crm_activities::{Activity, ActivityKind, ActivityQuery, ActivityStore, Completion, Link, Links, Priority};
use crm_kernel::{ActivityId, AuditEntry, LeadId, Notification, Scope, StoreError, UserId};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};
use time::OffsetDateTime;

use crate::entities::{activities, companies, contacts, deals, leads};
// The helper every module's writes use, and the test read-back, now live in
// `crate::notifications`; re-exported so existing callers keep their paths.
pub use crate::notifications::notifications_for;
pub(crate) use crate::notifications::notify;
use crate::tenancy::{self, id_exists, in_workspace};
use crate::{audit, db_err, write_txn};

#[derive(Clone)]
pub struct SeaActivityStore {
    db: DatabaseConnection,
}

impl SeaActivityStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

pub(crate) fn row(a: &Activity) -> activities::ActiveModel {
    activities::ActiveModel {
        id: Set(a.id.as_uuid()),
        workspace_id: NotSet,
        kind: Set(a.kind.as_str().to_owned()),
        subject: Set(a.subject.clone()),
        body: Set(a.body.clone()),
        priority: Set(a.priority.as_str().to_owned()),
        due_at: Set(a.due_at),
        assignee_id: Set(a.assignee_id.map(|u| u.as_uuid())),
        lead_id: Set(a.links.lead.map(Into::into)),
        contact_id: Set(a.links.contact.map(Into::into)),
        company_id: Set(a.links.company.map(Into::into)),
        deal_id: Set(a.links.deal.map(Into::into)),
        completed_at: Set(a.completed_at),
        completed_by: Set(a.completed_by),
        created_by: Set(a.created_by),
        created_at: Set(a.created_at),
        updated_at: Set(a.updated_at),
    }
}

fn activity(r: activities::Model) -> Activity {
    Activity {
        id: r.id.into(),
        workspace_id: r.workspace_id.into(),
        kind: r.kind.parse().unwrap_or(ActivityKind::Note),
        subject: r.subject,
        body: r.body,
        priority: r.priority.parse().unwrap_or(Priority::Medium),
        due_at: r.due_at,
        assignee_id: r.assignee_id.map(Into::into),
        links: Links {
            lead: r.lead_id.map(Into::into),
            contact: r.contact_id.map(Into::into),
            company: r.company_id.map(Into::into),
            deal: r.deal_id.map(Into::into),
        },
        completed_at: r.completed_at,
        completed_by: r.completed_by,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// Moves a worked lead's last activity and update time forward to `at`
/// (never back: a lead edited later keeps its later times).
async fn touch_lead(
    txn: &sea_orm::DatabaseTransaction,
    scope: &Scope,
    lead: Option<LeadId>,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    let Some(lead) = lead else { return Ok(()) };
    tenancy::update_in::<leads::Entity>(scope)
        .col_expr(leads::Column::LastActivityAt, Expr::value(at))
        .col_expr(leads::Column::UpdatedAt, Expr::value(at))
        .filter(leads::Column::Id.eq(lead.as_uuid()))
        .filter(leads::Column::LastActivityAt.lt(at))
        .exec(txn)
        .await
        .map_err(db_err)?;
    Ok(())
}

#[async_trait::async_trait]
impl ActivityStore for SeaActivityStore {
    async fn insert_activity(
        &self,
        scope: &Scope,
        a: &Activity,
        worked_lead: Option<LeadId>,
        entry: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<(), StoreError> {
        let txn = write_txn(&self.db).await?;
        tenancy::insert_in::<activities::Entity>(scope, row(a)).exec_without_returning(&txn).await.map_err(db_err)?;
        touch_lead(&txn, scope, worked_lead, a.updated_at).await?;
        audit::append(&txn, scope, entry).await?;
        notify(&txn, scope, n).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn update_activity(
        &self,
        scope: &Scope,
        a: &Activity,
        expected: OffsetDateTime,
        worked_lead: Option<LeadId>,
        entry: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let txn = write_txn(&self.db).await?;
        let mut active = row(a);
        active.id = NotSet;
        active.workspace_id = NotSet;
        active.created_at = NotSet;
        active.created_by = NotSet;
        let result = tenancy::update_in::<activities::Entity>(scope)
            .set(active)
            .filter(activities::Column::Id.eq(a.id.as_uuid()))
            .filter(activities::Column::UpdatedAt.eq(expected))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if result.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Ok(false);
        }
        touch_lead(&txn, scope, worked_lead, a.updated_at).await?;
        audit::append(&txn, scope, entry).await?;
        notify(&txn, scope, n).await?;
        txn.commit().await.map_err(db_err)?;
        Ok(true)
    }

    async fn find_activity(&self, scope: &Scope, id: ActivityId) -> Result<Option<Activity>, StoreError> {
        let found = in_workspace::<activities::Entity>(scope)
            .filter(activities::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(found.map(activity))
    }

    async fn list_activities(&self, scope: &Scope, q: &ActivityQuery) -> Result<Vec<Activity>, StoreError> {
        let f = &q.filter;
        let mut select = in_workspace::<activities::Entity>(scope);
        if let Some(kind) = f.kind {
            select = select.filter(activities::Column::Kind.eq(kind.as_str()));
        }
        if let Some(assignee) = f.assignee {
            select = select.filter(activities::Column::AssigneeId.eq(assignee.as_uuid()));
        }
        match f.completion {
            Some(Completion::Open) => select = select.filter(activities::Column::CompletedAt.is_null()),
            Some(Completion::Completed) => select = select.filter(activities::Column::CompletedAt.is_not_null()),
            None => {}
        }
        if f.overdue {
            select = select
                .filter(activities::Column::CompletedAt.is_null())
                .filter(activities::Column::DueAt.is_not_null())
                .filter(activities::Column::DueAt.lt(q.now));
        }
        if let Some(lead) = f.links.lead {
            select = select.filter(activities::Column::LeadId.eq(lead.as_uuid()));
        }
        if let Some(contact) = f.links.contact {
            select = select.filter(activities::Column::ContactId.eq(contact.as_uuid()));
        }
        if let Some(company) = f.links.company {
            select = select.filter(activities::Column::CompanyId.eq(company.as_uuid()));
        }
        if let Some(deal) = f.links.deal {
            select = select.filter(activities::Column::DealId.eq(deal.as_uuid()));
        }
        if let Some(before) = q.before {
            select = select.filter(activities::Column::Id.lt(before));
        }
        let rows = select
            .order_by_desc(activities::Column::Id)
            .limit(u64::from(q.limit.get()) + 1)
            .all(&self.db)
            .await
            .map_err(db_err)?;
        Ok(rows.into_iter().map(activity).collect())
    }

    async fn count_assigned(&self, scope: &Scope, user: UserId, now: OffsetDateTime) -> Result<(u64, u64), StoreError> {
        let open = in_workspace::<activities::Entity>(scope)
            .filter(activities::Column::AssigneeId.eq(user.as_uuid()))
            .filter(activities::Column::CompletedAt.is_null());
        let total = open.clone().count(&self.db).await.map_err(db_err)?;
        let overdue = open
            .filter(activities::Column::DueAt.is_not_null())
            .filter(activities::Column::DueAt.lt(now))
            .count(&self.db)
            .await
            .map_err(db_err)?;
        Ok((total, overdue))
    }

    async fn link_exists(&self, scope: &Scope, link: Link) -> Result<bool, StoreError> {
        match link {
            Link::Lead(id) => id_exists::<leads::Entity>(&self.db, scope, id).await,
            Link::Contact(id) => id_exists::<contacts::Entity>(&self.db, scope, id).await,
            Link::Company(id) => id_exists::<companies::Entity>(&self.db, scope, id).await,
            Link::Deal(id) => id_exists::<deals::Entity>(&self.db, scope, id).await,
        }
    }

    async fn is_member(&self, scope: &Scope, user: UserId) -> Result<bool, StoreError> {
        crate::tenancy::is_member(&self.db, scope, user).await
    }
}
