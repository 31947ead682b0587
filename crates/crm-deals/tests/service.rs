//! Deal and pipeline rules against in-memory fakes.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_deals::fakes::{InMemoryDeals, default_pipeline};
use crm_deals::service::StageInput;
use crm_deals::{
    DealChanges, DealError, DealFilter, DealService, LostReason, NewDeal, Patch, Pipeline, StageKind, StageMove,
};
use crm_kernel::{
    Actor, Clock, Currency, FixedClock, Limit, LostReasonId, Resource, Role, Scope, StageId, UserId, WorkspaceId,
};
use time::Duration;
use time::macros::datetime;

struct World {
    service: DealService,
    store: Arc<InMemoryDeals>,
    clock: FixedClock,
    owner: Scope,
    mate: UserId,
    pipeline: Pipeline,
    reason: LostReason,
}

fn world() -> World {
    let owner_id = UserId::new();
    let mate = UserId::new();
    let pipeline = default_pipeline();
    let reason = LostReason { id: LostReasonId::new(), label: "Price too high".into(), position: 0, archived: false };
    let workspace = WorkspaceId::new();
    let store = Arc::new(InMemoryDeals::new(
        workspace,
        vec![pipeline.clone()],
        vec![reason.clone()],
        vec![owner_id, mate],
        (Vec::new(), Vec::new()),
        Currency::parse("EUR").unwrap(),
    ));
    let clock = FixedClock::at(datetime!(2026-11-26 10:00 UTC));
    let service = DealService::new(store.clone(), store.clone(), Arc::new(clock.clone()));
    let owner = Scope::for_test(workspace, Actor::User { id: owner_id, role: Role::Owner });
    World { service, store, clock, owner, mate, pipeline, reason }
}

fn as_role(scope: &Scope, role: Role) -> Scope {
    Scope::for_test(scope.workspace(), Actor::User { id: UserId::new(), role })
}

fn stage(p: &Pipeline, name: &str) -> StageId {
    p.stages.iter().find(|s| s.name == name).expect(name).id
}

fn titled(title: &str, amount: &str) -> NewDeal {
    NewDeal { title: title.into(), amount: Some(amount.into()), ..NewDeal::default() }
}

fn to(stage: StageId) -> StageMove {
    StageMove { stage_id: stage, ..StageMove::default() }
}

#[tokio::test]
async fn a_new_deal_starts_in_the_first_open_stage_with_its_probability_and_weighted_amount() {
    let w = world();
    let deal = w.service.create(&w.owner, titled("Globex", "1234.56")).await.expect("deal");
    assert_eq!(deal.stage.name, "Qualification");
    assert_eq!(deal.deal.status, StageKind::Open);
    assert_eq!(deal.probability.get(), 10);
    assert_eq!(deal.weighted.to_string(), "123.46", "1234.56 × 10% = 123.456, rounded half up");
    assert_eq!(w.store.audit().iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["deal.created"]);
}

#[tokio::test]
async fn bad_input_names_every_field_and_writes_nothing() {
    let w = world();
    let input = NewDeal {
        title: "  ".into(),
        amount: Some("12.345".into()),
        probability: Some(101),
        stage_id: Some(stage(&w.pipeline, "Won")),
        ..NewDeal::default()
    };
    let Err(DealError::Invalid(errors)) = w.service.create(&w.owner, input).await else { panic!("invalid") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["title", "amount", "probability", "stageId"]);
    assert!(w.store.audit().is_empty());
}

