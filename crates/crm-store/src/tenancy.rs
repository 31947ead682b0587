//! The only place that starts a query or a write on a tenant table. Every
//! adapter reads through [`in_workspace`] / [`page_in_workspace`] and writes
//! through [`insert_in`] / [`insert_many_in`] (which set the workspace from
//! the scope), [`update_in`] and [`delete_in`] (already filtered by it), or
//! one of the named unscoped helpers below, each saying why it runs before
//! a scope of that workspace exists. So a query or a write without a
//! workspace filter cannot be written by accident: `tests/tenancy_guard.rs`
//! fails if a raw find, insert, update or delete on a tenant table, or a
//! hand-set `workspace_id`, appears anywhere else.

use crm_kernel::{Cursor, Limit, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DeleteMany, EntityTrait, Insert, InsertMany, QueryFilter, QueryOrder, QuerySelect,
    Select, UpdateMany,
};

use crate::entities::{api_tokens, invitations, memberships};

/// A tenant table: has a `workspace_id` and a UUIDv7 `id`. Declared beside
/// the entity with [`tenant!`] or [`record!`].
pub trait TenantEntity: EntityTrait {
    fn workspace_column() -> Self::Column;
    fn id_column() -> Self::Column;
}

/// Declares the `Entity` of the module it is invoked in a tenant table
/// (`tenant!()`, or `tenant!(id = Column)` when its key is not `id`).
macro_rules! tenant {
    () => {
        $crate::tenancy::tenant!(id = Id);
    };
    (id = $id:ident) => {
        impl $crate::tenancy::TenantEntity for Entity {
            fn workspace_column() -> Column {
                Column::WorkspaceId
            }
            fn id_column() -> Column {
                Column::$id
            }
        }
    };
}
pub(crate) use tenant;

/// Declares the `Entity` of the module it is invoked in a tenant table whose
/// rows are a CRM record with the typed id `crm_kernel::$id`.
macro_rules! record {
    ($id:ident) => {
        $crate::tenancy::tenant!();
        impl $crate::tenancy::RecordEntity for Entity {
            type Id = crm_kernel::$id;
        }
    };
}
pub(crate) use record;

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

/// Sets the row's workspace column to the scope's workspace. Row builders
/// leave it `NotSet`: the workspace comes from the scope, never from the
/// domain record.
fn in_scope<A>(scope: &Scope, mut row: A) -> A
where
    A: ActiveModelTrait,
    A::Entity: TenantEntity,
{
    row.set(<A::Entity as TenantEntity>::workspace_column(), scope.workspace().as_uuid().into());
    row
}

/// Inserts a row of `E` in the scope's workspace.
pub fn insert_in<E: TenantEntity>(scope: &Scope, row: E::ActiveModel) -> Insert<E::ActiveModel> {
    E::insert(in_scope(scope, row))
}

/// Inserts rows of `E`, all in the scope's workspace.
pub fn insert_many_in<E: TenantEntity>(
    scope: &Scope,
    rows: impl IntoIterator<Item = E::ActiveModel>,
) -> InsertMany<E::ActiveModel> {
    E::insert_many(rows.into_iter().map(|row| in_scope(scope, row)))
}

/// Updates rows of `E` in the scope's workspace (add the row filters).
pub fn update_in<E: TenantEntity>(scope: &Scope) -> UpdateMany<E> {
    E::update_many().filter(E::workspace_column().eq(scope.workspace().as_uuid()))
}

/// Deletes rows of `E` in the scope's workspace (add the row filters).
pub fn delete_in<E: TenantEntity>(scope: &Scope) -> DeleteMany<E> {
    E::delete_many().filter(E::workspace_column().eq(scope.workspace().as_uuid()))
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

/// Claims a pending invitation by its mailed link id (the id is the
/// capability): the invitee has no scope in that workspace yet.
pub fn claim_invitation_by_link(id: crm_kernel::InvitationId) -> UpdateMany<invitations::Entity> {
    invitations::Entity::update_many()
        .filter(invitations::Column::Id.eq(id.as_uuid()))
        .filter(invitations::Column::AcceptedAt.is_null())
        .filter(invitations::Column::RevokedAt.is_null())
}

/// Inserts a membership of `workspace`: sign-up (the founding owner of a new
/// workspace) and invitation acceptance run before the user has a scope in
/// that workspace.
pub fn insert_membership_unscoped(
    workspace: crm_kernel::WorkspaceId,
    mut row: memberships::ActiveModel,
) -> Insert<memberships::ActiveModel> {
    row.workspace_id = sea_orm::ActiveValue::Set(workspace.as_uuid());
    memberships::Entity::insert(row)
}

/// Records the use of an API token by its id: the bearer extractor does it
/// while resolving the token, before a scope exists.
pub fn touch_api_token_unscoped(id: crm_kernel::ApiTokenId) -> UpdateMany<api_tokens::Entity> {
    api_tokens::Entity::update_many().filter(api_tokens::Column::Id.eq(id.as_uuid()))
}

/// Inserts seed rows (`crm-bench`), each in the workspace its record names:
/// seeding has no caller and so no scope.
pub fn insert_seed_rows_unscoped<E: TenantEntity>(
    rows: impl IntoIterator<Item = (crm_kernel::WorkspaceId, E::ActiveModel)>,
) -> InsertMany<E::ActiveModel> {
    E::insert_many(rows.into_iter().map(|(workspace, mut row)| {
        row.set(E::workspace_column(), workspace.as_uuid().into());
        row
    }))
}

/// A tenant table whose rows are a CRM record with a typed id: lookups by id
/// take that id, so a contact's id cannot be checked against the companies.
pub trait RecordEntity: TenantEntity {
    type Id: Copy + Into<uuid::Uuid>;
}

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
