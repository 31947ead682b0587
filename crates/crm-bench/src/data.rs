//! Deterministic, realistic lead data.
//!
//! - names from first × last name lists;
//! - ~60 % have an email whose local part ends in a token unique to the
//!   lead (`ada.lovelace.k3f9q2zx@…`), so searching the token finds one row;
//! - ~40 % have a phone;
//! - ~85 % have a company; [`COMMON_COMPANY`] is on ~4 % of all rows (the
//!   "common term"), the rest are spread over ~150 other names;
//! - statuses new/contacted/qualified/unqualified, the 8 built-in sources;
//! - qualified (and some contacted) leads have a next action date;
//! - `created_at` walks forward over the period, ids are UUIDv7 built from
//!   it (id order = creation order), `updated_at`/`last_activity_at` follow.

use crm_kernel::{Email, UserId, WorkspaceId};
use crm_leads::{BUILT_IN_SOURCES, Lead, LeadName, LeadStatus, Phone, SourceSlug, Tags};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Duration, OffsetDateTime};
use uuid::{NoContext, Timestamp, Uuid};

/// The company on 3–5 % of rows; `q=globex` is the common-term search.
pub const COMMON_COMPANY: &str = "Globex";
/// Share of rows whose company is [`COMMON_COMPANY`].
const COMMON_SHARE: f64 = 0.04;

const FIRST: [&str; 48] = [
    "ada",
    "alan",
    "grace",
    "linus",
    "margaret",
    "dennis",
    "barbara",
    "ken",
    "frances",
    "edsger",
    "radia",
    "tim",
    "hedy",
    "john",
    "katherine",
    "donald",
    "sophie",
    "niklaus",
    "anita",
    "bjarne",
    "joan",
    "james",
    "lynn",
    "guido",
    "carol",
    "yukihiro",
    "mary",
    "rob",
    "shafi",
    "leslie",
    "adele",
    "brian",
    "susan",
    "andrew",
    "jean",
    "robin",
    "olga",
    "pavel",
    "ines",
    "mateo",
    "amara",
    "kenji",
    "priya",
    "omar",
    "lena",
    "tomas",
    "zara",
    "felix",
];
const LAST: [&str; 48] = [
    "lovelace",
    "turing",
    "hopper",
    "torvalds",
    "hamilton",
    "ritchie",
    "liskov",
    "thompson",
    "allen",
    "dijkstra",
    "perlman",
    "lee",
    "lamarr",
    "backus",
    "johnson",
    "knuth",
    "wilson",
    "wirth",
    "borg",
    "stroustrup",
    "clarke",
    "gosling",
    "conway",
    "rossum",
    "shaw",
    "matsumoto",
    "keller",
    "pike",
    "goldwasser",
    "lamport",
    "goldberg",
    "kernighan",
    "kare",
    "tanenbaum",
    "sammet",
    "milner",
    "kovacs",
    "novak",
    "garcia",
    "silva",
    "okafor",
    "tanaka",
    "patel",
    "haddad",
    "schmidt",
    "horvat",
    "ahmed",
    "weber",
];
const COMPANY_A: [&str; 15] = [
    "Acme",
    "Initech",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Massive",
    "Aperture",
    "Oscorp",
    "Pied",
];
const COMPANY_B: [&str; 10] =
    ["Industries", "Labs", "Systems", "Foods", "Logistics", "Partners", "Capital", "Media", "Health", "Works"];
const DOMAINS: [&str; 6] = ["example.com", "example.org", "mail.example", "inbox.test", "corp.example", "post.test"];
const TAGS: [&str; 6] = ["vip", "q4", "enterprise", "smb", "renewal", "trial"];
pub(crate) const NEXT_ACTIONS: [&str; 4] = ["Call back", "Send proposal", "Book a demo", "Follow up by email"];

/// Generates the leads of one workspace in creation order.
pub struct LeadGenerator {
    rng: StdRng,
    workspace: WorkspaceId,
    owner: UserId,
    /// Distinguishes workspaces in the unique email tokens.
    salt: u64,
    start: OffsetDateTime,
    step_nanos: i128,
    now: OffsetDateTime,
    index: u64,
    total: u64,
}

