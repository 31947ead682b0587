//! Workspaces, memberships (roles, suspension) and invitations.

use std::collections::HashMap;

use crm_identity::ports::{Accepted, Inserted, InvitationStore, OwnerGuarded, WorkspaceStore};
use crm_identity::{Invitation, InvitationStatus, Member, Membership, Workspace, WorkspaceMembership};
use crm_kernel::{Cursor, InvitationId, Limit, Page, Role, Scope, StoreError, UserId, WorkspaceId};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    QueryTrait,
};
use time::OffsetDateTime;

use super::SeaIdentityStore;
use super::convert;
use crate::entities::{invitations, memberships, users, workspaces};
use crate::tenancy::{self, in_workspace, invitation_by_link, memberships_of_user, page_in_workspace};
use crate::{db_err, is_unique_violation};

/// Users whose name or email contains `q`, case-insensitively (LIKE
/// wildcards in `q` are dropped).
fn users_matching(q: &str) -> sea_orm::sea_query::SelectStatement {
    let pattern = crate::keyset::like_pattern(&q.to_lowercase());
    users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(
            Condition::any()
                .add(Func::lower(Expr::col(users::Column::Email)).like(pattern.clone()))
                .add(Func::lower(Expr::col(users::Column::Name)).like(pattern)),
        )
        .into_query()
}

pub(super) async fn insert_workspace_row(conn: &impl ConnectionTrait, ws: &Workspace) -> Result<(), StoreError> {
    let row = workspaces::ActiveModel {
        id: Set(ws.id.as_uuid()),
        name: Set(ws.name.as_str().to_owned()),
        currency: Set(ws.currency.code().to_owned()),
        created_at: Set(ws.created_at),
    };
    workspaces::Entity::insert(row).exec_without_returning(conn).await.map_err(db_err)?;
    migration::seed::workspace_defaults(conn, ws.id.as_uuid(), ws.created_at).await.map_err(db_err)
}

fn membership_row(m: &Membership) -> memberships::ActiveModel {
    memberships::ActiveModel {
        id: Set(m.id.as_uuid()),
        workspace_id: NotSet,
        user_id: Set(m.user_id.as_uuid()),
        role: Set(m.role.as_str().to_owned()),
        created_at: Set(m.created_at),
        suspended_at: Set(m.suspended_at),
        suspension_reason: Set(m.suspension_reason.clone()),
    }
}

