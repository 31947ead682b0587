//! Deterministic, realistic companies, contacts, activities and audit events
//! for `crm-bench seed-contacts`.
//!
//! - companies: `{prefix} {industry word} {suffix}` names (unique), a domain,
//!   industry, size, status; company 0 is [`COMMON_COMPANY`];
//! - contacts: first × last names; ~70 % have an email whose local part ends
//!   in a token unique to the contact (`ada.lovelace.k3f9q2zx…@…`), so
//!   searching the token finds one row (the "rare term"); ~60 % are linked to
//!   a company, and [`COMMON_COMPANY`] alone holds ~4 % of all contacts, so
//!   `q=globex` matches them through the company subquery only;
//! - `created_at` walks forward over the period and ids are UUIDv7 built from
//!   it (id order = creation order = heap order), like the leads seed;
//! - activities of the timeline contact: mixed types, tasks/calls/meetings
//!   with due dates, most past ones completed, the rest overdue;
//! - audit events of the timeline contact (`contact.created`, then updates).

use crm_activities::{Activity, ActivityKind, Links, Priority};
use crm_contacts::{Company, CompanySize, CompanyStatus, Contact, Domain};
use crm_kernel::text::{Phone, Tags};
use crm_kernel::{CompanyId, ContactId, Email, UserId, WorkspaceId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Duration, OffsetDateTime};
use uuid::{NoContext, Timestamp, Uuid};

use crate::data::token;

/// The company holding [`COMMON_SHARE`] of all contacts; `q=globex` is the
/// common-term search (it matches no contact's own name or email).
pub const COMMON_COMPANY: &str = "Globex Corporation";
/// The common search term.
pub const COMMON_TERM: &str = "globex";
/// Share of all contacts linked to [`COMMON_COMPANY`].
const COMMON_SHARE: f64 = 0.04;
/// Share of contacts linked to any company (the common one included).
const LINKED_SHARE: f64 = 0.60;

pub(crate) const FIRST: [&str; 64] = [
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
    "noah",
    "emma",
    "liam",
    "mia",
    "lucas",
    "chloe",
    "hugo",
    "nora",
    "ivan",
    "sara",
    "diego",
    "hana",
    "yusuf",
    "elif",
    "marta",
    "oskar",
];
pub(crate) const LAST: [&str; 64] = [
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
    "nguyen",
    "kim",
    "rossi",
    "muller",
    "dubois",
    "jansen",
    "nilsson",
    "popescu",
    "yilmaz",
    "santos",
    "kowalski",
    "ivanova",
    "fischer",
    "moreau",
    "bakker",
    "costa",
];
const COMPANY_PREFIX: [&str; 80] = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Dijkstra",
    "Perlman",
    "Lamarr",
    "Backus",
    "Knuth",
    "Wirth",
    "Stroustrup",
    "Conway",
    "Pike",
    "Lamport",
    "Kernighan",
    "Tanenbaum",
    "Milner",
    "Kovacs",
    "Novak",
    "Garcia",
    "Silva",
    "Okafor",
    "Tanaka",
    "Patel",
    "Haddad",
    "Schmidt",
    "Horvat",
    "Weber",
    "Nguyen",
    "Rossi",
    "Dubois",
    "Jansen",
    "Nilsson",
    "Popescu",
    "Yilmaz",
    "Santos",
    "Kowalski",
    "Fischer",
    "Moreau",
    "Bakker",
    "Costa",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Wingtip",
    "Litware",
    "Proseware",
    "Adventure",
    "Blue Yonder",
    "Alpine",
    "Coho",
    "Fourth Coffee",
    "Graphic",
    "Humongous",
    "Lucerne",
    "Margie",
    "Trey",
    "Woodgrove",
    "Wide World",
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
    "Aperture",
    "Oscorp",
    "Pied Piper",
    "Massive",
    "Dunder",
    "Sterling",
    "Nakatomi",
];
const COMPANY_WORD: [&str; 30] = [
    "Analytics",
    "Logistics",
    "Foods",
    "Health",
    "Labs",
    "Systems",
    "Media",
    "Capital",
    "Energy",
    "Robotics",
    "Textiles",
    "Motors",
    "Pharma",
    "Software",
    "Consulting",
    "Marine",
    "Aerospace",
    "Retail",
    "Insurance",
    "Telecom",
    "Mining",
    "Farms",
    "Studios",
    "Security",
    "Biotech",
    "Construction",
    "Travel",
    "Education",
    "Finance",
    "Hardware",
];
const COMPANY_SUFFIX: [&str; 12] =
    ["Inc", "LLC", "Ltd", "GmbH", "AG", "SA", "BV", "Group", "Co", "Partners", "Holdings", "Corp"];
