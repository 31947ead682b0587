//! The notifications adapter on SQLite and PostgreSQL: the bell's queries,
//! lead assignment notifications, preferences, digest candidates and the
//! at-most-once delivery claim.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_kernel::{AuditEntry, Limit, Notification, Role, Scope, UserId, WorkspaceId};
use crm_leads::ports::LeadStore;
use crm_leads::{Lead, LeadName, LeadStatus, SourceSlug, Tags};
use crm_notifications::{Claim, DigestPreferences, DigestStore, NotificationStore};
use crm_store::{SeaLeadStore, SeaNotificationStore};
use crm_testkit::{Backend, fresh_db, now, seed};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use time::macros::date;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

crm_testkit::on_both_backends!(
    the_bell_reads_only_the_members_own_rows_newest_first,
    the_unread_count_stops_at_its_cap,
    lead_assignment_is_stored_with_the_lead,
    preferences_default_to_everything_and_are_saved_once_per_workspace,
    a_digest_delivery_is_claimed_exactly_once_under_concurrency,
    digest_candidates_are_the_members_own_due_records_in_the_workspace,
    suspended_and_banned_members_get_no_digest,
);

async fn exec(db: &DatabaseConnection, sql: &str, values: Vec<sea_orm::Value>) {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.expect(sql);
}

async fn workspace(db: &DatabaseConnection) -> WorkspaceId {
    seed::workspace(db, now()).await.expect("workspace with defaults")
}

/// A user who is a member of `ws` with `role`.
async fn member(db: &DatabaseConnection, ws: WorkspaceId, role: Role) -> Scope {
    seed::member(db, ws, role).await.expect("member")
}

fn note(to: &Scope, title: &str) -> Notification {
    Notification::unless_self(None, to.user().unwrap(), "lead.assigned", crm_kernel::LeadId::new(), title, now())
        .expect("notice")
}

async fn push(db: &DatabaseConnection, to: &Scope, title: &str) -> crm_kernel::NotificationId {
    let n = note(to, title);
    exec(
        db,
        "INSERT INTO notifications (id, workspace_id, user_id, kind, entity_type, entity_id, title, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        vec![
            n.id.as_uuid().into(),
            to.workspace().as_uuid().into(),
            n.recipient.as_uuid().into(),
            n.kind.into(),
            n.entity_type.into(),
            n.entity_id.into(),
            n.title.clone().into(),
            n.created_at.into(),
        ],
    )
    .await;
    n.id
}

fn titles(rows: &[crm_notifications::StoredNotification]) -> Vec<&str> {
    rows.iter().map(|n| n.title.as_str()).collect()
}

async fn the_bell_reads_only_the_members_own_rows_newest_first(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let store = SeaNotificationStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let (ann, bob) = (member(&db.db, ws, Role::Owner).await, member(&db.db, ws, Role::Viewer).await);
    let other_ws = workspace(&db.db).await;
    let ann_elsewhere = Scope::for_test(other_ws, ann.actor().clone());
    let ids: Vec<crm_kernel::NotificationId> = {
        let mut ids = Vec::new();
        for i in 0..4 {
            ids.push(push(&db.db, &ann, &format!("a{i}")).await);
        }
        ids
    };
    let bobs = push(&db.db, &bob, "b").await;
    push(&db.db, &ann_elsewhere, "elsewhere").await;
    let user = ann.user().unwrap();
    let two = Limit::parse(2).unwrap();
    let page = store.list_notifications(&ann, user, false, None, two).await.expect("list");
    assert_eq!(titles(&page), ["a3", "a2", "a1"], "limit + 1 rows, newest first");
    let rest = store.list_notifications(&ann, user, false, Some(ids[2]), two).await.expect("list");
    assert_eq!(titles(&rest), ["a1", "a0"]);

    assert!(store.mark_read(&ann, user, bobs, now()).await.expect("mark").is_none(), "not Ann's");
    assert!(store.mark_read(&ann_elsewhere, user, ids[0], now()).await.expect("mark").is_none(), "other workspace");
    let read = store.mark_read(&ann, user, ids[0], now()).await.expect("mark").expect("own");
    assert!(read.read_at.is_some());
    let unread = store.list_notifications(&ann, user, true, None, Limit::DEFAULT).await.expect("list");
    assert_eq!(titles(&unread), ["a3", "a2", "a1"]);
    assert_eq!(store.count_unread(&ann, user, 1000).await.expect("count"), 3);
    assert_eq!(store.mark_all_read(&ann, user, now()).await.expect("all"), 3);
    assert_eq!(store.count_unread(&ann, user, 1000).await.expect("count"), 0);
    assert_eq!(store.count_unread(&bob, bob.user().unwrap(), 1000).await.expect("count"), 1);
    assert_eq!(store.count_unread(&ann_elsewhere, user, 1000).await.expect("count"), 1);
}

