//! Mail adapters: the concrete implementations of the kernel's
//! [`Mailer`](crm_kernel::Mailer) port.
//!
//! Owns: turning an [`OutgoingEmail`](crm_kernel::OutgoingEmail) into an
//! RFC 5322 `multipart/alternative` message (plain text + HTML) and delivering
//! it, either to an SMTP server through lettre ([`SmtpMailer`]) or, when no
//! SMTP server is configured, as `.eml` files in a directory
//! ([`EmlFileMailer`]). [`mailer_from_settings`] picks one; the composition root
//! (`crm-app`) calls it once.
//!
//! Must never depend on: domain crates (only `crm-kernel`, where the port
//! lives), a web framework, an ORM or a JSON library. It never logs recipient
//! addresses, subjects or bodies — only "mail sent" / "mail failed" with the
//! message id — and its errors never carry credentials or addresses.

mod eml;
mod message;
mod smtp;

use std::path::PathBuf;
use std::sync::Arc;

use crm_kernel::{MailError, Mailer, OutgoingEmail};

pub use eml::EmlFileMailer;
pub use smtp::{ParseSmtpTlsError, SmtpMailer, SmtpSettings, SmtpTls};

/// The sender used for `.eml` files when no SMTP settings (and so no
/// configured `From`) exist.
pub const DEFAULT_FROM: &str = "CRM <no-reply@crm.localhost>";

/// Chooses the mail adapter: SMTP when `smtp` is given, `.eml` files in
/// `eml_dir` otherwise.
///
/// Invalid SMTP settings (a bad `From` address, username without password, …)
/// do **not** silently fall back to files: the error is logged once and every
/// send fails with it. Call [`try_mailer_from_settings`] at start-up to refuse
/// to start instead. Call it inside a Tokio runtime (see [`SmtpMailer::new`]).
#[must_use]
pub fn mailer_from_settings(smtp: Option<SmtpSettings>, eml_dir: PathBuf) -> Arc<dyn Mailer> {
    match try_mailer_from_settings(smtp, eml_dir) {
        Ok(mailer) => mailer,
        Err(error) => {
            tracing::error!(%error, "mail is misconfigured; every send will fail");
            Arc::new(BrokenMailer(error.0))
        }
    }
}

/// Like [`mailer_from_settings`], but reports invalid settings.
///
/// # Errors
/// [`MailError`] when the SMTP settings (or the default `.eml` sender) are invalid.
pub fn try_mailer_from_settings(smtp: Option<SmtpSettings>, eml_dir: PathBuf) -> Result<Arc<dyn Mailer>, MailError> {
    match smtp {
        Some(settings) => {
            tracing::info!(
                host = %settings.host,
                port = settings.port,
                tls = %settings.tls,
                "mail goes to an SMTP server"
            );
            Ok(Arc::new(SmtpMailer::new(settings)?))
        }
        None => {
            tracing::info!(dir = %eml_dir.display(), "no SMTP configured; mail goes to .eml files");
            Ok(Arc::new(EmlFileMailer::new(eml_dir)))
        }
    }
}

/// Stands in for a mailer whose settings were invalid.
struct BrokenMailer(String);

#[async_trait::async_trait]
impl Mailer for BrokenMailer {
    async fn send(&self, _email: OutgoingEmail) -> Result<(), MailError> {
        tracing::warn!("mail failed: mailer is misconfigured");
        Err(MailError(self.0.clone()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn email() -> OutgoingEmail {
        OutgoingEmail {
            to: "someone@example.test".into(),
            subject: "Hello".into(),
            text: "text".into(),
            html: "<p>html</p>".into(),
        }
    }

    #[tokio::test]
    async fn without_smtp_mail_goes_to_files() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = mailer_from_settings(None, dir.path().join("mail"));
        mailer.send(email()).await.unwrap();
        assert_eq!(std::fs::read_dir(dir.path().join("mail")).unwrap().count(), 1);
    }

    #[tokio::test]
    async fn invalid_smtp_settings_fail_loudly_instead_of_falling_back() {
        let dir = tempfile::tempdir().unwrap();
        let settings = SmtpSettings {
            host: "localhost".into(),
            port: 2525,
            username: Some("user".into()),
            password: None,
            tls: SmtpTls::None,
            from: "crm@example.test".into(),
        };
        assert!(try_mailer_from_settings(Some(settings.clone()), dir.path().into()).is_err());
        let mailer = mailer_from_settings(Some(settings), dir.path().into());
        let err = mailer.send(email()).await.unwrap_err();
        assert!(err.0.contains("password"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
