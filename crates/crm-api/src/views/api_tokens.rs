//! Workspace API tokens, their scopes and the bearer token description.

use crm_identity::ApiToken;
use crm_kernel::TokenScope;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use uuid::Uuid;

use super::common::page_view;

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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "WooCommerce shop", "scopes": ["orders:write", "customers:write"]}))]
pub struct CreateApiTokenRequest {
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<ScopeName>,
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

/// What a bearer token is and may do.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfoView {
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub name: String,
    pub scopes: Vec<ScopeName>,
}

page_view!(ApiTokenPage, ApiTokenView);
