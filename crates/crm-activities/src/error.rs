//! What can go wrong with an activity use case.

use crm_kernel::{FieldError, Resource, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("activity not found")]
    NotFound,
    #[error("the linked {0} is not in this workspace")]
    LinkNotFound(Resource),
    #[error("the assignee is not a member of this workspace")]
    AssigneeNotFound,
    #[error("this activity is already {0}")]
    AlreadyInState(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("the activity changed while this update was applied; retry")]
    Conflict,
    #[error(transparent)]
    Store(#[from] StoreError),
}
