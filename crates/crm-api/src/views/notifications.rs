//! The bell and the workspace's digest preferences.

use crm_notifications::{DigestPreferences, PreferencesChange, StoredNotification, UnreadCount};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// One of the caller's notifications. The SPA links it by `entityType`
/// (`lead`, `contact`, `company`, `deal`, `activity`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationView {
    pub id: Uuid,
    /// Dotted kind, e.g. `lead.assigned`, `activity.assigned`, `deal.assigned`.
    #[schema(example = "lead.assigned")]
    pub kind: String,
    #[schema(example = "lead")]
    pub entity_type: String,
    pub entity_id: Uuid,
    pub title: String,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<OffsetDateTime>,
}

impl From<StoredNotification> for NotificationView {
    fn from(n: StoredNotification) -> Self {
        Self {
            id: n.id.as_uuid(),
            kind: n.kind,
            entity_type: n.entity_type,
            entity_id: n.entity_id,
            title: n.title,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPage {
    pub data: Vec<NotificationView>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct NotificationListQuery {
    /// Only unread notifications.
    pub unread: Option<bool>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}

/// Unread notifications of the caller, counted up to 1000.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnreadCountView {
    #[schema(maximum = 1000, example = 3)]
    pub count: u32,
    /// True when there are at least 1000 (the count stops there).
    pub capped: bool,
}

impl From<UnreadCount> for UnreadCountView {
    fn from(c: UnreadCount) -> Self {
        Self { count: c.count, capped: c.capped }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MarkAllReadView {
    /// How many notifications were unread and are now read.
    pub updated: u64,
}

/// Which signals the daily digest email carries, for every member of the
/// workspace.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPreferencesView {
    pub overdue_activities: bool,
    pub stale_leads: bool,
    pub stale_deals: bool,
    /// `null` until an owner or manager saves them (defaults: all on).
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
}

impl From<DigestPreferences> for NotificationPreferencesView {
    fn from(p: DigestPreferences) -> Self {
        Self {
            overdue_activities: p.overdue_activities,
            stale_leads: p.stale_leads,
            stale_deals: p.stale_deals,
            updated_at: p.updated_at,
        }
    }
}

/// The whole set of digest signals (owners and managers).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"overdueActivities": true, "staleLeads": true, "staleDeals": false}))]
pub struct UpdateNotificationPreferencesRequest {
    pub overdue_activities: bool,
    pub stale_leads: bool,
    pub stale_deals: bool,
}

/// PUT replaces: every signal is set.
impl From<UpdateNotificationPreferencesRequest> for PreferencesChange {
    fn from(b: UpdateNotificationPreferencesRequest) -> Self {
        Self {
            overdue_activities: Some(b.overdue_activities),
            stale_leads: Some(b.stale_leads),
            stale_deals: Some(b.stale_deals),
        }
    }
}
