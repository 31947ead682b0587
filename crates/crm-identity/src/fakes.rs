//! In-memory fakes of the ports, for unit tests of this crate and of crates
//! that build on it. Behaviour mirrors the SeaORM adapter's contract.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crm_kernel::{
    ApiTokenId, Cursor, InvitationId, Limit, MailError, Mailer, OutgoingEmail, Page, Role, Scope, SessionId,
    StoreError, UserId, WorkspaceId,
};
use time::OffsetDateTime;

use crate::model::{
    ApiToken, EmailTokenPurpose, Invitation, InvitationStatus, Member, Membership, Session, User, UserCredentials,
    Workspace, WorkspaceMembership,
};
use crate::ports::{
    Accepted, ApiTokenStore, EmailTokenStore, Inserted, InvitationStore, OwnerGuarded, SessionStore, UserStore,
    WorkspaceStore,
};
use crate::values::{Email, PersonName, Theme};

#[derive(Default)]
struct State {
    users: Vec<UserCredentials>,
    workspaces: Vec<Workspace>,
    memberships: Vec<Membership>,
    sessions: Vec<Session>,
    invitations: Vec<Invitation>,
    tokens: Vec<(ApiToken, String)>,
    email_tokens: Vec<(UserId, EmailTokenPurpose, String, OffsetDateTime, bool)>,
}

/// The whole identity store in memory.
#[derive(Default)]
pub struct InMemoryIdentity(Mutex<State>);

impl InMemoryIdentity {
    fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sessions that are not revoked, for assertions.
    #[must_use]
    pub fn live_sessions(&self, user: UserId) -> usize {
        self.state().sessions.iter().filter(|s| s.user_id == user && s.revoked_at.is_none()).count()
    }
}

fn page<T: Clone>(
    rows: impl Iterator<Item = T>,
    id: impl Fn(&T) -> uuid::Uuid,
    after: Option<Cursor>,
    limit: Limit,
) -> Page<T> {
    let mut rows: Vec<T> = rows.filter(|r| after.is_none_or(|c| id(r) > c.last_id())).collect();
    rows.sort_by_key(|r| id(r));
    rows.truncate(usize::from(limit.get()) + 1);
    Page::from_overfetch(rows, limit, id)
}

impl State {
    fn member(&self, m: &Membership) -> Option<Member> {
        let user = self.users.iter().find(|u| u.user.id == m.user_id)?;
        Some(Member { membership: m.clone(), email: user.user.email.clone(), name: user.user.name.clone() })
    }

    fn owners_after(&self, ws: WorkspaceId, user: UserId, new_role: Option<Role>) -> usize {
        self.memberships
            .iter()
            .filter(|m| m.workspace_id == ws)
            .filter(|m| if m.user_id == user { new_role == Some(Role::Owner) } else { m.role == Role::Owner })
            .count()
    }
}

#[async_trait::async_trait]
impl UserStore for InMemoryIdentity {
    async fn insert_user_with_workspace(
        &self,
        user: &User,
        hash: &str,
        ws: &Workspace,
        owner: &Membership,
    ) -> Result<Inserted, StoreError> {
        let mut s = self.state();
        if s.users.iter().any(|u| u.user.email == user.email) {
            return Ok(Inserted::Duplicate);
        }
        s.users.push(UserCredentials { user: user.clone(), password_hash: hash.to_owned() });
        s.workspaces.push(ws.clone());
        s.memberships.push(owner.clone());
        Ok(Inserted::Ok)
    }

    async fn insert_user_accepting_invitation(
        &self,
        user: &User,
        hash: &str,
        invitation: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Result<Inserted, Accepted>, StoreError> {
        let mut s = self.state();
        if s.users.iter().any(|u| u.user.email == user.email) {
            return Ok(Ok(Inserted::Duplicate));
        }
        let Some(inv) = s.invitations.iter_mut().find(|i| i.id == invitation) else {
            return Ok(Err(Accepted::NotPending));
        };
        if inv.status(now) != InvitationStatus::Pending {
            return Ok(Err(Accepted::NotPending));
        }
        inv.accepted_at = Some(now);
        s.users.push(UserCredentials { user: user.clone(), password_hash: hash.to_owned() });
        s.memberships.push(membership.clone());
        Ok(Ok(Inserted::Ok))
    }

    async fn find_credentials(&self, email: &Email) -> Result<Option<UserCredentials>, StoreError> {
        Ok(self.state().users.iter().find(|u| &u.user.email == email).cloned())
    }

    async fn find_user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        Ok(self.state().users.iter().find(|u| u.user.id == id).map(|u| u.user.clone()))
    }

