//! The in-process daily digest scheduler of `crm serve`: sleeps until the
//! next 06:00 UTC by the app's clock, then sends that date's digests.
//! Several nodes may run it at once: delivery is claimed per member and
//! date, so each digest is sent at most once (see `crm_notifications::digest`).

use std::sync::Arc;
use std::time::Duration;

use crm_kernel::Clock;
use crm_notifications::DigestService;

/// Longest single sleep: the clock is re-read at least this often, so a
/// moved clock (tests, NTP steps, a suspended host) is noticed.
const MAX_NAP: Duration = Duration::from_secs(60);

/// Runs forever (until the task is aborted).
pub async fn run_daily(digest: Arc<DigestService>, clock: Arc<dyn Clock>) {
    loop {
        let due = DigestService::next_run_after(clock.now());
        tracing::info!(digest.next_run = %due, "digest scheduled");
        loop {
            let left = due - clock.now();
            if left <= time::Duration::ZERO {
                break;
            }
            let left = Duration::try_from(left).unwrap_or(MAX_NAP);
            tokio::time::sleep(left.min(MAX_NAP)).await;
        }
        if let Err(e) = digest.run(due.date()).await {
            tracing::error!(error = %e, digest.date = %due.date(), "digest run failed");
        }
    }
}
