//! What can go wrong with leads, in the domain's words.

use crm_kernel::{FieldError, StoreError};

use crate::values::LeadStatus;

#[derive(Debug, thiserror::Error)]
pub enum LeadError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("a lead cannot move from {} to {}", .from.as_str(), .to.as_str())]
    InvalidTransition { from: LeadStatus, to: LeadStatus },
    #[error("lead not found")]
    NotFound,
    #[error("the assignee is not a member of this workspace")]
    AssigneeNotFound,
    #[error("lead source not found")]
    SourceNotFound,
    #[error("a lead source with this slug already exists")]
    SourceExists,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("this token lacks the `{0}` scope")]
    MissingScope(crm_kernel::TokenScope),
    #[error("the lead changed while this update was applied; retry")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FieldError> for LeadError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }
}

impl From<Vec<FieldError>> for LeadError {
    fn from(e: Vec<FieldError>) -> Self {
        Self::Invalid(e)
    }
}
