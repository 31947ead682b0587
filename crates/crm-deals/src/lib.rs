//! Deals and pipelines.
//!
//! Owns workspace pipelines and their stages (open / won / lost), lost
//! reasons, deals with their money, probability and weighted forecast,
//! validated stage transitions (lost needs a reason, won stamps the close,
//! reopening is explicit), stale detection, and lead conversion: a qualified
//! lead becomes contact + company + deal exactly once, in one transaction.
//!
//! Must never depend on actix-web, sea-orm, sqlx, reqwest or serde_json.

pub mod conversion;
pub mod error;
pub mod model;
pub mod ports;
pub mod service;

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;
pub mod values;

pub use conversion::ConversionService;
pub use crm_kernel::Patch;
pub use error::DealError;
pub use model::*;
pub use ports::{DealStore, PipelineStore, StageRemoval};
pub use service::DealService;
pub use values::{DealStatus, Probability, StageKind};
