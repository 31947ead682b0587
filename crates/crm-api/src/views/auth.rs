//! Sign-up, sign-in, email verification and password reset requests.

use crm_identity::service::SignUp;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery", "name": "Ada Lovelace"}))]
pub struct SignUpRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
    #[schema(min_length = 1, max_length = 100, pattern = "@name")]
    pub name: String,
    /// Join the inviting workspace instead of provisioning a new one.
    pub invitation_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schema(example = json!({"email": "ada@example.com", "password": "correct horse battery"}))]
pub struct SignInRequest {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 128)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VerifyEmailRequest {
    /// The token from the emailed link.
    #[schema(max_length = 200)]
    pub token: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RequestPasswordResetRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResetPasswordRequest {
    #[schema(max_length = 200)]
    pub token: String,
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
}

impl From<SignUpRequest> for SignUp {
    fn from(b: SignUpRequest) -> Self {
        Self { email: b.email, password: b.password, name: b.name, invitation: b.invitation_id.map(Into::into) }
    }
}
