//! Notification and digest rules against in-memory fakes.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_kernel::{
    ActivityId, Actor, ApiTokenId, DealId, FixedClock, LeadId, Limit, Notification, Role, Scope, UserId, WorkspaceId,
};
use crm_notifications::fakes::{InMemoryNotifications, RecordingMailer};
use crm_notifications::{
    DigestCandidates, DigestService, DigestWorkspace, NotificationError, NotificationService, OpenActivity, OpenDeal,
    OpenLead, PreferencesChange, Recipient,
};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = datetime!(2026-11-26 06:00 UTC);

fn member(workspace: WorkspaceId, role: Role) -> Scope {
    Scope::for_test(workspace, Actor::User { id: UserId::new(), role })
}

fn assigned_to(scope: &Scope, title: &str) -> Notification {
    Notification::unless_self(None, scope.user().unwrap(), "lead.assigned", crm_kernel::LeadId::new(), title, NOW)
        .expect("someone else assigned it")
}

fn bell() -> (NotificationService, Arc<InMemoryNotifications>) {
    let store = Arc::new(InMemoryNotifications::default());
    (NotificationService::new(store.clone(), Arc::new(FixedClock::at(NOW))), store)
}

#[tokio::test]
async fn each_member_sees_only_their_own_notifications_in_their_workspace() {
    let (service, store) = bell();
    let ws = WorkspaceId::new();
    let (ann, bob) = (member(ws, Role::Manager), member(ws, Role::Viewer));
    let elsewhere = Scope::for_test(WorkspaceId::new(), ann.actor().clone());
    store.push(ws, &assigned_to(&ann, "For Ann"));
    store.push(ws, &assigned_to(&bob, "For Bob"));
    store.push(elsewhere.workspace(), &assigned_to(&elsewhere, "Other workspace"));
    let page = service.list(&ann, false, None, Limit::DEFAULT).await.expect("list");
    assert_eq!(page.items.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), ["For Ann"]);
    assert_eq!(service.unread_count(&ann).await.expect("count").count, 1);
}

#[tokio::test]
async fn marking_another_members_notification_read_is_not_found() {
    let (service, store) = bell();
    let ws = WorkspaceId::new();
    let (ann, bob) = (member(ws, Role::Owner), member(ws, Role::Manager));
    let for_bob = assigned_to(&bob, "Bob's");
    store.push(ws, &for_bob);
    assert!(matches!(service.mark_read(&ann, for_bob.id).await, Err(NotificationError::NotFound)));
    assert_eq!(service.unread_count(&bob).await.expect("count").count, 1);
    let read = service.mark_read(&bob, for_bob.id).await.expect("own");
    assert_eq!(read.read_at, Some(NOW));
    assert_eq!(service.unread_count(&bob).await.expect("count").count, 0);
}

#[tokio::test]
async fn mark_all_read_clears_only_the_callers_unread_and_pages_walk_newest_first() {
    let (service, store) = bell();
    let ws = WorkspaceId::new();
    let (ann, bob) = (member(ws, Role::Owner), member(ws, Role::Manager));
    for i in 0..5 {
        store.push(ws, &assigned_to(&ann, &format!("n{i}")));
    }
    store.push(ws, &assigned_to(&bob, "bob"));
    let first = service.list(&ann, true, None, Limit::parse(3).unwrap()).await.expect("page");
    assert_eq!(first.items.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), ["n4", "n3", "n2"]);
    let rest = service.list(&ann, true, first.next, Limit::parse(3).unwrap()).await.expect("page");
    assert_eq!(rest.items.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), ["n1", "n0"]);
    assert_eq!(rest.next, None);
    assert_eq!(service.mark_all_read(&ann).await.expect("all"), 5);
    assert!(service.list(&ann, true, None, Limit::DEFAULT).await.expect("unread").items.is_empty());
    assert_eq!(service.list(&ann, false, None, Limit::DEFAULT).await.expect("all").items.len(), 5);
    assert_eq!(service.unread_count(&bob).await.expect("count").count, 1);
}

