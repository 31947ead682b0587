//! Members, roles, suspension and invitations.

use crm_kernel::{Cursor, FieldError, InvitationId, Limit, Page, Resource, Role, Scope, UserId};

use super::auth::new_membership;
use super::{IdentityService, require_owner};
use crate::error::IdentityError;
use crate::mail;
use crate::model::{Invitation, InvitationPreview, InvitationStatus, Member, User, WorkspaceMembership};
use crate::ports::{Accepted, Inserted, OwnerGuarded};
use crate::values::Email;

/// Parses a role name from a request.
///
/// # Errors
/// `Invalid` naming `field`.
pub fn parse_role(field: &'static str, raw: &str) -> Result<Role, IdentityError> {
    raw.parse::<Role>()
        .map_err(|()| FieldError::new(field, "invalid_role", "must be one of owner, manager, viewer").into())
}

impl IdentityService {
    /// Members, oldest first; a non-blank `query` keeps those whose name or
    /// email contains it (case-insensitive).
    ///
    /// # Errors
    /// `Store`.
    pub async fn list_members(
        &self,
        scope: &Scope,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Member>, IdentityError> {
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        Ok(self.store.list_members(scope, query, after, limit).await?)
    }

    /// # Errors
    /// `NotFound(Member)`, `Store`.
    pub async fn member(&self, scope: &Scope, user: UserId) -> Result<Member, IdentityError> {
        self.store.find_member(scope, user).await?.ok_or(IdentityError::NotFound(Resource::Member))
    }

    /// # Errors
    /// `Store`.
    pub async fn count_members(&self, scope: &Scope) -> Result<u64, IdentityError> {
        Ok(self.store.count_members(scope).await?)
    }

    /// # Errors
    /// `Forbidden` for non-owners, `NotFound`, `LastOwner`, `Store`.
    pub async fn change_role(&self, scope: &Scope, user: UserId, role: Role) -> Result<Member, IdentityError> {
        require_owner(scope)?;
        match self.store.change_role(scope, user, role).await? {
            OwnerGuarded::Done(()) => self.member(scope, user).await,
            OwnerGuarded::NotFound => Err(IdentityError::NotFound(Resource::Member)),
            OwnerGuarded::WouldLeaveNoOwner => Err(IdentityError::LastOwner),
        }
    }

    /// # Errors
    /// `Forbidden` for non-owners, `NotFound`, `LastOwner`, `Store`.
    pub async fn remove_member(&self, scope: &Scope, user: UserId) -> Result<(), IdentityError> {
        require_owner(scope)?;
        match self.store.remove_member(scope, user).await? {
            OwnerGuarded::Done(()) => Ok(()),
            OwnerGuarded::NotFound => Err(IdentityError::NotFound(Resource::Member)),
            OwnerGuarded::WouldLeaveNoOwner => Err(IdentityError::LastOwner),
        }
    }

    /// Blocks the member in this workspace only, from their next request.
    ///
    /// # Errors
    /// `Forbidden` for non-owners, `SelfAction`, `NotFound`, `Invalid`, `Store`.
    pub async fn suspend_member(
        &self,
        scope: &Scope,
        user: UserId,
        reason: Option<&str>,
    ) -> Result<Member, IdentityError> {
        require_owner(scope)?;
        if scope.user() == Some(user) {
            return Err(IdentityError::SelfAction("you cannot suspend yourself"));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if reason.is_some_and(|r| r.chars().count() > 500) {
            return Err(IdentityError::field("reason", "too_long", "must be at most 500 characters"));
        }
        let suspension = Some((self.now(), reason.map(str::to_owned)));
        if !self.store.set_suspension(scope, user, suspension).await? {
            return Err(IdentityError::NotFound(Resource::Member));
        }
        self.member(scope, user).await
    }

    /// # Errors
    /// `Forbidden` for non-owners, `NotFound`, `Store`.
    pub async fn unsuspend_member(&self, scope: &Scope, user: UserId) -> Result<Member, IdentityError> {
        require_owner(scope)?;
        if !self.store.set_suspension(scope, user, None).await? {
            return Err(IdentityError::NotFound(Resource::Member));
        }
        self.member(scope, user).await
    }

    /// Invites an email address and mails the `/invite/{id}` link.
    ///
    /// # Errors
    /// `Forbidden` for non-owners, `Invalid`, `AlreadyMember`,
    /// `AlreadyInvited`, `Store`.
    pub async fn invite(
        &self,
        scope: &Scope,
        inviter: &User,
        email: &str,
        role: &str,
    ) -> Result<Invitation, IdentityError> {
        require_owner(scope)?;
        let email = Email::parse("email", email);
        let role = parse_role("role", role);
        let (email, role) = match (email, role) {
            (Ok(e), Ok(r)) => (e, r),
            (email, role) => {
                let mut errors: Vec<FieldError> = email.err().into_iter().collect();
                if let Err(IdentityError::Invalid(mut role_errors)) = role {
                    errors.append(&mut role_errors);
                }
                return Err(IdentityError::Invalid(errors));
            }
        };
        if let Some(existing) = self.store.find_credentials(&email).await?
            && self.store.find_member(scope, existing.user.id).await?.is_some()
        {
            return Err(IdentityError::AlreadyMember);
        }
        let now = self.now();
        let invitation = Invitation {
            id: InvitationId::random(),
            workspace_id: scope.workspace(),
            email,
            role,
            invited_by: inviter.id,
            created_at: now,
            expires_at: now + self.config.invitation_ttl,
            accepted_at: None,
            revoked_at: None,
        };
        if self.store.insert_invitation(scope, &invitation).await? == Inserted::Duplicate {
            return Err(IdentityError::AlreadyInvited);
        }
        let workspace = self.store.get_workspace(scope).await?;
        let link = self.config.link(&format!("/invite/{}", invitation.id));
        let message = mail::invitation(
            invitation.email.as_str(),
            inviter.name.as_str(),
            workspace.name.as_str(),
            role.as_str(),
            &link,
        );
        self.send(message, "invitation").await;
        Ok(invitation)
    }

    /// # Errors
    /// `Forbidden` for non-owners, `Store`.
    pub async fn list_invitations(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Invitation>, IdentityError> {
        require_owner(scope)?;
        Ok(self.store.list_invitations(scope, after, limit).await?)
    }

    /// # Errors
    /// `Forbidden` for non-owners, `NotFound`, `InvitationNotPending`, `Store`.
    pub async fn revoke_invitation(&self, scope: &Scope, id: InvitationId) -> Result<(), IdentityError> {
        require_owner(scope)?;
        let invitation =
            self.store.find_invitation(scope, id).await?.ok_or(IdentityError::NotFound(Resource::Invitation))?;
        let status = invitation.status(self.now());
        if status != InvitationStatus::Pending || !self.store.revoke_invitation(scope, id, self.now()).await? {
            return Err(IdentityError::InvitationNotPending(status));
        }
        Ok(())
    }

    /// What the invite page shows to whoever holds the link.
    ///
    /// # Errors
    /// `NotFound(Invitation)`, `Store`.
    pub async fn preview_invitation(&self, id: InvitationId) -> Result<InvitationPreview, IdentityError> {
        let invitation =
            self.store.find_invitation_by_link(id).await?.ok_or(IdentityError::NotFound(Resource::Invitation))?;
        let workspace = self
            .store
            .find_workspace_unscoped(invitation.workspace_id)
            .await?
            .ok_or(IdentityError::NotFound(Resource::Invitation))?;
        let account_exists = self.store.find_credentials(&invitation.email).await?.is_some();
        Ok(InvitationPreview {
            status: invitation.status(self.now()),
            invitation,
            workspace_name: workspace.name,
            account_exists,
        })
    }

    pub(super) async fn pending_invitation(&self, id: InvitationId) -> Result<Invitation, IdentityError> {
        let invitation =
            self.store.find_invitation_by_link(id).await?.ok_or(IdentityError::NotFound(Resource::Invitation))?;
        match invitation.status(self.now()) {
            InvitationStatus::Pending => Ok(invitation),
            other => Err(IdentityError::InvitationNotPending(other)),
        }
    }

    /// The signed-in invitee joins the workspace.
    ///
    /// # Errors
    /// `NotFound`, `InvitationNotPending`, `InvitationEmailMismatch`,
    /// `AlreadyMember`, `Store`.
    pub async fn accept_invitation(&self, user: &User, id: InvitationId) -> Result<WorkspaceMembership, IdentityError> {
        let invitation = self.pending_invitation(id).await?;
        if invitation.email != user.email {
            return Err(IdentityError::InvitationEmailMismatch);
        }
        let now = self.now();
        let membership = new_membership(invitation.workspace_id, user.id, invitation.role, now);
        match self.store.accept_invitation(id, &membership, now).await? {
            Accepted::Ok => {}
            Accepted::NotPending => {
                return Err(IdentityError::InvitationNotPending(InvitationStatus::Accepted));
            }
            Accepted::AlreadyMember => return Err(IdentityError::AlreadyMember),
        }
        if user.email_verified_at.is_none() {
            self.store.mark_email_verified(user.id, now).await?;
        }
        let workspace = self
            .store
            .find_workspace_unscoped(invitation.workspace_id)
            .await?
            .ok_or(IdentityError::NotFound(Resource::Invitation))?;
        Ok(WorkspaceMembership { workspace, membership })
    }
}
