//! Workspace API tokens: least-privilege scopes, shown once, stored hashed.

use std::collections::BTreeSet;

use crm_kernel::{ApiTokenId, Cursor, FieldError, Limit, Page, Resource, Scope, TokenScope};

use super::{IdentityService, require_owner};
use crate::error::{FieldErrors, IdentityError};
use crate::model::{ApiToken, IssuedApiToken};
use crate::secrets::{random_secret, sha256_hex};
use crate::values::TokenName;

/// Every secret starts with this, so leaked tokens are easy to scan for.
pub const TOKEN_PREFIX: &str = "crm_";

impl IdentityService {
    /// Issues a token. The secret is returned once and stored only hashed.
    ///
    /// # Errors
    /// `Forbidden` for non-owners (checked by the caller for operator tools),
    /// `Invalid` for a bad name or scope list, `Store`.
    pub async fn create_api_token(
        &self,
        scope: &Scope,
        name: &str,
        scopes: &[String],
    ) -> Result<IssuedApiToken, IdentityError> {
        require_owner(scope)?;
        let mut errors = FieldErrors::default();
        let name = errors.check(TokenName::parse("name", name));
        let parsed: Result<BTreeSet<TokenScope>, _> = scopes.iter().map(|s| s.parse::<TokenScope>()).collect();
        let parsed = match parsed {
            Ok(set) if set.is_empty() => {
                errors.push(FieldError::new("scopes", "required", "choose at least one scope"));
                None
            }
            Ok(set) => Some(set),
            Err(e) => {
                errors.push(FieldError::new("scopes", "invalid_scope", e.to_string()));
                None
            }
        };
        errors.finish()?;
        let (Some(name), Some(scopes)) = (name, parsed) else {
            return Err(IdentityError::Invalid(Vec::new()));
        };
        let secret = format!("{TOKEN_PREFIX}{}", random_secret());
        let token = ApiToken {
            id: ApiTokenId::new(),
            workspace_id: scope.workspace(),
            name,
            scopes,
            prefix: secret.chars().take(12).collect(),
            created_by: scope.user(),
            created_at: self.now(),
            last_used_at: None,
            revoked_at: None,
        };
        self.store.insert_api_token(scope, &token, &sha256_hex(&secret)).await?;
        tracing::info!(workspace.id = %scope.workspace(), token.id = %token.id, "api token created");
        Ok(IssuedApiToken { token, secret })
    }

    /// # Errors
    /// `Forbidden` for non-owners, `Store`.
    pub async fn list_api_tokens(
        &self,
        scope: &Scope,
        after: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<ApiToken>, IdentityError> {
        require_owner(scope)?;
        Ok(self.store.list_api_tokens(scope, after, limit).await?)
    }

    /// Revocation is effective at the token's next request.
    ///
    /// # Errors
    /// `Forbidden` for non-owners, `NotFound`, `Store`.
    pub async fn revoke_api_token(&self, scope: &Scope, id: ApiTokenId) -> Result<(), IdentityError> {
        require_owner(scope)?;
        if self.store.revoke_api_token(scope, id, self.now()).await? {
            Ok(())
        } else {
            Err(IdentityError::NotFound(Resource::ApiToken))
        }
    }
}
