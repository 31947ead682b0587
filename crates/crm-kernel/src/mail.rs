//! The mail port. Domain services describe an email; an adapter delivers it
//! (SMTP, or `.eml` files when no SMTP server is configured).

/// One message with a plain-text and an HTML part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
#[error("mail delivery failed: {0}")]
pub struct MailError(pub String);

/// Delivers mail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Hands one message to the transport.
    ///
    /// # Errors
    /// [`MailError`] when the transport refuses or cannot be reached.
    async fn send(&self, email: OutgoingEmail) -> Result<(), MailError>;
}
