//! The emails identity and access sends. Text and HTML parts carry the same
//! content; every link is absolute, built from the public URL.

use crm_kernel::OutgoingEmail;

/// Escapes text for HTML bodies.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn email(to: &str, subject: String, lines: &[&str], action: (&str, &str)) -> OutgoingEmail {
    let (label, url) = action;
    let text = format!("{}\n\n{label}: {url}\n", lines.join("\n\n"));
    let paragraphs: String = lines.iter().map(|l| format!("<p>{}</p>", esc(l))).collect();
    let html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\">{paragraphs}\
         <p><a href=\"{url}\">{label}</a></p><p style=\"color:#666\">{url}</p></body></html>",
        url = esc(url),
        label = esc(label),
    );
    OutgoingEmail { to: to.to_owned(), subject, text, html }
}

#[must_use]
pub fn verify_email(to: &str, name: &str, link: &str) -> OutgoingEmail {
    email(
        to,
        "Confirm your email address".to_owned(),
        &[&format!("Hello {name},"), "Please confirm your email address. The link is valid for 48 hours."],
        ("Confirm email", link),
    )
}

#[must_use]
pub fn reset_password(to: &str, link: &str) -> OutgoingEmail {
    email(
        to,
        "Reset your password".to_owned(),
        &[
            "Someone asked to reset the password of this account. If it was not you, ignore this email.",
            "The link is valid for 1 hour and works once.",
        ],
        ("Choose a new password", link),
    )
}

#[must_use]
pub fn invitation(to: &str, inviter: &str, workspace: &str, role: &str, link: &str) -> OutgoingEmail {
    email(
        to,
        format!("{inviter} invited you to {workspace}"),
        &[&format!(
            "{inviter} invited you to join the workspace \"{workspace}\" as {role}. The invitation expires in 7 days."
        )],
        ("Accept the invitation", link),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_part_escapes_what_users_typed() {
        let mail = invitation("a@b.co", "<script>", "Acme & Co", "manager", "https://x/invite/1");
        assert!(mail.html.contains("&lt;script&gt;"));
        assert!(mail.html.contains("Acme &amp; Co"));
        assert!(mail.text.contains("https://x/invite/1"));
    }
}
