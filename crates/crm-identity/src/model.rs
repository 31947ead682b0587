//! The records of identity and access, as the domain sees them.

use std::collections::BTreeSet;

use crm_kernel::{ApiTokenId, Currency, InvitationId, MembershipId, Role, SessionId, TokenScope, UserId, WorkspaceId};
use time::OffsetDateTime;

use crate::values::{Email, PersonName, Theme, TokenName, WorkspaceName};

/// A global account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: PersonName,
    pub email_verified_at: Option<OffsetDateTime>,
    pub is_platform_admin: bool,
    pub banned_at: Option<OffsetDateTime>,
    pub theme: Theme,
    pub created_at: OffsetDateTime,
}

/// A user together with their password hash; only sign-in and password
/// changes read it.
#[derive(Clone, Debug)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: WorkspaceName,
    pub currency: Currency,
    pub created_at: OffsetDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub id: MembershipId,
    pub workspace_id: WorkspaceId,
    pub user_id: UserId,
    pub role: Role,
    pub created_at: OffsetDateTime,
    pub suspended_at: Option<OffsetDateTime>,
    pub suspension_reason: Option<String>,
}

/// A membership with the member's public profile, for team pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub membership: Membership,
    pub email: Email,
    pub name: PersonName,
}

/// A workspace a user belongs to, for the workspace selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceMembership {
    pub workspace: Workspace,
    pub membership: Membership,
}

/// A server-side browser session. The browser holds a short-lived signed
/// token naming it; revoking the row ends the session at the next request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    /// SHA-256 of the CSRF secret handed to this browser.
    pub csrf_hash: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Session {
    #[must_use]
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

impl InvitationStatus {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub id: InvitationId,
    pub workspace_id: WorkspaceId,
    pub email: Email,
    pub role: Role,
    pub invited_by: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub accepted_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl Invitation {
    /// Expiry is derived from the time, never written by a job.
    #[must_use]
    pub fn status(&self, now: OffsetDateTime) -> InvitationStatus {
        if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if now >= self.expires_at {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        }
    }
}

/// What the `/invite/{id}` page shows before anyone signs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationPreview {
    pub invitation: Invitation,
    pub workspace_name: WorkspaceName,
    pub status: InvitationStatus,
    pub account_exists: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub workspace_id: WorkspaceId,
    pub name: TokenName,
    pub scopes: BTreeSet<TokenScope>,
    /// The first characters of the secret, so people can tell tokens apart.
    pub prefix: String,
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A token as created: the secret exists only in this value, once.
#[derive(Clone, Debug)]
pub struct IssuedApiToken {
    pub token: ApiToken,
    pub secret: String,
}

/// Purpose of a single-use emailed token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailTokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl EmailTokenPurpose {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
        }
    }
}

/// A browser session as issued at sign-in: the CSRF secret is handed to the
/// browser once and stored only hashed.
#[derive(Clone, Debug)]
pub struct IssuedSession {
    pub session: Session,
    pub csrf_secret: String,
}

/// A user's account with every workspace they belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub user: User,
    pub workspaces: Vec<WorkspaceMembership>,
}
