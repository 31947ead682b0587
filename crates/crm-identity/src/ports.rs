//! Storage ports of identity and access. Object-safe so services hold
//! `Arc<dyn IdentityStore>`; the SeaORM adapter lives in `crm-store`, the
//! in-memory fake in [`crate::fakes`].
//!
//! Methods that act inside a workspace take `&Scope` first. The few that
//! cannot (they run before a scope exists: sign-in, resolving a session, a
//! token or an invitation link) are named for that purpose.
//!
//! Every method returns `StoreError` only for failures the caller cannot fix;
//! domain outcomes (duplicate email, last owner, ...) are explicit results.

use crm_kernel::{
    ApiTokenId, Cursor, InvitationId, Limit, Page, Role, Scope, SessionId, StoreError, UserId, WorkspaceId,
};
use time::OffsetDateTime;

use crate::model::{
    ApiToken, EmailTokenPurpose, Invitation, Member, Membership, Session, User, UserCredentials, Workspace,
    WorkspaceMembership,
};
use crate::values::{Email, PersonName, Theme};

/// Outcome of a write that can hit a uniqueness rule.
#[derive(Debug, PartialEq, Eq)]
pub enum Inserted {
    Ok,
    /// A unique key (email, membership, pending invitation) already exists.
    Duplicate,
}

/// Outcome of a role change or removal that must keep one owner.
#[derive(Debug, PartialEq, Eq)]
pub enum OwnerGuarded<T> {
    Done(T),
    NotFound,
    WouldLeaveNoOwner,
}

/// Outcome of accepting an invitation atomically.
#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    Ok,
    /// The invitation was no longer pending when the write ran.
    NotPending,
    AlreadyMember,
}

#[async_trait::async_trait]
pub trait UserStore: Send + Sync {
    /// Creates the user, a workspace and the owner membership in one
    /// transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_user_with_workspace(
        &self,
        user: &User,
        password_hash: &str,
        workspace: &Workspace,
        owner: &Membership,
    ) -> Result<Inserted, StoreError>;

    /// Creates the user and accepts `invitation` with `membership`, in one
    /// transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_user_accepting_invitation(
        &self,
        user: &User,
        password_hash: &str,
        invitation: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Result<Inserted, Accepted>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_credentials(&self, email: &Email) -> Result<Option<UserCredentials>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_user(&self, id: UserId) -> Result<Option<User>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_credentials_by_id(&self, id: UserId) -> Result<Option<UserCredentials>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_profile(&self, id: UserId, name: &PersonName, theme: Theme) -> Result<(), StoreError>;

    /// Sets a new password hash and revokes the user's sessions except
    /// `keep`, in one transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
        keep: Option<SessionId>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn mark_email_verified(&self, id: UserId, at: OffsetDateTime) -> Result<(), StoreError>;

    /// Bans (`Some`) or unbans (`None`); a ban revokes every session in the
    /// same transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_banned(&self, id: UserId, banned_at: Option<OffsetDateTime>) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_platform_admin(&self, id: UserId, admin: bool) -> Result<(), StoreError>;

    /// Every user, for platform admins: `query` matches email or name.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_users(
        &self,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<User>, StoreError>;
}

#[async_trait::async_trait]
pub trait EmailTokenStore: Send + Sync {
    /// Stores the SHA-256 of a single-use token.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_email_token(
        &self,
        user: UserId,
        purpose: EmailTokenPurpose,
        token_hash: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Marks the token used if it is unused and unexpired, returning its user.
    /// Two concurrent calls cannot both succeed.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn consume_email_token(
        &self,
        purpose: EmailTokenPurpose,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UserId>, StoreError>;
}

#[async_trait::async_trait]
pub trait SessionStore: Send + Sync {
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_session(&self, session: &Session) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_session(&self, id: SessionId) -> Result<Option<Session>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn revoke_session(&self, id: SessionId, at: OffsetDateTime) -> Result<(), StoreError>;
}

