//! Lead conversion: the dry run and the real, exactly-once conversion.

use actix_web::{HttpResponse, post, web};
use crm_deals::conversion::ConversionChoices;
use crm_kernel::LeadId;
use uuid::Uuid;

use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::auth::Member;
use crate::body::Body;
use crate::error::ApiError;
use crate::views::{ConversionPlanView, ConversionResultView, ConvertLeadRequest};

/// The dry run: for the contact and the company, whether a conversion would
/// create a record or link an existing look-alike, and the deal it would
/// open. Writes nothing.
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("leadId" = Uuid, Path)),
    responses((status = 200, body = ConversionPlanView), (status = 409, description = "Already converted (`lead.already_converted`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/leads/{leadId}/conversion/preview")]
pub async fn preview_lead_conversion(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LeadId)>,
) -> Result<web::Json<ConversionPlanView>, ApiError> {
    let plan = state.services.conversion.preview(&member.scope, path.1).await?;
    Ok(web::Json(ConversionPlanView::from(&plan)))
}

/// Convert a qualified lead: contact (created or linked), company (created,
/// linked or none) and a deal, in one transaction. Exactly once: a lead that
/// is already converted is a 409, whoever got there first.
#[utoipa::path(
    tag = "leads",
    security(("session" = [], "csrf" = [])),
    params(("workspaceId" = Uuid, Path), ("leadId" = Uuid, Path)),
    request_body = ConvertLeadRequest,
    responses((status = 201, body = ConversionResultView), (status = 409, description = "Already converted (`lead.already_converted`), or a contact has the lead's email (`contact.email_taken`)", body = crate::Problem, content_type = "application/problem+json"))
)]
#[post("/api/workspaces/{workspaceId}/leads/{leadId}/conversion")]
pub async fn convert_lead(
    state: web::Data<AppState>,
    member: Member,
    path: web::Path<(Uuid, LeadId)>,
    body: Body<ConvertLeadRequest>,
) -> Result<HttpResponse, ApiError> {
    let choices = ConversionChoices::try_from(body.into_inner())?;
    let converted = state.services.conversion.convert(&member.scope, path.1, &choices).await?;
    Ok(HttpResponse::Created().json(ConversionResultView::from(&converted)))
}

/// Registers this module's operations (see [`super::MODULES`]).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(preview_lead_conversion);
    cfg.service(convert_lead);
}
