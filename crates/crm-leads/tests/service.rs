//! Lead rules against in-memory fakes.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Arc;

use crm_kernel::{Actor, ApiTokenId, FixedClock, Limit, Role, Scope, TokenScope, UserId, WorkspaceId};
use crm_leads::fakes::InMemoryLeads;
use crm_leads::{LeadChanges, LeadError, LeadFilter, LeadService, LeadSort, LeadStatus, NewLead, Patch};
use time::Duration;
use time::macros::{date, datetime};

struct World {
    service: LeadService,
    store: Arc<InMemoryLeads>,
    clock: FixedClock,
    owner: Scope,
}

fn world() -> World {
    let store = Arc::new(InMemoryLeads::default());
    let clock = FixedClock::at(datetime!(2026-11-25 10:00 UTC));
    let service = LeadService::new(store.clone(), store.clone(), Arc::new(clock.clone()));
    let owner = Scope::for_test(WorkspaceId::new(), Actor::User { id: UserId::new(), role: Role::Owner });
    World { service, store, clock, owner }
}

fn as_role(scope: &Scope, role: Role) -> Scope {
    Scope::for_test(scope.workspace(), Actor::User { id: UserId::new(), role })
}

fn token(scope: &Scope, scopes: &[TokenScope]) -> Scope {
    Scope::for_test(
        scope.workspace(),
        Actor::Token { id: ApiTokenId::new(), scopes: scopes.iter().copied().collect::<BTreeSet<_>>() },
    )
}

fn named(name: &str) -> NewLead {
    NewLead { name: name.into(), ..NewLead::default() }
}

#[tokio::test]
async fn a_lead_is_created_new_with_normalised_contact_details_and_audited() {
    let w = world();
    let input = NewLead {
        email: Some(" Ada@Example.COM ".into()),
        phone: Some("+44 20 7946 0958".into()),
        source: Some("referral".into()),
        ..named("Ada")
    };
    let lead = w.service.create(&w.owner, input).await.expect("created");
    assert_eq!(lead.lead.status, LeadStatus::New);
    assert_eq!(lead.lead.email.as_ref().map(|e| e.as_str()), Some("ada@example.com"));
    assert_eq!(lead.lead.phone.as_ref().map(|p| p.as_str()), Some("+442079460958"));
    assert_eq!(w.store.actions(&w.owner), ["lead.created"]);
}

#[tokio::test]
async fn invalid_fields_are_all_reported_and_nothing_is_written() {
    let w = world();
    let input =
        NewLead { email: Some("nope".into()), phone: Some("abc".into()), status: Some("won".into()), ..named(" ") };
    let Err(LeadError::Invalid(fields)) = w.service.create(&w.owner, input).await else { panic!("invalid") };
    let names: Vec<_> = fields.iter().map(|f| f.field).collect();
    assert_eq!(names, ["name", "email", "phone", "status"]);
    assert!(w.store.actions(&w.owner).is_empty());
}

#[tokio::test]
async fn qualified_lead_requires_next_action_date() {
    let w = world();
    let Err(LeadError::Invalid(f)) =
        w.service.create(&w.owner, NewLead { status: Some("qualified".into()), ..named("A") }).await
    else {
        panic!()
    };
    assert_eq!((f[0].field, f[0].code), ("nextActionDate", "required"));
    let lead = w.service.create(&w.owner, named("B")).await.expect("new");
    let to_qualified = LeadChanges { status: Some("qualified".into()), ..LeadChanges::default() };
    let Err(LeadError::Invalid(f)) = w.service.update(&w.owner, lead.lead.id, to_qualified.clone()).await else {
        panic!()
    };
    assert_eq!(f[0].field, "nextActionDate");
    let with_date = LeadChanges { next_action_date: Patch::Set(date!(2026 - 11 - 30)), ..to_qualified };
    let qualified = w.service.update(&w.owner, lead.lead.id, with_date).await.expect("qualified");
    assert_eq!(qualified.lead.status, LeadStatus::Qualified);
    let clear = LeadChanges { next_action_date: Patch::Clear, ..LeadChanges::default() };
    assert!(
        matches!(w.service.update(&w.owner, lead.lead.id, clear).await, Err(LeadError::Invalid(_))),
        "cannot drop the date while qualified"
    );
}

