//! Contacts, companies and activities adapters on SQLite and PostgreSQL.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_activities::{Activity, ActivityFilter, ActivityKind, ActivityQuery, ActivityStore, Links, Priority};
use crm_contacts::{Company, CompanyStatus, Contact, ContactFilter, ContactStore, ContactWrite, ListQuery};
use crm_kernel::text::Tags;
use crm_kernel::{AuditEntry, Email, Limit, ListSort, Notification, Scope, UserId};
use crm_store::{SeaActivityStore, SeaContactStore};
use crm_testkit::{Backend, fresh_db, now, seed};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

crm_testkit::on_both_backends!(
    contact_emails_are_claimed_once_under_concurrency,
    a_contact_cannot_point_at_another_workspaces_company,
    contacts_are_searched_by_company_and_tag_and_walked_by_name,
    bounded_contact_search_finds_the_same_rows_past_the_window,
    activity_writes_carry_their_notification_and_overdue_is_sql,
);

async fn workspace(db: &sea_orm::DatabaseConnection) -> Scope {
    seed::owner_scope(seed::bare_workspace(db, now()).await.expect("workspace"))
}

fn audit(scope: &Scope) -> AuditEntry {
    AuditEntry::new(scope, "test", crm_kernel::ContactId::new(), "t", now())
}

fn company(scope: &Scope, name: &str) -> Company {
    Company {
        id: crm_kernel::CompanyId::new(),
        workspace_id: scope.workspace(),
        name: name.into(),
        domain: None,
        website: None,
        industry: None,
        size: None,
        status: CompanyStatus::Prospect,
        owner_id: None,
        address: None,
        notes: None,
        created_at: now(),
        updated_at: now(),
    }
}

fn contact(
    scope: &Scope,
    name: &str,
    email: Option<&str>,
    company: Option<crm_kernel::CompanyId>,
    tags: &[&str],
) -> Contact {
    Contact {
        id: crm_kernel::ContactId::new(),
        workspace_id: scope.workspace(),
        name: name.into(),
        email: email.map(|e| Email::from_trusted(e.into())),
        other_emails: Vec::new(),
        phone: None,
        job_title: None,
        company_id: company,
        owner_id: None,
        tags: Tags::from_trusted(tags.iter().map(|t| (*t).to_owned()).collect()),
        address: None,
        notes: None,
        created_at: now(),
        updated_at: now(),
    }
}

async fn contact_emails_are_claimed_once_under_concurrency(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let scope = workspace(&db.db).await;
    let store = Arc::new(SeaContactStore::new(db.db.clone()));
    let attempts = (0..6).map(|i| {
        let (store, scope) = (store.clone(), scope.clone());
        tokio::spawn(async move {
            let c = contact(&scope, &format!("Twin {i}"), Some("same@acme.test"), None, &[]);
            store.insert_contact(&scope, &c, &audit(&scope)).await
        })
    });
    let outcomes: Vec<ContactWrite> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.expect("join").expect("no storage error"))
        .collect();
    assert_eq!(outcomes.iter().filter(|o| **o == ContactWrite::Done).count(), 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| matches!(o, ContactWrite::Done | ContactWrite::EmailTaken(_))), "{outcomes:?}");
}

async fn a_contact_cannot_point_at_another_workspaces_company(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let (a, b) = (workspace(&db.db).await, workspace(&db.db).await);
    let store = SeaContactStore::new(db.db.clone());
    let theirs = company(&a, "A's company");
    store.insert_company(&a, &theirs, &audit(&a)).await.expect("company");
    let sneaky = contact(&b, "Sneaky", None, Some(theirs.id), &[]);
    assert!(
        store.insert_contact(&b, &sneaky, &audit(&b)).await.is_err(),
        "the (workspace_id, company_id) foreign key refuses it"
    );
    assert!(store.find_contact(&b, sneaky.id).await.expect("read").is_none());
}

async fn contacts_are_searched_by_company_and_tag_and_walked_by_name(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let scope = workspace(&db.db).await;
    let store = SeaContactStore::new(db.db.clone());
    let initech = company(&scope, "Initech");
    store.insert_company(&scope, &initech, &audit(&scope)).await.expect("company");
    for (name, company, tags) in [
        ("peter", Some(initech.id), &["tps"][..]),
        ("Milton", None, &["stapler", "tps-report"]),
        ("ann", None, &[]),
        ("Bob", Some(initech.id), &[]),
    ] {
        store
            .insert_contact(&scope, &contact(&scope, name, None, company, tags), &audit(&scope))
            .await
            .expect("contact");
    }
    let list = |filter: ContactFilter, sort: &str, after| ListQuery {
        filter,
        sort: ListSort::parse(sort).expect("sort"),
        after,
        limit: Limit::parse(2).expect("limit"),
    };
    let names =
        |rows: &[crm_contacts::ContactWithCompany]| rows.iter().map(|r| r.contact.name.clone()).collect::<Vec<_>>();
    let by_company = store
        .list_contacts(
            &scope,
            &list(ContactFilter { q: Some("initech".into()), ..ContactFilter::default() }, "name", None),
        )
        .await
        .expect("list");
    assert_eq!(names(&by_company), ["Bob", "peter"]);
    let by_tag = store
        .list_contacts(
            &scope,
            &list(ContactFilter { tag: Some("tps".into()), ..ContactFilter::default() }, "name", None),
        )
        .await
        .expect("list");
    assert_eq!(names(&by_tag), ["peter"]);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let mut rows =
            store.list_contacts(&scope, &list(ContactFilter::default(), "-name", after.clone())).await.expect("page");
        let more = rows.len() > 2;
        rows.truncate(2);
        seen.extend(names(&rows));
        if !more {
            break;
        }
        let last = rows.last().expect("row");
        after = Some(crm_kernel::NameCursor {
            name_key: Some(last.contact.name.to_lowercase()),
            id: last.contact.id.as_uuid(),
        });
    }
    assert_eq!(seen, ["peter", "Milton", "Bob", "ann"]);
}

