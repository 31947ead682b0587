//! Activity rules against an in-memory fake of the port.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::{Arc, Mutex};

use crm_activities::{
    Activity, ActivityError, ActivityFilter, ActivityInput, ActivityQuery, ActivityService, ActivityStore, Link,
};
use crm_kernel::{
    ActivityId, Actor, AuditEntry, AuditLog, AuditRecord, Clock, ContactId, Cursor, FixedClock, LeadId, Limit,
    Notification, Page, Patch, Resource, Role, Scope, StoreError, UserId, WorkspaceId,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

#[derive(Default)]
struct Fake {
    activities: Mutex<Vec<Activity>>,
    audit: Mutex<Vec<AuditEntry>>,
    notifications: Mutex<Vec<Notification>>,
    members: Mutex<Vec<UserId>>,
    contacts: Mutex<Vec<ContactId>>,
    leads: Mutex<Vec<LeadId>>,
    /// Every lead a write counted as worked, in order.
    worked: Mutex<Vec<LeadId>>,
}

#[async_trait::async_trait]
impl ActivityStore for Fake {
    async fn insert_activity(
        &self,
        _: &Scope,
        a: &Activity,
        worked: Option<LeadId>,
        e: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<(), StoreError> {
        self.activities.lock().unwrap().push(a.clone());
        self.worked.lock().unwrap().extend(worked);
        self.audit.lock().unwrap().push(e.clone());
        self.notifications.lock().unwrap().extend(n.cloned());
        Ok(())
    }

    async fn update_activity(
        &self,
        _: &Scope,
        a: &Activity,
        expected: OffsetDateTime,
        worked: Option<LeadId>,
        e: &AuditEntry,
        n: Option<&Notification>,
    ) -> Result<bool, StoreError> {
        let mut rows = self.activities.lock().unwrap();
        let Some(row) = rows.iter_mut().find(|r| r.id == a.id && r.updated_at == expected) else { return Ok(false) };
        *row = a.clone();
        self.worked.lock().unwrap().extend(worked);
        self.audit.lock().unwrap().push(e.clone());
        self.notifications.lock().unwrap().extend(n.cloned());
        Ok(true)
    }

    async fn find_activity(&self, _: &Scope, id: ActivityId) -> Result<Option<Activity>, StoreError> {
        Ok(self.activities.lock().unwrap().iter().find(|a| a.id == id).cloned())
    }

    async fn list_activities(&self, _: &Scope, q: &ActivityQuery) -> Result<Vec<Activity>, StoreError> {
        let mut rows: Vec<Activity> = self
            .activities
            .lock()
            .unwrap()
            .iter()
            .filter(|a| !q.filter.overdue || a.is_overdue(q.now))
            .filter(|a| q.filter.assignee.is_none_or(|u| a.assignee_id == Some(u)))
            .filter(|a| q.filter.links.contact.is_none_or(|c| a.links.contact == Some(c)))
            .cloned()
            .collect();
        rows.sort_by_key(|a| std::cmp::Reverse(a.id));
        Ok(rows)
    }

    async fn count_assigned(&self, _: &Scope, user: UserId, now: OffsetDateTime) -> Result<(u64, u64), StoreError> {
        let rows = self.activities.lock().unwrap();
        let open = rows.iter().filter(|a| a.assignee_id == Some(user) && a.completed_at.is_none());
        let (open, overdue): (Vec<_>, Vec<_>) = open.partition(|a| !a.is_overdue(now));
        Ok(((open.len() + overdue.len()) as u64, overdue.len() as u64))
    }

    async fn link_exists(&self, _: &Scope, link: Link) -> Result<bool, StoreError> {
        Ok(match link {
            Link::Contact(id) => self.contacts.lock().unwrap().contains(&id),
            Link::Lead(id) => self.leads.lock().unwrap().contains(&id),
            Link::Company(_) | Link::Deal(_) => false,
        })
    }

    async fn is_member(&self, _: &Scope, user: UserId) -> Result<bool, StoreError> {
        Ok(self.members.lock().unwrap().contains(&user))
    }
}

#[async_trait::async_trait]
impl AuditLog for Fake {
    async fn entity_events(
        &self,
        _: &Scope,
        _: &str,
        _: Uuid,
        _: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        Ok(Page::from_overfetch(Vec::new(), limit, |r: &AuditRecord| r.id.as_uuid()))
    }

    async fn workspace_events(
        &self,
        _: &Scope,
        _: Option<Cursor>,
        limit: Limit,
    ) -> Result<Page<AuditRecord>, StoreError> {
        Ok(Page::from_overfetch(Vec::new(), limit, |r: &AuditRecord| r.id.as_uuid()))
    }
}

struct World {
    service: ActivityService,
    fake: Arc<Fake>,
    clock: FixedClock,
    me: UserId,
    scope: Scope,
}

fn world() -> World {
    let fake = Arc::new(Fake::default());
    let clock = FixedClock::at(datetime!(2026-11-25 10:00 UTC));
    let me = UserId::new();
    fake.members.lock().unwrap().push(me);
    let scope = Scope::for_test(WorkspaceId::new(), Actor::User { id: me, role: Role::Manager });
    World { service: ActivityService::new(fake.clone(), fake.clone(), Arc::new(clock.clone())), fake, clock, me, scope }
}

fn task(subject: &str) -> ActivityInput {
    ActivityInput { kind: Some("task".into()), subject: Some(subject.into()), ..ActivityInput::default() }
}

#[tokio::test]
async fn an_activity_is_overdue_only_when_past_due_and_open() {
    let w = world();
    let due = w.clock.now() + Duration::hours(2);
    let a = w
        .service
        .create(&w.scope, ActivityInput { due_at: Patch::Set(due), ..task("Call back") })
        .await
        .expect("created");
    assert!(!a.is_overdue(w.clock.now()));
    w.clock.advance(Duration::hours(3));
    assert!(a.is_overdue(w.clock.now()));
    let (overdue, _) = w
        .service
        .list(&w.scope, ActivityFilter { overdue: true, ..ActivityFilter::default() }, None, Limit::DEFAULT)
        .await
        .expect("list");
    assert_eq!(overdue.len(), 1);
    let done = w.service.complete(&w.scope, a.id).await.expect("completed");
    assert!(!done.is_overdue(w.clock.now()));
}

#[tokio::test]
async fn completion_and_reopening_are_recorded_not_overwritten() {
    let w = world();
    let a = w.service.create(&w.scope, task("Send proposal")).await.expect("created");
    w.service.complete(&w.scope, a.id).await.expect("complete");
    assert!(matches!(w.service.complete(&w.scope, a.id).await, Err(ActivityError::AlreadyInState("completed"))));
    let reopened = w.service.reopen(&w.scope, a.id).await.expect("reopen");
    assert!(reopened.completed_at.is_none());
    let actions: Vec<String> = w.fake.audit.lock().unwrap().iter().map(|e| e.action.clone()).collect();
    assert_eq!(actions, ["activity.created", "activity.completed", "activity.reopened"]);
}

#[tokio::test]
async fn assigning_to_someone_else_notifies_only_when_the_assignee_changes() {
    let w = world();
    let mate = UserId::new();
    w.fake.members.lock().unwrap().push(mate);
    let mine = w
        .service
        .create(&w.scope, ActivityInput { assignee_id: Patch::Set(w.me), ..task("Mine") })
        .await
        .expect("created");
    assert!(w.fake.notifications.lock().unwrap().is_empty(), "self-assignment sends nothing");
    w.service
        .update(&w.scope, mine.id, ActivityInput { assignee_id: Patch::Set(mate), ..ActivityInput::default() })
        .await
        .expect("reassign");
    w.service
        .update(
            &w.scope,
            mine.id,
            ActivityInput {
                assignee_id: Patch::Set(mate),
                subject: Some("Renamed".into()),
                ..ActivityInput::default()
            },
        )
        .await
        .expect("edit");
    let sent = w.fake.notifications.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "one notification for one change of assignee");
    assert_eq!((sent[0].recipient, sent[0].kind, sent[0].entity_id), (mate, "activity.assigned", mine.id.as_uuid()));
}

#[tokio::test]
async fn links_and_assignees_must_belong_to_the_workspace() {
    let w = world();
    let contact = ContactId::new();
    w.fake.contacts.lock().unwrap().push(contact);
    let stranger = UserId::new();
    assert!(matches!(
        w.service.create(&w.scope, ActivityInput { contact_id: Patch::Set(ContactId::new()), ..task("x") }).await,
        Err(ActivityError::LinkNotFound(Resource::Contact))
    ));
    assert!(matches!(
        w.service.create(&w.scope, ActivityInput { assignee_id: Patch::Set(stranger), ..task("x") }).await,
        Err(ActivityError::AssigneeNotFound)
    ));
    let linked = w
        .service
        .create(&w.scope, ActivityInput { contact_id: Patch::Set(contact), ..task("x") })
        .await
        .expect("created");
    assert_eq!(linked.links.contact, Some(contact));
    assert!(w.fake.activities.lock().unwrap().len() == 1, "refused writes left nothing");
}

#[tokio::test]
async fn viewers_cannot_log_and_unknown_types_are_named() {
    let w = world();
    let viewer = Scope::for_test(w.scope.workspace(), Actor::User { id: w.me, role: Role::Viewer });
    assert!(matches!(w.service.create(&viewer, task("x")).await, Err(ActivityError::Forbidden(_))));
    let Err(ActivityError::Invalid(fields)) = w
        .service
        .create(&w.scope, ActivityInput { kind: Some("fax".into()), priority: Some("urgent".into()), ..task("x") })
        .await
    else {
        panic!("invalid")
    };
    let names: Vec<_> = fields.iter().map(|f| f.field).collect();
    assert_eq!(names, ["type", "priority"]);
}

#[tokio::test]
async fn logging_or_completing_an_activity_on_a_lead_counts_as_work_on_it() {
    let w = world();
    let lead = LeadId::new();
    w.fake.leads.lock().unwrap().push(lead);
    let call = ActivityInput {
        kind: Some("call".into()),
        subject: Some("Discovery call".into()),
        lead_id: Patch::Set(lead),
        ..ActivityInput::default()
    };
    let logged = w.service.create(&w.scope, call).await.expect("logged");
    assert_eq!(*w.fake.worked.lock().unwrap(), [lead], "logging a call works the lead");
    w.service
        .update(&w.scope, logged.id, ActivityInput { subject: Some("Renamed".into()), ..ActivityInput::default() })
        .await
        .expect("edited");
    assert_eq!(w.fake.worked.lock().unwrap().len(), 1, "editing the text is not work on the lead");
    w.service.complete(&w.scope, logged.id).await.expect("completed");
    w.service.reopen(&w.scope, logged.id).await.expect("reopened");
    assert_eq!(*w.fake.worked.lock().unwrap(), [lead, lead], "completing works it; reopening does not");
    let unlinked = w.service.create(&w.scope, task("Unlinked")).await.expect("logged");
    w.service.complete(&w.scope, unlinked.id).await.expect("completed");
    assert_eq!(w.fake.worked.lock().unwrap().len(), 2, "activities on no lead touch no lead");
}
