//! Timelines: a record's activities and audit events, newest first.

use crm_activities::TimelineItem;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::activities::ActivityView;
use super::audit::AuditEventView;

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    Activity,
    Event,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItemView {
    pub kind: TimelineKind,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub activity: Option<ActivityView>,
    pub event: Option<AuditEventView>,
}

impl TimelineItemView {
    #[must_use]
    pub fn new(item: &TimelineItem, now: OffsetDateTime) -> Self {
        match item {
            TimelineItem::Activity(a) => Self {
                kind: TimelineKind::Activity,
                at: a.created_at,
                activity: Some(ActivityView::new(a, now)),
                event: None,
            },
            TimelineItem::Event(e) => {
                Self { kind: TimelineKind::Event, at: e.at, activity: None, event: Some(AuditEventView::from(e)) }
            }
        }
    }
}

/// Activities and audit events of one record, newest first.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelinePage {
    pub data: Vec<TimelineItemView>,
    pub next_cursor: Option<String>,
}