#[tokio::test]
async fn lost_needs_a_reason_won_stamps_the_close_and_closed_deals_move_only_after_a_reopen() {
    let w = world();
    let deal = w.service.create(&w.owner, titled("Initech", "100")).await.expect("deal").deal;
    let lost = stage(&w.pipeline, "Lost");
    let refused = w.service.move_stage(&w.owner, deal.id, to(lost)).await;
    assert!(matches!(refused, Err(DealError::LostReasonRequired)), "{refused:?}");
    let both = StageMove { lost_reason_id: Some(w.reason.id), lost_reason_other: Some("x".into()), ..to(lost) };
    assert!(matches!(w.service.move_stage(&w.owner, deal.id, both).await, Err(DealError::Invalid(_))));
    let unknown = StageMove { lost_reason_id: Some(LostReasonId::new()), ..to(lost) };
    assert!(matches!(w.service.move_stage(&w.owner, deal.id, unknown).await, Err(DealError::Invalid(_))));

    let other = StageMove { lost_reason_other: Some("Went with a spreadsheet".into()), ..to(lost) };
    let closed = w.service.move_stage(&w.owner, deal.id, other).await.expect("lost");
    assert_eq!(closed.deal.status, StageKind::Lost);
    assert_eq!(closed.lost_reason.as_deref(), Some("Went with a spreadsheet"));
    assert_eq!(closed.deal.closed_at, Some(closed.deal.updated_at), "closing is the change; stamped with its time");
    assert_eq!(closed.weighted.minor(), 0);
    let moved = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Won"))).await;
    assert!(matches!(moved, Err(DealError::Closed("lost"))), "{moved:?}");

    w.clock.advance(Duration::days(2));
    let reopened = w.service.reopen(&w.owner, deal.id, Some(stage(&w.pipeline, "Proposal"))).await.expect("reopen");
    assert_eq!((reopened.deal.status, reopened.stage.name.as_str()), (StageKind::Open, "Proposal"));
    assert_eq!((reopened.deal.closed_at, reopened.deal.loss.clone()), (None, None));
    assert!(matches!(w.service.reopen(&w.owner, deal.id, None).await, Err(DealError::NotClosed)));

    w.clock.advance(Duration::days(3));
    let won = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Won"))).await.expect("won");
    assert_eq!(won.deal.closed_at, Some(w.clock.now()), "won stamps the close date");
    assert_eq!(won.deal.opened_at, deal.opened_at, "the cycle is measured from the first opening");
    assert_eq!(won.weighted, won.deal.amount);
    let actions: Vec<String> = w.store.audit().into_iter().map(|a| a.action).collect();
    assert_eq!(actions, ["deal.created", "deal.lost", "deal.reopened", "deal.won"]);
}

#[tokio::test]
async fn a_probability_override_survives_stage_moves_and_clears_back_to_the_stage_default() {
    let w = world();
    let next_step = Some(w.clock.now().date() + Duration::days(7));
    let input = NewDeal { probability: Some(65), next_action_date: next_step, ..titled("Hooli", "200") };
    let deal = w.service.create(&w.owner, input).await.expect("deal").deal;
    let moved = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Negotiation"))).await.expect("moved");
    assert_eq!((moved.probability.get(), moved.weighted.minor()), (65, 13_000));
    let changes = DealChanges { probability: Patch::Clear, ..DealChanges::default() };
    let cleared = w.service.update(&w.owner, deal.id, changes).await.expect("cleared");
    assert_eq!((cleared.probability.get(), cleared.weighted.minor()), (75, 15_000));
}

#[tokio::test]
async fn an_owner_change_notifies_the_new_owner_unless_it_is_yourself() {
    let w = world();
    let me = w.owner.user().expect("user");
    let deal =
        w.service.create(&w.owner, NewDeal { owner_id: Some(me), ..titled("Mine", "1") }).await.expect("deal").deal;
    assert!(w.store.notifications().is_empty(), "owning your own deal signals nothing");
    let to_mate = DealChanges { owner_id: Patch::Set(w.mate), ..DealChanges::default() };
    w.service.update(&w.owner, deal.id, to_mate.clone()).await.expect("reassigned");
    w.service.update(&w.owner, deal.id, to_mate).await.expect("unchanged");
    let sent = w.store.notifications();
    assert_eq!(sent.len(), 1, "one per change of owner");
    assert_eq!((sent[0].recipient, sent[0].kind, sent[0].entity_id), (w.mate, "deal.assigned", deal.id.as_uuid()));
    let stranger = DealChanges { owner_id: Patch::Set(UserId::new()), ..DealChanges::default() };
    assert!(matches!(w.service.update(&w.owner, deal.id, stranger).await, Err(DealError::OwnerNotFound)));
}

#[tokio::test]
async fn viewers_read_but_never_write_and_only_owners_configure_pipelines() {
    let w = world();
    let deal = w.service.create(&w.owner, titled("Read me", "5")).await.expect("deal").deal;
    let viewer = as_role(&w.owner, Role::Viewer);
    let manager = as_role(&w.owner, Role::Manager);
    assert!(w.service.get(&viewer, deal.id).await.is_ok());
    assert!(matches!(w.service.create(&viewer, titled("No", "1")).await, Err(DealError::Forbidden(_))));
    assert!(matches!(
        w.service.move_stage(&viewer, deal.id, to(stage(&w.pipeline, "Proposal"))).await,
        Err(DealError::Forbidden(_))
    ));
    assert!(w.service.create(&manager, titled("Yes", "1")).await.is_ok());
    assert!(matches!(w.service.add_lost_reason(&manager, "Nope").await, Err(DealError::Forbidden(_))));
    assert!(matches!(w.service.create_pipeline(&manager, "Nope").await, Err(DealError::Forbidden(_))));
}