    async fn find_credentials_by_id(&self, id: UserId) -> Result<Option<UserCredentials>, StoreError> {
        Ok(self.state().users.iter().find(|u| u.user.id == id).cloned())
    }

    async fn update_profile(&self, id: UserId, name: &PersonName, theme: Theme) -> Result<(), StoreError> {
        if let Some(u) = self.state().users.iter_mut().find(|u| u.user.id == id) {
            u.user.name = name.clone();
            u.user.theme = theme;
        }
        Ok(())
    }

    async fn set_password(
        &self,
        id: UserId,
        hash: &str,
        keep: Option<SessionId>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut s = self.state();
        if let Some(u) = s.users.iter_mut().find(|u| u.user.id == id) {
            u.password_hash = hash.to_owned();
        }
        for session in s.sessions.iter_mut().filter(|x| x.user_id == id && Some(x.id) != keep && x.revoked_at.is_none())
        {
            session.revoked_at = Some(now);
        }
        Ok(())
    }

    async fn mark_email_verified(&self, id: UserId, at: OffsetDateTime) -> Result<(), StoreError> {
        if let Some(u) = self.state().users.iter_mut().find(|u| u.user.id == id) {
            u.user.email_verified_at.get_or_insert(at);
        }
        Ok(())
    }

    async fn set_banned(&self, id: UserId, banned_at: Option<OffsetDateTime>) -> Result<(), StoreError> {
        let mut s = self.state();
        if let Some(u) = s.users.iter_mut().find(|u| u.user.id == id) {
            u.user.banned_at = banned_at;
        }
        if let Some(at) = banned_at {
            for session in s.sessions.iter_mut().filter(|x| x.user_id == id && x.revoked_at.is_none()) {
                session.revoked_at = Some(at);
            }
        }
        Ok(())
    }

    async fn set_platform_admin(&self, id: UserId, admin: bool) -> Result<(), StoreError> {
        if let Some(u) = self.state().users.iter_mut().find(|u| u.user.id == id) {
            u.user.is_platform_admin = admin;
        }
        Ok(())
    }

    async fn list_users(
        &self,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<User>, StoreError> {
        let s = self.state();
        let q = query.map(str::to_lowercase);
        let rows = s.users.iter().map(|u| u.user.clone()).filter(|u| {
            q.as_deref().is_none_or(|q| u.email.as_str().contains(q) || u.name.as_str().to_lowercase().contains(q))
        });
        Ok(page(rows, |u| u.id.as_uuid(), after, limit))
    }
}

#[async_trait::async_trait]
impl EmailTokenStore for InMemoryIdentity {
    async fn insert_email_token(
        &self,
        user: UserId,
        purpose: EmailTokenPurpose,
        hash: &str,
        expires_at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.state().email_tokens.push((user, purpose, hash.to_owned(), expires_at, false));
        Ok(())
    }

    async fn consume_email_token(
        &self,
        purpose: EmailTokenPurpose,
        hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UserId>, StoreError> {
        let mut s = self.state();
        let token = s.email_tokens.iter_mut().find(|t| t.1 == purpose && t.2 == hash && !t.4 && now < t.3);
        Ok(token.map(|t| {
            t.4 = true;
            t.0
        }))
    }
}

#[async_trait::async_trait]
impl SessionStore for InMemoryIdentity {
    async fn insert_session(&self, session: &Session) -> Result<(), StoreError> {
        self.state().sessions.push(session.clone());
        Ok(())
    }

    async fn find_session(&self, id: SessionId) -> Result<Option<Session>, StoreError> {
        Ok(self.state().sessions.iter().find(|s| s.id == id).cloned())
    }