#[async_trait::async_trait]
pub trait WorkspaceStore: Send + Sync {
    /// Creates a workspace with its first owner in one transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_workspace(&self, workspace: &Workspace, owner: &Membership) -> Result<(), StoreError>;

    /// The scope's own workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn get_workspace(&self, scope: &Scope) -> Result<Workspace, StoreError>;

    /// A workspace by id, before a scope exists (token and invitation links).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_workspace_unscoped(&self, id: WorkspaceId) -> Result<Option<Workspace>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn update_workspace(&self, scope: &Scope, workspace: &Workspace) -> Result<(), StoreError>;

    /// Resolves a member before a scope exists (the session extractor).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_membership(&self, workspace: WorkspaceId, user: UserId) -> Result<Option<Membership>, StoreError>;

    /// Every workspace the user belongs to, oldest membership first.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_user_workspaces(&self, user: UserId) -> Result<Vec<WorkspaceMembership>, StoreError>;

    /// Members oldest first; `query` (already trimmed, non-empty) keeps those
    /// whose name or email contains it, case-insensitively.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_members(
        &self,
        scope: &Scope,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Member>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_member(&self, scope: &Scope, user: UserId) -> Result<Option<Member>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn count_members(&self, scope: &Scope) -> Result<u64, StoreError>;

    /// Changes a role unless it would leave no owner (checked in the same
    /// transaction as the write).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn change_role(&self, scope: &Scope, user: UserId, role: Role) -> Result<OwnerGuarded<()>, StoreError>;

    /// Removes a membership unless it would leave no owner.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn remove_member(&self, scope: &Scope, user: UserId) -> Result<OwnerGuarded<()>, StoreError>;

    /// Suspends (`Some`) or lifts the suspension (`None`). Returns false when
    /// the user is not a member.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn set_suspension(
        &self,
        scope: &Scope,
        user: UserId,
        suspension: Option<(OffsetDateTime, Option<String>)>,
    ) -> Result<bool, StoreError>;
}

#[async_trait::async_trait]
pub trait InvitationStore: Send + Sync {
    /// `Duplicate` when a pending, unexpired invitation for the email exists.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_invitation(&self, scope: &Scope, invitation: &Invitation) -> Result<Inserted, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_invitations(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Invitation>, StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_invitation(&self, scope: &Scope, id: InvitationId) -> Result<Option<Invitation>, StoreError>;

    /// By the link's id alone: the id is the capability mailed to the invitee.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_invitation_by_link(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError>;

    /// Revokes if still pending; returns whether it did.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn revoke_invitation(&self, scope: &Scope, id: InvitationId, at: OffsetDateTime) -> Result<bool, StoreError>;

    /// Marks the invitation accepted (only if still pending and unexpired)
    /// and creates the membership, in one transaction.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn accept_invitation(
        &self,
        id: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Accepted, StoreError>;
}

#[async_trait::async_trait]
pub trait ApiTokenStore: Send + Sync {
    /// # Errors
    /// `StoreError` on storage failure.
    async fn insert_api_token(&self, scope: &Scope, token: &ApiToken, secret_hash: &str) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError` on storage failure.
    async fn list_api_tokens(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<ApiToken>, StoreError>;

    /// Revokes if not yet revoked; returns false when no such token exists in
    /// the scope's workspace.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn revoke_api_token(&self, scope: &Scope, id: ApiTokenId, at: OffsetDateTime) -> Result<bool, StoreError>;

    /// Resolves a bearer token before a scope exists.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn find_api_token_by_hash(&self, secret_hash: &str) -> Result<Option<ApiToken>, StoreError>;

    /// Records use (the service calls it at most once a minute per token).
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn touch_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> Result<(), StoreError>;
}

/// Everything identity and access needs from storage.
pub trait IdentityStore:
    UserStore + EmailTokenStore + SessionStore + WorkspaceStore + InvitationStore + ApiTokenStore
{
}

impl<T> IdentityStore for T where
    T: UserStore + EmailTokenStore + SessionStore + WorkspaceStore + InvitationStore + ApiTokenStore
{
}
