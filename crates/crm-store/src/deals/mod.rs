//! The SeaORM adapter of `crm_deals`'s ports, by concern:
//!
//! - [`pipelines`]: pipelines, their stages and the lost reasons;
//! - [`records`]: deals themselves (insert, find, lists, link lookups);
//! - [`moves`]: changing a deal (edits, stage moves, close, reopen) and
//!   moving a removed stage's deals, which move their shares of the totals;
//! - [`totals`]: the kept `deal_stage_totals` and the board's stage totals;
//! - [`conversion`]: a qualified lead into contact, company and deal.
//!
//! Row mapping shared by them is in [`rows`].

mod conversion;
mod moves;
mod pipelines;
mod records;
mod rows;
mod totals;

use sea_orm::DatabaseConnection;

pub use totals::rebuild_totals;

/// Pipelines, deals and conversion storage on SQLite or PostgreSQL.
#[derive(Clone)]
pub struct SeaDealStore {
    db: DatabaseConnection,
}

impl SeaDealStore {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}