#[tokio::test]
async fn tokens_have_no_bell() {
    let (service, _) = bell();
    let token = Scope::for_test(WorkspaceId::new(), Actor::Token { id: ApiTokenId::new(), scopes: Default::default() });
    assert!(matches!(service.unread_count(&token).await, Err(NotificationError::Forbidden(_))));
}

#[tokio::test]
async fn only_owners_and_managers_change_digest_preferences_and_changes_are_audited() {
    let (service, store) = bell();
    let ws = WorkspaceId::new();
    let off = PreferencesChange { stale_leads: Some(false), ..PreferencesChange::default() };
    let viewer = member(ws, Role::Viewer);
    assert!(matches!(service.update_preferences(&viewer, off).await, Err(NotificationError::Forbidden(_))));
    assert!(service.preferences(&viewer).await.expect("read").stale_leads, "defaults: everything on");
    let saved = service.update_preferences(&member(ws, Role::Manager), off).await.expect("manager");
    assert!(!saved.stale_leads && saved.overdue_activities && saved.stale_deals);
    assert!(!service.preferences(&viewer).await.expect("read").stale_leads);
    assert_eq!(store.actions(ws), ["settings.notifications_changed"]);
}

struct Digest {
    service: DigestService,
    store: Arc<InMemoryNotifications>,
    mailer: Arc<RecordingMailer>,
    ws: DigestWorkspace,
}

fn digest_with(mailer: RecordingMailer) -> Digest {
    let store = Arc::new(InMemoryNotifications::default());
    let mailer = Arc::new(mailer);
    let service = DigestService::new(store.clone(), mailer.clone(), Arc::new(FixedClock::at(NOW)), "https://crm.test");
    let ws = DigestWorkspace { id: WorkspaceId::new(), name: "Acme".into() };
    store.add_workspace(ws.clone());
    Digest { service, store, mailer, ws }
}

fn recipient(d: &Digest, email: &str) -> Recipient {
    let r = Recipient { user: UserId::new(), role: Role::Manager, email: email.into(), name: email.into() };
    d.store.add_recipient(d.ws.id, r.clone());
    r
}

fn everything_due() -> DigestCandidates {
    DigestCandidates {
        activities: vec![
            OpenActivity { id: ActivityId::new(), subject: "Call back".into(), due_at: Some(NOW - Duration::hours(1)) },
            OpenActivity { id: ActivityId::new(), subject: "Later".into(), due_at: Some(NOW + Duration::hours(1)) },
            OpenActivity { id: ActivityId::new(), subject: "Undated".into(), due_at: None },
        ],
        leads: vec![
            OpenLead {
                id: LeadId::new(),
                name: "Idle".into(),
                next_action_date: None,
                updated_at: NOW - Duration::days(7),
            },
            OpenLead {
                id: LeadId::new(),
                name: "Late step".into(),
                next_action_date: Some(date!(2026 - 11 - 25)),
                updated_at: NOW,
            },
            OpenLead {
                id: LeadId::new(),
                name: "Fresh".into(),
                next_action_date: Some(date!(2026 - 11 - 26)),
                updated_at: NOW - Duration::days(6),
            },
        ],
        deals: vec![
            OpenDeal { id: DealId::new(), title: "Dormant".into(), updated_at: NOW - Duration::days(15) },
            OpenDeal { id: DealId::new(), title: "Moving".into(), updated_at: NOW - Duration::days(13) },
        ],
    }
}

#[tokio::test]
async fn a_member_gets_their_overdue_activities_stale_leads_and_stale_deals() {
    let d = digest_with(RecordingMailer::default());
    let ann = recipient(&d, "ann@example.test");
    d.store.set_candidates(d.ws.id, ann.user, everything_due());
    let report = d.service.run(date!(2026 - 11 - 26)).await.expect("run");
    assert_eq!(report.sent, 1);
    let sent = d.mailer.sent();
    assert_eq!(sent[0].to, "ann@example.test");
    assert_eq!(sent[0].subject, "Acme: 1 overdue activity, 2 stale leads, 1 stale deal");
    for due in ["Call back", "Idle", "Late step", "Dormant"] {
        assert!(sent[0].text.contains(due), "{due} is in the digest");
    }
    for fine in ["Later", "Undated", "Fresh", "Moving"] {
        assert!(!sent[0].text.contains(fine), "{fine} is not due");
    }
}

