//! Companies: list, duplicate check, create, read, change, key contacts.

use actix_web::{HttpResponse, get, patch, post, web};
use crm_contacts::CompanyFilter;
use crm_kernel::{CompanyId, ListSort, NameCursor};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::query::{keyset, max_chars};
use crate::views::{
    CompanyDuplicateList, CompanyDuplicateView, CompanyListQuery, CompanyPage, CompanyView, ContactPage, ContactView,
    CreateCompanyRequest, DuplicateQuery, UpdateCompanyRequest,
};

/// Parses `sort` and `cursor` of name-or-creation ordered lists.
pub(super) fn name_keyset(
    sort: Option<&str>,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> Result<(ListSort, Option<NameCursor>, crm_kernel::Limit), ApiError> {
    let sort = sort.map(ListSort::parse).transpose().map_err(|e| ApiError::invalid(vec![e]))?.unwrap_or_default();
    let after = cursor.map(|c| NameCursor::decode(c, sort)).transpose().map_err(|e| ApiError::invalid(vec![e]))?;
    let (_, limit) = keyset(limit, None)?;
    Ok((sort, after, limit))
}

/// Companies of the workspace.
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), CompanyListQuery), responses((status = 200, body = CompanyPage)))]
#[get("/api/workspaces/{workspaceId}/companies")]
pub async fn list_companies(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<CompanyListQuery>,
) -> Result<web::Json<CompanyPage>, ApiError> {
    max_chars("q", query.q.as_deref(), 200)?;
    max_chars("industry", query.industry.as_deref(), 100)?;
    let (sort, after, limit) = name_keyset(query.sort.as_deref(), query.cursor.as_deref(), query.limit)?;
    let filter = CompanyFilter {
        q: query.q.clone(),
        industry: query.industry.clone(),
        status: query.status.and_then(|s| s.as_str().parse().ok()),
        owner: query.owner_id.map(Into::into),
    };
    let (rows, next) = state.services.contacts.list_companies(&member.scope, filter, sort, after, limit).await?;
    Ok(web::Json(CompanyPage {
        data: rows.iter().map(|c| CompanyView::new(c, None)).collect(),
        next_cursor: next.map(|c| c.encode(sort)),
    }))
}

/// Companies that look like a name and/or domain (for the form's live check).
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), DuplicateQuery), responses((status = 200, body = CompanyDuplicateList)))]
#[get("/api/workspaces/{workspaceId}/company-duplicates")]
pub async fn find_company_duplicates(
    state: web::Data<AppState>,
    member: Member,
    query: web::Query<DuplicateQuery>,
) -> Result<web::Json<CompanyDuplicateList>, ApiError> {
    max_chars("name", query.name.as_deref(), 200)?;
    max_chars("domain", query.domain.as_deref(), 500)?;
    let found =
        state.services.contacts.duplicates(&member.scope, query.name.as_deref(), query.domain.as_deref()).await?;
    Ok(web::Json(CompanyDuplicateList { data: found.iter().map(CompanyDuplicateView::from).collect() }))
}

/// Create a company; possible duplicates answer 409 unless `confirmDuplicate`.
#[utoipa::path(
    tag = "companies",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path)),
    request_body = CreateCompanyRequest,
    responses((status = 201, body = CompanyView), (status = 409, description = "Possible duplicate (see `duplicates`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/companies")]
pub async fn create_company(
    state: web::Data<AppState>,
    member: Member,
    body: Body<CreateCompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let confirm = body.confirm_duplicate;
    let company = state.services.contacts.create_company(&member.scope, body.into(), confirm).await?;
    Ok(HttpResponse::Created().json(CompanyView::new(&company, Some(0))))
}

/// One company with its contact count.
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("companyId" = Uuid, Path)), responses((status = 200, body = CompanyView)))]
#[get("/api/workspaces/{workspaceId}/companies/{companyId}")]
pub async fn get_company(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, CompanyId)>,
) -> Result<web::Json<CompanyView>, ApiError> {
    let company = state.services.contacts.company(&member.scope, path.1).await?;
    let contacts = state.services.contacts.contact_count(&member.scope, company.id).await?;
    Ok(web::Json(CompanyView::new(&company, Some(contacts))))
}

/// Change a company (`null` clears a field).
#[utoipa::path(
    tag = "companies",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("companyId" = Uuid, Path)),
    request_body = UpdateCompanyRequest,
    responses((status = 200, body = CompanyView), (status = 409, description = "Changed concurrently", body = crate::Problem, content_type = "application/problem+json"))
)]
#[patch("/api/workspaces/{workspaceId}/companies/{companyId}")]
pub async fn update_company(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, CompanyId)>,
    body: Body<UpdateCompanyRequest>,
) -> Result<web::Json<CompanyView>, ApiError> {
    let company = state.services.contacts.update_company(&member.scope, path.1, body.into_inner().into()).await?;
    let contacts = state.services.contacts.contact_count(&member.scope, company.id).await?;
    Ok(web::Json(CompanyView::new(&company, Some(contacts))))
}

/// The company's contacts (key contacts), by name.
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("companyId" = Uuid, Path), crate::query::ListQuery), responses((status = 200, body = ContactPage)))]
#[get("/api/workspaces/{workspaceId}/companies/{companyId}/contacts")]
pub async fn list_company_contacts(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, CompanyId)>,
    query: web::Query<crate::query::ListQuery>,
) -> Result<web::Json<ContactPage>, ApiError> {
    state.services.contacts.company(&member.scope, path.1).await?;
    let (_, limit) = keyset(query.limit, None)?;
    let sort = ListSort::parse("name").unwrap_or_default();
    let after = query
        .cursor
        .as_deref()
        .map(|c| NameCursor::decode(c, sort))
        .transpose()
        .map_err(|e| ApiError::invalid(vec![e]))?;
    let filter = crm_contacts::ContactFilter { company: Some(path.1), ..Default::default() };
    let (rows, next) = state.services.contacts.list_contacts(&member.scope, filter, sort, after, limit).await?;
    Ok(web::Json(ContactPage {
        data: rows.iter().map(ContactView::from).collect(),
        next_cursor: next.map(|c| c.encode(sort)),
    }))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_companies);
    cfg.service(find_company_duplicates);
    cfg.service(create_company);
    cfg.service(get_company);
    cfg.service(update_company);
    cfg.service(list_company_contacts);
}