#[tokio::test]
async fn stage_lists_keep_won_and_lost_last_and_terminal() {
    let w = world();
    let p = &w.pipeline;
    let input = |order: &[&str]| -> Vec<StageInput> {
        order
            .iter()
            .map(|name| StageInput {
                id: p.stages.iter().find(|s| s.name == *name).map(|s| s.id),
                name: (*name).into(),
                probability: 30,
            })
            .collect()
    };
    let misplaced = ["Qualification", "Won", "Needs analysis", "Proposal", "Negotiation", "Lost"];
    assert!(matches!(w.service.save_stages(&w.owner, p.id, input(&misplaced)).await, Err(DealError::StageRule(_))));
    let missing = ["Qualification", "Needs analysis", "Proposal", "Won", "Lost"];
    assert!(matches!(w.service.save_stages(&w.owner, p.id, input(&missing)).await, Err(DealError::StageRule(_))));
    let renamed = ["Negotiation", "Qualification", "Needs analysis", "Proposal", "Demo", "Won", "Lost"];
    let saved = w.service.save_stages(&w.owner, p.id, input(&renamed)).await.expect("saved");
    let names: Vec<&str> = saved.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, renamed);
    let probabilities: Vec<u8> = saved.stages.iter().map(|s| s.probability.get()).collect();
    assert_eq!(probabilities, [30, 30, 30, 30, 30, 100, 0], "won and lost keep 100 and 0");
    assert_eq!(saved.stages[4].kind, StageKind::Open, "new stages are open");

    let won = stage(&saved, "Won");
    assert!(matches!(w.service.remove_stage(&w.owner, p.id, won, None).await, Err(DealError::StageRule(_))));
}

#[tokio::test]
async fn stale_means_open_without_an_update_for_fourteen_days() {
    let w = world();
    let quiet = w.service.create(&w.owner, titled("Quiet", "1")).await.expect("deal").deal;
    let busy = w.service.create(&w.owner, titled("Busy", "1")).await.expect("deal").deal;
    let closed = w.service.create(&w.owner, titled("Closed", "1")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, closed.id, to(stage(&w.pipeline, "Won"))).await.expect("won");
    w.clock.advance(Duration::days(14) + Duration::seconds(1));
    w.service
        .update(&w.owner, busy.id, DealChanges { title: Some("Busy!".into()), ..DealChanges::default() })
        .await
        .expect("touched");
    let stale = DealFilter { stale: true, ..DealFilter::default() };
    let (rows, _) = w.service.list(&w.owner, stale, None, Limit::default()).await.expect("list");
    assert_eq!(rows.iter().map(|d| d.deal.id).collect::<Vec<_>>(), [quiet.id]);
    assert!(rows[0].stale);
}

#[tokio::test]
async fn a_deal_progresses_only_with_a_next_step_of_today_or_later() {
    let w = world();
    let deal = w.service.create(&w.owner, titled("Umbrella", "500")).await.expect("deal").deal;
    let proposal = stage(&w.pipeline, "Proposal");
    let refused = w.service.move_stage(&w.owner, deal.id, to(proposal)).await;
    assert!(matches!(refused, Err(DealError::NextActionRequired)), "{refused:?}");
    let yesterday = w.clock.now().date() - Duration::days(1);
    let past = StageMove { next_action_date: Some(yesterday), ..to(proposal) };
    assert!(matches!(w.service.move_stage(&w.owner, deal.id, past).await, Err(DealError::Invalid(_))));
    assert_eq!(w.store.audit().len(), 1, "refused moves write nothing");

    let today = w.clock.now().date();
    let planned =
        StageMove { next_action_date: Some(today), next_action_text: Some("Send the proposal".into()), ..to(proposal) };
    let moved = w.service.move_stage(&w.owner, deal.id, planned).await.expect("moved with its next step");
    assert_eq!(moved.stage.name, "Proposal");
    assert_eq!(
        (moved.deal.next_action_date, moved.deal.next_action_text.as_deref()),
        (Some(today), Some("Send the proposal"))
    );
    let back = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Qualification"))).await;
    assert!(back.is_ok(), "moving back is not progress: {back:?}");
    let again = w.service.move_stage(&w.owner, deal.id, to(proposal)).await;
    assert!(again.is_ok(), "the deal's own next action (today) counts: {again:?}");

    w.clock.advance(Duration::days(1));
    let overdue = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Negotiation"))).await;
    assert!(matches!(overdue, Err(DealError::NextActionRequired)), "a past next action is no next step");
    let won = w.service.move_stage(&w.owner, deal.id, to(stage(&w.pipeline, "Won"))).await;
    assert!(won.is_ok(), "winning needs no next step: {won:?}");
}