/// A bijective mix of `n` (splitmix64 finaliser): distinct inputs give
/// distinct outputs, so tokens derived from it never repeat.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// 13 base-32 characters (65 bits ≥ 64): unique per `n`, letters and digits.
#[must_use]
pub fn token(n: u64) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
    let mut v = mix(n);
    let mut out = String::with_capacity(13);
    for _ in 0..13 {
        out.push(char::from(ALPHABET[usize::try_from(v & 31).unwrap_or(0)]));
        v >>= 5;
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

impl LeadGenerator {
    /// `total` leads created between `now - period` and `now`.
    #[must_use]
    pub fn new(
        seed: u64,
        workspace: WorkspaceId,
        owner: UserId,
        total: u64,
        now: OffsetDateTime,
        period: Duration,
    ) -> Self {
        let total = total.max(1);
        Self {
            rng: StdRng::seed_from_u64(seed),
            workspace,
            owner,
            salt: seed << 32,
            start: now - period,
            step_nanos: period.whole_nanoseconds() / i128::from(total),
            now,
            index: 0,
            total,
        }
    }

    fn company(&mut self) -> Option<String> {
        let roll: f64 = self.rng.random();
        if roll < COMMON_SHARE {
            Some(COMMON_COMPANY.to_owned())
        } else if roll < 0.85 {
            Some(format!("{} {}", pick(&mut self.rng, &COMPANY_A), pick(&mut self.rng, &COMPANY_B)))
        } else {
            None
        }
    }

    fn next_lead(&mut self) -> Lead {
        let rng = &mut self.rng;
        let i = self.index;
        self.index += 1;
        // Creation times walk forward with jitter inside each step.
        let jitter = if self.step_nanos > 1 { rng.random_range(0..self.step_nanos) } else { 0 };
        let created_at = self.start + Duration::nanoseconds_i128(self.step_nanos * i128::from(i) + jitter);
        let created_at = created_at.min(self.now);
        let secs = u64::try_from(created_at.unix_timestamp()).unwrap_or(0);
        let id = Uuid::new_v7(Timestamp::from_unix(NoContext, secs, created_at.nanosecond()));

        let first = pick(rng, &FIRST);
        let last = pick(rng, &LAST);
        let name = format!("{} {}", capitalized(first), capitalized(last));
        let email = rng
            .random_bool(0.6)
            .then(|| Email::from_trusted(format!("{first}.{last}.{}@{}", token(self.salt | i), pick(rng, &DOMAINS))));
        let phone = rng
            .random_bool(0.4)
            .then(|| Phone::from_trusted(format!("+1{:010}", rng.random_range(2_000_000_000_u64..9_999_999_999))));
        let status = match rng.random_range(0..100) {
            0..40 => LeadStatus::New,
            40..70 => LeadStatus::Contacted,
            70..85 => LeadStatus::Qualified,
            _ => LeadStatus::Unqualified,
        };
        let source = SourceSlug::from_trusted(pick(rng, &BUILT_IN_SOURCES).to_owned());
        let assignee_id = rng.random_bool(0.5).then_some(self.owner);
        let has_next = status == LeadStatus::Qualified || (status == LeadStatus::Contacted && rng.random_bool(0.3));
        let next_action_date = has_next.then(|| (created_at + Duration::days(rng.random_range(1..45))).date());
        let next_action_text = (has_next && rng.random_bool(0.7)).then(|| pick(rng, &NEXT_ACTIONS).to_owned());
        let notes = rng.random_bool(0.2).then(|| {
            format!("Met {first} at a meetup; interested in the {} plan.", pick(rng, &["starter", "team", "business"]))
        });
        let tags = match rng.random_range(0..10) {
            0..7 => Vec::new(),
            7..9 => vec![pick(rng, &TAGS).to_owned()],
            _ => vec!["vip".to_owned(), pick(rng, &TAGS[1..]).to_owned()],
        };
        // Worked at some point between creation and now (up to 60 days later).
        let room = (self.now - created_at).whole_seconds().clamp(0, 60 * 86_400);
        let updated_at = created_at + Duration::seconds(if room > 0 { rng.random_range(0..=room) } else { 0 });
        let last_activity_at = updated_at;
        let company = self.company();
        Lead {
            id: id.into(),
            workspace_id: self.workspace,
            name: LeadName::from_trusted(name),
            email,
            phone,
            company,
            source,
            status,
            assignee_id,
            next_action_date,
            next_action_text,
            notes,
            tags: Tags::from_trusted(tags),
            created_at,
            updated_at,
            last_activity_at,
            converted_at: None,
            converted_to: None,
        }
    }

    /// The next `n` leads (fewer at the end).
    pub fn batch(&mut self, n: usize) -> Vec<Lead> {
        let left = usize::try_from(self.total - self.index).unwrap_or(usize::MAX);
        (0..n.min(left)).map(|_| self.next_lead()).collect()
    }

    #[must_use]
    pub fn remaining(&self) -> u64 {
        self.total - self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: u64) -> Vec<Lead> {
        let now = OffsetDateTime::now_utc();
        let mut g = LeadGenerator::new(7, WorkspaceId::new(), UserId::new(), n, now, Duration::days(730));
        let mut all = Vec::new();
        while g.remaining() > 0 {
            all.extend(g.batch(1_000));
        }
        all
    }

    #[test]
    fn the_data_set_has_the_promised_shape() {
        let leads = sample(20_000);
        assert_eq!(leads.len(), 20_000);
        let share = |f: &dyn Fn(&Lead) -> bool| leads.iter().filter(|l| f(l)).count() as f64 / leads.len() as f64;
        let common = share(&|l| l.search_text().contains("globex"));
        assert!((0.03..0.05).contains(&common), "common term share {common}");
        assert!((0.55..0.65).contains(&share(&|l| l.email.is_some())));
        assert!((0.35..0.45).contains(&share(&|l| l.phone.is_some())));
        // Ids follow creation time, and later timestamps never precede it.
        for pair in leads.windows(2) {
            assert!(pair[0].created_at <= pair[1].created_at);
            assert!(
                pair[0].id < pair[1].id
                    || pair[0].created_at.unix_timestamp_nanos() / 1_000_000
                        == pair[1].created_at.unix_timestamp_nanos() / 1_000_000
            );
        }
        for l in &leads {
            assert!(l.updated_at >= l.created_at && l.last_activity_at >= l.created_at);
            assert_eq!(
                l.status == LeadStatus::Qualified,
                l.status == LeadStatus::Qualified && l.next_action_date.is_some()
            );
            assert!(Phone::parse(l.phone.as_ref().map_or("+15550001111", Phone::as_str)).is_ok());
            if let Some(e) = &l.email {
                assert!(Email::parse("email", e.as_str()).is_ok(), "{}", e.as_str());
            }
        }
    }

    #[test]
    fn an_email_token_matches_exactly_one_lead() {
        let leads = sample(5_000);
        let emails: Vec<&str> = leads.iter().filter_map(|l| l.email.as_ref().map(Email::as_str)).collect();
        for email in emails.iter().step_by(97) {
            let Some(token) = email.split('@').next().and_then(|local| local.rsplit('.').next()) else {
                panic!("token in {email}");
            };
            assert_eq!(leads.iter().filter(|l| l.search_text().contains(token)).count(), 1, "{token}");
        }
    }
}
