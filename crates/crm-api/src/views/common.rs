//! Wire types shared by every resource: money, the keyset page macro,
//! roles, tags, email and currency schemas, and the `null`-aware field helpers.

use crm_kernel::{Currency, Money, Role};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

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

/// A keyset page view: `{data, nextCursor}`.
macro_rules! page_view {
    ($name:ident, $item:ty) => {
        /// One keyset page; pass `nextCursor` as `cursor` for the next one.
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            pub data: Vec<$item>,
            pub next_cursor: Option<String>,
        }

        impl $name {
            pub fn from_page<T>(page: &crm_kernel::Page<T>, view: impl Fn(&T) -> $item) -> Self {
                Self { data: page.items.iter().map(view).collect(), next_cursor: page.next.map(|c| c.encode()) }
            }
        }
    };
}
pub(crate) use page_view;

/// Absent → `None`; `null` → `Some(None)`; a value → `Some(Some(v))`.
pub(crate) fn double<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A tag: 1–40 characters after trimming, no commas or control characters.
pub struct TagText;

impl utoipa::PartialSchema for TagText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("@tag"))
            .into()
    }
}

impl ToSchema for TagText {}

/// An email address.
pub struct EmailText;

impl utoipa::PartialSchema for EmailText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Email)))
            .max_length(Some(254))
            .into()
    }
}

impl ToSchema for EmailText {}

pub(crate) fn double_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<OffsetDateTime>>, D::Error> {
    time::serde::rfc3339::option::deserialize(d).map(Some)
}

/// Money: a decimal string in the currency's minor units.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"amount": "1234.50", "currency": "EUR"}))]
pub struct MoneyView {
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
}

impl From<Money> for MoneyView {
    fn from(m: Money) -> Self {
        Self { amount: m.to_string(), currency: m.currency().code().to_owned() }
    }
}

pub(crate) fn money(minor: i64, currency: Currency) -> MoneyView {
    Money::from_minor(minor, currency).into()
}
