//! Workspaces and their settings.

use crm_identity::service::WorkspaceChanges;
use crm_identity::{Workspace, WorkspaceMembership};
use crm_kernel::Role;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::{CurrencyCode, RoleName};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Acme Sales", "currency": "EUR"}))]
pub struct CreateWorkspaceRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
    /// ISO 4217 code; EUR when omitted.
    #[schema(value_type = Option<CurrencyCode>, example = "EUR")]
    pub currency: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"currency": "USD"}))]
pub struct UpdateWorkspaceRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: Option<String>,
    /// ISO 4217 code, inherited by new products and orders.
    #[schema(value_type = Option<CurrencyCode>, example = "USD")]
    pub currency: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceView {
    pub id: Uuid,
    pub name: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The caller's role here.
    pub role: RoleName,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl WorkspaceView {
    #[must_use]
    pub fn new(w: &Workspace, role: Role) -> Self {
        Self {
            id: w.id.as_uuid(),
            name: w.name.as_str().to_owned(),
            currency: w.currency.code().to_owned(),
            role: role.into(),
            created_at: w.created_at,
        }
    }
}

impl From<&WorkspaceMembership> for WorkspaceView {
    fn from(wm: &WorkspaceMembership) -> Self {
        Self::new(&wm.workspace, wm.membership.role)
    }
}

impl From<UpdateWorkspaceRequest> for WorkspaceChanges {
    fn from(b: UpdateWorkspaceRequest) -> Self {
        Self { name: b.name, currency: b.currency }
    }
}