async fn the_unread_count_stops_at_its_cap(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let store = SeaNotificationStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let ann = member(&db.db, ws, Role::Manager).await;
    for i in 0..5 {
        push(&db.db, &ann, &format!("n{i}")).await;
    }
    assert_eq!(store.count_unread(&ann, ann.user().unwrap(), 3).await.expect("count"), 3);
    assert_eq!(store.count_unread(&ann, ann.user().unwrap(), 10).await.expect("count"), 5);
}

fn lead(ws: WorkspaceId, assignee: Option<UserId>, status: LeadStatus, updated: OffsetDateTime) -> Lead {
    Lead {
        id: crm_kernel::LeadId::new(),
        workspace_id: ws,
        name: LeadName::from_trusted("Ada".to_owned()),
        email: None,
        phone: None,
        company: None,
        source: SourceSlug::from_trusted("website".to_owned()),
        status,
        assignee_id: assignee,
        next_action_date: None,
        next_action_text: None,
        notes: None,
        tags: Tags::default(),
        created_at: updated,
        updated_at: updated,
        last_activity_at: updated,
        converted_at: None,
        converted_to: None,
    }
}

async fn lead_assignment_is_stored_with_the_lead(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let leads = SeaLeadStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let (owner, mate) = (member(&db.db, ws, Role::Owner).await, member(&db.db, ws, Role::Manager).await);
    let mate_id = mate.user().unwrap();
    let l = lead(ws, Some(mate_id), LeadStatus::New, now());
    let notice = Notification::unless_self(owner.user(), mate_id, "lead.assigned", l.id, "Ada", now());
    let audit = AuditEntry::new(&owner, "lead.created", l.id, "t", now());
    leads.insert_lead(&owner, &l, &audit, notice.as_ref()).await.expect("insert");
    let mut moved = l.clone();
    moved.updated_at = now() + Duration::seconds(1);
    moved.assignee_id = owner.user();
    let audit = AuditEntry::new(&owner, "lead.assigned", l.id, "t", now());
    let stale = leads.update_lead(&owner, &moved, l.created_at - Duration::days(1), &audit, notice.as_ref()).await;
    assert!(!stale.expect("update"), "a lost optimistic update writes nothing, its notification neither");
    let sent = crm_store::notifications::notifications_for(&db.db, &owner, mate_id).await.expect("read");
    assert_eq!(sent, [("lead.assigned".to_owned(), l.id.as_uuid(), "Ada".to_owned())]);
}

async fn preferences_default_to_everything_and_are_saved_once_per_workspace(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let store = SeaNotificationStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let owner = member(&db.db, ws, Role::Owner).await;
    assert_eq!(NotificationStore::preferences(&store, &owner).await.expect("read"), DigestPreferences::default());
    let audit = AuditEntry::new(&owner, "settings.notifications_changed", ws, "t", now());
    let off = DigestPreferences { stale_deals: false, updated_at: Some(now()), ..DigestPreferences::default() };
    store.save_preferences(&owner, &off, &audit).await.expect("save");
    let on = DigestPreferences { stale_leads: false, ..off };
    store
        .save_preferences(&owner, &on, &AuditEntry { id: crm_kernel::AuditEventId::new(), ..audit })
        .await
        .expect("again");
    let read = NotificationStore::preferences(&store, &owner).await.expect("read");
    assert_eq!((read.overdue_activities, read.stale_leads, read.stale_deals), (true, false, false));
    let other = member(&db.db, workspace(&db.db).await, Role::Owner).await;
    assert_eq!(store.digest_preferences(&other).await.expect("read"), DigestPreferences::default());
}