const COMPANY_REGION: [&str; 3] = ["", "North ", "Pacific "];
const INDUSTRIES: [&str; 8] =
    ["Software", "Manufacturing", "Retail", "Healthcare", "Finance", "Logistics", "Media", "Energy"];
const DOMAINS: [&str; 6] = ["example.com", "example.org", "mail.example", "inbox.test", "corp.example", "post.test"];
const TAGS: [&str; 6] = ["vip", "newsletter", "partner", "customer", "prospect", "event"];
const JOB_TITLES: [&str; 10] = [
    "CEO",
    "CTO",
    "Head of Sales",
    "Account Manager",
    "Procurement Lead",
    "Engineer",
    "Office Manager",
    "Marketing Director",
    "Operations Manager",
    "Founder",
];
const CITIES: [&str; 6] = ["Lisbon", "Berlin", "Austin", "Osaka", "Lagos", "Toronto"];

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

/// A UUIDv7 carrying `at` (id order = time order).
#[must_use]
pub fn v7_at(at: OffsetDateTime) -> Uuid {
    let secs = u64::try_from(at.unix_timestamp()).unwrap_or(0);
    Uuid::new_v7(Timestamp::from_unix(NoContext, secs, at.nanosecond()))
}

/// Creation times walking forward from `start` in `total` steps to `now`.
struct Clock {
    start: OffsetDateTime,
    step_nanos: i128,
    now: OffsetDateTime,
}

impl Clock {
    fn new(start: OffsetDateTime, now: OffsetDateTime, total: u64) -> Self {
        Self { start, step_nanos: (now - start).whole_nanoseconds() / i128::from(total.max(1)), now }
    }

    fn at<R: Rng>(&self, rng: &mut R, i: u64) -> OffsetDateTime {
        let jitter = if self.step_nanos > 1 { rng.random_range(0..self.step_nanos) } else { 0 };
        (self.start + Duration::nanoseconds_i128(self.step_nanos * i128::from(i) + jitter)).min(self.now)
    }
}

/// The companies of one workspace; `companies[0]` is [`COMMON_COMPANY`].
#[must_use]
pub fn companies(
    seed: u64,
    workspace: WorkspaceId,
    owner: UserId,
    total: u64,
    now: OffsetDateTime,
    period: Duration,
) -> Vec<Company> {
    let mut rng = StdRng::seed_from_u64(seed);
    let clock = Clock::new(now - period - Duration::days(30), now - period, total);
    (0..total)
        .map(|i| {
            let created_at = clock.at(&mut rng, i);
            let (name, domain) = if i == 0 {
                (COMMON_COMPANY.to_owned(), "globex.example".to_owned())
            } else {
                let n = usize::try_from(i).unwrap_or(0);
                let prefix = COMPANY_PREFIX[n % COMPANY_PREFIX.len()];
                let word = COMPANY_WORD[(n / COMPANY_PREFIX.len()) % COMPANY_WORD.len()];
                let suffix = COMPANY_SUFFIX[(n / (COMPANY_PREFIX.len() * COMPANY_WORD.len())) % COMPANY_SUFFIX.len()];
                let region = COMPANY_REGION
                    [(n / (COMPANY_PREFIX.len() * COMPANY_WORD.len() * COMPANY_SUFFIX.len())) % COMPANY_REGION.len()];
                let name = format!("{region}{prefix} {word} {suffix}");
                let slug: String = name.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
                (name, format!("{slug}.example"))
            };
            let size = CompanySize::ALL[rng.random_range(0..CompanySize::ALL.len())];
            let status = match rng.random_range(0..10) {
                0..5 => CompanyStatus::Active,
                5..8 => CompanyStatus::Prospect,
                _ => CompanyStatus::Inactive,
            };
            Company {
                id: v7_at(created_at).into(),
                workspace_id: workspace,
                website: Some(format!("https://{domain}")),
                domain: Some(Domain::from_trusted(domain)),
                name,
                industry: Some(pick(&mut rng, &INDUSTRIES).to_owned()),
                size: Some(size),
                status,
                owner_id: rng.random_bool(0.5).then_some(owner),
                address: rng
                    .random_bool(0.3)
                    .then(|| format!("{} Market Street, {}", i % 900 + 1, CITIES[i as usize % 6])),
                notes: None,
                created_at,
                updated_at: created_at,
            }
        })
        .collect()
}

