//! Deals, board totals and lead conversion on SQLite and PostgreSQL.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use crm_deals::conversion::{Choice, ConversionChoices, ConversionStore, ConversionWrite};
use crm_deals::fakes::InMemoryDeals;
use crm_deals::{
    ConversionService, Deal, DealError, DealFilter, DealQuery, DealService, DealStore, LossReason, NewDeal,
    PipelineStore, StageKind, StageMove,
};
use crm_kernel::text::Tags;
use crm_kernel::{AuditEntry, Clock, Email, Limit, Scope, SystemClock};
use crm_leads::{Lead, LeadName, LeadStatus, LeadStore, SourceSlug};
use crm_store::{SeaContactStore, SeaDealStore, SeaLeadStore};
use crm_testkit::{Backend, fresh_db, now, seed};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use time::{Duration, OffsetDateTime};

crm_testkit::on_both_backends!(
    workers = 4;
    twenty_concurrent_conversions_create_exactly_one_of_each,
    a_conversion_failing_half_way_leaves_nothing_behind,
    board_totals_add_up_the_cards_and_follow_the_filters,
    a_stage_holding_deals_goes_only_with_its_deals_moved,
    lists_and_totals_match_the_specification_for_every_filter,
);

struct World {
    db: DatabaseConnection,
    scope: Scope,
    deals: DealService,
    conversion: ConversionService,
    store: Arc<SeaDealStore>,
    leads: Arc<SeaLeadStore>,
}

/// A workspace with its default pipeline, as sign-up creates it.
async fn world(backend: Backend) -> World {
    let db = fresh_db(backend).await.expect("db").db;
    let ws = seed::workspace(&db, now()).await.expect("workspace with defaults");
    let scope = seed::owner_scope(ws);
    let store = Arc::new(SeaDealStore::new(db.clone()));
    let leads = Arc::new(SeaLeadStore::new(db.clone()));
    let contacts = Arc::new(SeaContactStore::new(db.clone()));
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    World {
        deals: DealService::new(store.clone(), store.clone(), clock.clone()),
        conversion: ConversionService::new(leads.clone(), contacts, store.clone(), store.clone(), store.clone(), clock),
        db,
        scope,
        store,
        leads,
    }
}

async fn qualified_lead(w: &World) -> Lead {
    let at = now();
    let lead = Lead {
        id: crm_kernel::LeadId::new(),
        workspace_id: w.scope.workspace(),
        name: LeadName::from_trusted("Ada Lovelace".into()),
        email: Some(Email::from_trusted("ada@engines.test".into())),
        phone: None,
        company: Some("Analytical Engines".into()),
        source: SourceSlug::from_trusted("website".into()),
        status: LeadStatus::Qualified,
        assignee_id: None,
        next_action_date: Some(time::macros::date!(2026 - 12 - 01)),
        next_action_text: Some("Send the proposal".into()),
        notes: None,
        tags: Tags::default(),
        created_at: at,
        updated_at: at,
        last_activity_at: at,
        converted_at: None,
        converted_to: None,
    };
    let audit = AuditEntry::new(&w.scope, "lead.created", lead.id, "x", at);
    w.leads.insert_lead(&w.scope, &lead, &audit, None).await.expect("lead");
    lead
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .expect("count")
        .expect("row");
    row.try_get("", "n").expect("n")
}

fn create_all() -> ConversionChoices {
    ConversionChoices {
        contact: Choice::Create,
        company: Choice::Create,
        deal_title: None,
        deal_amount: Some("1200.50".into()),
        pipeline_id: None,
        stage_id: None,
        expected_close_date: None,
    }
}

