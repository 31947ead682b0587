//! Sign-in attempts are limited per client IP + email (governor, in process
//! memory: see docs/decisions.md for the multi-node caveat).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::http::header::{HeaderName, RETRY_AFTER};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::{ApiError, Code};

type Limiter = DefaultKeyedRateLimiter<(IpAddr, String), StateInformationMiddleware>;

/// `attempts` per `window`, refilled evenly.
pub struct SignInLimiter {
    limiter: Limiter,
    attempts: u32,
    window: Duration,
}

impl SignInLimiter {
    #[must_use]
    pub fn new(attempts: NonZeroU32, window: Duration) -> Self {
        let period = window / attempts.get();
        let quota = Quota::with_period(period).unwrap_or_else(|| Quota::per_second(attempts)).allow_burst(attempts);
        Self {
            limiter: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            attempts: attempts.get(),
            window,
        }
    }

    fn policy(&self) -> String {
        format!("\"sign-in\";q={};w={}", self.attempts, self.window.as_secs())
    }

    /// Counts one attempt; returns the rate-limit headers for the response,
    /// or a 429 problem carrying them and `Retry-After`.
    ///
    /// # Errors
    /// `rate_limited` when the key has no attempts left.
    pub fn check(&self, ip: IpAddr, email: &str) -> Result<Vec<(HeaderName, String)>, ApiError> {
        let key = (ip, email.trim().to_lowercase());
        match self.limiter.check_key(&key) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let reset = snapshot.quota().replenish_interval().as_secs() * u64::from(self.attempts - remaining);
                Ok(vec![
                    (HeaderName::from_static("ratelimit-policy"), self.policy()),
                    (HeaderName::from_static("ratelimit"), format!("\"sign-in\";r={remaining};t={reset}")),
                ])
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now()).as_secs().max(1);
                Err(ApiError::new(
                    Code::AuthRateLimited,
                    format!("too many sign-in attempts; try again in {wait} seconds"),
                )
                .with_header(RETRY_AFTER, wait.to_string())
                .with_header(HeaderName::from_static("ratelimit-policy"), self.policy())
                .with_header(HeaderName::from_static("ratelimit"), format!("\"sign-in\";r=0;t={wait}")))
            }
        }
    }
}
