//! Every problem code the API answers with, declared once: its HTTP status
//! and title. Handlers, extractors and middleware name a [`Code`]; the status
//! and title come from here. `docs/api-design.md` documents each code (a test
//! below keeps the two in step).

use actix_web::http::StatusCode;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = ($status:ident, $code:literal, $title:literal),)*) => {
        /// A stable, dotted problem code (`lead.not_qualified`, `auth.csrf`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The code on the wire (`code`, and `type` = `urn:problem:crm:<code>`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }

            /// The HTTP status it is answered with.
            #[must_use]
            pub const fn status(self) -> StatusCode {
                match self {
                    $(Self::$variant => StatusCode::$status,)*
                }
            }

            /// The problem's `title`: the same for every occurrence of the code.
            #[must_use]
            pub const fn title(self) -> &'static str {
                match self {
                    $(Self::$variant => $title,)*
                }
            }
        }
    };
}

codes! {
    // ---- the request itself
    /// A field is invalid; `errors` names each one.
    RequestInvalid = (UNPROCESSABLE_ENTITY, "request.invalid", "Request is invalid"),
    /// The body does not fit the request type (wrong type, unknown field, missing field).
    RequestInvalidBody = (UNPROCESSABLE_ENTITY, "request.invalid_body", "Request is invalid"),
    RequestMalformedJson = (BAD_REQUEST, "request.malformed_json", "Malformed JSON"),
    RequestUnreadableBody = (BAD_REQUEST, "request.unreadable_body", "Unreadable body"),
    RequestInvalidQuery = (UNPROCESSABLE_ENTITY, "request.invalid_query", "Invalid query string"),
    RequestInvalidPath = (BAD_REQUEST, "request.invalid_path", "Invalid path"),
    RequestTooLarge = (PAYLOAD_TOO_LARGE, "request.too_large", "Body too large"),
    RequestUnsupportedMediaType = (UNSUPPORTED_MEDIA_TYPE, "request.unsupported_media_type", "Unsupported media type"),
    RequestMethodNotAllowed = (METHOD_NOT_ALLOWED, "request.method_not_allowed", "Method not allowed"),
    RequestNoRoute = (NOT_FOUND, "request.no_route", "Not found"),
    SpaNotBuilt = (NOT_FOUND, "spa.not_built", "Not found"),
    IdempotencyKeyReused = (UNPROCESSABLE_ENTITY, "idempotency.key_reused", "Idempotency key reused"),
    IdempotencyInFlight = (CONFLICT, "idempotency.in_flight", "Request in progress"),
    Internal = (INTERNAL_SERVER_ERROR, "internal", "Internal server error"),
    HealthDatabaseUnavailable = (SERVICE_UNAVAILABLE, "health.database_unavailable", "Database unavailable"),
    // ---- authentication and access
    AuthUnauthenticated = (UNAUTHORIZED, "auth.unauthenticated", "Not signed in"),
    AuthInvalidCredentials = (UNAUTHORIZED, "auth.invalid_credentials", "Sign-in failed"),
    AuthInvalidToken = (UNAUTHORIZED, "auth.invalid_token", "Invalid API token"),
    AuthBanned = (FORBIDDEN, "auth.banned", "Account banned"),
    AuthForbidden = (FORBIDDEN, "auth.forbidden", "Not allowed"),
    AuthInsufficientScope = (FORBIDDEN, "auth.insufficient_scope", "Insufficient scope"),
    AuthCsrf = (FORBIDDEN, "auth.csrf", "CSRF check failed"),
    AuthRateLimited = (TOO_MANY_REQUESTS, "auth.rate_limited", "Too many sign-in attempts"),
    AuthInvalidLink = (UNPROCESSABLE_ENTITY, "auth.invalid_link", "Invalid link"),
    WorkspaceSuspended = (FORBIDDEN, "workspace.suspended", "Access suspended"),
    // ---- identity
    UserEmailTaken = (CONFLICT, "user.email_taken", "Email already registered"),
    MemberAlreadyMember = (CONFLICT, "member.already_member", "Already a member"),
    MemberLastOwner = (CONFLICT, "member.last_owner", "Last owner"),
    MemberSelfAction = (CONFLICT, "member.self_action", "Not on yourself"),
    InvitationAlreadyPending = (CONFLICT, "invitation.already_pending", "Already invited"),
    InvitationNotPending = (CONFLICT, "invitation.not_pending", "Invitation not pending"),
    InvitationEmailMismatch = (FORBIDDEN, "invitation.email_mismatch", "Wrong account"),
    WorkspaceNotFound = (NOT_FOUND, "workspace.not_found", "Not found"),
    MemberNotFound = (NOT_FOUND, "member.not_found", "Not found"),
    InvitationNotFound = (NOT_FOUND, "invitation.not_found", "Not found"),
    ApiTokenNotFound = (NOT_FOUND, "api_token.not_found", "Not found"),
    UserNotFound = (NOT_FOUND, "user.not_found", "Not found"),
    // ---- leads
    LeadNotFound = (NOT_FOUND, "lead.not_found", "Not found"),
    LeadInvalidTransition = (UNPROCESSABLE_ENTITY, "lead.invalid_transition", "Status change not allowed"),
    LeadAssigneeNotFound = (NOT_FOUND, "lead.assignee_not_found", "Assignee not found"),
    LeadConflict = (CONFLICT, "lead.conflict", "Changed concurrently"),
    LeadNotQualified = (UNPROCESSABLE_ENTITY, "lead.not_qualified", "Lead is not qualified"),
    LeadAlreadyConverted = (CONFLICT, "lead.already_converted", "Already converted"),
    LeadSourceNotFound = (NOT_FOUND, "lead_source.not_found", "Not found"),
    LeadSourceExists = (CONFLICT, "lead_source.exists", "Source exists"),
    // ---- contacts, companies, activities
    ContactNotFound = (NOT_FOUND, "contact.not_found", "Not found"),
    ContactEmailTaken = (CONFLICT, "contact.email_taken", "Email already used"),
    CompanyNotFound = (NOT_FOUND, "company.not_found", "Not found"),
    CompanyPossibleDuplicate = (CONFLICT, "company.possible_duplicate", "Possible duplicate"),
    OwnerNotFound = (NOT_FOUND, "owner.not_found", "Owner not found"),
    RecordConflict = (CONFLICT, "record.conflict", "Changed concurrently"),
    ActivityNotFound = (NOT_FOUND, "activity.not_found", "Not found"),
    ActivityLinkNotFound = (NOT_FOUND, "activity.link_not_found", "Linked record not found"),
    ActivityAssigneeNotFound = (NOT_FOUND, "activity.assignee_not_found", "Assignee not found"),
    ActivityAlreadyInState = (CONFLICT, "activity.already_in_state", "Nothing to change"),
    // ---- deals and pipelines
    DealNotFound = (NOT_FOUND, "deal.not_found", "Not found"),
    DealLostReasonRequired = (UNPROCESSABLE_ENTITY, "deal.lost_reason_required", "Lost reason required"),
    DealNextActionRequired = (UNPROCESSABLE_ENTITY, "deal.next_action_required", "Next action required"),
    DealClosed = (CONFLICT, "deal.closed", "Deal is closed"),
    DealNotClosed = (CONFLICT, "deal.not_closed", "Deal is open"),
    PipelineNotFound = (NOT_FOUND, "pipeline.not_found", "Not found"),
    StageNotFound = (NOT_FOUND, "stage.not_found", "Not found"),
    StageNotEmpty = (CONFLICT, "stage.not_empty", "Stage holds deals"),
    StageRule = (UNPROCESSABLE_ENTITY, "stage.rule", "Stage change not allowed"),
    LostReasonNotFound = (NOT_FOUND, "lost_reason.not_found", "Not found"),
    LostReasonExists = (CONFLICT, "lost_reason.exists", "Lost reason exists"),
    // ---- catalog
    ProductNotFound = (NOT_FOUND, "product.not_found", "Not found"),
    CategoryNotFound = (NOT_FOUND, "category.not_found", "Not found"),
    BrandNotFound = (NOT_FOUND, "brand.not_found", "Not found"),
    // ---- notifications
    NotificationNotFound = (NOT_FOUND, "notification.not_found", "Not found"),
}