#[tokio::test]
async fn the_board_headline_is_the_open_pipeline_and_closed_columns_show_this_quarter() {
    let w = world();
    let lost = StageMove { lost_reason_id: Some(w.reason.id), ..to(stage(&w.pipeline, "Lost")) };
    // Closed last quarter (the clock is in Q4 2026): outside the default period.
    w.clock.set(datetime!(2026-09-15 10:00 UTC));
    let old_win = w.service.create(&w.owner, titled("Old win", "5000")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, old_win.id, to(stage(&w.pipeline, "Won"))).await.expect("won");
    w.clock.set(datetime!(2026-11-26 10:00 UTC));
    let open = w.service.create(&w.owner, titled("Open", "1000")).await.expect("deal").deal;
    let won = w.service.create(&w.owner, titled("Won", "300")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, won.id, to(stage(&w.pipeline, "Won"))).await.expect("won");
    let gone = w.service.create(&w.owner, titled("Lost", "700")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, gone.id, lost).await.expect("lost");

    let limit = Limit::default();
    let board = w.service.board(&w.owner, w.pipeline.id, DealFilter::default(), limit).await.expect("board");
    assert_eq!(board.closed_since, datetime!(2026-10-01 00:00 UTC), "default period: this quarter");
    assert_eq!(
        (board.totals.count, board.totals.amount_minor, board.totals.weighted_minor),
        (1, 100_000, 10_000),
        "the headline counts the open deal only (1000 at 10%), not won or lost ones"
    );
    let column = |name: &str| board.columns.iter().find(|c| c.stage.name == name).expect(name);
    assert_eq!(column("Qualification").deals.iter().map(|d| d.deal.id).collect::<Vec<_>>(), [open.id]);
    let won_column = column("Won");
    assert_eq!((won_column.totals.count, won_column.totals.amount_minor), (1, 30_000), "only this quarter's win");
    assert_eq!(won_column.deals.iter().map(|d| d.deal.id).collect::<Vec<_>>(), [won.id]);
    assert_eq!((column("Lost").totals.count, column("Lost").totals.amount_minor), (1, 70_000));

    let all_time = DealFilter { closed_since: Some(datetime!(2000-01-01 00:00 UTC)), ..DealFilter::default() };
    let board = w.service.board(&w.owner, w.pipeline.id, all_time, limit).await.expect("board");
    let won_column = board.columns.iter().find(|c| c.stage.name == "Won").expect("won");
    assert_eq!((won_column.totals.count, won_column.totals.amount_minor), (2, 530_000), "a longer period");
    assert_eq!(board.totals.amount_minor, 100_000, "the headline does not depend on the period");
}

#[tokio::test]
async fn lifetime_value_lists_money_in_another_currency_instead_of_dropping_it() {
    let w = world();
    let won = to(stage(&w.pipeline, "Won"));
    let eur_deal = w.service.create(&w.owner, titled("In euros", "250.50")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, eur_deal.id, won.clone()).await.expect("won");
    w.store.set_currency(Currency::parse("USD").unwrap());
    let usd_deal = w.service.create(&w.owner, titled("In dollars", "100")).await.expect("deal").deal;
    w.service.move_stage(&w.owner, usd_deal.id, won).await.expect("won");
    w.service.create(&w.owner, titled("Open in dollars", "40")).await.expect("deal");

    let (summary, currency) = w.service.summary(&w.owner, DealFilter::default()).await.expect("summary");
    assert_eq!(currency.code(), "USD");
    assert_eq!((summary.won.count, summary.won.amount_minor), (2, 10_000), "both wins counted, USD summed");
    assert_eq!(summary.won.other_currency_count, 1, "one win is in another currency");
    assert_eq!(summary.won_other.iter().map(ToString::to_string).collect::<Vec<_>>(), ["250.50"]);
    assert_eq!(summary.won_other[0].currency().code(), "EUR");
    assert!(summary.open_other.is_empty());
    assert_eq!(summary.open.amount_minor, 4_000);
}

#[tokio::test]
async fn another_workspaces_deals_pipelines_and_members_are_invisible() {
    let w = world();
    let ours = w.service.create(&w.owner, titled("Globex", "100")).await.expect("deal");
    let elsewhere = Scope::for_test(WorkspaceId::new(), Actor::User { id: w.mate, role: Role::Owner });

    let read = w.service.get(&elsewhere, ours.deal.id).await;
    let (listed, _) = w.service.list(&elsewhere, DealFilter::default(), None, Limit::DEFAULT).await.expect("list");
    let pipelines = w.service.pipelines(&elsewhere).await.expect("pipelines");
    let moved = w.service.move_stage(&elsewhere, ours.deal.id, to(stage(&w.pipeline, "Proposal"))).await;

    assert!(matches!(read, Err(DealError::NotFound(Resource::Deal))), "{read:?}");
    assert!(listed.is_empty());
    assert!(pipelines.is_empty(), "the pipelines belong to the first workspace");
    assert!(matches!(moved, Err(DealError::NotFound(_))), "{moved:?}");
    assert_eq!(w.service.get(&w.owner, ours.deal.id).await.expect("ours").stage.name, "Qualification");
}