async fn activity_writes_carry_their_notification_and_overdue_is_sql(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let scope = workspace(&db.db).await;
    let store = SeaActivityStore::new(db.db.clone());
    let mate = UserId::new();
    let make = |subject: &str, due: Option<OffsetDateTime>, completed: bool| Activity {
        id: crm_kernel::ActivityId::new(),
        workspace_id: scope.workspace(),
        kind: ActivityKind::Task,
        subject: subject.into(),
        body: None,
        priority: Priority::High,
        due_at: due,
        assignee_id: Some(mate),
        links: Links::default(),
        completed_at: completed.then(now),
        completed_by: None,
        created_by: Uuid::now_v7(),
        created_at: now(),
        updated_at: now(),
    };
    let late = make("late", Some(now() - Duration::hours(1)), false);
    let notice = Notification::unless_self(scope.user(), mate, "activity.assigned", late.id, "late", now());
    store.insert_activity(&scope, &late, None, &audit(&scope), notice.as_ref()).await.expect("insert");
    store
        .insert_activity(&scope, &make("later", Some(now() + Duration::days(1)), false), None, &audit(&scope), None)
        .await
        .expect("insert");
    store
        .insert_activity(&scope, &make("done", Some(now() - Duration::days(1)), true), None, &audit(&scope), None)
        .await
        .expect("insert");
    store.insert_activity(&scope, &make("undated", None, false), None, &audit(&scope), None).await.expect("insert");
    let q = ActivityQuery {
        filter: ActivityFilter { overdue: true, ..ActivityFilter::default() },
        before: None,
        limit: Limit::DEFAULT,
        now: now(),
    };
    let overdue = store.list_activities(&scope, &q).await.expect("list");
    assert_eq!(overdue.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(), ["late"]);
    let sent = crm_store::notifications::notifications_for(&db.db, &scope, mate).await.expect("read");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, late.id.as_uuid());
}

/// With a 3-row window, a search reaches the fallback halves (PostgreSQL)
/// and must return exactly the rows the plain query returns, newest first.
async fn bounded_contact_search_finds_the_same_rows_past_the_window(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let scope = workspace(&db.db).await;
    let plain = SeaContactStore::new(db.db.clone());
    let windowed = SeaContactStore::new(db.db.clone()).with_search_window(3);
    let globex = company(&scope, "Globex");
    plain.insert_company(&scope, &globex, &audit(&scope)).await.expect("company");
    for i in 0..20 {
        let company = (i % 4 == 0).then_some(globex.id);
        let name = if i % 5 == 0 { format!("Rare Lovelace {i}") } else { format!("Person {i}") };
        plain
            .insert_contact(&scope, &contact(&scope, &name, None, company, &[]), &audit(&scope))
            .await
            .expect("contact");
    }
    for term in ["globex", "lovelace", "person 1", "nobody"] {
        let expected: Vec<String> = {
            let mut all: Vec<(u32, String)> = (0..20)
                .filter_map(|i| {
                    let name = if i % 5 == 0 { format!("Rare Lovelace {i}") } else { format!("Person {i}") };
                    (name.to_lowercase().contains(term) || (term == "globex" && i % 4 == 0)).then_some((i, name))
                })
                .collect();
            all.reverse();
            all.into_iter().map(|(_, n)| n).collect()
        };
        assert_eq!(search_walk(&windowed, &scope, term).await, expected, "{backend:?} {term}");
        assert_eq!(search_walk(&plain, &scope, term).await, expected, "{backend:?} {term}");
    }
}

async fn search_walk(store: &SeaContactStore, scope: &Scope, term: &str) -> Vec<String> {
    let (mut seen, mut after) = (Vec::new(), None);
    loop {
        let query = ListQuery {
            filter: ContactFilter { q: Some(term.into()), ..ContactFilter::default() },
            sort: ListSort::default(),
            after: after.clone(),
            limit: Limit::parse(2).expect("limit"),
        };
        let mut rows = store.list_contacts(scope, &query).await.expect("page");
        let more = rows.len() > 2;
        rows.truncate(2);
        seen.extend(rows.iter().map(|r| r.contact.name.clone()));
        match (more, rows.last()) {
            (true, Some(last)) => {
                after = Some(crm_kernel::NameCursor { name_key: None, id: last.contact.id.as_uuid() })
            }
            _ => return seen,
        }
    }
}
