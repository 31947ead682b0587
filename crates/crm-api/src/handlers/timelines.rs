//! Timelines of leads, contacts, companies and deals: the activities linked
//! to the record and its audit events, newest first. Each operation is tagged
//! with the record's module; the activities service answers all four.

use actix_web::{get, web};
use crm_activities::Link;
use crm_kernel::{CompanyId, ContactId, Cursor, DealId, LeadId, Scope};
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::error::ApiError;
use crate::query::ListQuery;
use crate::views::{TimelineItemView, TimelinePage};

async fn timeline(
    state: &AppState,
    scope: &Scope,
    record: Link,
    query: &ListQuery,
) -> Result<web::Json<TimelinePage>, ApiError> {
    let (before, limit) = query.keyset()?;
    let (items, next) = state.services.activities.timeline(scope, record, before.map(|c| c.last_id()), limit).await?;
    let now = state.services.activities.now();
    Ok(web::Json(TimelinePage {
        data: items.iter().map(|i| TimelineItemView::new(i, now)).collect(),
        next_cursor: next.map(|id| Cursor::after(id).encode()),
    }))
}

/// The lead's timeline: linked activities and audit events, newest first.
#[utoipa::path(tag = "leads", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("leadId" = Uuid, Path), ListQuery), responses((status = 200, body = TimelinePage)))]
#[get("/api/workspaces/{workspaceId}/leads/{leadId}/timeline")]
pub async fn get_lead_timeline(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LeadId)>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<TimelinePage>, ApiError> {
    timeline(&state, &member.scope, Link::Lead(path.1), &query).await
}

/// The contact's timeline: linked activities and audit events, newest first.
#[utoipa::path(tag = "contacts", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("contactId" = Uuid, Path), ListQuery), responses((status = 200, body = TimelinePage)))]
#[get("/api/workspaces/{workspaceId}/contacts/{contactId}/timeline")]
pub async fn get_contact_timeline(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, ContactId)>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<TimelinePage>, ApiError> {
    timeline(&state, &member.scope, Link::Contact(path.1), &query).await
}

/// The company's timeline: linked activities and audit events, newest first.
#[utoipa::path(tag = "companies", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("companyId" = Uuid, Path), ListQuery), responses((status = 200, body = TimelinePage)))]
#[get("/api/workspaces/{workspaceId}/companies/{companyId}/timeline")]
pub async fn get_company_timeline(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, CompanyId)>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<TimelinePage>, ApiError> {
    timeline(&state, &member.scope, Link::Company(path.1), &query).await
}

/// The deal's timeline: linked activities and audit events, newest first.
#[utoipa::path(tag = "deals", security(("session" = [])), params(("workspaceId" = Uuid, Path), ("dealId" = Uuid, Path), ListQuery), responses((status = 200, body = TimelinePage)))]
#[get("/api/workspaces/{workspaceId}/deals/{dealId}/timeline")]
pub async fn get_deal_timeline(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, DealId)>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<TimelinePage>, ApiError> {
    timeline(&state, &member.scope, Link::Deal(path.1), &query).await
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(get_lead_timeline);
    cfg.service(get_company_timeline);
    cfg.service(get_contact_timeline);
    cfg.service(get_deal_timeline);
}
