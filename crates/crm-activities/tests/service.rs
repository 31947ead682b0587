//! Activity rules against an in-memory fake of the port.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_activities::fakes::InMemoryActivities;

use crm_activities::{ActivityError, ActivityFilter, ActivityInput, ActivityService};
use crm_kernel::{
    Actor, Clock, ContactId, FixedClock, LeadId, Limit, Patch, Resource, Role, Scope, UserId, WorkspaceId,
};
use time::Duration;
use time::macros::datetime;

struct World {
    service: ActivityService,
    fake: Arc<InMemoryActivities>,
    clock: FixedClock,
    me: UserId,
    scope: Scope,
}

fn world() -> World {
    let fake = Arc::new(InMemoryActivities::default());
    let clock = FixedClock::at(datetime!(2026-11-25 10:00 UTC));
    let me = UserId::new();
    let scope = Scope::for_test(WorkspaceId::new(), Actor::User { id: me, role: Role::Manager });
    fake.add_member(scope.workspace(), me);
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
    let actions: Vec<String> = w.fake.audit().iter().map(|e| e.action.clone()).collect();
    assert_eq!(actions, ["activity.created", "activity.completed", "activity.reopened"]);
}

#[tokio::test]
async fn assigning_to_someone_else_notifies_only_when_the_assignee_changes() {
    let w = world();
    let mate = UserId::new();
    w.fake.add_member(w.scope.workspace(), mate);
    let mine = w
        .service
        .create(&w.scope, ActivityInput { assignee_id: Patch::Set(w.me), ..task("Mine") })
        .await
        .expect("created");
    assert!(w.fake.notifications().is_empty(), "self-assignment sends nothing");
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
    let sent = w.fake.notifications();
    assert_eq!(sent.len(), 1, "one notification for one change of assignee");
    assert_eq!((sent[0].recipient, sent[0].kind, sent[0].entity_id), (mate, "activity.assigned", mine.id.as_uuid()));
}

#[tokio::test]
async fn links_and_assignees_must_belong_to_the_workspace() {
    let w = world();
    let contact = ContactId::new();
    w.fake.add_contact(w.scope.workspace(), contact);
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
    assert!(w.fake.activity_count() == 1, "refused writes left nothing");
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
    w.fake.add_lead(w.scope.workspace(), lead);
    let call = ActivityInput {
        kind: Some("call".into()),
        subject: Some("Discovery call".into()),
        lead_id: Patch::Set(lead),
        ..ActivityInput::default()
    };
    let logged = w.service.create(&w.scope, call).await.expect("logged");
    assert_eq!(w.fake.worked(), [lead], "logging a call works the lead");
    w.service
        .update(&w.scope, logged.id, ActivityInput { subject: Some("Renamed".into()), ..ActivityInput::default() })
        .await
        .expect("edited");
    assert_eq!(w.fake.worked().len(), 1, "editing the text is not work on the lead");
    w.service.complete(&w.scope, logged.id).await.expect("completed");
    w.service.reopen(&w.scope, logged.id).await.expect("reopened");
    assert_eq!(w.fake.worked(), [lead, lead], "completing works it; reopening does not");
    let unlinked = w.service.create(&w.scope, task("Unlinked")).await.expect("logged");
    w.service.complete(&w.scope, unlinked.id).await.expect("completed");
    assert_eq!(w.fake.worked().len(), 2, "activities on no lead touch no lead");
}

#[tokio::test]
async fn another_workspaces_activities_members_and_links_are_invisible() {
    let w = world();
    let ours = w.service.create(&w.scope, task("Call Globex")).await.expect("activity");
    let contact = ContactId::new();
    w.fake.add_contact(w.scope.workspace(), contact);
    let elsewhere = Scope::for_test(WorkspaceId::new(), Actor::User { id: w.me, role: Role::Owner });

    let read = w.service.get(&elsewhere, ours.id).await;
    assert!(matches!(read, Err(ActivityError::NotFound)), "{read:?}");
    let linked = ActivityInput { contact_id: Patch::Set(contact), ..task("x") };
    let refused = w.service.create(&elsewhere, linked).await;
    assert!(matches!(refused, Err(ActivityError::LinkNotFound(Resource::Contact))), "{refused:?}");
    let assigned = ActivityInput { assignee_id: Patch::Set(w.me), ..task("y") };
    let refused = w.service.create(&elsewhere, assigned).await;
    assert!(matches!(refused, Err(ActivityError::AssigneeNotFound)), "{refused:?}");
}
