//! The one place that knows HTTP statuses: every error becomes RFC 9457
//! `application/problem+json` with a stable dotted `code` (declared once, in
//! [`codes`], with its status and title) and the request id. A 5xx never
//! carries internal text: the cause rides along in the [`ApiError`] and the
//! request log line (`middleware::request_context`) records it once, with the
//! request id.

mod codes;

pub use codes::Code;

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
    code: Code,
    detail: String,
    /// What went wrong inside, for the log only (5xx).
    cause: Option<String>,
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
        write!(f, "{} {}: {}", self.code.status().as_u16(), self.code.as_str(), self.detail)
    }
}

impl ApiError {
    /// A problem with the code's status and title.
    #[must_use]
    pub fn new(code: Code, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), cause: None, errors: Vec::new(), headers: Vec::new(), extensions: None }
    }

    /// Records the inner cause for the request log (never sent).
    #[must_use]
    pub fn with_cause(mut self, cause: &dyn std::fmt::Display) -> Self {
        self.cause = Some(cause.to_string());
        self
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
            ..Self::new(Code::RequestInvalid, detail)
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
            ..Self::new(Code::ContactEmailTaken, detail)
        }
    }

    #[must_use]
    pub fn unauthenticated() -> Self {
        Self::new(Code::AuthUnauthenticated, "sign in to continue")
    }

    /// A missing record (or one in a workspace the caller cannot see).
    #[must_use]
    pub fn not_found(resource: crm_kernel::Resource, detail: String) -> Self {
        Self::new(Code::not_found(resource), detail)
    }

    /// A 500 that answers without the cause; the request log records it.
    #[must_use]
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        Self::new(Code::Internal, "something went wrong on our side; quote the request id when reporting it")
            .with_cause(cause)
    }

    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    /// The inner cause of a 5xx, for the log.
    #[must_use]
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let problem = Problem {
            problem_type: format!("urn:problem:crm:{}", self.code.as_str()),
            title: self.code.title().to_owned(),
            status: self.code.status().as_u16(),
            detail: self.detail.clone(),
            code: self.code.as_str().to_owned(),
            request_id: current_request_id(),
            errors: self.errors.clone(),
            duplicates: self.extensions.as_ref().and_then(|e| e.duplicates.clone()),
            existing: self.extensions.as_ref().and_then(|e| e.existing.clone()),
            deal_count: self.extensions.as_ref().and_then(|e| e.deal_count),
        };
        let mut response = HttpResponse::build(self.code.status());
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
        let detail = error.to_string();
        match error {
            IdentityError::Invalid(errors) => Self::invalid(errors),
            IdentityError::InvalidCredentials => Self::new(Code::AuthInvalidCredentials, detail),
            IdentityError::Unauthenticated => Self::unauthenticated(),
            IdentityError::Banned => Self::new(Code::AuthBanned, detail),
            IdentityError::Suspended => Self::new(Code::WorkspaceSuspended, detail),
            IdentityError::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            IdentityError::NotFound(what) => Self::not_found(what, detail),
            IdentityError::EmailTaken => Self::new(Code::UserEmailTaken, detail),
            IdentityError::AlreadyMember => Self::new(Code::MemberAlreadyMember, detail),
            IdentityError::AlreadyInvited => Self::new(Code::InvitationAlreadyPending, detail),
            IdentityError::LastOwner => Self::new(Code::MemberLastOwner, detail),
            IdentityError::InvitationNotPending(_) => Self::new(Code::InvitationNotPending, detail),
            IdentityError::InvitationEmailMismatch => Self::new(Code::InvitationEmailMismatch, detail),
            IdentityError::InvalidEmailToken => Self::new(Code::AuthInvalidLink, detail),
            IdentityError::SelfAction(_) => Self::new(Code::MemberSelfAction, detail),
            IdentityError::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_leads::LeadError> for ApiError {
    fn from(error: crm_leads::LeadError) -> Self {
        use crm_leads::LeadError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::InvalidTransition { .. } => Self::new(Code::LeadInvalidTransition, detail),
            E::NotFound => Self::new(Code::LeadNotFound, detail),
            E::AssigneeNotFound => Self::new(Code::LeadAssigneeNotFound, detail),
            E::SourceNotFound => Self::new(Code::LeadSourceNotFound, detail),
            E::SourceExists => Self::new(Code::LeadSourceExists, detail),
            E::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            E::MissingScope(_) => Self::new(Code::AuthInsufficientScope, detail),
            E::Conflict => Self::new(Code::LeadConflict, detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_contacts::ContactError> for ApiError {
    fn from(error: crm_contacts::ContactError) -> Self {
        use crm_contacts::ContactError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound(what) => Self::not_found(what, detail),
            E::OwnerNotFound => Self::new(Code::OwnerNotFound, detail),
            E::CompanyNotFound => Self::new(Code::CompanyNotFound, detail),
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
                    Code::CompanyPossibleDuplicate,
                    "a company with the same domain or name exists; send confirmDuplicate: true to create it anyway",
                )
            },
            E::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            E::Conflict => Self::new(Code::RecordConflict, detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_activities::ActivityError> for ApiError {
    fn from(error: crm_activities::ActivityError) -> Self {
        use crm_activities::ActivityError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound => Self::new(Code::ActivityNotFound, detail),
            E::LinkNotFound(_) => Self::new(Code::ActivityLinkNotFound, detail),
            E::AssigneeNotFound => Self::new(Code::ActivityAssigneeNotFound, detail),
            E::AlreadyInState(_) => Self::new(Code::ActivityAlreadyInState, detail),
            E::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            E::Conflict => Self::new(Code::RecordConflict, detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_deals::DealError> for ApiError {
    fn from(error: crm_deals::DealError) -> Self {
        use crm_deals::DealError as E;
        let detail = error.to_string();
        match error {
            E::Invalid(errors) => Self::invalid(errors),
            E::NotFound(what) => Self::not_found(what, detail),
            E::OwnerNotFound => Self::new(Code::OwnerNotFound, detail),
            E::LostReasonRequired => Self {
                errors: vec![ProblemField {
                    field: "lostReasonId".into(),
                    code: "required".into(),
                    message: "choose a lost reason or give another one in lostReasonOther".into(),
                }],
                ..Self::new(Code::DealLostReasonRequired, detail)
            },
            E::NextActionRequired => Self {
                errors: vec![ProblemField {
                    field: "nextActionDate".into(),
                    code: "required".into(),
                    message: "plan the next step: a next action date of today or later".into(),
                }],
                ..Self::new(Code::DealNextActionRequired, detail)
            },
            E::Closed(_) => Self::new(Code::DealClosed, detail),
            E::NotClosed => Self::new(Code::DealNotClosed, detail),
            E::StageNotEmpty { count } => Self {
                extensions: Some(Box::new(Extensions { deal_count: Some(count), ..Extensions::default() })),
                ..Self::new(Code::StageNotEmpty, detail)
            },
            E::StageRule(_) => Self::new(Code::StageRule, detail),
            E::LostReasonExists => Self::new(Code::LostReasonExists, detail),
            E::LeadNotQualified(_) => Self::new(Code::LeadNotQualified, detail),
            E::AlreadyConverted => Self::new(Code::LeadAlreadyConverted, detail),
            E::EmailTaken { id, name } => Self::email_taken(id, &name, detail),
            E::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            E::Conflict => Self::new(Code::RecordConflict, detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}

impl From<crm_notifications::NotificationError> for ApiError {
    fn from(error: crm_notifications::NotificationError) -> Self {
        use crm_notifications::NotificationError as E;
        let detail = error.to_string();
        match error {
            E::NotFound => Self::new(Code::NotificationNotFound, detail),
            E::Forbidden(_) => Self::new(Code::AuthForbidden, detail),
            E::Store(e) => Self::internal(&e),
        }
    }
}
