//! Deterministic, realistic deals for `crm-bench seed-deals`.
//!
//! - open deals spread over the pipeline's open stages with a skew (by
//!   default 40/30/20/10 % from the first stage to the last), plus won and
//!   lost deals (with `closed_at`; lost ones with a free-text reason);
//! - ~70 % are linked to a company and titled after it
//!   (`Initech Cloud Labs — renewal`); [`crate::rel_data::COMMON_COMPANY`]
//!   holds ~4 % of all deals, so `q=globex` is the common-term search; the
//!   others are titled after a person (first × last names of `rel_data`);
//! - ~10 % carry a quote reference unique to the deal (`Q-k3f9q2zx`), the
//!   rare-term search (one match);
//! - amounts with cents (log-uniform, 500.00 to 250,000.00), ~25 % of open
//!   deals override their stage's probability;
//! - owners among the workspace's members with a skew, ~3 % unassigned;
//! - `created_at` walks forward over the period and ids are UUIDv7 built from
//!   it (id order = creation order = heap order); an open deal's
//!   `updated_at` falls in the last 60 days (skewed to recent), so about half
//!   the open deals are stale; a closed deal closed (and was last updated)
//!   anywhere between its creation and now, so a period such as the current
//!   quarter holds only part of the won and lost deals.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::data::{NEXT_ACTIONS, token};
use crate::rel_data::{FIRST, LAST, v7_at};

/// Share of deals linked to a company (titled after it).
const LINKED_SHARE: f64 = 0.70;
/// Share of all deals linked to the common company (`companies[0]`).
const COMMON_SHARE: f64 = 0.04;
/// Share of deals with a unique quote reference in the title.
const REFERENCE_SHARE: f64 = 0.10;
/// Share of open deals overriding their stage's probability.
const OVERRIDE_SHARE: f64 = 0.25;
/// `updated_at` falls in this many days before now.
const UPDATED_DAYS: i64 = 60;

const KINDS: [&str; 12] = [
    "renewal",
    "expansion",
    "new licences",
    "pilot",
    "support contract",
    "onboarding package",
    "upgrade",
    "multi-year agreement",
    "consulting days",
    "hardware refresh",
    "training",
    "add-on seats",
];
const LOST_REASONS: [&str; 6] = [
    "Went with a competitor",
    "No budget this year",
    "Project cancelled",
    "Price too high",
    "No decision maker reached",
    "Timing: revisit next quarter",
];

