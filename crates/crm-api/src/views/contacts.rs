//! Contacts.

use crm_contacts::{ContactInput, ContactWithCompany};
use crm_kernel::{CompanyId, Patch};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::common::{EmailText, TagText, double};

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyRef {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub other_emails: Vec<String>,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub company: Option<CompanyRef>,
    pub owner_id: Option<Uuid>,
    pub tags: Vec<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[schema(value_type = String, format = DateTime)]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<&ContactWithCompany> for ContactView {
    fn from(cw: &ContactWithCompany) -> Self {
        let c = &cw.contact;
        Self {
            id: c.id.as_uuid(),
            name: c.name.clone(),
            email: c.email.as_ref().map(|e| e.as_str().to_owned()),
            other_emails: c.other_emails.iter().map(|e| e.as_str().to_owned()).collect(),
            phone: c.phone.as_ref().map(|p| p.as_str().to_owned()),
            job_title: c.job_title.clone(),
            company: cw.company.as_ref().map(|(id, name)| CompanyRef { id: id.as_uuid(), name: name.clone() }),
            owner_id: c.owner_id.map(|u| u.as_uuid()),
            tags: c.tags.as_slice().to_vec(),
            address: c.address.clone(),
            notes: c.notes.clone(),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactPage {
    pub data: Vec<ContactView>,
    pub next_cursor: Option<String>,
}

/// Create: `name` required. Update: every field optional, `null` clears.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Grace Hopper", "email": "grace@globex.example", "jobTitle": "CTO"}))]
pub struct CreateContactRequest {
    // Required by the contract; optional in Rust so that a missing name is a
    // 422 naming the field (from the domain).
    #[schema(required = true, value_type = String, min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[schema(max_items = 10, inline, value_type = Option<Vec<EmailText>>)]
    pub other_emails: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 30, pattern = "@phone")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = "@line")]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<TagText>>)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"name": "Grace Hopper", "email": "grace@globex.example", "jobTitle": "CTO"}))]
pub struct UpdateContactRequest {
    #[schema(min_length = 1, max_length = 200, pattern = "@name")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub email: Option<Option<String>>,
    #[schema(max_items = 10, inline, value_type = Option<Vec<EmailText>>)]
    pub other_emails: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 30, pattern = "@phone")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 200, pattern = "@line")]
    pub job_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<Uuid>)]
    pub owner_id: Option<Option<Uuid>>,
    #[schema(max_items = 20, inline, value_type = Option<Vec<TagText>>)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 500, pattern = "@text")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "double")]
    #[schema(value_type = Option<String>, max_length = 10000, pattern = "@text")]
    pub notes: Option<Option<String>>,
}

impl From<CreateContactRequest> for UpdateContactRequest {
    fn from(c: CreateContactRequest) -> Self {
        Self {
            name: c.name,
            email: c.email,
            other_emails: c.other_emails,
            phone: c.phone,
            job_title: c.job_title,
            company_id: c.company_id,
            owner_id: c.owner_id,
            tags: c.tags,
            address: c.address,
            notes: c.notes,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ContactListQuery {
    /// Matches name, emails and the company's name.
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub company_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    #[param(max_length = 40)]
    pub tag: Option<String>,
    #[param(pattern = "^-?(createdAt|name)$")]
    pub sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    #[param(pattern = "^[0-9a-f]{32}[ad](n([0-9a-f]{2})*)?$")]
    pub cursor: Option<String>,
}

impl From<UpdateContactRequest> for ContactInput {
    fn from(b: UpdateContactRequest) -> Self {
        Self {
            name: b.name,
            email: Patch::from_double(b.email),
            other_emails: b.other_emails,
            phone: Patch::from_double(b.phone),
            job_title: Patch::from_double(b.job_title),
            company_id: Patch::from_double(b.company_id).map(CompanyId::from_uuid),
            owner_id: Patch::from_double(b.owner_id.map(|o| o.map(Into::into))),
            tags: b.tags,
            address: Patch::from_double(b.address),
            notes: Patch::from_double(b.notes),
        }
    }
}

impl From<CreateContactRequest> for ContactInput {
    fn from(c: CreateContactRequest) -> Self {
        UpdateContactRequest::from(c).into()
    }
}
