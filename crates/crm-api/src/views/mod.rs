//! Request bodies and response views of the SPA and public APIs. camelCase on
//! the wire; request bodies refuse unknown fields.

use crm_identity::{
    Account, ApiToken, Invitation, InvitationPreview, InvitationStatus, Member, Theme, User, Workspace,
    WorkspaceMembership,
};
use crm_kernel::{Page, Role, TokenScope};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

/// A workspace role.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RoleName {
    Owner,
    Manager,
    Viewer,
}

impl From<Role> for RoleName {
    fn from(r: Role) -> Self {
        match r {
            Role::Owner => Self::Owner,
            Role::Manager => Self::Manager,
            Role::Viewer => Self::Viewer,
        }
    }
}

impl From<RoleName> for Role {
    fn from(r: RoleName) -> Self {
        match r {
            RoleName::Owner => Self::Owner,
            RoleName::Manager => Self::Manager,
            RoleName::Viewer => Self::Viewer,
        }
    }
}

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

/// One of the seven public API scopes.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum ScopeName {
    #[serde(rename = "products:read")]
    ProductsRead,
    #[serde(rename = "leads:read")]
    LeadsRead,
    #[serde(rename = "leads:write")]
    LeadsWrite,
    #[serde(rename = "customers:read")]
    CustomersRead,
    #[serde(rename = "customers:write")]
    CustomersWrite,
    #[serde(rename = "orders:read")]
    OrdersRead,
    #[serde(rename = "orders:write")]
    OrdersWrite,
}

impl From<TokenScope> for ScopeName {
    fn from(s: TokenScope) -> Self {
        match s {
            TokenScope::ProductsRead => Self::ProductsRead,
            TokenScope::LeadsRead => Self::LeadsRead,
            TokenScope::LeadsWrite => Self::LeadsWrite,
            TokenScope::CustomersRead => Self::CustomersRead,
            TokenScope::CustomersWrite => Self::CustomersWrite,
            TokenScope::OrdersRead => Self::OrdersRead,
            TokenScope::OrdersWrite => Self::OrdersWrite,
        }
    }
}

impl From<ScopeName> for TokenScope {
    fn from(s: ScopeName) -> Self {
        match s {
            ScopeName::ProductsRead => Self::ProductsRead,
            ScopeName::LeadsRead => Self::LeadsRead,
            ScopeName::LeadsWrite => Self::LeadsWrite,
            ScopeName::CustomersRead => Self::CustomersRead,
            ScopeName::CustomersWrite => Self::CustomersWrite,
            ScopeName::OrdersRead => Self::OrdersRead,
            ScopeName::OrdersWrite => Self::OrdersWrite,
        }
    }
}

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

/// An ISO 4217 currency code; the schema lists every accepted one.
pub struct CurrencyCode;

impl utoipa::PartialSchema for CurrencyCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("ISO 4217 currency code"))
            .enum_values(Some(crm_kernel::Currency::codes()))
            .into()
    }
}

impl ToSchema for CurrencyCode {}

// ---- requests -------------------------------------------------------------

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery", "name": "Ada Lovelace"}))]
pub struct SignUpRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
    /// Join the inviting workspace instead of provisioning a new one.
    pub invitation_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery"}))]
pub struct SignInRequest {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 128)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VerifyEmailRequest {
    /// The token from the emailed link.
    #[schema(max_length = 200)]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RequestPasswordResetRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResetPasswordRequest {
    #[schema(max_length = 200)]
    pub token: String,
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "grace@example.com", "role": "manager"}))]
pub struct CreateInvitationRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    pub role: RoleName,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "WooCommerce shop", "scopes": ["orders:write", "customers:write"]}))]
pub struct CreateApiTokenRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<ScopeName>,
}

// ---- views ----------------------------------------------------------------

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

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenView {
    pub id: Uuid,
    pub name: String,
    pub scopes: Vec<ScopeName>,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl From<&ApiToken> for ApiTokenView {
    fn from(t: &ApiToken) -> Self {
        Self {
            id: t.id.as_uuid(),
            name: t.name.as_str().to_owned(),
            scopes: t.scopes.iter().copied().map(Into::into).collect(),
            prefix: t.prefix.clone(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A new token. `secret` is shown this once and never again.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiTokenView {
    pub token: ApiTokenView,
    pub secret: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminUserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(with = "time::serde::rfc3339::option")]
    pub banned_at: Option<OffsetDateTime>,
    pub is_platform_admin: bool,
}

impl From<&User> for AdminUserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.as_uuid(),
            email: u.email.to_string(),
            name: u.name.as_str().to_owned(),
            created_at: u.created_at,
            banned_at: u.banned_at,
            is_platform_admin: u.is_platform_admin,
        }
    }
}

/// What a bearer token is and may do.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfoView {
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub name: String,
    pub scopes: Vec<ScopeName>,
}

macro_rules! page_view {
    ($name:ident, $item:ty) => {
        /// One keyset page; pass `nextCursor` as `cursor` for the next one.
        #[derive(Debug, Serialize, ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            pub data: Vec<$item>,
            pub next_cursor: Option<String>,
        }

        impl $name {
            pub fn from_page<T>(page: &Page<T>, view: impl Fn(&T) -> $item) -> Self {
                Self { data: page.items.iter().map(view).collect(), next_cursor: page.next.map(|c| c.encode()) }
            }
        }
    };
}

page_view!(MemberPage, MemberView);
page_view!(InvitationPage, InvitationView);
page_view!(ApiTokenPage, ApiTokenView);
page_view!(AdminUserPage, AdminUserView);

pub mod deals;
pub use deals::*;
pub mod leads;
pub use leads::*;
pub mod relationships;
pub use relationships::*;
pub mod notifications;
pub use notifications::*;