#[tokio::test]
async fn status_moves_follow_the_flow_and_converted_is_unreachable() {
    let w = world();
    let lead =
        w.service.create(&w.owner, NewLead { status: Some("contacted".into()), ..named("A") }).await.expect("created");
    let back = LeadChanges { status: Some("new".into()), ..LeadChanges::default() };
    assert!(matches!(w.service.update(&w.owner, lead.lead.id, back).await, Err(LeadError::InvalidTransition { .. })));
    let convert = LeadChanges { status: Some("converted".into()), ..LeadChanges::default() };
    assert!(matches!(
        w.service.update(&w.owner, lead.lead.id, convert).await,
        Err(LeadError::InvalidTransition { .. })
    ));
    let Err(LeadError::Invalid(_)) =
        w.service.create(&w.owner, NewLead { status: Some("converted".into()), ..named("C") }).await
    else {
        panic!()
    };
    let drop = LeadChanges { status: Some("unqualified".into()), ..LeadChanges::default() };
    let dropped = w.service.update(&w.owner, lead.lead.id, drop).await.expect("unqualified");
    assert_eq!(dropped.lead.status, LeadStatus::Unqualified);
    assert_eq!(w.store.actions(&w.owner).last().map(String::as_str), Some("lead.status_changed"));
}

#[tokio::test]
async fn unknown_and_archived_sources_are_refused_but_archived_ones_stay_on_old_leads() {
    let w = world();
    let Err(LeadError::Invalid(f)) =
        w.service.create(&w.owner, NewLead { source: Some("trade_fair".into()), ..named("A") }).await
    else {
        panic!()
    };
    assert_eq!((f[0].field, f[0].code), ("source", "unknown_source"));
    w.service.add_source(&w.owner, "trade_fair", "Trade fair").await.expect("added");
    let old =
        w.service.create(&w.owner, NewLead { source: Some("trade_fair".into()), ..named("B") }).await.expect("created");
    w.service.set_source_archived(&w.owner, "trade_fair", true).await.expect("archived");
    let Err(LeadError::Invalid(f)) =
        w.service.create(&w.owner, NewLead { source: Some("trade_fair".into()), ..named("C") }).await
    else {
        panic!()
    };
    assert_eq!(f[0].code, "archived_source");
    let kept = w
        .service
        .update(
            &w.owner,
            old.lead.id,
            LeadChanges { name: Some("B2".into()), source: Some("trade_fair".into()), ..LeadChanges::default() },
        )
        .await
        .expect("kept");
    assert_eq!(kept.lead.source.as_str(), "trade_fair");
    let sources = w.service.sources(&w.owner).await.expect("sources");
    assert_eq!(sources.len(), 9);
    assert!(sources.iter().any(|s| s.slug.as_str() == "trade_fair" && s.archived));
}

#[tokio::test]
async fn only_owners_manage_sources_and_built_ins_cannot_be_archived() {
    let w = world();
    let manager = as_role(&w.owner, Role::Manager);
    assert!(matches!(w.service.add_source(&manager, "fair", "Fair").await, Err(LeadError::Forbidden(_))));
    assert!(matches!(w.service.set_source_archived(&w.owner, "website", true).await, Err(LeadError::SourceNotFound)));
    assert!(matches!(w.service.add_source(&w.owner, "website", "Web").await, Err(LeadError::SourceExists)));
}

#[tokio::test]
async fn viewers_read_but_never_write_and_tokens_need_the_scope() {
    let w = world();
    let lead = w.service.create(&w.owner, named("A")).await.expect("created");
    let viewer = as_role(&w.owner, Role::Viewer);
    assert!(w.service.get(&viewer, lead.lead.id).await.is_ok());
    assert!(matches!(w.service.create(&viewer, named("B")).await, Err(LeadError::Forbidden(_))));
    let read_only = token(&w.owner, &[TokenScope::LeadsRead]);
    assert!(w.service.get(&read_only, lead.lead.id).await.is_ok());
    assert!(matches!(
        w.service.create(&read_only, named("B")).await,
        Err(LeadError::MissingScope(TokenScope::LeadsWrite))
    ));
    let orders = token(&w.owner, &[TokenScope::OrdersRead]);
    assert!(matches!(w.service.get(&orders, lead.lead.id).await, Err(LeadError::MissingScope(TokenScope::LeadsRead))));
    let writer = token(&w.owner, &[TokenScope::LeadsWrite]);
    assert!(w.service.create(&writer, named("C")).await.is_ok());
}

#[tokio::test]
async fn assignees_must_be_members_of_the_workspace() {
    let w = world();
    let member = UserId::new();
    w.store.add_member(&w.owner, member);
    let lead = w.service.create(&w.owner, named("A")).await.expect("created");
    let stranger = LeadChanges { assignee_id: Patch::Set(UserId::new()), ..LeadChanges::default() };
    assert!(matches!(w.service.update(&w.owner, lead.lead.id, stranger).await, Err(LeadError::AssigneeNotFound)));
    let assign = LeadChanges { assignee_id: Patch::Set(member), ..LeadChanges::default() };
    let assigned = w.service.update(&w.owner, lead.lead.id, assign).await.expect("assigned");
    assert_eq!(assigned.lead.assignee_id, Some(member));
    assert_eq!(w.store.actions(&w.owner).last().map(String::as_str), Some("lead.assigned"));
}

