//! The daily digest: who gets what, and at-most-once delivery.
//!
//! For each workspace and each active member: their overdue activities,
//! stale leads and stale deals, filtered by the workspace's preferences.
//! Nothing to report → no email (and no delivery row). Otherwise the run
//! claims the unique (workspace, member, date) delivery row in its own
//! committed transaction *before* sending; a run that finds the row taken
//! skips the member. A send that fails after the claim is recorded on the
//! row and not retried automatically: the guarantee is at most once.

use std::sync::Arc;

use crm_kernel::{Clock, Mailer, Scope, StoreError};
use time::{Duration, OffsetDateTime};

use crate::email::render_digest;
use crate::model::{DigestCandidates, DigestContent, DigestDate, DigestPreferences, DigestWorkspace, Recipient};
use crate::ports::{Claim, DigestStore};

/// How many items of each kind one email lists at most.
pub const ITEMS_PER_SECTION: u64 = 20;

/// Overdue: not completed and due before `now`.
#[must_use]
pub fn activity_is_overdue(due_at: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    due_at.is_some_and(|due| due < now)
}

/// The lead rule of `crm_leads::score::is_stale` for an open lead: its next
/// action date has passed, or nobody updated it for 7 days.
#[must_use]
pub fn lead_is_stale(lead: &crate::model::OpenLead, now: OffsetDateTime) -> bool {
    lead.next_action_date.is_some_and(|d| d < now.date())
        || now - lead.updated_at >= Duration::days(crm_leads::score::STALE_AFTER_DAYS)
}

/// An open deal nobody updated for 14 days.
#[must_use]
pub fn deal_is_stale(updated_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    updated_at < now - Duration::days(crm_deals::values::STALE_AFTER_DAYS)
}

/// What one member's digest says, given the workspace's preferences: empty
/// when there is nothing to report (then no email is sent).
#[must_use]
pub fn plan(candidates: DigestCandidates, prefs: DigestPreferences, now: OffsetDateTime) -> DigestContent {
    let cap = usize::try_from(ITEMS_PER_SECTION).unwrap_or(usize::MAX);
    let mut content = DigestContent::default();
    if prefs.overdue_activities {
        content.overdue_activities =
            candidates.activities.into_iter().filter(|a| activity_is_overdue(a.due_at, now)).take(cap).collect();
    }
    if prefs.stale_leads {
        content.stale_leads = candidates.leads.into_iter().filter(|l| lead_is_stale(l, now)).take(cap).collect();
    }
    if prefs.stale_deals {
        content.stale_deals =
            candidates.deals.into_iter().filter(|d| deal_is_stale(d.updated_at, now)).take(cap).collect();
    }
    content
}

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DigestReport {
    /// Emails handed to the mailer.
    pub sent: u32,
    /// Members with nothing to report.
    pub nothing_to_report: u32,
    /// Members whose digest for the date another run already claimed.
    pub already_claimed: u32,
    /// Claimed deliveries whose sending failed (recorded, not retried).
    pub failed: u32,
    /// Members skipped because the store failed while preparing their
    /// digest (logged; a later run for the date may still send it, unless
    /// the failure came after the claim).
    pub errors: u32,
}

pub struct DigestService {
    store: Arc<dyn DigestStore>,
    mailer: Arc<dyn Mailer>,
    clock: Arc<dyn Clock>,
    public_url: String,
}

impl DigestService {
    #[must_use]
    pub fn new(
        store: Arc<dyn DigestStore>,
        mailer: Arc<dyn Mailer>,
        clock: Arc<dyn Clock>,
        public_url: impl Into<String>,
    ) -> Self {
        Self { store, mailer, clock, public_url: public_url.into() }
    }

    /// The next 06:00 UTC strictly after `now`: when the scheduler runs.
    #[must_use]
    pub fn next_run_after(now: OffsetDateTime) -> OffsetDateTime {
        let today = now.date().with_hms(6, 0, 0).map_or(now, time::PrimitiveDateTime::assume_utc);
        if today > now { today } else { today + Duration::days(1) }
    }

    #[must_use]
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Sends the digests of `date` that no run has claimed yet. Safe to run
    /// any number of times, concurrently, on several nodes.
    ///
    /// # Errors
    /// `StoreError` when the workspaces or members cannot be listed. A
    /// failure for one member is logged and counted in
    /// [`DigestReport::errors`]; the run goes on.
    pub async fn run(&self, date: DigestDate) -> Result<DigestReport, StoreError> {
        let mut report = DigestReport::default();
        for workspace in self.store.workspaces_unscoped().await? {
            for recipient in self.store.recipients_unscoped(workspace.id).await? {
                // One member's storage failure does not stop the others' digests.
                if let Err(e) = self.deliver(&workspace, &recipient, date, &mut report).await {
                    tracing::error!(workspace.id = %workspace.id, error = %e, "digest of one member failed");
                    report.errors += 1;
                }
            }
        }
        tracing::info!(
            digest.date = %date,
            digest.sent = report.sent,
            digest.nothing_to_report = report.nothing_to_report,
            digest.already_claimed = report.already_claimed,
            digest.failed = report.failed,
            digest.errors = report.errors,
            "digest run finished"
        );
        Ok(report)
    }

    async fn deliver(
        &self,
        workspace: &DigestWorkspace,
        recipient: &Recipient,
        date: DigestDate,
        report: &mut DigestReport,
    ) -> Result<(), StoreError> {
        // The digest reads as the recipient: only their workspace, only
        // what their role may read.
        let scope = Scope::job_as_member(workspace.id, recipient.user, recipient.role);
        let now = self.clock.now();
        let prefs = self.store.digest_preferences(&scope).await?;
        if !(prefs.overdue_activities || prefs.stale_leads || prefs.stale_deals) {
            report.nothing_to_report += 1;
            return Ok(());
        }
        let content = plan(self.store.candidates(&scope, now, ITEMS_PER_SECTION).await?, prefs, now);
        if content.is_empty() {
            report.nothing_to_report += 1;
            return Ok(());
        }
        let Claim::Claimed(claim) = self.store.claim_delivery(&scope, date, now).await? else {
            report.already_claimed += 1;
            return Ok(());
        };
        let email = render_digest(&self.public_url, workspace, recipient, date, &content);
        let outcome = match self.mailer.send(email).await {
            Ok(()) => {
                report.sent += 1;
                Ok(self.clock.now())
            }
            Err(e) => {
                tracing::warn!(workspace.id = %workspace.id, digest.delivery = %claim, error = %e, "digest send failed");
                report.failed += 1;
                Err(e.to_string())
            }
        };
        self.store.finish_delivery(&scope, claim, outcome).await
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn the_scheduler_runs_at_the_next_six_o_clock_utc() {
        assert_eq!(DigestService::next_run_after(datetime!(2026-11-26 05:59 UTC)), datetime!(2026-11-26 06:00 UTC));
        assert_eq!(DigestService::next_run_after(datetime!(2026-11-26 06:00 UTC)), datetime!(2026-11-27 06:00 UTC));
        assert_eq!(DigestService::next_run_after(datetime!(2026-11-26 23:00 UTC)), datetime!(2026-11-27 06:00 UTC));
    }
}
