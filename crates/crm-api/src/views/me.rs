//! The signed-in user: profile, theme, password change.

use crm_identity::{Account, Theme, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::RoleName;

/// The SPA colour theme.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    Light,
    Dark,
    System,
}

impl From<Theme> for ThemeName {
    fn from(t: Theme) -> Self {
        match t {
            Theme::Light => Self::Light,
            Theme::Dark => Self::Dark,
            Theme::System => Self::System,
        }
    }
}

impl ThemeName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"theme": "dark"}))]
pub struct UpdateMeRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: Option<String>,
    pub theme: Option<ThemeName>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangePasswordRequest {
    #[schema(max_length = 128)]
    pub current_password: String,
    #[schema(min_length = 10, max_length = 128)]
    pub new_password: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    pub is_platform_admin: bool,
    pub theme: ThemeName,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.as_uuid(),
            email: u.email.to_string(),
            name: u.name.as_str().to_owned(),
            email_verified: u.email_verified_at.is_some(),
            is_platform_admin: u.is_platform_admin,
            theme: u.theme.into(),
        }
    }
}

/// A workspace the user belongs to, for the workspace selector.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MembershipSummary {
    pub workspace_id: Uuid,
    pub name: String,
    pub role: RoleName,
    pub currency: String,
    pub suspended: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MeView {
    pub user: UserView,
    pub workspaces: Vec<MembershipSummary>,
}

impl From<&Account> for MeView {
    fn from(a: &Account) -> Self {
        Self {
            user: (&a.user).into(),
            workspaces: a
                .workspaces
                .iter()
                .map(|wm| MembershipSummary {
                    workspace_id: wm.workspace.id.as_uuid(),
                    name: wm.workspace.name.as_str().to_owned(),
                    role: wm.membership.role.into(),
                    currency: wm.workspace.currency.code().to_owned(),
                    suspended: wm.membership.suspended_at.is_some(),
                })
                .collect(),
        }
    }
}
