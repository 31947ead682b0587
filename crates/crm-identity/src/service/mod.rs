//! The identity and access service: every use case, with the role checks
//! that guard it. Handlers call these methods and nothing else.

mod admin;
mod auth;
mod team;
mod tokens;
mod workspaces;

use std::sync::Arc;

use crm_kernel::{Clock, Mailer, OutgoingEmail, Role, Scope};
use time::Duration;

use crate::error::IdentityError;
use crate::ports::IdentityStore;

pub use auth::SignUp;
pub use workspaces::WorkspaceChanges;

/// Lifetimes and links; built once from configuration.
#[derive(Clone, Debug)]
pub struct IdentityConfig {
    /// Absolute base URL of the SPA, used in emailed links.
    pub public_url: String,
    pub session_ttl: Duration,
    pub invitation_ttl: Duration,
    pub verification_ttl: Duration,
    pub reset_ttl: Duration,
}

impl IdentityConfig {
    #[must_use]
    pub fn new(public_url: impl Into<String>) -> Self {
        Self {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            session_ttl: Duration::days(30),
            invitation_ttl: Duration::days(7),
            verification_ttl: Duration::hours(48),
            reset_ttl: Duration::hours(1),
        }
    }

    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

pub struct IdentityService {
    store: Arc<dyn IdentityStore>,
    mailer: Arc<dyn Mailer>,
    clock: Arc<dyn Clock>,
    config: IdentityConfig,
}

impl IdentityService {
    #[must_use]
    pub fn new(
        store: Arc<dyn IdentityStore>,
        mailer: Arc<dyn Mailer>,
        clock: Arc<dyn Clock>,
        config: IdentityConfig,
    ) -> Self {
        Self { store, mailer, clock, config }
    }

    #[must_use]
    pub fn config(&self) -> &IdentityConfig {
        &self.config
    }

    fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Mail is best effort for the request that triggers it: the record is
    /// already written, and the user can ask for the mail again. A failure
    /// is logged without the address.
    async fn send(&self, email: OutgoingEmail, kind: &'static str) {
        if let Err(error) = self.mailer.send(email).await {
            tracing::error!(mail.kind = kind, %error, "mail not delivered");
        }
    }
}

/// Owners only: team, tokens and settings.
fn require_owner(scope: &Scope) -> Result<(), IdentityError> {
    match scope.role() {
        Some(Role::Owner) => Ok(()),
        _ => Err(IdentityError::Forbidden("only workspace owners can do this")),
    }
}
