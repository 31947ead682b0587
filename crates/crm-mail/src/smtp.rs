//! Delivery to an SMTP server through lettre.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crm_kernel::{MailError, Mailer, OutgoingEmail};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use uuid::Uuid;

use crate::message::{build_message, message_id, parse_from};

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text. Only for a relay on a trusted network (or a local test sink).
    None,
    /// Plain connection upgraded with `STARTTLS`; the upgrade is **required**
    /// (no fallback to plain text). Usually port 587.
    StartTls,
    /// TLS from the first byte ("implicit TLS", SMTPS). Usually port 465.
    Tls,
}

impl fmt::Display for SmtpTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "none",
            Self::StartTls => "starttls",
            Self::Tls => "tls",
        })
    }
}

/// `CRM_SMTP_TLS` was not one of `none`, `starttls`, `tls`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseSmtpTlsError(String);

impl fmt::Display for ParseSmtpTlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown SMTP TLS mode {:?}: expected none, starttls or tls", self.0)
    }
}

impl std::error::Error for ParseSmtpTlsError {}

impl FromStr for SmtpTls {
    type Err = ParseSmtpTlsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(Self::None),
            "starttls" => Ok(Self::StartTls),
            "tls" => Ok(Self::Tls),
            _ => Err(ParseSmtpTlsError(s.to_owned())),
        }
    }
}

/// Where and how to deliver mail over SMTP (`CRM_SMTP_*`, `CRM_MAIL_FROM`).
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: SmtpTls,
    /// The sender, `"Name <addr>"` or `"addr"`.
    pub from: String,
}

/// Never prints the password.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .field("from", &self.from)
            .finish()
    }
}

/// How long one SMTP command may take before the send fails.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends mail through an SMTP server (pooled connections).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer").field("from", &self.from.email.to_string()).finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// Builds the transport. Nothing connects until the first send.
    ///
    /// Call it inside a Tokio runtime: the connection pool spawns its cleanup
    /// task there.
    ///
    /// # Errors
    /// [`MailError`] when the `From` address is invalid, when only one of
    /// username and password is given, when TLS cannot be set up for `host`,
    /// or when called outside a Tokio runtime.
    pub fn new(settings: SmtpSettings) -> Result<Self, MailError> {
        let from = parse_from(&settings.from)?;
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(MailError("the SMTP mailer must be created inside a Tokio runtime".into()));
        }
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
            .port(settings.port)
            .timeout(Some(SMTP_TIMEOUT));
        builder = match settings.tls {
            SmtpTls::None => builder.tls(Tls::None),
            SmtpTls::StartTls => builder.tls(Tls::Required(tls_parameters(&settings.host)?)),
            SmtpTls::Tls => builder.tls(Tls::Wrapper(tls_parameters(&settings.host)?)),
        };
        builder = match (settings.username, settings.password) {
            (Some(user), Some(password)) => builder.credentials(Credentials::new(user, password)),
            (None, None) => builder,
            (Some(_), None) => {
                return Err(MailError("an SMTP username is set but no password (CRM_SMTP_PASSWORD)".into()));
            }
            (None, Some(_)) => {
                return Err(MailError("an SMTP password is set but no username (CRM_SMTP_USERNAME)".into()));
            }
        };
        Ok(Self { transport: builder.build(), from })
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, MailError> {
    TlsParameters::new(host.to_owned()).map_err(|_| MailError("TLS cannot be set up for the SMTP host".into()))
}

/// A description of an SMTP failure that carries neither credentials nor the
/// server's response text (which often echoes the recipient address).
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_tls() {
        "TLS failure"
    } else if e.is_permanent() {
        "rejected permanently by the server"
    } else if e.is_transient() {
        "rejected temporarily by the server"
    } else if e.is_response() {
        "unexpected response from the server"
    } else if e.is_client() {
        "client error"
    } else if e.is_transport_shutdown() {
        "transport shut down"
    } else {
        "connection failed"
    };
    match e.status() {
        Some(code) => format!("SMTP {kind} ({code})"),
        None => format!("SMTP {kind}"),
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        let id = Uuid::now_v7();
        let message_id = message_id(&self.from, id);
        let message = match build_message(&self.from, email, id) {
            Ok(message) => message,
            Err(error) => {
                tracing::warn!(%message_id, %error, "mail failed");
                return Err(error);
            }
        };
        match self.transport.send(message).await {
            Ok(_) => {
                tracing::info!(%message_id, transport = "smtp", "mail sent");
                Ok(())
            }
            Err(e) => {
                let error = describe(&e);
                tracing::warn!(%message_id, %error, "mail failed");
                Err(MailError(error))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.test".into(),
            port: 587,
            username: Some("user".into()),
            password: Some("hunter2-secret".into()),
            tls: SmtpTls::StartTls,
            from: "CRM <crm@example.test>".into(),
        }
    }

    #[test]
    fn tls_modes_parse() {
        assert_eq!("none".parse::<SmtpTls>(), Ok(SmtpTls::None));
        assert_eq!("starttls".parse::<SmtpTls>(), Ok(SmtpTls::StartTls));
        assert_eq!(" TLS ".parse::<SmtpTls>(), Ok(SmtpTls::Tls));
        let err = "ssl".parse::<SmtpTls>().unwrap_err();
        assert!(err.to_string().contains("none, starttls or tls"));
        for mode in [SmtpTls::None, SmtpTls::StartTls, SmtpTls::Tls] {
            assert_eq!(mode.to_string().parse::<SmtpTls>(), Ok(mode));
        }
    }

    #[test]
    fn debug_redacts_the_password() {
        let shown = format!("{:?}", settings());
        assert!(!shown.contains("hunter2-secret"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }

    #[tokio::test]
    async fn builds_for_every_tls_mode() {
        for tls in [SmtpTls::None, SmtpTls::StartTls, SmtpTls::Tls] {
            SmtpMailer::new(SmtpSettings { tls, ..settings() }).unwrap();
        }
    }

    #[test]
    fn outside_a_runtime_is_an_error_not_a_panic() {
        let err = SmtpMailer::new(SmtpSettings { tls: SmtpTls::None, ..settings() }).unwrap_err();
        assert!(err.0.contains("Tokio runtime"), "{err}");
    }

    #[tokio::test]
    async fn rejects_half_credentials_and_bad_from() {
        assert!(SmtpMailer::new(SmtpSettings { password: None, ..settings() }).is_err());
        assert!(SmtpMailer::new(SmtpSettings { username: None, ..settings() }).is_err());
        assert!(SmtpMailer::new(SmtpSettings { from: "not a mailbox".into(), ..settings() }).is_err());
    }

    #[tokio::test]
    async fn a_refused_connection_is_an_error_without_secrets() {
        // Port 1 on loopback: nothing listens there.
        let mailer =
            SmtpMailer::new(SmtpSettings { host: "127.0.0.1".into(), port: 1, tls: SmtpTls::None, ..settings() })
                .unwrap();
        let err = mailer
            .send(OutgoingEmail {
                to: "victim@example.test".into(),
                subject: "s".into(),
                text: "t".into(),
                html: "h".into(),
            })
            .await
            .unwrap_err();
        let shown = err.to_string();
        assert!(!shown.contains("hunter2-secret"), "{shown}");
        assert!(!shown.contains("victim@example.test"), "{shown}");
        assert!(shown.contains("SMTP"), "{shown}");
    }
}