/// Generates the contacts of one workspace in creation order.
pub struct ContactGenerator {
    rng: StdRng,
    workspace: WorkspaceId,
    owner: UserId,
    companies: Vec<CompanyId>,
    salt: u64,
    clock: Clock,
    index: u64,
    total: u64,
}

impl ContactGenerator {
    /// `total` contacts created between `now - period` and `now`, linked to
    /// `companies` (the first one is the common company).
    #[must_use]
    pub fn new(
        seed: u64,
        workspace: WorkspaceId,
        owner: UserId,
        companies: Vec<CompanyId>,
        total: u64,
        now: OffsetDateTime,
        period: Duration,
    ) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            workspace,
            owner,
            companies,
            salt: (seed << 32) ^ 0xc0_0000_0000_0000,
            clock: Clock::new(now - period, now, total),
            index: 0,
            total: total.max(1),
        }
    }

    fn company<R: Rng>(rng: &mut R, companies: &[CompanyId]) -> Option<CompanyId> {
        let roll: f64 = rng.random();
        if companies.is_empty() || roll >= LINKED_SHARE {
            None
        } else if roll < COMMON_SHARE || companies.len() == 1 {
            Some(companies[0])
        } else {
            Some(companies[rng.random_range(1..companies.len())])
        }
    }

    fn next_contact(&mut self) -> Contact {
        let i = self.index;
        self.index += 1;
        let created_at = self.clock.at(&mut self.rng, i);
        let rng = &mut self.rng;
        let first = pick(rng, &FIRST);
        let last = pick(rng, &LAST);
        let name = format!("{} {}", capitalized(first), capitalized(last));
        let email = rng.random_bool(0.7).then(|| {
            Email::from_trusted(format!("{first}.{last}.{}@{}", token(self.salt | (i << 1)), pick(rng, &DOMAINS)))
        });
        let other_emails = if rng.random_bool(0.05) {
            vec![Email::from_trusted(format!("{first}.{}@personal.test", token(self.salt | (i << 1) | 1)))]
        } else {
            Vec::new()
        };
        let phone = rng
            .random_bool(0.5)
            .then(|| Phone::from_trusted(format!("+1{:010}", rng.random_range(2_000_000_000_u64..9_999_999_999))));
        let job_title = rng.random_bool(0.6).then(|| pick(rng, &JOB_TITLES).to_owned());
        let company_id = Self::company(rng, &self.companies);
        let tags = match rng.random_range(0..10) {
            0..6 => Vec::new(),
            6..9 => vec![pick(rng, &TAGS).to_owned()],
            _ => vec!["vip".to_owned(), pick(rng, &TAGS[1..]).to_owned()],
        };
        let address =
            rng.random_bool(0.2).then(|| format!("{} Harbour Road, {}", rng.random_range(1..500), pick(rng, &CITIES)));
        let notes = rng.random_bool(0.1).then(|| format!("Met {} at a conference.", capitalized(first)));
        let room = (self.clock.now - created_at).whole_seconds().clamp(0, 90 * 86_400);
        let updated_at = created_at + Duration::seconds(if room > 0 { rng.random_range(0..=room) } else { 0 });
        Contact {
            id: v7_at(created_at).into(),
            workspace_id: self.workspace,
            name,
            email,
            other_emails,
            phone,
            job_title,
            company_id,
            owner_id: rng.random_bool(0.5).then_some(self.owner),
            tags: Tags::from_trusted(tags),
            address,
            notes,
            created_at,
            updated_at,
        }
    }

    /// The next `n` contacts (fewer at the end).
    pub fn batch(&mut self, n: usize) -> Vec<Contact> {
        let left = usize::try_from(self.total - self.index).unwrap_or(usize::MAX);
        (0..n.min(left)).map(|_| self.next_contact()).collect()
    }
}

