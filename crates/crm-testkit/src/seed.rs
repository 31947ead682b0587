//! Rows a store test needs before the code under test runs: a workspace
//! (optionally with the defaults sign-up creates) and its members, written
//! with plain SQL so that no adapter under test is involved.

use anyhow::Result;
use crm_kernel::{Actor, Role, Scope, UserId, WorkspaceId};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use time::OffsetDateTime;

async fn exec(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Result<()> {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(())
}

/// A workspace named `W` in EUR, created at `at`, with no pipelines, lead
/// sources or lost reasons.
///
/// # Errors
/// When the insert fails.
pub async fn bare_workspace(db: &DatabaseConnection, at: OffsetDateTime) -> Result<WorkspaceId> {
    let ws = WorkspaceId::new();
    exec(
        db,
        "INSERT INTO workspaces (id, name, currency, created_at) VALUES ($1, 'W', 'EUR', $2)",
        vec![ws.as_uuid().into(), at.into()],
    )
    .await?;
    Ok(ws)
}

/// A workspace as sign-up creates it: [`bare_workspace`] plus the default
/// pipeline, lead sources and lost reasons.
///
/// # Errors
/// When an insert fails.
pub async fn workspace(db: &DatabaseConnection, at: OffsetDateTime) -> Result<WorkspaceId> {
    let ws = bare_workspace(db, at).await?;
    migration::seed::workspace_defaults(db, ws.as_uuid(), at).await?;
    Ok(ws)
}

/// A new user who is a member of `ws` with `role`, and their scope there.
///
/// # Errors
/// When an insert fails.
pub async fn member(db: &DatabaseConnection, ws: WorkspaceId, role: Role) -> Result<Scope> {
    let user = UserId::new();
    let at = crate::now();
    exec(
        db,
        "INSERT INTO users (id, email, name, password_hash, is_platform_admin, theme, created_at) \
         VALUES ($1, $2, 'Member', 'x', false, 'system', $3)",
        vec![user.as_uuid().into(), format!("{}@example.test", user.as_uuid().simple()).into(), at.into()],
    )
    .await?;
    exec(
        db,
        "INSERT INTO memberships (id, workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4, $5)",
        vec![uuid::Uuid::now_v7().into(), ws.as_uuid().into(), user.as_uuid().into(), role.as_str().into(), at.into()],
    )
    .await?;
    Ok(Scope::for_test(ws, Actor::User { id: user, role }))
}

/// An owner's scope in `ws` for a user who has no row (store tests whose
/// writes name no author that must exist).
#[must_use]
pub fn owner_scope(ws: WorkspaceId) -> Scope {
    Scope::for_test(ws, Actor::User { id: UserId::new(), role: Role::Owner })
}
