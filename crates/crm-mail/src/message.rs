//! Building the RFC 5322 message both adapters deliver.

use crm_kernel::{MailError, OutgoingEmail};
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use uuid::Uuid;

/// Parses a configured sender (`"Name <addr>"` or `"addr"`).
pub(crate) fn parse_from(from: &str) -> Result<Mailbox, MailError> {
    from.trim().parse::<Mailbox>().map_err(|_| MailError("the configured From address is not a valid mailbox".into()))
}

/// The `Message-ID` for `id`, in the sender's domain.
pub(crate) fn message_id(from: &Mailbox, id: Uuid) -> String {
    format!("<{id}@{}>", from.email.domain())
}

/// A `multipart/alternative` message (text first, HTML preferred) with a
/// `Message-ID` derived from `id`.
///
/// Errors never contain the recipient address.
pub(crate) fn build_message(from: &Mailbox, email: OutgoingEmail, id: Uuid) -> Result<Message, MailError> {
    let to = email
        .to
        .trim()
        .parse::<Mailbox>()
        .map_err(|_| MailError("the recipient address is not a valid mailbox".into()))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject)
        .message_id(Some(message_id(from, id)))
        .multipart(MultiPart::alternative_plain_html(email.text, email.html))
        // lettre's build errors name the problem, never the address.
        .map_err(|e| MailError(format!("the message could not be built: {e}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn builds_multipart_alternative_with_both_parts() {
        let from = parse_from("CRM <crm@example.test>").unwrap();
        let id = Uuid::now_v7();
        let msg = build_message(
            &from,
            OutgoingEmail {
                to: "Ann <ann@example.test>".into(),
                subject: "Hi there".into(),
                text: "plain body".into(),
                html: "<p>html body</p>".into(),
            },
            id,
        )
        .unwrap();
        let raw = String::from_utf8(msg.formatted()).unwrap();
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain"), "{raw}");
        assert!(raw.contains("text/html"), "{raw}");
        assert!(raw.contains("plain body"), "{raw}");
        assert!(raw.contains("<p>html body</p>"), "{raw}");
        assert!(raw.contains(&format!("Message-ID: <{id}@example.test>")), "{raw}");
        assert!(raw.contains("Subject: Hi there"), "{raw}");
        assert!(raw.contains("Date: "), "{raw}");
    }

    #[test]
    fn a_bad_recipient_is_an_error_that_does_not_echo_it() {
        let from = parse_from("crm@example.test").unwrap();
        let err = build_message(
            &from,
            OutgoingEmail {
                to: "not an address secret-local-part".into(),
                subject: "s".into(),
                text: "t".into(),
                html: "h".into(),
            },
            Uuid::now_v7(),
        )
        .unwrap_err();
        assert!(!err.0.contains("secret-local-part"), "{err}");
    }

    #[test]
    fn a_bad_from_is_rejected() {
        assert!(parse_from("nope").is_err());
    }
}
