//! The one place that knows HTTP statuses: every error becomes RFC 9457
//! `application/problem+json` with a stable dotted `code` and the request id.
//! A 5xx never carries internal text; the cause is logged once.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use crm_identity::IdentityError;
use crm_kernel::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::middleware::current_request_id;

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:problem:crm:request.invalid",
    "title": "Request is invalid",
    "status": 422,
    "detail": "email: not a valid email address",
    "code": "request.invalid",
    "request_id": "0193a5c2-7f1e-7c3a-9d5e-3b2f1a0c9e11",
    "errors": [{"field": "email", "code": "invalid_email", "message": "not a valid email address"}]
}))]
pub struct Problem {
    /// A URI naming the problem type (`urn:problem:crm:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    /// Equal to the HTTP status.
    pub status: u16,
    pub detail: String,
    /// Stable, dotted machine-readable code (`auth.csrf`, `member.last_owner`).
    pub code: String,
    /// Also in the `X-Request-Id` response header.
    pub request_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// `company.possible_duplicate`: the companies that look the same
    /// (`[{id, name, domain, reason}]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub duplicates: Option<serde_json::Value>,
    /// `contact.email_taken`: the contact that has the email (`{id, name}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub existing: Option<serde_json::Value>,
    /// `stage.not_empty`: how many deals are in the stage.
    #[serde(rename = "dealCount", skip_serializing_if = "Option::is_none")]
    pub deal_count: Option<u64>,
}

/// One invalid field, named by its JSON field name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An error on its way to becoming a problem response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    title: &'static str,
    detail: String,
    errors: Vec<ProblemField>,
    headers: Vec<(HeaderName, String)>,
    /// Problem-specific members (RFC 9457 extensions), rarely present.
    extensions: Option<Box<Extensions>>,
}

#[derive(Debug, Default)]
struct Extensions {
    duplicates: Option<serde_json::Value>,
    existing: Option<serde_json::Value>,
    deal_count: Option<u64>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.detail)
    }
}

impl ApiError {
    #[must_use]
    pub fn new(status: StatusCode, code: &'static str, title: &'static str, detail: impl Into<String>) -> Self {
        Self { status, code, title, detail: detail.into(), errors: Vec::new(), headers: Vec::new(), extensions: None }
    }