async fn twenty_concurrent_conversions_create_exactly_one_of_each(backend: Backend) {
    let w = Arc::new(world(backend).await);
    let lead = qualified_lead(&w).await;
    let attempts = (0..20).map(|_| {
        let w = w.clone();
        tokio::spawn(async move { w.conversion.convert(&w.scope, lead.id, &create_all()).await })
    });
    let outcomes: Vec<_> = futures::future::join_all(attempts).await.into_iter().map(|r| r.expect("join")).collect();
    let won: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "exactly one conversion succeeds: {outcomes:?}");
    assert!(
        outcomes.iter().filter_map(|o| o.as_ref().err()).all(|e| matches!(e, DealError::AlreadyConverted)),
        "the others are told the lead is already converted: {outcomes:?}"
    );
    for table in ["contacts", "companies", "deals"] {
        assert_eq!(count(&w.db, table).await, 1, "{table}");
    }
    let converted = w.leads.find_lead(&w.scope, lead.id).await.expect("read").expect("lead");
    assert_eq!(converted.status, LeadStatus::Converted);
    assert_eq!(converted.converted_to, Some(won[0].to));
    let deal = w.deals.get(&w.scope, won[0].to.deal_id).await.expect("deal");
    assert_eq!(deal.deal.amount.minor(), 120_050);
    assert_eq!(deal.deal.lead_id, Some(lead.id));
    assert_eq!(deal.deal.next_action_text.as_deref(), Some("Send the proposal"));

    // A second conversion, later, is refused the same way.
    let again = w.conversion.convert(&w.scope, lead.id, &create_all()).await;
    assert!(matches!(again, Err(DealError::AlreadyConverted)), "{again:?}");
}

async fn a_conversion_failing_half_way_leaves_nothing_behind(backend: Backend) {
    let w = world(backend).await;
    let lead = qualified_lead(&w).await;
    let plan = w.conversion.preview(&w.scope, lead.id).await.expect("plan");
    let mut converted = lead.clone();
    converted.status = LeadStatus::Converted;
    converted.converted_at = Some(now());
    let mut deal = plan.deal.clone();
    // A stage that does not exist: the deal insert, the last write, fails
    // on its foreign key after the lead, company and contact were written.
    deal.stage_id = crm_kernel::StageId::new();
    let write = ConversionWrite {
        lead: converted,
        new_contact: Some(plan.contact.draft.clone()),
        new_company: plan.company.draft.clone(),
        deal,
        audit: vec![AuditEntry::new(&w.scope, "lead.converted", lead.id, "x", now())],
    };
    assert!(w.store.convert(&w.scope, &write).await.is_err());
    for table in ["contacts", "companies", "deals"] {
        assert_eq!(count(&w.db, table).await, 0, "{table}");
    }
    let still = w.leads.find_lead(&w.scope, lead.id).await.expect("read").expect("lead");
    assert_eq!(still.status, LeadStatus::Qualified);
    assert_eq!(still.converted_to, None);
    // And the lead still converts afterwards.
    w.conversion.convert(&w.scope, lead.id, &create_all()).await.expect("converts");
}

async fn board_totals_add_up_the_cards_and_follow_the_filters(backend: Backend) {
    let w = world(backend).await;
    let pipeline = w.deals.pipeline(&w.scope, None).await.expect("pipeline");
    let proposal = pipeline.stages.iter().find(|s| s.name == "Proposal").expect("proposal").id;
    let won = pipeline.stages.iter().find(|s| s.kind == StageKind::Won).expect("won").id;
    for (title, amount, probability, stage) in [
        ("Alpha", "10.05", None, None),
        ("Beta", "0.01", Some(50), None),
        ("Gamma", "999.99", None, Some(proposal)),
        ("Delta", "3.33", Some(33), Some(proposal)),
        ("Epsilon", "100", None, Some(proposal)),
    ] {
        let input = NewDeal {
            title: title.into(),
            amount: Some(amount.into()),
            probability,
            stage_id: stage,
            ..NewDeal::default()
        };
        w.deals.create(&w.scope, input).await.expect("deal");
    }
    let epsilon = w
        .deals
        .list(&w.scope, DealFilter { q: Some("EPS".into()), ..DealFilter::default() }, None, Limit::default())
        .await
        .expect("search")
        .0;
    assert_eq!(epsilon.len(), 1, "search is case-insensitive");
    w.deals
        .move_stage(&w.scope, epsilon[0].deal.id, StageMove { stage_id: won, ..StageMove::default() })
        .await
        .expect("won");

    let limit = Limit::parse(1).expect("limit");
    let board = w.deals.board(&w.scope, pipeline.id, DealFilter::default(), limit).await.expect("board");
    let all = w.deals.list(&w.scope, DealFilter::default(), None, Limit::default()).await.expect("list").0;
    for column in &board.columns {
        let cards: Vec<_> = all.iter().filter(|d| d.deal.stage_id == column.stage.id).collect();
        assert_eq!(column.totals.count, cards.len() as u64, "{}", column.stage.name);
        assert_eq!(column.totals.amount_minor, cards.iter().map(|d| d.deal.amount.minor()).sum::<i64>());
        assert_eq!(
            column.totals.weighted_minor,
            cards.iter().map(|d| d.weighted.minor()).sum::<i64>(),
            "weighted totals are the sum of the rounded card values in {}",
            column.stage.name
        );
        assert_eq!(column.deals.len(), cards.len().min(1));
        assert_eq!(column.next.is_some(), cards.len() > 1, "per-column pagination");
    }
    let won_column = board.columns.iter().find(|c| c.stage.id == won).expect("won column");
    assert_eq!((won_column.totals.amount_minor, won_column.totals.weighted_minor), (10_000, 10_000));
    let proposal_column = board.columns.iter().find(|c| c.stage.id == proposal).expect("proposal column");
    // Gamma 999.99 × 50% = 500.00 (499.995 rounds up), Delta 3.33 × 33% = 1.10.
    assert_eq!(proposal_column.totals.weighted_minor, 50_000 + 110);

    // Stale: nothing updated for 14 days yet; age one deal by hand.
    let stale = DealFilter { stale: true, ..DealFilter::default() };
    assert_eq!(w.deals.board(&w.scope, pipeline.id, stale.clone(), limit).await.expect("board").totals.count, 0);
    let old = now() - Duration::days(15);
    w.db.execute_raw(sea_orm::Statement::from_sql_and_values(
        w.db.get_database_backend(),
        "UPDATE deals SET updated_at = $1 WHERE title = 'Alpha'",
        [old.into()],
    ))
    .await
    .expect("age");
    let stale_board = w.deals.board(&w.scope, pipeline.id, stale, limit).await.expect("board");
    assert_eq!(stale_board.totals.count, 1);
    assert!(stale_board.columns.iter().flat_map(|c| &c.deals).all(|d| d.stale && d.deal.title == "Alpha"));
}

