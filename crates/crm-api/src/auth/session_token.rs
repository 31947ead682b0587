//! The browser's session token: a short-lived HS256 JWT (algorithm pinned,
//! `aud` and `exp` checked) naming a revocable server-side session row.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use crm_kernel::{SessionId, UserId};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub const SESSION_COOKIE: &str = "crm_session";
pub const CSRF_COOKIE: &str = "crm_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
const AUDIENCE: &str = "crm-session";

/// A fresh session cookie to set on the response (the extractor renewed an
/// expired token of a live session).
#[derive(Clone, Debug)]
pub struct RenewedSession(pub Cookie<'static>);

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: uuid::Uuid,
    sid: uuid::Uuid,
    aud: String,
    iat: i64,
    exp: i64,
}

/// What a verified token says.
#[derive(Debug, Clone, Copy)]
pub struct TokenClaims {
    pub user: UserId,
    pub session: SessionId,
    /// The token's lifetime ran out; the session row decides whether to renew.
    pub expired: bool,
}

/// Signing keys and cookie settings.
#[derive(Clone)]
pub struct SessionKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    token_ttl: time::Duration,
    secure: bool,
}

impl SessionKeys {
    #[must_use]
    pub fn new(secret: &[u8], secure_cookies: bool) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            token_ttl: time::Duration::minutes(15),
            secure: secure_cookies,
        }
    }

    /// Signs a token for the session.
    ///
    /// # Errors
    /// Only if signing fails (a misconfigured crypto backend).
    pub fn sign(
        &self,
        user: UserId,
        session: SessionId,
        now: OffsetDateTime,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user.as_uuid(),
            sid: session.as_uuid(),
            aud: AUDIENCE.to_owned(),
            iat: now.unix_timestamp(),
            exp: (now + self.token_ttl).unix_timestamp(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// Verifies signature, algorithm and audience. An expired token still
    /// verifies (flagged), so a live session can be renewed without a new
    /// sign-in; anything else that fails is `None`.
    #[must_use]
    pub fn verify(&self, token: &str) -> Option<TokenClaims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        let expired = match decode::<Claims>(token, &self.decoding, &validation) {
            Ok(data) => return Some(Self::claims(&data.claims, false)),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => true,
            Err(_) => return None,
        };
        validation.validate_exp = false;
        decode::<Claims>(token, &self.decoding, &validation).ok().map(|d| Self::claims(&d.claims, expired))
    }

    fn claims(c: &Claims, expired: bool) -> TokenClaims {
        TokenClaims { user: c.sub.into(), session: c.sid.into(), expired }
    }

    #[must_use]
    pub fn session_cookie(&self, token: String) -> Cookie<'static> {
        Cookie::build(SESSION_COOKIE, token)
            .path("/")
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .max_age(CookieDuration::days(30))
            .finish()
    }

    /// Readable by the SPA, which echoes it in `X-CSRF-Token`.
    #[must_use]
    pub fn csrf_cookie(&self, secret: String) -> Cookie<'static> {
        Cookie::build(CSRF_COOKIE, secret)
            .path("/")
            .http_only(false)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .max_age(CookieDuration::days(30))
            .finish()
    }

    /// Cookies that delete both on the browser.
    #[must_use]
    pub fn cleared(&self) -> [Cookie<'static>; 2] {
        let mut session = self.session_cookie(String::new());
        session.make_removal();
        let mut csrf = self.csrf_cookie(String::new());
        csrf.make_removal();
        [session, csrf]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_with_the_same_key_and_flag_expiry() {
        let keys = SessionKeys::new(b"0123456789abcdef0123456789abcdef", false);
        let (user, session) = (UserId::new(), SessionId::new());
        let now = OffsetDateTime::now_utc();
        let token = keys.sign(user, session, now).unwrap_or_default();
        let claims = keys.verify(&token);
        assert_eq!(claims.map(|c| (c.user, c.session, c.expired)), Some((user, session, false)));

        let other = SessionKeys::new(b"another secret another secret!!!", false);
        assert!(other.verify(&token).is_none());

        let old = keys.sign(user, session, now - time::Duration::hours(1)).unwrap_or_default();
        assert_eq!(keys.verify(&old).map(|c| c.expired), Some(true));
        assert!(keys.verify("not.a.token").is_none());
    }
}
