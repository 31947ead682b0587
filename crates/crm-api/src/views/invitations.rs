//! Invitations by email and the invitation link preview.

use crm_identity::{Invitation, InvitationPreview, InvitationStatus};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::{RoleName, page_view};

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatusName {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

impl From<InvitationStatus> for InvitationStatusName {
    fn from(s: InvitationStatus) -> Self {
        match s {
            InvitationStatus::Pending => Self::Pending,
            InvitationStatus::Accepted => Self::Accepted,
            InvitationStatus::Revoked => Self::Revoked,
            InvitationStatus::Expired => Self::Expired,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "grace@example.com", "role": "manager"}))]
pub struct CreateInvitationRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    pub role: RoleName,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub role: RoleName,
    pub status: InvitationStatusName,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The inviting user's id.
    pub invited_by: Uuid,
}

impl InvitationView {
    #[must_use]
    pub fn new(i: &Invitation, now: OffsetDateTime) -> Self {
        Self {
            id: i.id.as_uuid(),
            email: i.email.to_string(),
            role: i.role.into(),
            status: i.status(now).into(),
            expires_at: i.expires_at,
            created_at: i.created_at,
            invited_by: i.invited_by.as_uuid(),
        }
    }
}

/// What the `/invite/{id}` page shows.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationPreviewView {
    pub id: Uuid,
    pub workspace_name: String,
    /// The invited address; accepting requires an account with it.
    pub email: String,
    pub role: RoleName,
    pub status: InvitationStatusName,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Whether to offer sign-in (true) or sign-up (false).
    pub account_exists: bool,
}

impl From<&InvitationPreview> for InvitationPreviewView {
    fn from(p: &InvitationPreview) -> Self {
        Self {
            id: p.invitation.id.as_uuid(),
            workspace_name: p.workspace_name.as_str().to_owned(),
            email: p.invitation.email.to_string(),
            role: p.invitation.role.into(),
            status: p.status.into(),
            expires_at: p.invitation.expires_at,
            account_exists: p.account_exists,
        }
    }
}

page_view!(InvitationPage, InvitationView);