const SUBJECTS: [(ActivityKind, &[&str]); 5] = [
    (ActivityKind::Task, &["Send the contract", "Prepare the quote", "Update the CRM record", "Book the onsite visit"]),
    (ActivityKind::Call, &["Discovery call", "Follow-up call", "Renewal call", "Support escalation call"]),
    (ActivityKind::Meeting, &["Quarterly review", "Product demo", "Kick-off meeting", "Pricing workshop"]),
    (ActivityKind::Email, &["Sent the proposal", "Answered pricing questions", "Shared the case study"]),
    (ActivityKind::Note, &["Prefers calls in the morning", "Budget approved for Q3", "Evaluating two vendors"]),
];

/// `total` activities linked to `contact` (and 30 % also to its company),
/// created between `from` and `now`, ids in time order.
#[must_use]
#[allow(clippy::too_many_arguments)]
pub fn activities_for(
    seed: u64,
    workspace: WorkspaceId,
    owner: UserId,
    contact: ContactId,
    company: Option<CompanyId>,
    total: u64,
    from: OffsetDateTime,
    now: OffsetDateTime,
) -> Vec<Activity> {
    let mut rng = StdRng::seed_from_u64(seed);
    let clock = Clock::new(from, now, total);
    (0..total)
        .map(|i| {
            let created_at = clock.at(&mut rng, i);
            let (kind, subjects) = SUBJECTS[match rng.random_range(0..100) {
                0..15 => 0,
                15..35 => 1,
                35..50 => 2,
                50..75 => 3,
                _ => 4,
            }];
            let scheduled = matches!(kind, ActivityKind::Task | ActivityKind::Call | ActivityKind::Meeting);
            let due_at = scheduled.then(|| created_at + Duration::hours(rng.random_range(2..24 * 14)));
            // Past due: 85 % were completed (around the due date); the rest
            // stay open, i.e. overdue. Future ones are open.
            let completed_at = due_at
                .filter(|due| *due < now && rng.random_bool(0.85))
                .map(|due| (due + Duration::minutes(rng.random_range(-600..600))).max(created_at).min(now));
            let priority = [Priority::Low, Priority::Medium, Priority::Medium, Priority::High][rng.random_range(0..4)];
            Activity {
                id: v7_at(created_at).into(),
                workspace_id: workspace,
                kind,
                subject: pick(&mut rng, subjects).to_owned(),
                body: rng.random_bool(0.5).then(|| "Notes from the conversation: next steps agreed.".to_owned()),
                priority,
                due_at,
                assignee_id: (scheduled && rng.random_bool(0.7)).then_some(owner),
                links: Links {
                    lead: None,
                    contact: Some(contact),
                    company: company.filter(|_| rng.random_bool(0.3)),
                    deal: None,
                },
                completed_by: completed_at.map(|_| owner.as_uuid()),
                completed_at,
                created_by: owner.as_uuid(),
                created_at,
                updated_at: completed_at.unwrap_or(created_at),
            }
        })
        .collect()
}

/// One audit event row (`audit_events` columns after `workspace_id`).
pub struct AuditRow {
    pub id: Uuid,
    pub action: &'static str,
    pub summary: String,
    pub at: OffsetDateTime,
}

