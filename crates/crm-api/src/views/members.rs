//! Workspace members: roles, suspension, workload.

use crm_identity::Member;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::{RoleName, page_view};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangeRoleRequest {
    pub role: RoleName,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"reason": "Left the company"}))]
pub struct SuspendMemberRequest {
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: RoleName,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub suspended_at: Option<OffsetDateTime>,
    pub suspension_reason: Option<String>,
}

impl From<&Member> for MemberView {
    fn from(m: &Member) -> Self {
        Self {
            user_id: m.membership.user_id.as_uuid(),
            email: m.email.to_string(),
            name: m.name.as_str().to_owned(),
            role: m.membership.role.into(),
            joined_at: m.membership.created_at,
            suspended_at: m.membership.suspended_at,
            suspension_reason: m.membership.suspension_reason.clone(),
        }
    }
}

/// A member's current workload in the workspace.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberSummaryView {
    pub user_id: Uuid,
    /// Activities assigned to them and not completed.
    pub open_activities: u64,
    /// Of those, past their due date.
    pub overdue_activities: u64,
    /// Leads assigned to them that are new, contacted or qualified.
    pub active_leads: u64,
    /// Open deals they own.
    pub open_deals: u64,
}

page_view!(MemberPage, MemberView);
