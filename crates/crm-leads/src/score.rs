//! The lead score (0–100) and stale/overdue flags, derived from the record
//! and "now" whenever a lead is read: no job rewrites rows.
//!
//! Rules, in the order they are listed in the breakdown:
//! - source: referral/partner +20, website/event +15, email/social +10,
//!   cold_call/other/custom +5;
//! - completeness: +10 email, +10 phone, +10 company, +5 next action date;
//! - status: contacted +10, qualified +25, unqualified −30 (new and
//!   converted 0);
//! - recent activity: +10 when worked within the last 3 days;
//! - decay: −3 per full day after 3 days without activity;
//! - the total is clamped to 0–100.

use time::{Duration, OffsetDateTime};

use crate::model::Lead;
use crate::values::LeadStatus;

/// Days without activity before decay starts.
pub const DECAY_GRACE_DAYS: i64 = 3;
/// Points lost per full day after the grace period.
pub const DECAY_PER_DAY: i32 = 3;
/// Days without an update after which an open lead is stale.
pub const STALE_AFTER_DAYS: i64 = 7;

/// One line of "why this score".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreItem {
    pub reason: String,
    pub points: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub value: u8,
    pub items: Vec<ScoreItem>,
}

fn source_points(source: &str) -> i32 {
    match source {
        "referral" | "partner" => 20,
        "website" | "event" => 15,
        "email" | "social" => 10,
        _ => 5,
    }
}

#[must_use]
pub fn score(lead: &Lead, now: OffsetDateTime) -> Score {
    let mut items =
        vec![ScoreItem { reason: format!("source: {}", lead.source), points: source_points(lead.source.as_str()) }];
    let mut add = |reason: &str, points: i32| items.push(ScoreItem { reason: reason.to_owned(), points });
    if lead.email.is_some() {
        add("has email", 10);
    }
    if lead.phone.is_some() {
        add("has phone", 10);
    }
    if lead.company.is_some() {
        add("has company", 10);
    }
    if lead.next_action_date.is_some() {
        add("next action planned", 5);
    }
    match lead.status {
        LeadStatus::Contacted => add("status: contacted", 10),
        LeadStatus::Qualified => add("status: qualified", 25),
        LeadStatus::Unqualified => add("status: unqualified", -30),
        LeadStatus::New | LeadStatus::Converted => {}
    }
    let idle_days = (now - lead.last_activity_at).whole_days();
    if idle_days < DECAY_GRACE_DAYS {
        add("active in the last 3 days", 10);
    } else {
        let decayed = i32::try_from(idle_days - DECAY_GRACE_DAYS).unwrap_or(i32::MAX / DECAY_PER_DAY);
        if decayed > 0 {
            add(&format!("no activity for {idle_days} days"), -DECAY_PER_DAY.saturating_mul(decayed));
        }
    }
    let total: i32 = items.iter().map(|i| i.points).sum();
    Score { value: u8::try_from(total.clamp(0, 100)).unwrap_or(0), items }
}

/// The next action date is in the past (today is not overdue).
#[must_use]
pub fn is_overdue(lead: &Lead, now: OffsetDateTime) -> bool {
    lead.status.is_open() && lead.next_action_date.is_some_and(|d| d < now.date())
}

/// An open lead whose next step is overdue or that nobody updated for 7 days.
#[must_use]
pub fn is_stale(lead: &Lead, now: OffsetDateTime) -> bool {
    lead.status.is_open() && (is_overdue(lead, now) || now - lead.updated_at >= Duration::days(STALE_AFTER_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{LeadName, SourceSlug, Tags};
    use crm_kernel::WorkspaceId;
    use time::macros::{date, datetime};

    fn lead(at: OffsetDateTime) -> Lead {
        Lead {
            id: crm_kernel::LeadId::new(),
            workspace_id: WorkspaceId::new(),
            name: LeadName::from_trusted("Ada".into()),
            email: None,
            phone: None,
            company: None,
            source: SourceSlug::from_trusted("website".into()),
            status: LeadStatus::New,
            assignee_id: None,
            next_action_date: None,
            next_action_text: None,
            notes: None,
            tags: Tags::default(),
            created_at: at,
            updated_at: at,
            last_activity_at: at,
            converted_at: None,
            converted_to: None,
        }
    }

    #[test]
    fn a_fresh_website_lead_scores_source_plus_recent_activity() {
        let at = datetime!(2026-11-01 10:00 UTC);
        let s = score(&lead(at), at);
        assert_eq!(s.value, 25);
        assert_eq!(s.items.len(), 2);
    }

    #[test]
    fn decay_is_three_points_per_day_after_three_idle_days_and_never_below_zero() {
        let at = datetime!(2026-11-01 10:00 UTC);
        let l = lead(at);
        assert_eq!(score(&l, at + Duration::days(3)).value, 15);
        assert_eq!(score(&l, at + Duration::days(5)).value, 9);
        assert_eq!(score(&l, at + Duration::days(60)).value, 0);
    }

    #[test]
    fn qualified_and_complete_leads_score_higher_and_cap_at_100() {
        let at = datetime!(2026-11-01 10:00 UTC);
        let mut l = lead(at);
        l.status = LeadStatus::Qualified;
        l.email = Some(crm_kernel::Email::from_trusted("a@b.co".into()));
        l.company = Some("Acme".into());
        l.next_action_date = Some(date!(2026 - 11 - 05));
        assert_eq!(score(&l, at).value, 15 + 10 + 10 + 5 + 25 + 10);
        l.source = SourceSlug::from_trusted("referral".into());
        l.phone = Some(crate::values::Phone::from_trusted("+123456789".into()));
        assert_eq!(score(&l, at).value, 90);
    }

    #[test]
    fn stale_after_seven_days_without_update_or_with_an_overdue_step() {
        let at = datetime!(2026-11-01 10:00 UTC);
        let mut l = lead(at);
        assert!(!is_stale(&l, at + Duration::days(6)));
        assert!(is_stale(&l, at + Duration::days(7)));
        l.next_action_date = Some(date!(2026 - 11 - 02));
        assert!(!is_overdue(&l, datetime!(2026-11-02 23:00 UTC)));
        assert!(is_overdue(&l, datetime!(2026-11-03 00:00 UTC)));
        assert!(is_stale(&l, datetime!(2026-11-03 00:00 UTC)));
        l.status = LeadStatus::Unqualified;
        assert!(!is_stale(&l, at + Duration::days(30)), "closed leads are never stale");
    }
}