    async fn revoke_session(&self, id: SessionId, at: OffsetDateTime) -> Result<(), StoreError> {
        if let Some(s) = self.state().sessions.iter_mut().find(|s| s.id == id) {
            s.revoked_at.get_or_insert(at);
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl WorkspaceStore for InMemoryIdentity {
    async fn insert_workspace(&self, ws: &Workspace, owner: &Membership) -> Result<(), StoreError> {
        let mut s = self.state();
        s.workspaces.push(ws.clone());
        s.memberships.push(owner.clone());
        Ok(())
    }

    async fn get_workspace(&self, scope: &Scope) -> Result<Workspace, StoreError> {
        self.state()
            .workspaces
            .iter()
            .find(|w| w.id == scope.workspace())
            .cloned()
            .ok_or_else(|| StoreError("scope names a missing workspace".into()))
    }

    async fn find_workspace_unscoped(&self, id: WorkspaceId) -> Result<Option<Workspace>, StoreError> {
        Ok(self.state().workspaces.iter().find(|w| w.id == id).cloned())
    }

    async fn update_workspace(&self, scope: &Scope, ws: &Workspace) -> Result<(), StoreError> {
        if let Some(w) = self.state().workspaces.iter_mut().find(|w| w.id == scope.workspace()) {
            w.name = ws.name.clone();
            w.currency = ws.currency;
        }
        Ok(())
    }

    async fn find_membership(&self, ws: WorkspaceId, user: UserId) -> Result<Option<Membership>, StoreError> {
        Ok(self.state().memberships.iter().find(|m| m.workspace_id == ws && m.user_id == user).cloned())
    }

    async fn list_user_workspaces(&self, user: UserId) -> Result<Vec<WorkspaceMembership>, StoreError> {
        let s = self.state();
        Ok(s.memberships
            .iter()
            .filter(|m| m.user_id == user)
            .filter_map(|m| {
                let workspace = s.workspaces.iter().find(|w| w.id == m.workspace_id)?.clone();
                Some(WorkspaceMembership { workspace, membership: m.clone() })
            })
            .collect())
    }

    async fn list_members(
        &self,
        scope: &Scope,
        query: Option<&str>,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Member>, StoreError> {
        let s = self.state();
        let needle = query.map(str::to_lowercase);
        let rows =
            s.memberships.iter().filter(|m| m.workspace_id == scope.workspace()).filter_map(|m| s.member(m)).filter(
                |m| {
                    needle.as_deref().is_none_or(|q| {
                        m.name.as_str().to_lowercase().contains(q) || m.email.as_str().to_lowercase().contains(q)
                    })
                },
            );
        Ok(page(rows, |m| m.membership.id.as_uuid(), after, limit))
    }

    async fn find_member(&self, scope: &Scope, user: UserId) -> Result<Option<Member>, StoreError> {
        let s = self.state();
        Ok(s.memberships
            .iter()
            .find(|m| m.workspace_id == scope.workspace() && m.user_id == user)
            .and_then(|m| s.member(m)))
    }

    async fn count_members(&self, scope: &Scope) -> Result<u64, StoreError> {
        Ok(self.state().memberships.iter().filter(|m| m.workspace_id == scope.workspace()).count() as u64)
    }

    async fn change_role(&self, scope: &Scope, user: UserId, role: Role) -> Result<OwnerGuarded<()>, StoreError> {
        let mut s = self.state();
        let ws = scope.workspace();
        if !s.memberships.iter().any(|m| m.workspace_id == ws && m.user_id == user) {
            return Ok(OwnerGuarded::NotFound);
        }
        if s.owners_after(ws, user, Some(role)) == 0 {
            return Ok(OwnerGuarded::WouldLeaveNoOwner);
        }
        if let Some(m) = s.memberships.iter_mut().find(|m| m.workspace_id == ws && m.user_id == user) {
            m.role = role;
        }
        Ok(OwnerGuarded::Done(()))
    }

    async fn remove_member(&self, scope: &Scope, user: UserId) -> Result<OwnerGuarded<()>, StoreError> {
        let mut s = self.state();
        let ws = scope.workspace();
        if !s.memberships.iter().any(|m| m.workspace_id == ws && m.user_id == user) {
            return Ok(OwnerGuarded::NotFound);
        }
        if s.owners_after(ws, user, None) == 0 {
            return Ok(OwnerGuarded::WouldLeaveNoOwner);
        }
        s.memberships.retain(|m| !(m.workspace_id == ws && m.user_id == user));
        Ok(OwnerGuarded::Done(()))
    }

    async fn set_suspension(
        &self,
        scope: &Scope,
        user: UserId,
        suspension: Option<(OffsetDateTime, Option<String>)>,
    ) -> Result<bool, StoreError> {
        let mut s = self.state();
        let Some(m) = s.memberships.iter_mut().find(|m| m.workspace_id == scope.workspace() && m.user_id == user)
        else {
            return Ok(false);
        };
        (m.suspended_at, m.suspension_reason) = match suspension {
            Some((at, reason)) => (Some(at), reason),
            None => (None, None),
        };
        Ok(true)
    }
}

#[async_trait::async_trait]
impl InvitationStore for InMemoryIdentity {
    async fn insert_invitation(&self, scope: &Scope, invitation: &Invitation) -> Result<Inserted, StoreError> {
        let mut s = self.state();
        let duplicate = s.invitations.iter().any(|i| {
            i.workspace_id == scope.workspace()
                && i.email == invitation.email
                && i.status(invitation.created_at) == InvitationStatus::Pending
        });
        if duplicate {
            return Ok(Inserted::Duplicate);
        }
        s.invitations.push(invitation.clone());
        Ok(Inserted::Ok)
    }

    async fn list_invitations(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<Invitation>, StoreError> {
        let s = self.state();
        let rows = s.invitations.iter().filter(|i| i.workspace_id == scope.workspace()).cloned();
        Ok(page(rows, |i| i.id.as_uuid(), after, limit))
    }

    async fn find_invitation(&self, scope: &Scope, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
        Ok(self.state().invitations.iter().find(|i| i.id == id && i.workspace_id == scope.workspace()).cloned())
    }

    async fn find_invitation_by_link(&self, id: InvitationId) -> Result<Option<Invitation>, StoreError> {
        Ok(self.state().invitations.iter().find(|i| i.id == id).cloned())
    }

    async fn revoke_invitation(&self, scope: &Scope, id: InvitationId, at: OffsetDateTime) -> Result<bool, StoreError> {
        let mut s = self.state();
        let inv = s.invitations.iter_mut().find(|i| i.id == id && i.workspace_id == scope.workspace());
        Ok(match inv {
            Some(i) if i.status(at) == InvitationStatus::Pending => {
                i.revoked_at = Some(at);
                true
            }
            _ => false,
        })
    }

    async fn accept_invitation(
        &self,
        id: InvitationId,
        membership: &Membership,
        now: OffsetDateTime,
    ) -> Result<Accepted, StoreError> {
        let mut s = self.state();
        if s.memberships.iter().any(|m| m.workspace_id == membership.workspace_id && m.user_id == membership.user_id) {
            return Ok(Accepted::AlreadyMember);
        }
        match s.invitations.iter_mut().find(|i| i.id == id) {
            Some(i) if i.status(now) == InvitationStatus::Pending => i.accepted_at = Some(now),
            _ => return Ok(Accepted::NotPending),
        }
        s.memberships.push(membership.clone());
        Ok(Accepted::Ok)
    }
}

#[async_trait::async_trait]
impl ApiTokenStore for InMemoryIdentity {
    async fn insert_api_token(&self, _scope: &Scope, token: &ApiToken, hash: &str) -> Result<(), StoreError> {
        self.state().tokens.push((token.clone(), hash.to_owned()));
        Ok(())
    }

    async fn list_api_tokens(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<ApiToken>, StoreError> {
        let s = self.state();
        let rows = s.tokens.iter().map(|t| t.0.clone()).filter(|t| t.workspace_id == scope.workspace());
        Ok(page(rows, |t| t.id.as_uuid(), after, limit))
    }

    async fn revoke_api_token(&self, scope: &Scope, id: ApiTokenId, at: OffsetDateTime) -> Result<bool, StoreError> {
        let mut s = self.state();
        let Some((token, _)) = s.tokens.iter_mut().find(|t| t.0.id == id && t.0.workspace_id == scope.workspace())
        else {
            return Ok(false);
        };
        token.revoked_at.get_or_insert(at);
        Ok(true)
    }

    async fn find_api_token_by_hash(&self, hash: &str) -> Result<Option<ApiToken>, StoreError> {
        Ok(self.state().tokens.iter().find(|t| t.1 == hash).map(|t| t.0.clone()))
    }

    async fn touch_api_token(&self, id: ApiTokenId, at: OffsetDateTime) -> Result<(), StoreError> {
        if let Some((t, _)) = self.state().tokens.iter_mut().find(|t| t.0.id == id) {
            t.last_used_at = Some(at);
        }
        Ok(())
    }
}

/// Collects sent mail in memory.
#[derive(Default)]
pub struct InMemoryMailer(Mutex<Vec<OutgoingEmail>>);

impl InMemoryMailer {
    #[must_use]
    pub fn sent(&self) -> Vec<OutgoingEmail> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

#[async_trait::async_trait]
impl Mailer for InMemoryMailer {
    async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(email);
        Ok(())
    }
}
