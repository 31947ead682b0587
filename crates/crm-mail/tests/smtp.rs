//! `SmtpMailer` against a real SMTP server: the aiosmtpd sink that
//! `scripts/test` starts (it stores every message in a Maildir).
//!
//! Needs `CRM_TEST_SMTP_PORT` and `CRM_TEST_MAILDIR`; without them the test
//! fails (it never skips). Run it through `scripts/test`, or start the sink
//! yourself:
//!
//! ```sh
//! python3 scripts/smtp-sink.py --port 2525 --maildir test-output/maildir --pid-file test-output/smtp-sink.pid &
//! CRM_TEST_SMTP_PORT=2525 CRM_TEST_MAILDIR=$PWD/test-output/maildir cargo test -p crm-mail --test smtp
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crm_kernel::{Mailer, OutgoingEmail};
use crm_mail::{SmtpMailer, SmtpSettings, SmtpTls};

fn required_env(name: &str) -> String {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => value,
        _ => panic!(
            "{name} is not set. This test sends mail to a real SMTP sink: run it through \
             `scripts/test` (it starts the sink and sets CRM_TEST_SMTP_PORT and \
             CRM_TEST_MAILDIR), or start `scripts/smtp-sink.py` yourself and set both \
             variables (see docs/testing.md)."
        ),
    }
}

/// Finds the Maildir file whose `Subject:` header is `subject`.
fn find_in_maildir(maildir: &Path, subject: &str, timeout: Duration) -> String {
    let new = maildir.join("new");
    let wanted = format!("Subject: {subject}");
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(entries) = std::fs::read_dir(&new) {
            for entry in entries.flatten() {
                if let Ok(raw) = std::fs::read_to_string(entry.path()) {
                    // Maildir files use LF line endings; be lenient either way.
                    if raw.lines().any(|l| l.trim_end() == wanted) {
                        return raw;
                    }
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no message with {wanted:?} appeared in {} within {timeout:?}",
            new.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn header<'a>(raw: &'a str, name: &str) -> Vec<&'a str> {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    raw.lines()
        .take_while(|l| !l.trim_end().is_empty())
        .filter(|l| l.to_ascii_lowercase().starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim())
        .collect()
}

#[tokio::test]
async fn smtp_mailer_delivers_multipart_mail_to_a_real_server() {
    let port: u16 = required_env("CRM_TEST_SMTP_PORT").parse().expect("CRM_TEST_SMTP_PORT must be a port number");
    let maildir = PathBuf::from(required_env("CRM_TEST_MAILDIR"));

    let mailer = SmtpMailer::new(SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        username: None,
        password: None,
        tls: SmtpTls::None,
        from: "CRM Tests <crm-tests@example.test>".into(),
    })
    .unwrap();

    let unique = uuid::Uuid::now_v7();
    let subject = format!("crm-mail smtp test {unique}");
    let recipient = format!("rcpt-{}@example.test", unique.simple());
    mailer
        .send(OutgoingEmail {
            to: recipient.clone(),
            subject: subject.clone(),
            text: format!("Plain part {unique}"),
            html: format!("<p>HTML part <b>{unique}</b></p>"),
        })
        .await
        .unwrap();

    let raw = find_in_maildir(&maildir, &subject, Duration::from_secs(10));

    // The envelope recipient, as recorded by aiosmtpd, and the header.
    assert_eq!(header(&raw, "X-RcptTo"), vec![recipient.as_str()], "{raw}");
    assert_eq!(header(&raw, "To"), vec![recipient.as_str()], "{raw}");
    assert_eq!(header(&raw, "X-MailFrom"), vec!["crm-tests@example.test"], "{raw}");
    assert_eq!(header(&raw, "Subject"), vec![subject.as_str()], "{raw}");
    let content_type = header(&raw, "Content-Type").join(" ");
    assert!(content_type.starts_with("multipart/alternative"), "{raw}");
    assert!(raw.contains("Content-Type: text/plain"), "{raw}");
    assert!(raw.contains(&format!("Plain part {unique}")), "{raw}");
    assert!(raw.contains("Content-Type: text/html"), "{raw}");
    assert!(raw.contains(&format!("<p>HTML part <b>{unique}</b></p>")), "{raw}");
    // Plain text comes first: the last alternative is the preferred one (RFC 2046).
    let plain_at = raw.find("Content-Type: text/plain").unwrap();
    let html_at = raw.find("Content-Type: text/html").unwrap();
    assert!(plain_at < html_at, "{raw}");
}
