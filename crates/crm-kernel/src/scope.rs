//! Who is acting, in which workspace, with which powers.
//!
//! Every port method takes `&Scope` first so that no query can be written
//! without a workspace. A [`Scope`] is made in few places, each by a
//! constructor that says what it is for:
//!
//! - [`Scope::new`]: an authenticated caller. Only the identity service's
//!   resolvers call it: `member_scope` / `token_scope` for the auth
//!   extractors of the HTTP layer, `operator_scope` for the CLI.
//! - [`Scope::job_as_member`]: a background job acting as one member (the
//!   daily digest reads as each recipient).
//! - [`Scope::system`]: operator tooling acting for the workspace itself,
//!   with no member behind it (the CLI's owner lookup, the seeding tool).
//! - `Scope::for_test`: tests only (`cfg(test)` or the `testing` feature,
//!   which only dev-dependencies and `crm-testkit` enable).
//!
//! Everything else receives a scope; it never makes one.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use crate::ids::{ApiTokenId, UserId, WorkspaceId};

/// Workspace roles, from most to least powerful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Everything, including team management, API tokens and settings.
    Owner,
    /// Full CRM pipeline access; no team management, no API tokens.
    Manager,
    /// Read-only access to every CRM module and the dashboard.
    Viewer,
}

impl Role {
    pub const ALL: [Self; 3] = [Self::Owner, Self::Manager, Self::Viewer];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Manager => "manager",
            Self::Viewer => "viewer",
        }
    }

    /// May change CRM records (leads, deals, activities, ...).
    #[must_use]
    pub const fn can_write_crm(self) -> bool {
        matches!(self, Self::Owner | Self::Manager)
    }

    /// May manage the team, API tokens and workspace settings.
    #[must_use]
    pub const fn is_owner(self) -> bool {
        matches!(self, Self::Owner)
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or(())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The seven public API scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenScope {
    ProductsRead,
    LeadsRead,
    LeadsWrite,
    CustomersRead,
    CustomersWrite,
    OrdersRead,
    OrdersWrite,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an API scope")]
pub struct TokenScopeError(pub String);

impl TokenScope {
    pub const ALL: [Self; 7] = [
        Self::ProductsRead,
        Self::LeadsRead,
        Self::LeadsWrite,
        Self::CustomersRead,
        Self::CustomersWrite,
        Self::OrdersRead,
        Self::OrdersWrite,
    ];

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ProductsRead => "products:read",
            Self::LeadsRead => "leads:read",
            Self::LeadsWrite => "leads:write",
            Self::CustomersRead => "customers:read",
            Self::CustomersWrite => "customers:write",
            Self::OrdersRead => "orders:read",
            Self::OrdersWrite => "orders:write",
        }
    }

    /// Parses a comma- or space-separated list, refusing unknown names.
    ///
    /// # Errors
    /// [`TokenScopeError`] naming the first unknown scope.
    pub fn parse_list(text: &str) -> Result<BTreeSet<Self>, TokenScopeError> {
        text.split([',', ' ']).filter(|s| !s.is_empty()).map(str::parse).collect()
    }
}

impl FromStr for TokenScope {
    type Err = TokenScopeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| TokenScopeError(s.to_owned()))
    }
}

impl fmt::Display for TokenScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who performs an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in member acting through the SPA's API.
    User { id: UserId, role: Role },
    /// An integration acting through the public API.
    Token { id: ApiTokenId, scopes: BTreeSet<TokenScope> },
}

/// An authenticated caller inside one workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    workspace: WorkspaceId,
    actor: Actor,
}

impl Scope {
    /// An authenticated caller: for the identity service's scope resolvers
    /// (used by the auth extractors and the CLI) only.
    #[must_use]
    pub const fn new(workspace: WorkspaceId, actor: Actor) -> Self {
        Self { workspace, actor }
    }

    /// A background job acting as one member of `workspace`, seeing and
    /// doing only what that member's role allows (the daily digest, per
    /// recipient).
    #[must_use]
    pub const fn job_as_member(workspace: WorkspaceId, user: UserId, role: Role) -> Self {
        Self { workspace, actor: Actor::User { id: user, role } }
    }

    /// Operator tooling acting for `workspace` itself: owner powers and no
    /// member behind it (the nil user id), so it must not write records that
    /// name their author. The CLI's owner lookup and the seeding tool's
    /// totals rebuild use it; a request never does.
    #[must_use]
    pub const fn system(workspace: WorkspaceId) -> Self {
        Self { workspace, actor: Actor::User { id: UserId::from_uuid(uuid::Uuid::nil()), role: Role::Owner } }
    }

    /// Tests only: any caller in any workspace.
    #[cfg(any(test, feature = "testing"))]
    #[must_use]
    pub const fn for_test(workspace: WorkspaceId, actor: Actor) -> Self {
        Self { workspace, actor }
    }

    #[must_use]
    pub const fn workspace(&self) -> WorkspaceId {
        self.workspace
    }

    #[must_use]
    pub const fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The acting member, when the caller is a user.
    #[must_use]
    pub const fn user(&self) -> Option<UserId> {
        match self.actor {
            Actor::User { id, .. } => Some(id),
            Actor::Token { .. } => None,
        }
    }

    /// The acting member's role; tokens have none.
    #[must_use]
    pub const fn role(&self) -> Option<Role> {
        match self.actor {
            Actor::User { role, .. } => Some(role),
            Actor::Token { .. } => None,
        }
    }

    #[must_use]
    pub fn has_token_scope(&self, wanted: TokenScope) -> bool {
        match &self.actor {
            Actor::Token { scopes, .. } => scopes.contains(&wanted),
            Actor::User { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_lists_parse_and_name_the_unknown_one() {
        let parsed = TokenScope::parse_list("leads:read,leads:write");
        assert_eq!(parsed, Ok(BTreeSet::from([TokenScope::LeadsRead, TokenScope::LeadsWrite])));
        assert_eq!(TokenScope::parse_list("leads:read,leads:delete"), Err(TokenScopeError("leads:delete".into())));
    }

    #[test]
    fn only_owner_and_manager_write_crm_records() {
        assert!(Role::Owner.can_write_crm());
        assert!(Role::Manager.can_write_crm());
        assert!(!Role::Viewer.can_write_crm());
        assert!(!Role::Manager.is_owner());
    }
}
