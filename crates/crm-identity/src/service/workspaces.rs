//! Workspaces and how a caller becomes a [`Scope`] inside one.

use crm_kernel::{Actor, Currency, FieldError, Resource, Role, Scope, UserId, WorkspaceId};

use super::auth::new_membership;
use super::{IdentityService, require_owner};
use crate::error::{FieldErrors, IdentityError};
use crate::model::{ApiToken, User, Workspace, WorkspaceMembership};
use crate::secrets::sha256_hex;
use crate::values::WorkspaceName;

/// A partial update of workspace settings.
#[derive(Debug, Default, Clone)]
pub struct WorkspaceChanges {
    pub name: Option<String>,
    pub currency: Option<String>,
}

fn parse_currency(raw: &str) -> Result<Currency, FieldError> {
    Currency::parse(raw).map_err(|_| {
        FieldError::new("currency", "invalid_currency", format!("`{raw}` is not an ISO 4217 currency code"))
    })
}

impl IdentityService {
    /// Resolves the signed-in user's scope in a workspace.
    ///
    /// # Errors
    /// `NotFound(Workspace)` when the user is not a member (the workspace
    /// may exist: its existence is not revealed), `Suspended`, `Store`.
    pub async fn member_scope(&self, user: &User, workspace: WorkspaceId) -> Result<Scope, IdentityError> {
        let membership = self
            .store
            .find_membership(workspace, user.id)
            .await?
            .ok_or(IdentityError::NotFound(Resource::Workspace))?;
        if membership.suspended_at.is_some() {
            return Err(IdentityError::Suspended);
        }
        Ok(Scope::new(workspace, Actor::User { id: user.id, role: membership.role }))
    }

    /// Resolves a bearer API token and records its use.
    ///
    /// # Errors
    /// `Unauthenticated` for unknown or revoked tokens, `Store`.
    pub async fn token_scope(&self, secret: &str) -> Result<(Scope, ApiToken), IdentityError> {
        let token =
            self.store.find_api_token_by_hash(&sha256_hex(secret)).await?.ok_or(IdentityError::Unauthenticated)?;
        if token.revoked_at.is_some() {
            return Err(IdentityError::Unauthenticated);
        }
        // Record use at most once a minute: most requests skip the write.
        let now = self.now();
        if token.last_used_at.is_none_or(|last| now - last >= time::Duration::minutes(1)) {
            self.store.touch_api_token(token.id, now).await?;
        }
        let scope = Scope::new(token.workspace_id, Actor::Token { id: token.id, scopes: token.scopes.clone() });
        Ok((scope, token))
    }

    /// Any signed-in user may start another workspace, owning it.
    ///
    /// # Errors
    /// `Invalid` for a bad name or currency, `Store`.
    pub async fn create_workspace(
        &self,
        owner: UserId,
        name: &str,
        currency: Option<&str>,
    ) -> Result<WorkspaceMembership, IdentityError> {
        let mut errors = FieldErrors::default();
        let name = errors.check(WorkspaceName::parse("name", name));
        let currency = currency.map(|c| errors.check(parse_currency(c)));
        errors.finish()?;
        let Some(name) = name else {
            return Err(IdentityError::Invalid(Vec::new()));
        };
        let now = self.now();
        let workspace = Workspace {
            id: WorkspaceId::new(),
            name,
            currency: currency.flatten().unwrap_or_default(),
            created_at: now,
        };
        let membership = new_membership(workspace.id, owner, Role::Owner, now);
        self.store.insert_workspace(&workspace, &membership).await?;
        tracing::info!(workspace.id = %workspace.id, "workspace created");
        Ok(WorkspaceMembership { workspace, membership })
    }

    /// # Errors
    /// `Store`.
    pub async fn workspace(&self, scope: &Scope) -> Result<Workspace, IdentityError> {
        Ok(self.store.get_workspace(scope).await?)
    }

    /// Owners rename the workspace and set its currency.
    ///
    /// # Errors
    /// `Forbidden` for non-owners, `Invalid`, `Store`.
    pub async fn update_workspace(&self, scope: &Scope, changes: WorkspaceChanges) -> Result<Workspace, IdentityError> {
        require_owner(scope)?;
        let mut errors = FieldErrors::default();
        let name = changes.name.as_deref().map(|n| errors.check(WorkspaceName::parse("name", n)));
        let currency = changes.currency.as_deref().map(|c| errors.check(parse_currency(c)));
        errors.finish()?;
        let mut workspace = self.store.get_workspace(scope).await?;
        if let Some(Some(name)) = name {
            workspace.name = name;
        }
        if let Some(Some(currency)) = currency {
            workspace.currency = currency;
        }
        self.store.update_workspace(scope, &workspace).await?;
        Ok(workspace)
    }
}