    #[must_use]
    pub fn with_header(mut self, name: HeaderName, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    #[must_use]
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let detail = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
        Self {
            errors: errors
                .into_iter()
                .map(|e| ProblemField { field: e.field.to_owned(), code: e.code.to_owned(), message: e.message })
                .collect(),
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "request.invalid", "Request is invalid", detail)
        }
    }

    #[must_use]
    pub fn field(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self::invalid(vec![FieldError::new(field, code, message)])
    }

    /// `contact.email_taken`, naming the contact that has the email.
    fn email_taken(id: crm_kernel::ContactId, name: &str, detail: String) -> Self {
        Self {
            extensions: Some(Box::new(Extensions {
                existing: Some(serde_json::json!({ "id": id, "name": name })),
                ..Extensions::default()
            })),
            ..Self::new(StatusCode::CONFLICT, "contact.email_taken", "Email already used", detail)
        }
    }

    #[must_use]
    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "auth.unauthenticated", "Not signed in", "sign in to continue")
    }

    #[must_use]
    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "resource.not_found", "Not found", format!("{what} not found"))
    }

    /// Logs the cause once, answers without it.
    #[must_use]
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal server error",
            "something went wrong on our side; quote the request id when reporting it",
        )
    }

    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let problem = Problem {
            problem_type: format!("urn:problem:crm:{}", self.code),
            title: self.title.to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_owned(),
            request_id: current_request_id(),
            errors: self.errors.clone(),
            duplicates: self.extensions.as_ref().and_then(|e| e.duplicates.clone()),
            existing: self.extensions.as_ref().and_then(|e| e.existing.clone()),
            deal_count: self.extensions.as_ref().and_then(|e| e.deal_count),
        };
        let mut response = HttpResponse::build(self.status);
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        for (name, value) in &self.headers {
            if let Ok(value) = HeaderValue::from_str(value) {
                response.insert_header((name.clone(), value));
            }
        }
        response.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<IdentityError> for ApiError {
    fn from(error: IdentityError) -> Self {
        use StatusCode as S;
        let detail = error.to_string();
        match error {
            IdentityError::Invalid(errors) => Self::invalid(errors),
            IdentityError::InvalidCredentials => {
                Self::new(S::UNAUTHORIZED, "auth.invalid_credentials", "Sign-in failed", detail)
            }
            IdentityError::Unauthenticated => Self::unauthenticated(),
            IdentityError::Banned => Self::new(S::FORBIDDEN, "auth.banned", "Account banned", detail),
            IdentityError::Suspended => Self::new(S::FORBIDDEN, "workspace.suspended", "Access suspended", detail),
            IdentityError::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            IdentityError::NotFound(what) => Self::new(S::NOT_FOUND, not_found_code(what), "Not found", detail),
            IdentityError::EmailTaken => Self::new(S::CONFLICT, "user.email_taken", "Email already registered", detail),
            IdentityError::AlreadyMember => Self::new(S::CONFLICT, "member.already_member", "Already a member", detail),
            IdentityError::AlreadyInvited => {
                Self::new(S::CONFLICT, "invitation.already_pending", "Already invited", detail)
            }
            IdentityError::LastOwner => Self::new(S::CONFLICT, "member.last_owner", "Last owner", detail),
            IdentityError::InvitationNotPending(_) => {
                Self::new(S::CONFLICT, "invitation.not_pending", "Invitation not pending", detail)
            }
            IdentityError::InvitationEmailMismatch => {
                Self::new(S::FORBIDDEN, "invitation.email_mismatch", "Wrong account", detail)
            }
            IdentityError::InvalidEmailToken => {
                Self::new(S::UNPROCESSABLE_ENTITY, "auth.invalid_link", "Invalid link", detail)
            }
            IdentityError::SelfAction(_) => Self::new(S::CONFLICT, "member.self_action", "Not on yourself", detail),
            IdentityError::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_leads::LeadError> for ApiError {
    fn from(error: crm_leads::LeadError) -> Self {
        use StatusCode as S;
        use crm_leads::LeadError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::InvalidTransition { .. } => {
                Self::new(S::UNPROCESSABLE_ENTITY, "lead.invalid_transition", "Status change not allowed", detail)
            }
            E::NotFound => Self::new(S::NOT_FOUND, "lead.not_found", "Not found", detail),
            E::AssigneeNotFound => Self::new(S::NOT_FOUND, "lead.assignee_not_found", "Assignee not found", detail),
            E::SourceNotFound => Self::new(S::NOT_FOUND, "lead_source.not_found", "Not found", detail),
            E::SourceExists => Self::new(S::CONFLICT, "lead_source.exists", "Source exists", detail),
            E::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            E::MissingScope(_) => Self::new(S::FORBIDDEN, "auth.insufficient_scope", "Insufficient scope", detail),
            E::Conflict => Self::new(S::CONFLICT, "lead.conflict", "Changed concurrently", detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_contacts::ContactError> for ApiError {
    fn from(error: crm_contacts::ContactError) -> Self {
        use StatusCode as S;
        use crm_contacts::ContactError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound(what) => Self::new(
                S::NOT_FOUND,
                if what == "company" { "company.not_found" } else { "contact.not_found" },
                "Not found",
                detail,
            ),
            E::OwnerNotFound => Self::new(S::NOT_FOUND, "owner.not_found", "Owner not found", detail),
            E::CompanyNotFound => Self::new(S::NOT_FOUND, "company.not_found", "Company not found", detail),
            E::EmailTaken { id, name } => Self::email_taken(id, &name, detail),
            E::PossibleDuplicates(list) => Self {
                extensions: Some(Box::new(Extensions {
                    duplicates: serde_json::to_value(
                        list.iter().map(crate::views::CompanyDuplicateView::from).collect::<Vec<_>>(),
                    )
                    .ok(),
                    ..Extensions::default()
                })),
                ..Self::new(
                    S::CONFLICT,
                    "company.possible_duplicate",
                    "Possible duplicate",
                    "a company with the same domain or name exists; send confirmDuplicate: true to create it anyway",
                )
            },
            E::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            E::Conflict => Self::new(S::CONFLICT, "record.conflict", "Changed concurrently", detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_activities::ActivityError> for ApiError {
    fn from(error: crm_activities::ActivityError) -> Self {
        use StatusCode as S;
        use crm_activities::ActivityError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound => Self::new(S::NOT_FOUND, "activity.not_found", "Not found", detail),
            E::LinkNotFound(_) => Self::new(S::NOT_FOUND, "activity.link_not_found", "Linked record not found", detail),
            E::AssigneeNotFound => Self::new(S::NOT_FOUND, "activity.assignee_not_found", "Assignee not found", detail),
            E::AlreadyInState(_) => Self::new(S::CONFLICT, "activity.already_in_state", "Nothing to change", detail),
            E::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            E::Conflict => Self::new(S::CONFLICT, "record.conflict", "Changed concurrently", detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_deals::DealError> for ApiError {
    fn from(error: crm_deals::DealError) -> Self {
        use StatusCode as S;
        use crm_deals::DealError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound(what) => Self::new(
                S::NOT_FOUND,
                match what {
                    "deal" => "deal.not_found",
                    "pipeline" => "pipeline.not_found",
                    "stage" => "stage.not_found",
                    "lead" => "lead.not_found",
                    "contact" => "contact.not_found",
                    "company" => "company.not_found",
                    "lost reason" => "lost_reason.not_found",
                    _ => "resource.not_found",
                },
                "Not found",
                detail,
            ),
            E::OwnerNotFound => Self::new(S::NOT_FOUND, "owner.not_found", "Owner not found", detail),
            E::LostReasonRequired => Self {
                errors: vec![ProblemField {
                    field: "lostReasonId".into(),
                    code: "required".into(),
                    message: "choose a lost reason or give another one in lostReasonOther".into(),
                }],
                ..Self::new(S::UNPROCESSABLE_ENTITY, "deal.lost_reason_required", "Lost reason required", detail)
            },
            E::NextActionRequired => Self {
                errors: vec![ProblemField {
                    field: "nextActionDate".into(),
                    code: "required".into(),
                    message: "plan the next step: a next action date of today or later".into(),
                }],
                ..Self::new(S::UNPROCESSABLE_ENTITY, "deal.next_action_required", "Next action required", detail)
            },
            E::Closed(_) => Self::new(S::CONFLICT, "deal.closed", "Deal is closed", detail),
            E::NotClosed => Self::new(S::CONFLICT, "deal.not_closed", "Deal is open", detail),
            E::StageNotEmpty { count } => Self {
                extensions: Some(Box::new(Extensions { deal_count: Some(count), ..Extensions::default() })),
                ..Self::new(S::CONFLICT, "stage.not_empty", "Stage holds deals", detail)
            },
            E::StageRule(_) => Self::new(S::UNPROCESSABLE_ENTITY, "stage.rule", "Stage change not allowed", detail),
            E::LostReasonExists => Self::new(S::CONFLICT, "lost_reason.exists", "Lost reason exists", detail),
            E::LeadNotQualified(_) => {
                Self::new(S::UNPROCESSABLE_ENTITY, "lead.not_qualified", "Lead is not qualified", detail)
            }
            E::AlreadyConverted => Self::new(S::CONFLICT, "lead.already_converted", "Already converted", detail),
            E::EmailTaken { id, name } => Self::email_taken(id, &name, detail),
            E::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            E::Conflict => Self::new(S::CONFLICT, "record.conflict", "Changed concurrently", detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_notifications::NotificationError> for ApiError {
    fn from(error: crm_notifications::NotificationError) -> Self {
        use StatusCode as S;
        use crm_notifications::NotificationError as E;
        let detail = error.to_string();
        match error {
            E::NotFound => Self::new(S::NOT_FOUND, "notification.not_found", "Not found", detail),
            E::Forbidden(_) => Self::new(S::FORBIDDEN, "auth.forbidden", "Not allowed", detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

fn not_found_code(what: &str) -> &'static str {
    match what {
        "workspace" => "workspace.not_found",
        "member" => "member.not_found",
        "invitation" => "invitation.not_found",
        "api token" => "api_token.not_found",
        "user" => "user.not_found",
        _ => "resource.not_found",
    }
}
