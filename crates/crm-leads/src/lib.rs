//! Leads: the first contact before qualification.
//!
//! Owns the lead's fields and their validation, the status flow
//! (New → Contacted → Qualified → Unqualified / Converted), stale and overdue
//! detection, the 0–100 score with its breakdown and decay (computed from
//! timestamps when read), and workspace lead sources (built-in + custom).
//! Every change appends an audit entry in the same transaction as the write.
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

pub mod error;
pub mod model;
pub mod ports;
pub mod query;
pub mod score;
pub mod service;
pub mod values;

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;

pub use error::LeadError;
pub use model::*;
pub use ports::LeadStore;
pub use query::{LeadCursor, LeadFilter, LeadSort, SortField};
pub use score::{Score, ScoreItem};
pub use service::LeadService;
pub use values::*;
