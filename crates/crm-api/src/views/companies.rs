//! Companies and duplicate detection.

use crm_contacts::{Company, CompanyInput, DuplicateReason, PossibleDuplicate};
use crm_kernel::Patch;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::double;

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum CompanySizeName {
    #[serde(rename = "1-10")]
    Micro,
    #[serde(rename = "11-50")]
    Small,
    #[serde(rename = "51-200")]
    Medium,
    #[serde(rename = "201-500")]
    Large,
    #[serde(rename = "501-1000")]
    Larger,
    #[serde(rename = "1000+")]
    Enterprise,
}

impl CompanySizeName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Micro => "1-10",
            Self::Small => "11-50",
            Self::Medium => "51-200",
            Self::Large => "201-500",
            Self::Larger => "501-1000",
            Self::Enterprise => "1000+",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CompanyStatusName {
    Prospect,
    Active,
    Inactive,
}

impl CompanyStatusName {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Prospect => "prospect",
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyView {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<&'static str>,
    #[schema(value_type = CompanyStatusName)]
    pub status: &'static str,
    pub owner_id: Option<Uuid>,
    pub address: Option<String>,
    pub notes: Option<String>,
    /// Present on the detail view.
    pub contact_count: Option<u64>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl CompanyView {
    #[must_use]
    pub fn new(c: &Company, contact_count: Option<u64>) -> Self {
        Self {
            id: c.id.as_uuid(),
            name: c.name.clone(),
            domain: c.domain.as_ref().map(|d| d.as_str().to_owned()),
            website: c.website.clone(),
            industry: c.industry.clone(),
            size: c.size.map(crm_contacts::CompanySize::as_str),
            status: c.status.as_str(),
            owner_id: c.owner_id.map(|u| u.as_uuid()),
            address: c.address.clone(),
            notes: c.notes.clone(),
            contact_count,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPage {
    pub data: Vec<CompanyView>,
    pub next_cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateReasonName {
    Domain,
    Name,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDuplicateView {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub reason: DuplicateReasonName,
}

impl From<&PossibleDuplicate> for CompanyDuplicateView {
    fn from(d: &PossibleDuplicate) -> Self {
        Self {
            id: d.company.id.as_uuid(),
            name: d.company.name.clone(),
            domain: d.company.domain.as_ref().map(|x| x.as_str().to_owned()),
            reason: match d.reason {
                DuplicateReason::Domain => DuplicateReasonName::Domain,
                DuplicateReason::Name => DuplicateReasonName::Name,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyDuplicateList {
    pub data: Vec<CompanyDuplicateView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    #[param(max_length = 200)]
    pub name: Option<String>,
    #[param(max_length = 500)]
    pub domain: Option<String>,
}

/// Create: `name` required. Update: every field optional, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Globex", "website": "https://globex.example", "industry": "Manufacturing", "size": "51-200", "status": "prospect"}))]
pub struct CreateCompanyRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: String,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 253, pattern = "@domain")]
    pub domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@line")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 100, pattern = "@line")]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<Option<CompanySizeName>>,
    pub status: Option<CompanyStatusName>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
    /// Create anyway when possible duplicates were reported.
    #[serde(default)]
    pub confirm_duplicate: bool,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Globex", "website": "https://globex.example", "industry": "Manufacturing", "size": "51-200", "status": "prospect"}))]
pub struct UpdateCompanyRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 253, pattern = "@domain")]
    pub domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@line")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 100, pattern = "@line")]
    pub industry: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<CompanySizeName>)]
    pub size: Option<Option<CompanySizeName>>,
    pub status: Option<CompanyStatusName>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

impl From<CreateCompanyRequest> for UpdateCompanyRequest {
    fn from(c: CreateCompanyRequest) -> Self {
        Self {
            name: Some(c.name),
            domain: c.domain,
            website: c.website,
            industry: c.industry,
            size: c.size,
            status: c.status,
            owner_id: c.owner_id,
            address: c.address,
            notes: c.notes,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct CompanyListQuery {
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(max_length = 100)]
    pub industry: Option<String>,
    pub status: Option<CompanyStatusName>,
    pub owner_id: Option<Uuid>,
    /// `createdAt`, `name`, `-` for descending (default `-createdAt`).
    #[param(pattern = "^-?(createdAt|name)$")]
    pub sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}[ad](n([0-9a-f]{2})*)?$")]
    pub cursor: Option<String>,
}

impl From<UpdateCompanyRequest> for CompanyInput {
    fn from(b: UpdateCompanyRequest) -> Self {
        Self {
            name: b.name,
            domain: Patch::from_double(b.domain),
            website: Patch::from_double(b.website),
            industry: Patch::from_double(b.industry),
            size: Patch::from_double(b.size.map(|s| s.map(|s| s.as_str().to_owned()))),
            status: b.status.map(|s| s.as_str().to_owned()),
            owner_id: Patch::from_double(b.owner_id.map(|o| o.map(Into::into))),
            address: Patch::from_double(b.address),
            notes: Patch::from_double(b.notes),
        }
    }
}

/// The company's fields; `confirmDuplicate` is read by the handler first.
impl From<CreateCompanyRequest> for CompanyInput {
    fn from(c: CreateCompanyRequest) -> Self {
        UpdateCompanyRequest::from(c).into()
    }
}