async fn a_digest_delivery_is_claimed_exactly_once_under_concurrency(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let ws = workspace(&db.db).await;
    let ann = member(&db.db, ws, Role::Manager).await;
    // Two pools: two "nodes" racing for the same claim.
    let nodes = [SeaNotificationStore::new(db.db.clone()), SeaNotificationStore::new(db.db.clone())];
    let second_pool = crm_store::connect(&db.url).await.expect("second pool");
    let nodes = Arc::new([nodes[0].clone(), SeaNotificationStore::new(second_pool)]);
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (nodes, ann) = (nodes.clone(), ann.clone());
        tasks.push(tokio::spawn(async move {
            nodes[i % 2].claim_delivery(&ann, date!(2026 - 11 - 26), now()).await.expect("claim")
        }));
    }
    let mut claimed = 0;
    for t in tasks {
        if matches!(t.await.expect("task"), Claim::Claimed(_)) {
            claimed += 1;
        }
    }
    assert_eq!(claimed, 1);
    let next_day = nodes[0].claim_delivery(&ann, date!(2026 - 11 - 27), now()).await.expect("claim");
    assert!(matches!(next_day, Claim::Claimed(_)));
    let rows = crm_store::notifications::deliveries_for(&db.db, &ann).await.expect("rows");
    assert_eq!(rows.len(), 2);
}

async fn insert_activity(
    db: &DatabaseConnection,
    ws: WorkspaceId,
    assignee: UserId,
    subject: &str,
    due: Option<OffsetDateTime>,
    done: bool,
) {
    exec(
        db,
        "INSERT INTO activities (id, workspace_id, kind, subject, priority, due_at, assignee_id, completed_at, \
         created_by, created_at, updated_at) VALUES ($1, $2, 'task', $3, 'medium', $4, $5, $6, $7, $8, $8)",
        vec![
            Uuid::now_v7().into(),
            ws.as_uuid().into(),
            subject.into(),
            due.into(),
            assignee.as_uuid().into(),
            done.then(now).into(),
            Uuid::now_v7().into(),
            now().into(),
        ],
    )
    .await;
}

async fn insert_deal(
    db: &DatabaseConnection,
    ws: WorkspaceId,
    owner: UserId,
    title: &str,
    status: &str,
    updated: OffsetDateTime,
) {
    let backend = db.get_database_backend();
    let stage = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pipeline_id, id FROM pipeline_stages WHERE workspace_id = $1 ORDER BY position LIMIT 1",
            [ws.as_uuid().into()],
        ))
        .await
        .expect("stage")
        .expect("a seeded stage");
    let (pipeline, stage): (Uuid, Uuid) = (stage.try_get("", "pipeline_id").unwrap(), stage.try_get("", "id").unwrap());
    exec(
        db,
        "INSERT INTO deals (id, workspace_id, pipeline_id, stage_id, status, title, amount_minor, currency, owner_id, \
         search_text, opened_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, 'EUR', $7, '', $8, $8, $8)",
        vec![
            Uuid::now_v7().into(),
            ws.as_uuid().into(),
            pipeline.into(),
            stage.into(),
            status.into(),
            title.into(),
            owner.as_uuid().into(),
            updated.into(),
        ],
    )
    .await;
}

