//! Delivery as `.eml` files: the embedded default when no SMTP server is set.

use std::path::{Path, PathBuf};

use crm_kernel::{MailError, Mailer, OutgoingEmail};
use lettre::message::Mailbox;
use time::OffsetDateTime;
use time::macros::format_description;
use uuid::Uuid;

use crate::DEFAULT_FROM;
use crate::message::{build_message, message_id, parse_from};

/// Writes each message as an RFC 5322 file `<UTC timestamp>-<uuid>.eml` in
/// `dir` (created when missing). The timestamp sorts lexically
/// (`20261125T221530.123Z`); the uuid is the one in the `Message-ID`.
///
/// A file appears complete or not at all: it is written under a hidden
/// temporary name and renamed.
#[derive(Clone, Debug)]
pub struct EmlFileMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl EmlFileMailer {
    /// Files go to `dir`; the sender is [`DEFAULT_FROM`].
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        // DEFAULT_FROM is a constant that parses (see the tests); the
        // fallback spells the same mailbox without parsing.
        let from = parse_from(DEFAULT_FROM).unwrap_or_else(|_| {
            Mailbox::new(Some("CRM".into()), lettre::Address::new_dangerous("no-reply", "crm.localhost"))
        });
        Self { dir: dir.into(), from }
    }

    /// Uses `from` (`"Name <addr>"` or `"addr"`) as the sender.
    ///
    /// # Errors
    /// [`MailError`] when `from` is not a valid mailbox.
    pub fn with_from(mut self, from: &str) -> Result<Self, MailError> {
        self.from = parse_from(from)?;
        Ok(self)
    }

    /// The directory the files go to.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    async fn write(&self, name: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let tmp = self.dir.join(format!(".{name}.tmp"));
        tokio::fs::write(&tmp, bytes).await?;
        if let Err(e) = tokio::fs::rename(&tmp, self.dir.join(name)).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e);
        }
        Ok(())
    }
}

fn file_name(now: OffsetDateTime, id: Uuid) -> String {
    let format = format_description!("[year][month][day]T[hour][minute][second].[subsecond digits:3]Z");
    let stamp =
        now.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_else(|_| now.unix_timestamp().to_string());
    format!("{stamp}-{id}.eml")
}

#[async_trait::async_trait]
impl Mailer for EmlFileMailer {
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
        let name = file_name(OffsetDateTime::now_utc(), id);
        match self.write(&name, message.formatted()).await {
            Ok(()) => {
                tracing::info!(%message_id, file = %name, "mail sent (written to an .eml file)");
                Ok(())
            }
            Err(e) => {
                let error = format!("the .eml file could not be written: {}", e.kind());
                tracing::warn!(%message_id, %error, dir = %self.dir.display(), "mail failed");
                Err(MailError(error))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sender_parses() {
        parse_from(DEFAULT_FROM).unwrap();
    }

    #[test]
    fn file_names_sort_by_time_and_carry_the_id() {
        let id = Uuid::now_v7();
        let at = time::macros::datetime!(2026-11-25 22:15:30.123 UTC);
        assert_eq!(file_name(at, id), format!("20261125T221530.123Z-{id}.eml"));
    }

    #[tokio::test]
    async fn writes_one_rfc5322_file_per_message_creating_the_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("nested").join("mail");
        let mailer = EmlFileMailer::new(&dir).with_from("CRM <crm@example.test>").unwrap();
        mailer
            .send(OutgoingEmail {
                to: "Ann Example <ann@example.test>".into(),
                subject: "Welcome to the CRM".into(),
                text: "Hello Ann, plain part.".into(),
                html: "<p>Hello Ann, <b>HTML part</b>.</p>".into(),
            })
            .await
            .unwrap();

        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
        assert!(name.ends_with(".eml"), "{name}");
        let (stamp, id) = name.trim_end_matches(".eml").split_once('-').unwrap();
        assert_eq!(stamp.len(), "20261125T221530.123Z".len(), "{name}");
        assert!(stamp.ends_with('Z'), "{name}");
        let id: Uuid = id.parse().unwrap();

        let raw = std::fs::read_to_string(&files[0]).unwrap();
        let (headers, body) = raw.split_once("\r\n\r\n").unwrap();
        assert!(headers.contains("From: CRM <crm@example.test>"), "{headers}");
        assert!(headers.contains("To: \"Ann Example\" <ann@example.test>"), "{headers}");
        assert!(headers.contains("Subject: Welcome to the CRM"), "{headers}");
        assert!(headers.contains(&format!("Message-ID: <{id}@example.test>")), "{headers}");
        assert!(headers.contains("multipart/alternative"), "{headers}");
        assert!(body.contains("text/plain"), "{body}");
        assert!(body.contains("Hello Ann, plain part."), "{body}");
        assert!(body.contains("text/html"), "{body}");
        assert!(body.contains("<p>Hello Ann, <b>HTML part</b>.</p>"), "{body}");

        mailer
            .send(OutgoingEmail {
                to: "bob@example.test".into(),
                subject: "Second".into(),
                text: "t".into(),
                html: "h".into(),
            })
            .await
            .unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    }

    #[tokio::test]
    async fn an_unwritable_dir_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let blocker = tmp.path().join("file");
        std::fs::write(&blocker, b"not a dir").unwrap();
        let mailer = EmlFileMailer::new(blocker.join("mail"));
        let err = mailer
            .send(OutgoingEmail {
                to: "ann@example.test".into(),
                subject: "s".into(),
                text: "t".into(),
                html: "h".into(),
            })
            .await
            .unwrap_err();
        assert!(!err.0.contains("ann@example.test"), "{err}");
    }
}
