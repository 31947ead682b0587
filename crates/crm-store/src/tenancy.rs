//! The only place that starts a query on a tenant table. Every adapter goes
//! through [`in_workspace`] (or the named unscoped lookups below, each used
//! before a scope can exist), so a query without a workspace filter cannot be
//! written by accident. `tests/tenancy_guard.rs` fails if `Entity::find` on a
//! tenant table appears anywhere else.

use crm_kernel::{Cursor, Limit, Scope};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};

use crate::entities::{
    activities, api_tokens, audit_events, companies, contacts, deal_stage_totals, deals, digest_deliveries,
    invitations, lead_sources, leads, lost_reasons, memberships, notification_preferences, notifications,
    pipeline_stages, pipelines,
};

/// A tenant table: has a `workspace_id` and a UUIDv7 `id`.
pub trait TenantEntity: EntityTrait {
    fn workspace_column() -> Self::Column;
    fn id_column() -> Self::Column;
}

macro_rules! tenant {
    ($module:ident) => {
        impl TenantEntity for $module::Entity {
            fn workspace_column() -> Self::Column {
                $module::Column::WorkspaceId
            }
            fn id_column() -> Self::Column {
                $module::Column::Id
            }
        }
    };
}

tenant!(memberships);
tenant!(invitations);
tenant!(api_tokens);
tenant!(leads);
tenant!(lead_sources);
tenant!(audit_events);
tenant!(companies);
tenant!(contacts);
tenant!(activities);
tenant!(notifications);
tenant!(pipelines);
tenant!(pipeline_stages);
tenant!(lost_reasons);
tenant!(deals);
tenant!(deal_stage_totals);
tenant!(digest_deliveries);

/// One row per workspace: its key is the workspace id.
impl TenantEntity for notification_preferences::Entity {
    fn workspace_column() -> Self::Column {
        notification_preferences::Column::WorkspaceId
    }
    fn id_column() -> Self::Column {
        notification_preferences::Column::WorkspaceId
    }
}

/// Rows of `E` in the scope's workspace.
pub fn in_workspace<E: TenantEntity>(scope: &Scope) -> Select<E> {
    E::find().filter(E::workspace_column().eq(scope.workspace().as_uuid()))
}

/// One keyset page (by id) of rows of `E` in the scope's workspace: fetches
/// one extra row to know whether another page exists.
pub fn page_in_workspace<E: TenantEntity>(scope: &Scope, after: Option<Cursor>, limit: Limit) -> Select<E> {
    let mut select = in_workspace::<E>(scope);
    if let Some(cursor) = after {
        select = select.filter(E::id_column().gt(cursor.last_id()));
    }
    select.order_by_asc(E::id_column()).limit(u64::from(limit.get()) + 1)
}

/// Memberships of one user across workspaces: the user's own workspace list
/// and the session extractor, before a scope exists.
pub fn memberships_of_user(user: crm_kernel::UserId) -> Select<memberships::Entity> {
    memberships::Entity::find().filter(memberships::Column::UserId.eq(user.as_uuid()))
}

/// The active (not suspended) members of a workspace: the digest job lists
/// them before it can act in a scope of each.
pub fn active_members_unscoped(workspace: crm_kernel::WorkspaceId) -> Select<memberships::Entity> {
    memberships::Entity::find()
        .filter(memberships::Column::WorkspaceId.eq(workspace.as_uuid()))
        .filter(memberships::Column::SuspendedAt.is_null())
        .order_by_asc(memberships::Column::Id)
}

/// An invitation by its mailed link id: the id is the capability.
pub fn invitation_by_link(id: crm_kernel::InvitationId) -> Select<invitations::Entity> {
    invitations::Entity::find_by_id(id.as_uuid())
}

/// An API token by the hash of its secret: resolves the workspace of a
/// bearer request.
pub fn api_token_by_hash(hash: &str) -> Select<api_tokens::Entity> {
    api_tokens::Entity::find().filter(api_tokens::Column::SecretHash.eq(hash))
}

/// A tenant table whose rows are a CRM record with a typed id: lookups by id
/// take that id, so a contact's id cannot be checked against the companies.
pub trait RecordEntity: TenantEntity {
    type Id: Copy + Into<uuid::Uuid>;
}

macro_rules! record {
    ($($module:ident => $id:ident),* $(,)?) => {
        $(impl RecordEntity for $module::Entity {
            type Id = crm_kernel::$id;
        })*
    };
}

record!(
    leads => LeadId,
    companies => CompanyId,
    contacts => ContactId,
    activities => ActivityId,
    deals => DealId,
    pipelines => PipelineId,
    pipeline_stages => StageId,
    lost_reasons => LostReasonId,
    notifications => NotificationId,
);

/// Whether a row of `E` with this id is in the scope's workspace (links are
/// validated with it: another workspace's id is "not found").
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn id_exists<E: RecordEntity>(
    db: &impl sea_orm::ConnectionTrait,
    scope: &Scope,
    id: E::Id,
) -> Result<bool, crm_kernel::StoreError> {
    let found = in_workspace::<E>(scope)
        .filter(E::id_column().eq(id.into()))
        .select_only()
        .column(E::id_column())
        .into_tuple::<uuid::Uuid>()
        .one(db)
        .await
        .map_err(crate::db_err)?;
    Ok(found.is_some())
}

/// Whether `user` is a member of the scope's workspace (assignees, owners).
///
/// # Errors
/// `StoreError` on storage failure.
pub async fn is_member(
    db: &impl sea_orm::ConnectionTrait,
    scope: &Scope,
    user: crm_kernel::UserId,
) -> Result<bool, crm_kernel::StoreError> {
    let found = in_workspace::<memberships::Entity>(scope)
        .filter(memberships::Column::UserId.eq(user.as_uuid()))
        .one(db)
        .await
        .map_err(crate::db_err)?;
    Ok(found.is_some())
}
