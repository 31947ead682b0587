//! The records of the notifications module.

use crm_kernel::{ActivityId, DealId, LeadId, NotificationId, UserId};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// One notification in a member's bell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredNotification {
    pub id: NotificationId,
    /// Dotted kind, e.g. `lead.assigned`.
    pub kind: String,
    /// `lead`, `contact`, `company`, `deal` or `activity`: what it links to.
    pub entity_type: String,
    pub entity_id: Uuid,
    pub title: String,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

/// How many unread notifications a member has, counted up to
/// [`UnreadCount::CAP`]: a badge shows "99+" long before, and counting
/// stops there so the query stays cheap however large the backlog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnreadCount {
    pub count: u32,
    /// True when there are at least `CAP` unread notifications.
    pub capped: bool,
}

impl UnreadCount {
    pub const CAP: u32 = 1000;

    /// From a count taken with `LIMIT CAP`.
    #[must_use]
    pub fn from_capped(counted: u64) -> Self {
        let count = u32::try_from(counted).unwrap_or(Self::CAP).min(Self::CAP);
        Self { count, capped: count >= Self::CAP }
    }
}

/// Which signals the workspace's daily digest carries. A workspace that
/// never saved preferences gets every signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestPreferences {
    pub overdue_activities: bool,
    pub stale_leads: bool,
    pub stale_deals: bool,
    /// When they were last saved; `None` for the defaults.
    pub updated_at: Option<OffsetDateTime>,
}

impl Default for DigestPreferences {
    fn default() -> Self {
        Self { overdue_activities: true, stale_leads: true, stale_deals: true, updated_at: None }
    }
}

/// A partial change of the preferences; `None` keeps the current value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PreferencesChange {
    pub overdue_activities: Option<bool>,
    pub stale_leads: Option<bool>,
    pub stale_deals: Option<bool>,
}

/// A workspace the digest visits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestWorkspace {
    pub id: crm_kernel::WorkspaceId,
    pub name: String,
}

/// A member who may receive a digest (active: not suspended, not banned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub user: UserId,
    pub role: crm_kernel::Role,
    pub email: String,
    pub name: String,
}

/// An activity assigned to the recipient, not completed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenActivity {
    pub id: ActivityId,
    pub subject: String,
    pub due_at: Option<OffsetDateTime>,
}

/// An open lead assigned to the recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenLead {
    pub id: LeadId,
    pub name: String,
    pub next_action_date: Option<Date>,
    pub updated_at: OffsetDateTime,
}

/// An open deal the recipient owns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenDeal {
    pub id: DealId,
    pub title: String,
    pub updated_at: OffsetDateTime,
}

/// What the store found for one recipient: open records that may be due
/// (the store narrows with the same rules in SQL; [`crate::digest::plan`]
/// decides).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DigestCandidates {
    pub activities: Vec<OpenActivity>,
    pub leads: Vec<OpenLead>,
    pub deals: Vec<OpenDeal>,
}

/// What one recipient's digest says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DigestContent {
    pub overdue_activities: Vec<OpenActivity>,
    pub stale_leads: Vec<OpenLead>,
    pub stale_deals: Vec<OpenDeal>,
}

impl DigestContent {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.overdue_activities.is_empty() && self.stale_leads.is_empty() && self.stale_deals.is_empty()
    }
}

/// The day a digest is for (UTC).
pub type DigestDate = Date;
