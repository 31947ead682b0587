//! Rows into domain records. A row that does not parse is a storage failure:
//! only this crate writes these tables, through the domain's own types.

use std::collections::BTreeSet;

use crm_identity::{
    ApiToken, Email, Invitation, Member, Membership, PersonName, Session, Theme, TokenName, User, Workspace,
    WorkspaceName,
};
use crm_kernel::{Currency, Role, StoreError, TokenScope};

use crate::entities::{api_tokens, invitations, memberships, sessions, users, workspaces};

fn role(text: &str) -> Result<Role, StoreError> {
    text.parse().map_err(|()| StoreError(format!("unknown role `{text}` in storage")))
}

pub fn user(row: users::Model) -> User {
    User {
        id: row.id.into(),
        email: Email::from_trusted(row.email),
        name: PersonName::from_trusted(row.name),
        email_verified_at: row.email_verified_at,
        is_platform_admin: row.is_platform_admin,
        banned_at: row.banned_at,
        theme: row.theme.parse().unwrap_or(Theme::System),
        created_at: row.created_at,
    }
}

pub fn workspace(row: workspaces::Model) -> Result<Workspace, StoreError> {
    Ok(Workspace {
        id: row.id.into(),
        name: WorkspaceName::from_trusted(row.name),
        currency: Currency::parse(&row.currency).map_err(|e| StoreError(e.to_string()))?,
        created_at: row.created_at,
    })
}

pub fn membership(row: memberships::Model) -> Result<Membership, StoreError> {
    Ok(Membership {
        id: row.id.into(),
        workspace_id: row.workspace_id.into(),
        user_id: row.user_id.into(),
        role: role(&row.role)?,
        created_at: row.created_at,
        suspended_at: row.suspended_at,
        suspension_reason: row.suspension_reason,
    })
}

pub fn member(row: memberships::Model, user: &users::Model) -> Result<Member, StoreError> {
    Ok(Member {
        membership: membership(row)?,
        email: Email::from_trusted(user.email.clone()),
        name: PersonName::from_trusted(user.name.clone()),
    })
}

pub fn session(row: sessions::Model) -> Session {
    Session {
        id: row.id.into(),
        user_id: row.user_id.into(),
        csrf_hash: row.csrf_hash,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

pub fn invitation(row: invitations::Model) -> Result<Invitation, StoreError> {
    Ok(Invitation {
        id: row.id.into(),
        workspace_id: row.workspace_id.into(),
        email: Email::from_trusted(row.email),
        role: role(&row.role)?,
        invited_by: row.invited_by.into(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        accepted_at: row.accepted_at,
        revoked_at: row.revoked_at,
    })
}

pub fn scopes_to_text(scopes: &BTreeSet<TokenScope>) -> String {
    scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
}

pub fn api_token(row: api_tokens::Model) -> Result<ApiToken, StoreError> {
    Ok(ApiToken {
        id: row.id.into(),
        workspace_id: row.workspace_id.into(),
        name: TokenName::from_trusted(row.name),
        scopes: TokenScope::parse_list(&row.scopes).map_err(|e| StoreError(e.to_string()))?,
        prefix: row.prefix,
        created_by: row.created_by.map(Into::into),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        revoked_at: row.revoked_at,
    })
}
