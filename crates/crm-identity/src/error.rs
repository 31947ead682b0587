//! What can go wrong in identity and access, in the domain's words. The HTTP
//! layer maps each variant to a status and a stable code in one place.

use crm_kernel::{FieldError, Resource, StoreError};

use crate::model::InvitationStatus;

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// One or more fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Email and password do not match an account.
    #[error("email or password is wrong")]
    InvalidCredentials,
    /// No session, or a session that ended.
    #[error("not signed in")]
    Unauthenticated,
    /// The account is banned platform-wide.
    #[error("this account is banned")]
    Banned,
    /// The member is suspended in this workspace.
    #[error("your access to this workspace is suspended")]
    Suspended,
    /// Authenticated, but the role does not allow it.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Missing, or in a workspace the caller cannot see.
    #[error("{0} not found")]
    NotFound(Resource),
    /// The email already has an account.
    #[error("an account with this email already exists")]
    EmailTaken,
    /// The user is already a member of the workspace.
    #[error("already a member of this workspace")]
    AlreadyMember,
    /// A pending invitation for this email already exists.
    #[error("a pending invitation for this email already exists")]
    AlreadyInvited,
    /// The change would leave the workspace without an owner.
    #[error("a workspace must keep at least one owner")]
    LastOwner,
    /// The invitation can no longer be accepted or revoked.
    #[error("this invitation is {}", .0.as_str())]
    InvitationNotPending(InvitationStatus),
    /// The signed-in user is not the invited address.
    #[error("this invitation was sent to a different email address")]
    InvitationEmailMismatch,
    /// A verification or reset link that is unknown, used or expired.
    #[error("this link is invalid or has expired")]
    InvalidEmailToken,
    /// Members cannot act on themselves this way (suspend, ban).
    #[error("{0}")]
    SelfAction(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IdentityError {
    #[must_use]
    pub fn field(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, code, message)])
    }
}

impl From<FieldError> for IdentityError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }
}

/// Collects every field error of a request instead of stopping at the first.
#[derive(Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// Keeps the value, or records its error.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// # Errors
    /// [`IdentityError::Invalid`] with every recorded error, if any.
    pub fn finish(self) -> Result<(), IdentityError> {
        if self.0.is_empty() { Ok(()) } else { Err(IdentityError::Invalid(self.0)) }
    }
}
