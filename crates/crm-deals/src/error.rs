//! What can go wrong with deals, pipelines and conversion, in the domain's words.

use crm_kernel::{FieldError, Resource, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DealError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(Resource),
    #[error("the owner is not a member of this workspace")]
    OwnerNotFound,
    #[error("moving a deal to a lost stage needs a lost reason")]
    LostReasonRequired,
    #[error("moving a deal forward needs a next action date (today or later)")]
    NextActionRequired,
    #[error("the deal is {0}; reopen it before moving it")]
    Closed(&'static str),
    #[error("the deal is open; only won or lost deals can be reopened")]
    NotClosed,
    #[error("{count} deals are in this stage; move them to another stage first (moveTo)")]
    StageNotEmpty { count: u64 },
    #[error("{0}")]
    StageRule(&'static str),
    #[error("a lost reason with this label already exists")]
    LostReasonExists,
    #[error("only a qualified lead can be converted; this one is {0}")]
    LeadNotQualified(&'static str),
    #[error("the lead has already been converted")]
    AlreadyConverted,
    #[error("a contact with this email exists; link it instead")]
    EmailTaken { id: crm_kernel::ContactId, name: String },
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("the deal changed while this update was applied; retry")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FieldError> for DealError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }
}