async fn digest_candidates_are_the_members_own_due_records_in_the_workspace(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let store = SeaNotificationStore::new(db.db.clone());
    let leads = SeaLeadStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let (ann, bob) = (member(&db.db, ws, Role::Manager).await, member(&db.db, ws, Role::Manager).await);
    let other_ws = workspace(&db.db).await;
    let ann_id = ann.user().unwrap();
    let t = now();
    insert_activity(&db.db, ws, ann_id, "late", Some(t - Duration::hours(1)), false).await;
    insert_activity(&db.db, ws, ann_id, "later", Some(t + Duration::hours(1)), false).await;
    insert_activity(&db.db, ws, ann_id, "done", Some(t - Duration::hours(1)), true).await;
    insert_activity(&db.db, ws, bob.user().unwrap(), "bob's", Some(t - Duration::hours(1)), false).await;
    insert_activity(&db.db, other_ws, ann_id, "elsewhere", Some(t - Duration::hours(1)), false).await;
    for (name, status, age, assignee) in [
        ("idle", LeadStatus::Contacted, 8, ann_id),
        ("fresh", LeadStatus::New, 1, ann_id),
        ("closed", LeadStatus::Unqualified, 30, ann_id),
        ("bob idle", LeadStatus::New, 30, bob.user().unwrap()),
    ] {
        let mut l = lead(ws, Some(assignee), status, t - Duration::days(age));
        l.name = LeadName::from_trusted(name.to_owned());
        let audit = AuditEntry::new(&ann, "lead.created", l.id, "t", t);
        leads.insert_lead(&ann, &l, &audit, None).await.expect("lead");
    }
    let mut late_step = lead(ws, Some(ann_id), LeadStatus::Qualified, t);
    late_step.name = LeadName::from_trusted("late step".to_owned());
    late_step.next_action_date = Some(t.date().previous_day().expect("a day before"));
    let mut today_step = lead(ws, Some(ann_id), LeadStatus::Qualified, t);
    today_step.name = LeadName::from_trusted("today's step".to_owned());
    today_step.next_action_date = Some(t.date());
    for l in [late_step, today_step] {
        let audit = AuditEntry::new(&ann, "lead.created", l.id, "t", t);
        leads.insert_lead(&ann, &l, &audit, None).await.expect("lead");
    }
    insert_deal(&db.db, ws, ann_id, "dormant", "open", t - Duration::days(15)).await;
    insert_deal(&db.db, ws, ann_id, "moving", "open", t - Duration::days(2)).await;
    insert_deal(&db.db, ws, ann_id, "won long ago", "won", t - Duration::days(40)).await;
    insert_deal(&db.db, other_ws, ann_id, "elsewhere", "open", t - Duration::days(40)).await;

    let c = store.candidates(&ann, t, 20).await.expect("candidates");
    assert_eq!(c.activities.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(), ["late"]);
    let mut stale: Vec<&str> = c.leads.iter().map(|l| l.name.as_str()).collect();
    stale.sort_unstable();
    assert_eq!(stale, ["idle", "late step"]);
    assert_eq!(c.deals.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(), ["dormant"]);
}

async fn suspended_and_banned_members_get_no_digest(backend: Backend) {
    let db = fresh_db(backend).await.expect("db");
    let store = SeaNotificationStore::new(db.db.clone());
    let ws = workspace(&db.db).await;
    let active = member(&db.db, ws, Role::Viewer).await;
    let suspended = member(&db.db, ws, Role::Manager).await;
    let banned = member(&db.db, ws, Role::Owner).await;
    exec(
        &db.db,
        "UPDATE memberships SET suspended_at = $1 WHERE user_id = $2",
        vec![now().into(), suspended.user().unwrap().as_uuid().into()],
    )
    .await;
    exec(
        &db.db,
        "UPDATE users SET banned_at = $1 WHERE id = $2",
        vec![now().into(), banned.user().unwrap().as_uuid().into()],
    )
    .await;
    let recipients = store.recipients_unscoped(ws).await.expect("recipients");
    assert_eq!(
        recipients.iter().map(|r| (r.user, r.role)).collect::<Vec<_>>(),
        [(active.user().unwrap(), Role::Viewer)]
    );
    assert!(store.workspaces_unscoped().await.expect("workspaces").iter().any(|w| w.id == ws));
}
