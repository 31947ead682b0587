//! The leads adapter on SQLite and PostgreSQL: the hand-built list query
//! (filters, stale detection, search, every keyset order) must agree with
//! the in-memory fake, which is the executable specification.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_kernel::{Email, Limit, Scope, WorkspaceId};
use crm_leads::fakes::InMemoryLeads;
use crm_leads::ports::LeadStore;
use crm_leads::query::LeadQuery;
use crm_leads::{Lead, LeadFilter, LeadName, LeadSort, LeadStatus, SourceSlug, Tags};
use crm_store::SeaLeadStore;
use crm_testkit::{Backend, fresh_db, seed};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

crm_testkit::on_both_backends!(
    list_query_matches_the_specification,
    bounded_search_falls_back_past_the_window,
    updates_are_optimistic_and_audited
);

const NOW: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);

async fn setup(backend: Backend) -> (SeaLeadStore, Scope, sea_orm::DatabaseConnection) {
    let db = fresh_db(backend).await.expect("database");
    let ws = seed::bare_workspace(&db.db, NOW).await.expect("workspace");
    (SeaLeadStore::new(db.db.clone()), seed::owner_scope(ws), db.db)
}

fn lead(scope: &Scope, i: u32) -> Lead {
    let statuses = [LeadStatus::New, LeadStatus::Contacted, LeadStatus::Qualified, LeadStatus::Unqualified];
    let names = ["Ada", "bob", "Cleo", "dan", "Eve", "frank", "Gus"];
    let at = NOW - Duration::days(i64::from(i % 10));
    Lead {
        id: crm_kernel::LeadId::new(),
        workspace_id: scope.workspace(),
        name: LeadName::from_trusted(format!("{} {i}", names[(i as usize) % names.len()])),
        email: i.is_multiple_of(3).then(|| Email::from_trusted(format!("lead{i}@acme.test"))),
        phone: None,
        company: i.is_multiple_of(4).then(|| "Globex Corp".to_owned()),
        source: SourceSlug::from_trusted(if i.is_multiple_of(2) { "website" } else { "referral" }.to_owned()),
        status: statuses[(i as usize) % statuses.len()],
        assignee_id: None,
        next_action_date: i.is_multiple_of(5).then(|| date!(2026 - 11 - 20) + Duration::days(i64::from(i % 11))),
        next_action_text: None,
        notes: None,
        tags: Tags::default(),
        created_at: at,
        updated_at: at,
        last_activity_at: at,
        converted_at: None,
        converted_to: None,
    }
}

async fn walk(store: &dyn LeadStore, scope: &Scope, filter: &LeadFilter, sort: LeadSort) -> Vec<String> {
    let mut out = Vec::new();
    let mut after = None;
    let limit = Limit::parse(7).expect("limit");
    loop {
        let q = LeadQuery { filter: filter.clone(), sort, after: after.clone(), limit, now: NOW };
        let mut rows = store.list_leads(scope, &q).await.expect("list");
        let more = rows.len() > 7;
        rows.truncate(7);
        out.extend(rows.iter().map(|l| l.name.as_str().to_owned()));
        match (more, rows.last()) {
            (true, Some(last)) => after = Some(sort.cursor_after(last)),
            _ => return out,
        }
    }
}

