//! Activities & tasks: calls, meetings, emails, notes and tasks linked to
//! leads, contacts and companies (deals later).
//!
//! Append-only: there is no delete. Completion and reopening are recorded
//! in the audit feed, edits too. Assigning an activity to someone else
//! stores an in-app notification for them, in the same transaction. Entity
//! timelines merge linked activities with the entity's audit events.
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

mod error;
#[cfg(any(test, feature = "fakes"))]
pub mod fakes;
mod model;
mod ports;
mod service;

pub use error::ActivityError;
pub use model::*;
pub use ports::{ActivityStore, Link};
pub use service::ActivityService;