#[tokio::test]
async fn nothing_to_report_sends_nothing_and_claims_nothing() {
    let d = digest_with(RecordingMailer::default());
    let ann = recipient(&d, "ann@example.test");
    let mut calm = everything_due();
    calm.activities.remove(0);
    calm.leads.truncate(0);
    calm.deals.remove(0);
    d.store.set_candidates(d.ws.id, ann.user, calm);
    let report = d.service.run(date!(2026 - 11 - 26)).await.expect("run");
    assert_eq!((report.sent, report.nothing_to_report), (0, 1));
    assert!(d.mailer.sent().is_empty());
    assert!(d.store.deliveries().is_empty());
}

#[tokio::test]
async fn preferences_turn_signals_off_and_all_off_means_no_email() {
    let d = digest_with(RecordingMailer::default());
    let ann = recipient(&d, "ann@example.test");
    d.store.set_candidates(d.ws.id, ann.user, everything_due());
    let owner = Scope::for_test(d.ws.id, Actor::User { id: UserId::new(), role: Role::Owner });
    let bell = NotificationService::new(d.store.clone(), Arc::new(FixedClock::at(NOW)));
    let change = PreferencesChange { stale_leads: Some(false), stale_deals: Some(false), overdue_activities: None };
    bell.update_preferences(&owner, change).await.expect("saved");
    d.service.run(date!(2026 - 11 - 26)).await.expect("run");
    assert_eq!(d.mailer.sent()[0].subject, "Acme: 1 overdue activity");
    let all_off = PreferencesChange { overdue_activities: Some(false), ..PreferencesChange::default() };
    bell.update_preferences(&owner, all_off).await.expect("saved");
    let report = d.service.run(date!(2026 - 11 - 27)).await.expect("run");
    assert_eq!((report.sent, report.nothing_to_report), (0, 1));
    assert_eq!(d.mailer.sent().len(), 1);
}

#[tokio::test]
async fn a_second_run_for_the_same_date_sends_nothing_but_the_next_day_does() {
    let d = digest_with(RecordingMailer::default());
    let ann = recipient(&d, "ann@example.test");
    d.store.set_candidates(d.ws.id, ann.user, everything_due());
    d.service.run(date!(2026 - 11 - 26)).await.expect("first");
    let again = d.service.run(date!(2026 - 11 - 26)).await.expect("again");
    assert_eq!((again.sent, again.already_claimed), (0, 1));
    d.service.run(date!(2026 - 11 - 27)).await.expect("next day");
    assert_eq!(d.mailer.sent().len(), 2);
}

#[tokio::test]
async fn a_failed_send_is_recorded_on_the_claim_and_never_retried() {
    let d = digest_with(RecordingMailer::broken());
    let ann = recipient(&d, "ann@example.test");
    d.store.set_candidates(d.ws.id, ann.user, everything_due());
    let report = d.service.run(date!(2026 - 11 - 26)).await.expect("run");
    assert_eq!(report.failed, 1);
    let rows = d.store.deliveries();
    assert!(matches!(&rows[0].3, Some(Err(e)) if e.contains("connection refused")));
    let retry = d.service.run(date!(2026 - 11 - 26)).await.expect("retry");
    assert_eq!((retry.failed, retry.already_claimed), (0, 1));
}

#[tokio::test]
async fn one_members_storage_failure_does_not_stop_the_others_digests() {
    let d = digest_with(RecordingMailer::default());
    let ann = recipient(&d, "ann@example.test");
    let bob = recipient(&d, "bob@example.test");
    d.store.set_candidates(d.ws.id, ann.user, everything_due());
    d.store.set_candidates(d.ws.id, bob.user, everything_due());
    d.store.break_candidates_of(ann.user);
    let report = d.service.run(date!(2026 - 11 - 26)).await.expect("run");
    assert_eq!((report.sent, report.errors), (1, 1));
    assert_eq!(d.mailer.sent()[0].to, "bob@example.test");
    assert!(d.store.deliveries().iter().all(|(_, u, _, _)| *u == bob.user), "nothing claimed for Ann");
}