#[tokio::test]
async fn assigning_a_lead_to_someone_else_notifies_them_with_a_link_to_the_lead() {
    let w = world();
    let member = UserId::new();
    w.store.add_member(&w.owner, member);
    let created = w.service.create(&w.owner, NewLead { assignee_id: Some(member), ..named("Ada") }).await.expect("c");
    let sent = w.store.notifications(&w.owner);
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].recipient, sent[0].kind, sent[0].entity_type), (member, "lead.assigned", "lead"));
    assert_eq!((sent[0].entity_id, sent[0].title.as_str()), (created.lead.id.as_uuid(), "Ada"));
    let other = w.service.create(&w.owner, named("Bob")).await.expect("c");
    let assign = LeadChanges { assignee_id: Patch::Set(member), ..LeadChanges::default() };
    w.service.update(&w.owner, other.lead.id, assign).await.expect("assigned");
    assert_eq!(w.store.notifications(&w.owner).len(), 2);
}

#[tokio::test]
async fn self_assignment_and_unchanged_assignee_send_nothing() {
    let w = world();
    let me = w.owner.user().expect("user");
    w.store.add_member(&w.owner, me);
    let mine = w.service.create(&w.owner, NewLead { assignee_id: Some(me), ..named("Mine") }).await.expect("c");
    let member = UserId::new();
    w.store.add_member(&w.owner, member);
    let theirs = w.service.create(&w.owner, NewLead { assignee_id: Some(member), ..named("T") }).await.expect("c");
    let rename = LeadChanges { name: Some("T2".into()), ..LeadChanges::default() };
    w.service.update(&w.owner, theirs.lead.id, rename).await.expect("renamed");
    let to_me = LeadChanges { assignee_id: Patch::Set(me), ..LeadChanges::default() };
    w.service.update(&w.owner, theirs.lead.id, to_me).await.expect("taken");
    assert!(w.service.get(&w.owner, mine.lead.id).await.is_ok());
    let sent = w.store.notifications(&w.owner);
    assert_eq!(sent.iter().map(|n| n.recipient).collect::<Vec<_>>(), [member], "only the one assignment to T");
}

#[tokio::test]
async fn leads_go_stale_and_lose_score_as_time_moves() {
    let w = world();
    let lead = w.service.create(&w.owner, named("A")).await.expect("created");
    assert!(!lead.stale);
    w.clock.advance(Duration::days(8));
    let later = w.service.get(&w.owner, lead.lead.id).await.expect("read");
    assert!(later.stale);
    assert!(later.score.value < lead.score.value);
    let stale_only = LeadFilter { stale: Some(true), ..LeadFilter::default() };
    let (page, _) =
        w.service.list(&w.owner, stale_only, LeadSort::default(), None, Limit::DEFAULT).await.expect("list");
    assert_eq!(page.len(), 1);
}

#[tokio::test]
async fn an_update_that_changes_nothing_writes_nothing() {
    let w = world();
    let lead = w.service.create(&w.owner, named("A")).await.expect("created");
    w.service
        .update(&w.owner, lead.lead.id, LeadChanges { name: Some("A".into()), ..LeadChanges::default() })
        .await
        .expect("noop");
    assert_eq!(w.store.actions(&w.owner), ["lead.created"]);
}

#[tokio::test]
async fn pages_walk_every_lead_once_in_each_sort_order() {
    let w = world();
    for (i, name) in ["delta", "Alpha", "charlie", "bravo", "echo"].iter().enumerate() {
        let day = u8::try_from(i).unwrap_or(0) % 2;
        let date = (day == 0).then(|| date!(2026 - 12 - 01) + Duration::days(i64::from(day)));
        w.service.create(&w.owner, NewLead { next_action_date: date, ..named(name) }).await.expect("created");
        w.clock.advance(Duration::seconds(1));
    }
    for sort in ["-createdAt", "createdAt", "name", "-name", "updatedAt", "nextActionDate", "-nextActionDate"] {
        let sort = LeadSort::parse(sort).expect("sort");
        let (mut seen, mut cursor) = (Vec::new(), None);
        loop {
            let (page, next) = w
                .service
                .list(&w.owner, LeadFilter::default(), sort, cursor, Limit::parse(2).expect("limit"))
                .await
                .expect("page");
            seen.extend(page.into_iter().map(|l| l.lead.name.as_str().to_owned()));
            match next {
                Some(n) => cursor = Some(n),
                None => break,
            }
        }
        assert_eq!(seen.len(), 5, "{sort:?}: {seen:?}");
        if sort == LeadSort::parse("name").expect("sort") {
            assert_eq!(seen, ["Alpha", "bravo", "charlie", "delta", "echo"]);
        }
    }
}
