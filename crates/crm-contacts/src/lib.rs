//! Contacts (people) and companies (accounts): their fields and validation,
//! case-insensitive email uniqueness per workspace, and duplicate detection
//! for companies on normalised domain and name, surfaced to the user instead
//! of merged. Every change appends an audit entry in the same transaction.
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

pub mod error;
#[cfg(any(test, feature = "fakes"))]
pub mod fakes;
pub mod model;
pub mod ports;
pub mod service;
pub mod values;

pub use error::ContactError;
pub use model::*;
pub use ports::{ContactStore, ContactWrite};
pub use service::ContactService;
pub use values::*;
