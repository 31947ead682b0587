//! Notifications: what a member is told, in the app and by email.
//!
//! Owns the in-app bell (each member reads and marks only their own
//! notifications; the modules write them in the same transaction as the
//! change, see [`crm_kernel::Notification`]), the workspace's digest
//! preferences (owners and managers change them), and the daily digest:
//! who gets what ([`digest::plan`]), the email ([`email::render_digest`])
//! and at-most-once delivery (a unique claim row committed before sending).
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

pub mod digest;
pub mod email;
pub mod error;
pub mod model;
pub mod ports;
pub mod service;

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;

pub use digest::{DigestReport, DigestService};
pub use error::NotificationError;
pub use model::*;
pub use ports::{Claim, DigestStore, NotificationStore};
pub use service::NotificationService;
