//! The digest email: a plain-text and an HTML part with the same content,
//! every item linked back to the app (absolute links from the public URL),
//! and nothing but the one workspace's records.

use std::fmt::Write as _;

use crm_kernel::OutgoingEmail;

use crate::model::{DigestContent, DigestDate, DigestWorkspace, Recipient};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

struct Section {
    heading: String,
    items: Vec<(String, String)>,
}

/// The digest of one member in one workspace.
#[must_use]
pub fn render_digest(
    public_url: &str,
    workspace: &DigestWorkspace,
    recipient: &Recipient,
    date: DigestDate,
    content: &DigestContent,
) -> OutgoingEmail {
    let base = format!("{}/w/{}", public_url.trim_end_matches('/'), workspace.id);
    let mut sections = Vec::new();
    if !content.overdue_activities.is_empty() {
        sections.push(Section {
            heading: plural(content.overdue_activities.len(), "overdue activity", "overdue activities"),
            items: content
                .overdue_activities
                .iter()
                .map(|a| {
                    let due = a.due_at.map(|d| format!(" (due {})", d.date())).unwrap_or_default();
                    (format!("{}{due}", a.subject), format!("{base}/activities"))
                })
                .collect(),
        });
    }
    if !content.stale_leads.is_empty() {
        sections.push(Section {
            heading: plural(content.stale_leads.len(), "stale lead", "stale leads"),
            items: content.stale_leads.iter().map(|l| (l.name.clone(), format!("{base}/leads/{}", l.id))).collect(),
        });
    }
    if !content.stale_deals.is_empty() {
        sections.push(Section {
            heading: plural(content.stale_deals.len(), "stale deal", "stale deals"),
            items: content.stale_deals.iter().map(|d| (d.title.clone(), format!("{base}/deals/{}", d.id))).collect(),
        });
    }
    let summary = sections.iter().map(|s| s.heading.as_str()).collect::<Vec<_>>().join(", ");
    let subject = format!("{}: {summary}", workspace.name);
    let intro = format!("Hello {}, here is your digest for {} on {date}.", recipient.name, workspace.name);

    let mut text = format!("{intro}\n");
    let mut html = format!("<!doctype html><html><body style=\"font-family:sans-serif\"><p>{}</p>", esc(&intro));
    for section in &sections {
        let _ = write!(text, "\n{}:\n", section.heading);
        let _ = write!(html, "<h2 style=\"font-size:16px\">{}</h2><ul>", esc(&section.heading));
        for (label, url) in &section.items {
            let _ = writeln!(text, "- {label}: {url}");
            let _ = write!(html, "<li><a href=\"{}\">{}</a></li>", esc(url), esc(label));
        }
        html.push_str("</ul>");
    }
    let _ = write!(text, "\nOpen the CRM: {base}\n");
    let _ = write!(
        html,
        "<p><a href=\"{url}\">Open the CRM</a></p><p style=\"color:#666\">You get this email because the workspace \
         sends a daily digest; owners and managers choose its contents in Settings.</p></body></html>",
        url = esc(&base)
    );
    OutgoingEmail { to: recipient.email.clone(), subject, text, html }
}

#[cfg(test)]
mod tests {
    use crm_kernel::{Role, UserId, WorkspaceId};
    use time::macros::{date, datetime};

    use super::*;
    use crate::model::{OpenDeal, OpenLead};

    #[test]
    fn both_parts_link_each_item_back_to_the_app_and_escape_html() {
        let ws = DigestWorkspace { id: WorkspaceId::new(), name: "Acme <B>".into() };
        let who =
            Recipient { user: UserId::new(), role: Role::Manager, email: "m@example.test".into(), name: "Mo".into() };
        let lead = OpenLead {
            id: crm_kernel::LeadId::new(),
            name: "Ada & Co".into(),
            next_action_date: None,
            updated_at: datetime!(2026-11-01 0:00 UTC),
        };
        let deal =
            OpenDeal { id: crm_kernel::DealId::new(), title: "Big".into(), updated_at: datetime!(2026-11-01 0:00 UTC) };
        let content = DigestContent {
            stale_leads: vec![lead.clone()],
            stale_deals: vec![deal.clone()],
            ..DigestContent::default()
        };
        let mail = render_digest("https://crm.example/", &ws, &who, date!(2026 - 11 - 26), &content);
        let lead_url = format!("https://crm.example/w/{}/leads/{}", ws.id, lead.id);
        let deal_url = format!("https://crm.example/w/{}/deals/{}", ws.id, deal.id);
        assert_eq!(mail.subject, "Acme <B>: 1 stale lead, 1 stale deal");
        assert!(mail.text.contains(&format!("- Ada & Co: {lead_url}")));
        assert!(mail.text.contains(&deal_url));
        assert!(mail.html.contains(&format!("<a href=\"{lead_url}\">Ada &amp; Co</a>")));
        assert!(mail.html.contains("Acme &lt;B&gt;"));
        assert!(!mail.text.contains("overdue"));
    }
}
