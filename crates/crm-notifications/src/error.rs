//! The errors of the notification use cases.

use crm_kernel::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum NotificationError {
    /// Not one of the caller's notifications (another member's, another
    /// workspace's, or none at all): indistinguishable on purpose.
    #[error("notification not found")]
    NotFound,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}
