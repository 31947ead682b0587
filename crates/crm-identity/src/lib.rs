//! Identity and access: users, browser sessions, workspaces, memberships and
//! roles, invitations, workspace-local suspension, platform bans and API
//! tokens.
//!
//! Owns every rule about who may do what in which workspace; the HTTP layer
//! only authenticates and maps errors. Talks to storage through the ports in
//! [`ports`] and to mail through [`crm_kernel::Mailer`].
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json
//! (`scripts/check-domain-deps.sh` proves it).

pub mod error;
pub mod mail;
pub mod model;
pub mod ports;
pub mod secrets;
pub mod service;
pub mod values;

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;

pub use error::IdentityError;
pub use model::*;
pub use ports::IdentityStore;
pub use service::{IdentityConfig, IdentityService};
pub use values::*;
