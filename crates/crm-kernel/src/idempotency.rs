//! The idempotency port: a durable record per (credential scope, key) so a
//! retried creating request replays its first response instead of creating
//! twice. The HTTP layer decides what to claim and replay; the adapter makes
//! the claim atomic.

use time::OffsetDateTime;

use crate::StoreError;

/// A response worth replaying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// The outcome of claiming a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdempotencyClaim {
    /// First use (or the previous claim expired or was abandoned): run the
    /// request, then `complete` or `release`.
    Claimed,
    /// Done before with the same request: answer with this.
    Replay(StoredResponse),
    /// Another request with this key is still running.
    InFlight,
    /// The key was used with a different request.
    Mismatch,
}

#[async_trait::async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Claims `key` for `fingerprint`, atomically.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn claim(
        &self,
        scope: &str,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
    ) -> Result<IdempotencyClaim, StoreError>;

    /// Stores the response of a claimed key.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn complete(
        &self,
        scope: &str,
        key: &str,
        response: &StoredResponse,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Forgets a claimed key whose request failed, so the client can retry.
    ///
    /// # Errors
    /// `StoreError` on storage failure.
    async fn release(&self, scope: &str, key: &str) -> Result<(), StoreError>;
}
