//! Contacts: list, create, read, change.

use actix_web::{HttpResponse, get, patch, post, web};
use crm_contacts::ContactFilter;
use crm_kernel::ContactId;
use uuid::Uuid;

use super::companies::name_keyset;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::max_chars;
use crate::views::{ContactListQuery, ContactPage, ContactView, CreateContactRequest, UpdateContactRequest};

/// Contacts of the workspace: search (name, email, company), filters, sort.
#[utoipa::path(tag = "contacts", security(("session" = [])), params(("workspaceId" = Uuid, Path), ContactListQuery), responses((status = 200, body = ContactPage)))]
#[get("/api/workspaces/{workspaceId}/contacts")]
pub async fn list_contacts(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<ContactListQuery>,
) -> Result<web::Json<ContactPage>, ApiError> {
    max_chars("q", query.q.as_deref(), 200)?;
    max_chars("tag", query.tag.as_deref(), 40)?;
    let (sort, after, limit) = name_keyset(query.sort.as_deref(), query.cursor.as_deref(), query.limit)?;
    let filter = ContactFilter {
        q: query.q.clone(),
        company: query.company_id.map(Into::into),
        owner: query.owner_id.map(Into::into),
        tag: query.tag.clone(),
    };
    let (rows, next) = state.services.contacts.list_contacts(&member.scope, filter, sort, after, limit).await?;
    Ok(web::Json(ContactPage {
        data: rows.iter().map(ContactView::from).collect(),
        next_cursor: next.map(|c| c.encode(sort)),
    }))
}

/// Create a contact; an email already used in the workspace is 409.
#[utoipa::path(
    tag = "contacts",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateContactRequest,
    responses((status = 201, body = ContactView), (status = 409, description = "Email used by another contact (see `existing`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/contacts")]
pub async fn create_contact(
    state: web::Data<AppState>,
    member: Member,
    body: Body<CreateContactRequest>,
) -> Result<HttpResponse, ApiError> {
    let contact = state.services.contacts.create_contact(&member.scope, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(ContactView::from(&contact)))
}

/// One contact with its company.
#[utoipa::path(tag = "contacts", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("contactId" = Uuid, Path)), responses((status = 200, body = ContactView)))]
#[get("/api/workspaces/{workspaceId}/contacts/{contactId}")]
pub async fn get_contact(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ContactId)>,
) -> Result<web::Json<ContactView>, ApiError> {
    let contact = state.services.contacts.contact(&member.scope, path.1).await?;
    Ok(web::Json(ContactView::from(&contact)))
}

/// Change a contact (`null` clears a field).
#[utoipa::path(
    tag = "contacts",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("contactId" = Uuid, Path)),
    request_body = UpdateContactRequest,
    responses((status = 200, body = ContactView), (status = 409, description = "Email used by another contact, or changed concurrently", body = crate::Problem, content_type = "application/problem+json"))
)]
#[patch("/api/workspaces/{workspaceId}/contacts/{contactId}")]
pub async fn update_contact(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ContactId)>,
    body: Body<UpdateContactRequest>,
) -> Result<web::Json<ContactView>, ApiError> {
    let contact = state.services.contacts.update_contact(&member.scope, path.1, body.into_inner().into()).await?;
    Ok(web::Json(ContactView::from(&contact)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_contacts);
    cfg.service(create_contact);
    cfg.service(get_contact);
    cfg.service(update_contact);
}