/// One `deals` row.
#[derive(Clone, Debug)]
pub struct DealRow {
    pub id: Uuid,
    pub stage_id: Uuid,
    pub status: &'static str,
    pub title: String,
    pub amount_minor: i64,
    pub probability: Option<i32>,
    pub expected_close_date: Option<Date>,
    pub next_action_text: Option<String>,
    pub next_action_date: Option<Date>,
    pub owner_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub lost_reason_text: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

impl DealRow {
    /// What `Deal::search_text` stores: the lower-cased title.
    #[must_use]
    pub fn search_text(&self) -> String {
        self.title.to_lowercase()
    }
}

/// What to generate for one workspace.
#[derive(Clone, Debug)]
pub struct DealPlan {
    /// Open stages in board order, with their weights (any scale).
    pub open: Vec<(Uuid, u32)>,
    pub won: Uuid,
    pub lost: Uuid,
    pub open_deals: u64,
    pub won_deals: u64,
    pub lost_deals: u64,
    /// Members with their weights; `None` entries are unassigned deals.
    pub owners: Vec<(Option<Uuid>, u32)>,
    /// Companies to link (the first is the common company) and their names.
    pub companies: Vec<(Uuid, String)>,
    /// Creation times spread over this many days before now.
    pub days: i64,
}

fn weighted<T: Copy, R: Rng>(rng: &mut R, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if roll < *w {
            return *item;
        }
        roll -= w;
    }
    items[items.len() - 1].0
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

/// When a closed deal closed: `u` of the way from its creation to now, so
/// closings spread over the whole seeded period (about half of them in the
/// last ~65 days, the rest before), and the board's `closedSince` period
/// keeps only part of the won and lost deals. `u` is the draw that places
/// an open deal's `updated_at`, so the open deals are the same as before.
fn closed_at(created_at: OffsetDateTime, now: OffsetDateTime, u: f64) -> OffsetDateTime {
    (created_at + (now - created_at) * u).min(now)
}

/// All deals of one workspace, in id (creation) order.
///
/// # Panics
/// If the plan has no open stage.
#[must_use]
pub fn deals(seed: u64, plan: &DealPlan, now: OffsetDateTime) -> Vec<DealRow> {
    assert!(!plan.open.is_empty(), "a pipeline has at least one open stage");
    let mut rng = StdRng::seed_from_u64(seed);
    let total = plan.open_deals + plan.won_deals + plan.lost_deals;
    let mut statuses: Vec<&'static str> = std::iter::repeat_n("open", usize::try_from(plan.open_deals).unwrap_or(0))
        .chain(std::iter::repeat_n("won", usize::try_from(plan.won_deals).unwrap_or(0)))
        .chain(std::iter::repeat_n("lost", usize::try_from(plan.lost_deals).unwrap_or(0)))
        .collect();
    statuses.shuffle(&mut rng);
    let start = now - Duration::days(plan.days);
    let step_nanos = (now - start).whole_nanoseconds() / i128::from(total.max(1));
    let salt = seed << 40;
    let today = now.date();
    statuses
        .into_iter()
        .enumerate()
        .map(|(i, status)| {
            let i = i as u64;
            let jitter = if step_nanos > 1 { rng.random_range(0..step_nanos) } else { 0 };
            let created_at = (start + Duration::nanoseconds_i128(step_nanos * i128::from(i) + jitter)).min(now);
            // Skewed to recent: age = 60 days × u².
            let u: f64 = rng.random();
            let age = Duration::seconds_f64(u * u * (UPDATED_DAYS * 86_400) as f64);
            let mut updated_at = (now - age).max(created_at);
            let roll: f64 = rng.random();
            let company = if plan.companies.is_empty() || roll >= LINKED_SHARE {
                None
            } else if roll < COMMON_SHARE || plan.companies.len() == 1 {
                Some(&plan.companies[0])
            } else {
                Some(&plan.companies[rng.random_range(1..plan.companies.len())])
            };
            let kind = KINDS[rng.random_range(0..KINDS.len())];
            let mut title = match company {
                Some((_, name)) => format!("{name} — {kind}"),
                None => {
                    let first = FIRST[rng.random_range(0..FIRST.len())];
                    let last = LAST[rng.random_range(0..LAST.len())];
                    format!("{} {} — {kind}", capitalized(first), capitalized(last))
                }
            };
            if rng.random_bool(REFERENCE_SHARE) {
                title.push_str(&format!(" (Q-{})", &token(salt | i)[..10]));
            }
            // Log-uniform 500.00 … 250,000.00, with cents.
            let exponent = rng.random_range(5.0_f64.ln()..2500.0_f64.ln());
            let amount_minor = (exponent.exp() * 10_000.0) as i64 + rng.random_range(0..100);
            let owner_id = weighted(&mut rng, &plan.owners);
            let (stage_id, probability, closed_at, lost_reason_text) = match status {
                "open" => {
                    let stage = weighted(&mut rng, &plan.open);
                    let p = rng.random_bool(OVERRIDE_SHARE).then(|| rng.random_range(1..20) * 5);
                    (stage, p, None, None)
                }
                "won" => (plan.won, None, Some(closed_at(created_at, now, u)), None),
                _ => (
                    plan.lost,
                    None,
                    Some(closed_at(created_at, now, u)),
                    Some(LOST_REASONS[rng.random_range(0..LOST_REASONS.len())].to_owned()),
                ),
            };
            // Closing is a closed deal's last change.
            if let Some(closed) = closed_at {
                updated_at = closed;
            }
            let open = status == "open";
            let expected_close_date =
                (open && rng.random_bool(0.7)).then(|| today + Duration::days(rng.random_range(-10..120)));
            let next = (open && rng.random_bool(0.5)).then(|| {
                (
                    NEXT_ACTIONS[rng.random_range(0..NEXT_ACTIONS.len())].to_owned(),
                    today + Duration::days(rng.random_range(-7..30)),
                )
            });
            let (next_action_text, next_action_date) = next.unzip();
            DealRow {
                id: v7_at(created_at),
                stage_id,
                status,
                title,
                amount_minor,
                probability,
                expected_close_date,
                next_action_text,
                next_action_date,
                owner_id,
                company_id: company.map(|(id, _)| *id),
                lost_reason_text,
                created_at,
                updated_at,
                closed_at,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> DealPlan {
        let ids: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
        DealPlan {
            open: vec![(ids[0], 40), (ids[1], 30), (ids[2], 20), (ids[3], 10)],
            won: ids[4],
            lost: ids[5],
            open_deals: 4_000,
            won_deals: 400,
            lost_deals: 400,
            owners: vec![(Some(Uuid::now_v7()), 60), (Some(Uuid::now_v7()), 37), (None, 3)],
            companies: vec![(Uuid::now_v7(), "Globex Corporation".into()), (Uuid::now_v7(), "Initech".into())],
            days: 365,
        }
    }

    #[test]
    fn counts_order_and_skew() {
        let plan = plan();
        let now = OffsetDateTime::now_utc();
        let rows = deals(7, &plan, now);
        assert_eq!(rows.len(), 4_800);
        assert!(rows.windows(2).all(|w| w[0].id < w[1].id), "ids in creation order");
        let count = |f: &dyn Fn(&DealRow) -> bool| rows.iter().filter(|r| f(r)).count();
        assert_eq!(count(&|r| r.status == "open"), 4_000);
        assert_eq!(count(&|r| r.status == "won" && r.stage_id == plan.won && r.closed_at.is_some()), 400);
        assert_eq!(count(&|r| r.status == "lost" && r.lost_reason_text.is_some()), 400);
        let first = count(&|r| r.stage_id == plan.open[0].0);
        let last = count(&|r| r.stage_id == plan.open[3].0);
        assert!(first > 3 * last, "skewed towards the first stage: {first} vs {last}");
        assert!(rows.iter().all(|r| r.updated_at >= r.created_at && r.updated_at <= now));
        let stale = count(&|r| r.status == "open" && r.updated_at < now - Duration::days(14));
        assert!((1_000..3_000).contains(&stale), "about half the open deals are stale: {stale}");
        assert!(rows.iter().filter_map(|r| r.closed_at).all(|c| c <= now));
        assert!(rows.iter().all(|r| r.closed_at.is_none_or(|c| c >= r.created_at && c == r.updated_at)));
        let recent = count(&|r| r.closed_at.is_some_and(|c| c >= now - Duration::days(65)));
        assert!((200..600).contains(&recent), "about half the closings in the last 65 days: {recent} of 800");
        let common = count(&|r| r.search_text().contains("globex"));
        assert!((80..300).contains(&common), "~4 % with the common term: {common}");
    }

    #[test]
    fn deterministic() {
        let plan = plan();
        let now = OffsetDateTime::now_utc();
        let (a, b) = (deals(3, &plan, now), deals(3, &plan, now));
        assert!(a.iter().zip(&b).all(|(x, y)| x.title == y.title && x.amount_minor == y.amount_minor));
    }
}
