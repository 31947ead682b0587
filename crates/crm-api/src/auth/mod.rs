//! Authentication at the HTTP edge: browser sessions (cookie + CSRF) and
//! bearer API tokens. The extractors here are the only code that builds a
//! [`crm_kernel::Scope`]; authorisation (roles, scopes) is the domain's.

mod extract;
mod rate_limit;
mod session_token;

pub use extract::{ApiCaller, Member, SessionAuth, require_token_scope};
pub use rate_limit::SignInLimiter;
pub use session_token::{CSRF_COOKIE, CSRF_HEADER, RenewedSession, SESSION_COOKIE, SessionKeys};