async fn a_stage_holding_deals_goes_only_with_its_deals_moved(backend: Backend) {
    let w = world(backend).await;
    let pipeline = w.deals.pipeline(&w.scope, None).await.expect("pipeline");
    let first = pipeline.stages[0].id;
    let second = pipeline.stages[1].id;
    let deal = w.deals.create(&w.scope, NewDeal { title: "Held".into(), ..NewDeal::default() }).await.expect("deal");
    let refused = w.deals.remove_stage(&w.scope, pipeline.id, first, None).await;
    assert!(matches!(refused, Err(DealError::StageNotEmpty { count: 1 })), "{refused:?}");
    w.deals.remove_stage(&w.scope, pipeline.id, first, Some(second)).await.expect("moved and removed");
    assert_eq!(w.deals.get(&w.scope, deal.deal.id).await.expect("deal").deal.stage_id, second);
    let after = w.store.pipelines(&w.scope).await.expect("pipelines");
    assert!(after[0].stages.iter().all(|s| s.id != first));
}

async fn lists_and_totals_match_the_specification_for_every_filter(backend: Backend) {
    let w = world(backend).await;
    let pipelines = w.store.pipelines(&w.scope).await.expect("pipelines");
    let reasons = w.store.lost_reasons(&w.scope).await.expect("reasons");
    let eur = crm_kernel::Currency::parse("EUR").unwrap();
    let usd = crm_kernel::Currency::parse("USD").unwrap();
    let fake = InMemoryDeals::new(
        w.scope.workspace(),
        pipelines.clone(),
        reasons.clone(),
        Vec::new(),
        (Vec::new(), Vec::new()),
        eur,
    );
    let stages = &pipelines[0].stages;
    let owners = [None, Some(w.scope.user().expect("user"))];
    let base = now();
    for i in 0..40_u32 {
        let audit = AuditEntry::new(&w.scope, "deal.created", crm_kernel::DealId::new(), "x", base);
        let stage = &stages[(i as usize) % stages.len()];
        let at = base - Duration::days(i64::from(i % 20));
        let deal = Deal {
            id: crm_kernel::DealId::new(),
            workspace_id: w.scope.workspace(),
            pipeline_id: stage.pipeline_id,
            stage_id: stage.id,
            status: stage.kind,
            title: format!("{} deal {i}", ["Alpha", "beta", "Gamma"][(i as usize) % 3]),
            amount: crm_kernel::Money::from_minor(i64::from(i) * 1_001 + 7, if i % 9 == 0 { usd } else { eur }),
            probability: (i % 4 == 0).then(|| crm_deals::Probability::from_trusted(u8::try_from(i % 97).unwrap())),
            expected_close_date: None,
            next_action_text: None,
            next_action_date: None,
            owner_id: owners[(i as usize) % 2],
            contact_id: None,
            company_id: None,
            lead_id: None,
            loss: (stage.kind == StageKind::Lost).then(|| LossReason::Other("gone".into())),
            notes: None,
            opened_at: at,
            closed_at: stage.kind.is_closed().then_some(at),
            created_at: at,
            updated_at: at,
        };
        w.store.insert_deal(&w.scope, &deal, &audit, None).await.expect("sql");
        fake.insert_deal(&w.scope, &deal, &audit, None).await.expect("fake");
    }
    // Moves and edits keep the kept totals equal to the specification.
    let some: Vec<Deal> = fake
        .list_deals(
            &w.scope,
            &DealQuery { filter: DealFilter::default(), before: None, limit: Limit::parse(12).unwrap(), now: base },
        )
        .await
        .expect("some");
    for (k, before) in some.iter().enumerate() {
        let target = &stages[(k * 5 + 1) % stages.len()];
        let mut after = before.clone();
        after.stage_id = target.id;
        after.status = target.kind;
        after.amount = crm_kernel::Money::from_minor(before.amount.minor() + 333, before.amount.currency());
        after.probability = (k % 2 == 0).then(|| crm_deals::Probability::from_trusted(33));
        after.updated_at = before.updated_at + Duration::microseconds(1);
        let audit = AuditEntry::new(&w.scope, "deal.updated", before.id, "x", base);
        assert!(w.store.update_deal(&w.scope, &after, before.updated_at, &audit, None).await.expect("sql"));
        assert!(fake.update_deal(&w.scope, &after, before.updated_at, &audit, None).await.expect("fake"));
    }
    let filters = [
        DealFilter::default(),
        DealFilter { pipeline_id: Some(pipelines[0].id), ..DealFilter::default() },
        DealFilter { stage_id: Some(stages[2].id), ..DealFilter::default() },
        DealFilter { status: Some(StageKind::Open), ..DealFilter::default() },
        DealFilter { status: Some(StageKind::Won), ..DealFilter::default() },
        DealFilter { owner_id: owners[1], ..DealFilter::default() },
        DealFilter { stale: true, ..DealFilter::default() },
        DealFilter { q: Some("beta".into()), ..DealFilter::default() },
        DealFilter { q: Some("deal 1".into()), stale: true, owner_id: owners[1], ..DealFilter::default() },
        DealFilter { pipeline_id: Some(crm_kernel::PipelineId::new()), ..DealFilter::default() },
        DealFilter { closed_since: Some(base - Duration::days(3)), ..DealFilter::default() },
        DealFilter { closed_since: Some(base + Duration::days(1)), ..DealFilter::default() },
    ];
    for filter in filters {
        assert_eq!(
            walk(w.store.as_ref(), &w.scope, &filter, base).await,
            walk(&fake, &w.scope, &filter, base).await,
            "{filter:?}"
        );
        let mut sql = w.store.stage_totals(&w.scope, &filter, base).await.expect("sql totals");
        let mut spec = fake.stage_totals(&w.scope, &filter, base).await.expect("spec totals");
        sql.sort_by_key(|t| (t.stage_id, t.currency.code()));
        spec.sort_by_key(|t| (t.stage_id, t.currency.code()));
        assert_eq!(sql, spec, "{filter:?}");
    }
}

/// Every id matching `filter`, page by page (6 at a time).
async fn walk(db: &dyn DealStore, scope: &Scope, filter: &DealFilter, now: OffsetDateTime) -> Vec<crm_kernel::DealId> {
    let (mut ids, mut before) = (Vec::new(), None);
    let limit = Limit::parse(6).expect("limit");
    loop {
        let q = DealQuery { filter: filter.clone(), before, limit, now };
        let mut rows = db.list_deals(scope, &q).await.expect("list");
        let more = rows.len() > 6;
        rows.truncate(6);
        ids.extend(rows.iter().map(|d| d.id));
        match (more, rows.last()) {
            (true, Some(last)) => before = Some(last.id),
            _ => return ids,
        }
    }
}