/// `total` audit events of one contact: created, then updates, in time order.
#[must_use]
pub fn audit_events_for(seed: u64, total: u64, from: OffsetDateTime, now: OffsetDateTime) -> Vec<AuditRow> {
    const CHANGES: [&str; 6] = ["phone", "job title", "tags", "owner", "company", "email"];
    let mut rng = StdRng::seed_from_u64(seed);
    let clock = Clock::new(from, now, total);
    (0..total)
        .map(|i| {
            let at = if i == 0 { from } else { clock.at(&mut rng, i) };
            let (action, summary) = if i == 0 {
                ("contact.created", "Created the contact".to_owned())
            } else {
                ("contact.updated", format!("Changed: {}", pick(&mut rng, &CHANGES)))
            };
            AuditRow { id: v7_at(at), action, summary, at }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_data_set_has_the_promised_shape() {
        let now = OffsetDateTime::now_utc();
        let period = Duration::days(730);
        let (ws, owner) = (WorkspaceId::new(), UserId::new());
        let companies = companies(3, ws, owner, 2_000, now, period);
        let mut names: Vec<&str> = companies.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), companies.len(), "company names are unique");
        assert_eq!(companies.iter().filter(|c| c.name.to_lowercase().contains(COMMON_TERM)).count(), 1);
        let ids: Vec<CompanyId> = companies.iter().map(|c| c.id).collect();
        let mut g = ContactGenerator::new(5, ws, owner, ids.clone(), 20_000, now, period);
        let contacts = g.batch(50_000);
        assert_eq!(contacts.len(), 20_000);
        let share = |f: &dyn Fn(&Contact) -> bool| contacts.iter().filter(|c| f(c)).count() as f64 / 20_000.0;
        assert!((0.67..0.73).contains(&share(&|c| c.email.is_some())));
        assert!((0.57..0.63).contains(&share(&|c| c.company_id.is_some())));
        assert!((0.03..0.05).contains(&share(&|c| c.company_id == Some(ids[0]))));
        // The common term matches no contact's own name or emails.
        assert!(contacts.iter().all(|c| !c.name.to_lowercase().contains(COMMON_TERM)
            && c.email.as_ref().is_none_or(|e| !e.as_str().contains(COMMON_TERM))));
        let mut emails: Vec<&str> = contacts.iter().filter_map(|c| c.email.as_ref().map(Email::as_str)).collect();
        let n = emails.len();
        emails.sort_unstable();
        emails.dedup();
        assert_eq!(emails.len(), n, "emails are unique");
        for pair in contacts.windows(2) {
            assert!(pair[0].created_at <= pair[1].created_at && pair[1].updated_at >= pair[1].created_at);
        }
        for c in contacts.iter().take(500) {
            if let Some(e) = &c.email {
                assert!(Email::parse("email", e.as_str()).is_ok(), "{}", e.as_str());
            }
            if let Some(p) = &c.phone {
                assert!(Phone::parse(p.as_str()).is_ok());
            }
        }
    }

    #[test]
    fn the_timeline_has_completed_overdue_and_open_activities() {
        let now = OffsetDateTime::now_utc();
        let from = now - Duration::days(365);
        let contact = ContactId::new();
        let all = activities_for(9, WorkspaceId::new(), UserId::new(), contact, None, 10_000, from, now);
        assert_eq!(all.len(), 10_000);
        assert!(all.iter().all(|a| a.links.contact == Some(contact)));
        assert!(all.windows(2).all(|p| p[0].created_at <= p[1].created_at));
        let overdue = all.iter().filter(|a| a.is_overdue(now)).count();
        let completed = all.iter().filter(|a| a.completed_at.is_some()).count();
        assert!(overdue > 300 && completed > 3_000, "overdue {overdue}, completed {completed}");
        assert!(all.iter().any(|a| a.due_at.is_some_and(|d| d > now) && a.completed_at.is_none()));
        for kind in ActivityKind::ALL {
            assert!(all.iter().any(|a| a.kind == *kind));
        }
        let events = audit_events_for(1, 200, from, now);
        assert_eq!(events[0].action, "contact.created");
        assert!(events.windows(2).all(|p| p[0].id < p[1].id || p[0].at == p[1].at));
    }
}
