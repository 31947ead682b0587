//! What can go wrong with a contact or company use case.

use crm_kernel::{ContactId, FieldError, Resource, StoreError};

use crate::model::PossibleDuplicate;

#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(Resource),
    #[error("the owner is not a member of this workspace")]
    OwnerNotFound,
    #[error("the company is not in this workspace")]
    CompanyNotFound,
    #[error("a contact with this email already exists: {name}")]
    EmailTaken { id: ContactId, name: String },
    #[error("this company may already exist")]
    PossibleDuplicates(Vec<PossibleDuplicate>),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("the record changed while this update was applied; retry")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Vec<FieldError>> for ContactError {
    fn from(e: Vec<FieldError>) -> Self {
        Self::Invalid(e)
    }
}
