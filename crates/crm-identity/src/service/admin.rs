//! Platform administration: separate from workspace roles.

use crm_kernel::{Actor, Cursor, Limit, Page, Resource, Role, Scope, UserId, WorkspaceId};

use super::IdentityService;
use crate::error::IdentityError;
use crate::model::{User, UserCredentials};
use crate::secrets::{hash_password, random_secret};
use crate::values::{Email, Password, PersonName, Theme};

fn require_admin(actor: &User) -> Result<(), IdentityError> {
    if actor.is_platform_admin { Ok(()) } else { Err(IdentityError::Forbidden("only platform admins can do this")) }
}

impl IdentityService {
    /// # Errors
    /// `Forbidden` for non-admins, `Store`.
    pub async fn list_users(
        &self,
        actor: &User,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<User>, IdentityError> {
        require_admin(actor)?;
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        Ok(self.store.list_users(query, after, limit).await?)
    }

    /// Bans a user platform-wide and ends all their sessions.
    ///
    /// # Errors
    /// `Forbidden` for non-admins, `SelfAction`, `NotFound`, `Store`.
    pub async fn ban_user(&self, actor: &User, target: UserId) -> Result<User, IdentityError> {
        require_admin(actor)?;
        if actor.id == target {
            return Err(IdentityError::SelfAction("you cannot ban yourself"));
        }
        self.store.find_user(target).await?.ok_or(IdentityError::NotFound(Resource::User))?;
        self.store.set_banned(target, Some(self.now())).await?;
        tracing::info!(user.id = %target, "user banned");
        self.store.find_user(target).await?.ok_or(IdentityError::NotFound(Resource::User))
    }

    /// # Errors
    /// `Forbidden` for non-admins, `NotFound`, `Store`.
    pub async fn unban_user(&self, actor: &User, target: UserId) -> Result<User, IdentityError> {
        require_admin(actor)?;
        self.store.find_user(target).await?.ok_or(IdentityError::NotFound(Resource::User))?;
        self.store.set_banned(target, None).await?;
        self.store.find_user(target).await?.ok_or(IdentityError::NotFound(Resource::User))
    }

    /// Operator tool (CLI): makes an existing account a platform admin.
    ///
    /// # Errors
    /// `Invalid`, `NotFound(User)`, `Store`.
    pub async fn grant_platform_admin(&self, email: &str) -> Result<User, IdentityError> {
        let email = Email::parse("email", email)?;
        let credentials = self.store.find_credentials(&email).await?.ok_or(IdentityError::NotFound(Resource::User))?;
        self.store.set_platform_admin(credentials.user.id, true).await?;
        Ok(User { is_platform_admin: true, ..credentials.user })
    }

    /// Operator tool (CLI): creates a workspace owned by `email`, creating the
    /// account when it does not exist (with the given password, or a random
    /// one to be replaced through "forgot password").
    ///
    /// # Errors
    /// `Invalid`, `Store`.
    pub async fn bootstrap_workspace(
        &self,
        name: &str,
        owner_email: &str,
        owner_password: Option<&str>,
    ) -> Result<WorkspaceId, IdentityError> {
        let email = Email::parse("ownerEmail", owner_email)?;
        let owner = match self.store.find_credentials(&email).await? {
            Some(UserCredentials { user, .. }) => user,
            None => {
                let password = match owner_password {
                    Some(p) => Password::parse("ownerPassword", p)?.expose().to_owned(),
                    None => random_secret(),
                };
                let now = self.now();
                let display = email.as_str().split('@').next().unwrap_or("owner").to_owned();
                let user = User {
                    id: UserId::new(),
                    name: PersonName::parse("ownerEmail", &display)?,
                    email,
                    email_verified_at: Some(now),
                    is_platform_admin: false,
                    banned_at: None,
                    theme: Theme::System,
                    created_at: now,
                };
                let hash = hash_password(&password)?;
                let placeholder = crate::model::Workspace {
                    id: WorkspaceId::new(),
                    name: crate::values::WorkspaceName::parse("name", name)?,
                    currency: crm_kernel::Currency::default(),
                    created_at: now,
                };
                let membership = super::auth::new_membership(placeholder.id, user.id, Role::Owner, now);
                self.store.insert_user_with_workspace(&user, &hash, &placeholder, &membership).await?;
                return Ok(placeholder.id);
            }
        };
        Ok(self.create_workspace(owner.id, name, None).await?.workspace.id)
    }

    /// Operator tool (CLI): an owner-level scope in a workspace, for issuing
    /// tokens without a browser.
    ///
    /// # Errors
    /// `NotFound(Workspace)`, `Store`.
    pub async fn operator_scope(&self, workspace: WorkspaceId) -> Result<Scope, IdentityError> {
        self.store.find_workspace_unscoped(workspace).await?.ok_or(IdentityError::NotFound(Resource::Workspace))?;
        let members = self.store.list_members(&Scope::system(workspace), None, None, Limit::MAX_LIMIT).await?;
        let owner = members
            .items
            .iter()
            .find(|m| m.membership.role == Role::Owner)
            .map(|m| m.membership.user_id)
            .ok_or(IdentityError::NotFound(Resource::Workspace))?;
        Ok(Scope::new(workspace, Actor::User { id: owner, role: Role::Owner }))
    }
}