pub(super) async fn insert_membership(conn: &impl ConnectionTrait, m: &Membership) -> Result<(), StoreError> {
    tenancy::insert_membership_unscoped(m.workspace_id, membership_row(m))
        .exec_without_returning(conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Accepts a pending invitation and inserts the membership, on `conn` (a
/// transaction the caller commits or rolls back).
pub(super) async fn accept_in(
    conn: &impl ConnectionTrait,
    id: InvitationId,
    membership: &Membership,
    now: OffsetDateTime,
) -> Result<Accepted, StoreError> {
    let Some(row) = invitation_by_link(id).one(conn).await.map_err(db_err)? else {
        return Ok(Accepted::NotPending);
    };
    if convert::invitation(row)?.status(now) != InvitationStatus::Pending {
        return Ok(Accepted::NotPending);
    }
    // The conditional update is what serialises two concurrent accepts.
    let claimed = tenancy::claim_invitation_by_link(id)
        .col_expr(invitations::Column::AcceptedAt, Expr::value(now))
        .exec(conn)
        .await
        .map_err(db_err)?;
    if claimed.rows_affected != 1 {
        return Ok(Accepted::NotPending);
    }
    match tenancy::insert_membership_unscoped(membership.workspace_id, membership_row(membership))
        .exec_without_returning(conn)
        .await
    {
        Ok(_) => Ok(Accepted::Ok),
        Err(e) if is_unique_violation(&e) => Ok(Accepted::AlreadyMember),
        Err(e) => Err(db_err(e)),
    }
}

impl SeaIdentityStore {
    async fn users_by_id(&self, ids: Vec<uuid::Uuid>) -> Result<HashMap<uuid::Uuid, users::Model>, StoreError> {
        let rows = users::Entity::find().filter(users::Column::Id.is_in(ids)).all(&self.db).await.map_err(db_err)?;
        Ok(rows.into_iter().map(|u| (u.id, u)).collect())
    }

    async fn members_of(&self, rows: Vec<memberships::Model>) -> Result<Vec<Member>, StoreError> {
        let users = self.users_by_id(rows.iter().map(|m| m.user_id).collect()).await?;
        rows.into_iter()
            .map(|m| {
                let user = users.get(&m.user_id).ok_or_else(|| StoreError("membership without user".into()))?;
                convert::member(m.clone(), user)
            })
            .collect()
    }

    /// Runs an owner-guarded change in one transaction: the owners are
    /// re-counted (and locked on PostgreSQL) inside it.
    async fn guard_owners(
        &self,
        scope: &Scope,
        user: UserId,
        new_role: Option<Role>,
    ) -> Result<OwnerGuarded<()>, StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        let mut owners = in_workspace::<memberships::Entity>(scope).filter(memberships::Column::Role.eq("owner"));
        if txn.get_database_backend() == DbBackend::Postgres {
            owners = owners.lock_exclusive();
        }
        let owners = owners.all(&txn).await.map_err(db_err)?;
        let target = in_workspace::<memberships::Entity>(scope)
            .filter(memberships::Column::UserId.eq(user.as_uuid()))
            .one(&txn)
            .await
            .map_err(db_err)?;
        let Some(target) = target else {
            return Ok(OwnerGuarded::NotFound);
        };
        let remaining =
            owners.iter().filter(|o| o.user_id != user.as_uuid()).count() + usize::from(new_role == Some(Role::Owner));
        if remaining == 0 {
            return Ok(OwnerGuarded::WouldLeaveNoOwner);
        }
        let by_id = memberships::Column::Id.eq(target.id);
        match new_role {
            Some(role) => {
                tenancy::update_in::<memberships::Entity>(scope)
                    .col_expr(memberships::Column::Role, Expr::value(role.as_str()))
                    .filter(by_id)
                    .exec(&txn)
                    .await
                    .map_err(db_err)?;
            }
            None => {
                tenancy::delete_in::<memberships::Entity>(scope).filter(by_id).exec(&txn).await.map_err(db_err)?;
            }
        }
        txn.commit().await.map_err(db_err)?;
        Ok(OwnerGuarded::Done(()))
    }
}

#[async_trait::async_trait]
impl WorkspaceStore for SeaIdentityStore {
    async fn insert_workspace(&self, workspace: &Workspace, owner: &Membership) -> Result<(), StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        insert_workspace_row(&txn, workspace).await?;
        insert_membership(&txn, owner).await?;
        txn.commit().await.map_err(db_err)
    }

    async fn get_workspace(&self, scope: &Scope) -> Result<Workspace, StoreError> {
        self.find_workspace_unscoped(scope.workspace())
            .await?
            .ok_or_else(|| StoreError("scope names a missing workspace".into()))
    }

    async fn find_workspace_unscoped(&self, id: WorkspaceId) -> Result<Option<Workspace>, StoreError> {
        let row = workspaces::Entity::find_by_id(id.as_uuid()).one(&self.db).await.map_err(db_err)?;
        row.map(convert::workspace).transpose()
    }

    async fn update_workspace(&self, scope: &Scope, workspace: &Workspace) -> Result<(), StoreError> {
        workspaces::Entity::update_many()
            .col_expr(workspaces::Column::Name, Expr::value(workspace.name.as_str()))
            .col_expr(workspaces::Column::Currency, Expr::value(workspace.currency.code()))
            .filter(workspaces::Column::Id.eq(scope.workspace().as_uuid()))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(())
    }

    async fn find_membership(&self, workspace: WorkspaceId, user: UserId) -> Result<Option<Membership>, StoreError> {
        let row = memberships_of_user(user)
            .filter(memberships::Column::WorkspaceId.eq(workspace.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        row.map(convert::membership).transpose()
    }

    async fn list_user_workspaces(&self, user: UserId) -> Result<Vec<WorkspaceMembership>, StoreError> {
        let rows = memberships_of_user(user).all(&self.db).await.map_err(db_err)?;
        let ids: Vec<uuid::Uuid> = rows.iter().map(|m| m.workspace_id).collect();
        let workspaces: HashMap<uuid::Uuid, workspaces::Model> = workspaces::Entity::find()
            .filter(workspaces::Column::Id.is_in(ids))
            .all(&self.db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|w| (w.id, w))
            .collect();
        let mut out = rows
            .into_iter()
            .filter_map(|m| workspaces.get(&m.workspace_id).cloned().map(|w| (m, w)))
            .map(|(m, w)| {
                Ok(WorkspaceMembership { workspace: convert::workspace(w)?, membership: convert::membership(m)? })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.sort_by_key(|wm| wm.membership.id);
        Ok(out)
    }

    async fn list_members(
        &self,
        scope: &Scope,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Member>, StoreError> {
        let mut select = page_in_workspace::<memberships::Entity>(scope, after, limit);
        if let Some(q) = query {
            select = select.filter(memberships::Column::UserId.in_subquery(users_matching(q)));
        }
        let rows = select.all(&self.db).await.map_err(db_err)?;
        let members = self.members_of(rows).await?;
        Ok(Page::from_overfetch(members, limit, |m| m.membership.id.as_uuid()))
    }

    async fn find_member(&self, scope: &Scope, user: UserId) -> Result<Option<Member>, StoreError> {
        let row = in_workspace::<memberships::Entity>(scope)
            .filter(memberships::Column::UserId.eq(user.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        Ok(self.members_of(row.into_iter().collect()).await?.pop())
    }

    async fn count_members(&self, scope: &Scope) -> Result<u64, StoreError> {
        in_workspace::<memberships::Entity>(scope).count(&self.db).await.map_err(db_err)
    }

    async fn change_role(&self, scope: &Scope, user: UserId, role: Role) -> Result<OwnerGuarded<()>, StoreError> {
        self.guard_owners(scope, user, Some(role)).await
    }

    async fn remove_member(&self, scope: &Scope, user: UserId) -> Result<OwnerGuarded<()>, StoreError> {
        self.guard_owners(scope, user, None).await
    }

    async fn set_suspension(
        &self,
        scope: &Scope,
        user: UserId,
        suspension: Option<(OffsetDateTime, Option<String>)>,
    ) -> Result<bool, StoreError> {
        let (at, reason) = suspension.map_or((None, None), |(at, reason)| (Some(at), reason));
        let result = tenancy::update_in::<memberships::Entity>(scope)
            .col_expr(memberships::Column::SuspendedAt, Expr::value(at))
            .col_expr(memberships::Column::SuspensionReason, Expr::value(reason))
            .filter(memberships::Column::UserId.eq(user.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(result.rows_affected == 1)
    }
}

#[async_trait::async_trait]
impl InvitationStore for SeaIdentityStore {
    async fn insert_invitation(&self, scope: &Scope, invitation: &Invitation) -> Result<Inserted, StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        let same_email = in_workspace::<invitations::Entity>(scope)
            .filter(invitations::Column::Email.eq(invitation.email.as_str()))
            .all(&txn)
            .await
            .map_err(db_err)?;
        for row in same_email {
            if convert::invitation(row)?.status(invitation.created_at) == InvitationStatus::Pending {
                txn.rollback().await.map_err(db_err)?;
                return Ok(Inserted::Duplicate);
            }
        }
        let row = invitations::ActiveModel {
            id: Set(invitation.id.as_uuid()),
            workspace_id: NotSet,
            email: Set(invitation.email.as_str().to_owned()),
            role: Set(invitation.role.as_str().to_owned()),
            invited_by: Set(invitation.invited_by.as_uuid()),
            created_at: Set(invitation.created_at),
            expires_at: Set(invitation.expires_at),
            accepted_at: Set(None),
            revoked_at: Set(None),
        };
        tenancy::insert_in::<invitations::Entity>(scope, row).exec_without_returning(&txn).await.map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        Ok(Inserted::Ok)
    }

    async fn list_invitations(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Invitation>, StoreError> {
        let rows = page_in_workspace::<invitations::Entity>(scope, after, limit).all(&self.db).await.map_err(db_err)?;
        let items = rows.into_iter().map(convert::invitation).collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(items, limit, |i| i.id.as_uuid()))
    }

    async fn find_invitation(&self, scope: &Scope, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
        let row = in_workspace::<invitations::Entity>(scope)
            .filter(invitations::Column::Id.eq(id.as_uuid()))
            .one(&self.db)
            .await
            .map_err(db_err)?;
        row.map(convert::invitation).transpose()
    }

    async fn find_invitation_by_link(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
        let row = invitation_by_link(id).one(&self.db).await.map_err(db_err)?;
        row.map(convert::invitation).transpose()
    }

    async fn revoke_invitation(&self, scope: &Scope, id: InvitationId, at: OffsetDateTime) -> Result<bool, StoreError> {
        let result = tenancy::update_in::<invitations::Entity>(scope)
            .col_expr(invitations::Column::RevokedAt, Expr::value(at))
            .filter(invitations::Column::Id.eq(id.as_uuid()))
            .filter(invitations::Column::AcceptedAt.is_null())
            .filter(invitations::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(db_err)?;
        Ok(result.rows_affected == 1)
    }

    async fn accept_invitation(
        &self,
        id: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Accepted, StoreError> {
        let txn = crate::write_txn(&self.db).await?;
        let outcome = accept_in(&txn, id, membership, now).await?;
        if outcome == Accepted::Ok {
            txn.commit().await.map_err(db_err)?;
        } else {
            txn.rollback().await.map_err(db_err)?;
        }
        Ok(outcome)
    }
}