async fn list_query_matches_the_specification(backend: Backend) {
    let (store, scope, _) = setup(backend).await;
    let fake = Arc::new(InMemoryLeads::default());
    let audit = crm_kernel::AuditEntry::new(&scope, "lead.created", crm_kernel::LeadId::new(), "x", NOW);
    for i in 0..40 {
        let l = lead(&scope, i);
        store
            .insert_lead(
                &scope,
                &l,
                &crm_kernel::AuditEntry { id: crm_kernel::AuditEventId::new(), ..audit.clone() },
                None,
            )
            .await
            .expect("insert");
        fake.insert_lead(&scope, &l, &audit, None).await.expect("fake");
    }
    let filters = [
        LeadFilter::default(),
        LeadFilter { q: Some("globex".into()), ..LeadFilter::default() },
        LeadFilter { q: Some("acme.test".into()), status: Some(LeadStatus::New), ..LeadFilter::default() },
        LeadFilter { q: Some("ada".into()), ..LeadFilter::default() },
        LeadFilter { source: Some(SourceSlug::from_trusted("referral".into())), ..LeadFilter::default() },
        LeadFilter { stale: Some(true), ..LeadFilter::default() },
        LeadFilter { stale: Some(false), ..LeadFilter::default() },
        LeadFilter { q: Some("100%_".into()), ..LeadFilter::default() },
    ];
    let sorts =
        ["-createdAt", "createdAt", "name", "-name", "updatedAt", "-updatedAt", "nextActionDate", "-nextActionDate"];
    for filter in &filters {
        for sort in sorts {
            let sort = LeadSort::parse(sort).expect("sort");
            let expected = walk(fake.as_ref(), &scope, filter, sort).await;
            let actual = walk(&store, &scope, filter, sort).await;
            assert_eq!(actual, expected, "{backend:?} {filter:?} {sort:?}");
        }
    }
    let other = Scope::for_test(WorkspaceId::new(), scope.actor().clone());
    assert!(walk(&store, &other, &LeadFilter::default(), LeadSort::default()).await.is_empty());
}

/// With a window smaller than the data, searches go through the window and
/// the trigram fallback (PostgreSQL) and must still agree with the fake.
async fn bounded_search_falls_back_past_the_window(backend: Backend) {
    let (store, scope, _) = setup(backend).await;
    let store = store.with_search_window(6);
    let fake = Arc::new(InMemoryLeads::default());
    let audit = crm_kernel::AuditEntry::new(&scope, "lead.created", crm_kernel::LeadId::new(), "x", NOW);
    for i in 0..40 {
        let l = lead(&scope, i);
        store
            .insert_lead(
                &scope,
                &l,
                &crm_kernel::AuditEntry { id: crm_kernel::AuditEventId::new(), ..audit.clone() },
                None,
            )
            .await
            .expect("insert");
        fake.insert_lead(&scope, &l, &audit, None).await.expect("fake");
    }
    for term in ["globex", "ada", "lead3", "acme.test", "nothing-matches"] {
        let filter = LeadFilter { q: Some(term.into()), ..LeadFilter::default() };
        let sort = LeadSort::default();
        assert_eq!(
            walk(&store, &scope, &filter, sort).await,
            walk(fake.as_ref(), &scope, &filter, sort).await,
            "{term}"
        );
    }
}

async fn updates_are_optimistic_and_audited(backend: Backend) {
    let (store, scope, db) = setup(backend).await;
    let original = lead(&scope, 1);
    let audit = crm_kernel::AuditEntry::new(&scope, "lead.created", original.id, "created", NOW);
    store.insert_lead(&scope, &original, &audit, None).await.expect("insert");
    let mut changed = original.clone();
    changed.name = LeadName::from_trusted("Renamed".into());
    changed.updated_at = original.updated_at + Duration::seconds(1);
    let entry = crm_kernel::AuditEntry::new(&scope, "lead.updated", original.id, "name", NOW);
    assert!(store.update_lead(&scope, &changed, original.updated_at, &entry, None).await.expect("update"));
    let stale_write = crm_kernel::AuditEntry { id: crm_kernel::AuditEventId::new(), ..entry.clone() };
    assert!(
        !store.update_lead(&scope, &changed, original.updated_at, &stale_write, None).await.expect("second"),
        "lost update refused"
    );
    let found = store.find_lead(&scope, original.id).await.expect("find").expect("present");
    assert_eq!(found, changed);
    let log = crm_store::SeaAuditLog::new(db);
    let events = crm_kernel::AuditLog::entity_events(&log, &scope, "lead", original.id.as_uuid(), None, Limit::DEFAULT)
        .await
        .expect("events");
    let actions: Vec<_> = events.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["lead.updated", "lead.created"], "newest first; the refused write left no entry");
}