impl Code {
    /// The `<kind>.not_found` code of a missing record.
    #[must_use]
    pub const fn not_found(resource: crm_kernel::Resource) -> Self {
        use crm_kernel::Resource as R;
        match resource {
            R::Workspace => Self::WorkspaceNotFound,
            R::Member => Self::MemberNotFound,
            R::Invitation => Self::InvitationNotFound,
            R::ApiToken => Self::ApiTokenNotFound,
            R::User => Self::UserNotFound,
            R::Lead => Self::LeadNotFound,
            R::Contact => Self::ContactNotFound,
            R::Company => Self::CompanyNotFound,
            R::Deal => Self::DealNotFound,
            R::Pipeline => Self::PipelineNotFound,
            R::Stage => Self::StageNotFound,
            R::LostReason => Self::LostReasonNotFound,
            R::Product => Self::ProductNotFound,
            R::Category => Self::CategoryNotFound,
            R::Brand => Self::BrandNotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} is declared twice", code.as_str());
            let dotted = code.as_str().split('.').count() == 2
                && code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
            assert!(dotted || *code == Code::Internal, "{} is not a dotted lowercase code", code.as_str());
        }
    }

    #[test]
    fn every_problem_code_is_documented_with_its_status() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api-design.md");
        let doc = std::fs::read_to_string(path).expect("docs/api-design.md");
        let section = doc.split("## Problem codes").nth(1).expect("a `## Problem codes` section");
        let section = section.split("\n## ").next().unwrap_or(section);
        let undocumented: Vec<String> = Code::ALL
            .iter()
            .filter(|code| {
                let row = format!("| `{}` | {} |", code.as_str(), code.status().as_u16());
                !section.lines().any(|line| line.starts_with(&row))
            })
            .map(|code| format!("{} ({})", code.as_str(), code.status().as_u16()))
            .collect();
        assert!(
            undocumented.is_empty(),
            "add a row `| `code` | status | meaning |` to the Problem codes section of docs/api-design.md for: {undocumented:?}"
        );
    }

    #[test]
    fn the_documented_codes_all_exist() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api-design.md");
        let doc = std::fs::read_to_string(path).expect("docs/api-design.md");
        let section = doc.split("## Problem codes").nth(1).expect("a `## Problem codes` section");
        let section = section.split("\n## ").next().unwrap_or(section);
        for line in section.lines().filter(|l| l.starts_with("| `")) {
            let code = line.split('`').nth(1).unwrap_or_default();
            assert!(
                Code::ALL.iter().any(|c| c.as_str() == code),
                "docs/api-design.md lists `{code}`, which the API never answers"
            );
        }
    }
}
