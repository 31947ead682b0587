//! `crm-bench seed`.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use crm_kernel::{UserId, WorkspaceId};
use futures::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use time::{Duration, OffsetDateTime};

use crate::data::LeadGenerator;
use crate::sql;

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// A migrated database (PostgreSQL or SQLite).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Small workspaces to create.
    #[arg(long, default_value_t = 50)]
    workspaces: u32,
    /// Leads in each small workspace.
    #[arg(long, default_value_t = 200)]
    leads_per_workspace: u64,
    /// Leads in the one big workspace.
    #[arg(long, default_value_t = 1_000_000)]
    big_workspace_leads: u64,
    /// Leads per transaction (inserted 1,000 rows per statement).
    #[arg(long, default_value_t = 10_000)]
    batch: usize,
    /// Transactions in flight at once.
    #[arg(long, default_value_t = 2)]
    concurrency: usize,
    /// Creation times spread over this many days before now.
    #[arg(long, default_value_t = 730)]
    days: i64,
    /// Random seed: the same seed gives the same leads.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

pub(crate) async fn owner_of(db: &DatabaseConnection, workspace: WorkspaceId) -> Result<UserId> {
    let owners = sql::uuids(
        db,
        "SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' ORDER BY created_at LIMIT 1",
        vec![workspace.as_uuid().into()],
    )
    .await?;
    owners.first().map(|u| UserId::from_uuid(*u)).context("workspace has no owner")
}

/// Bulk-inserts `total` leads; returns the rows written.
async fn fill(db: &DatabaseConnection, args: &SeedArgs, mut generator: LeadGenerator, report: bool) -> Result<u64> {
    let total = generator.remaining();
    let batches = futures::stream::iter(std::iter::from_fn(move || {
        let batch = generator.batch(args.batch);
        (!batch.is_empty()).then_some(batch)
    }));
    let mut inserts = batches
        .map(|batch| async move {
            crm_store::insert_leads_bulk(db, &batch).await.map(|()| batch.len() as u64).map_err(anyhow::Error::from)
        })
        .buffer_unordered(args.concurrency.max(1));
    let started = Instant::now();
    let mut done = 0_u64;
    let mut next_report = 100_000;
    while let Some(n) = inserts.next().await {
        done += n?;
        if report && done >= next_report {
            let rate = done as f64 / started.elapsed().as_secs_f64();
            eprintln!("  {done:>9} / {total} leads  ({rate:.0} rows/s)");
            next_report += 100_000;
        }
    }
    Ok(done)
}

pub async fn run(args: SeedArgs) -> Result<()> {
    let data_dir = std::env::temp_dir().join(format!("crm-bench-seed-{}", std::process::id()));
    let mut config = crm_app::Config::from_env()?;
    config.database_url.clone_from(&args.database_url);
    config.data_dir.clone_from(&data_dir);
    config.smtp = None;
    let services = crm_app::Services::build(&config, crm_app::system_clock()).await?;
    let db = services.db.clone();
    let run_tag = crate::data::token(u64::from(std::process::id()) ^ args.seed)[..6].to_owned();
    let now = OffsetDateTime::now_utc();
    let period = Duration::days(args.days);
    let started = Instant::now();
    let mut rows = 0_u64;

    eprintln!("creating {} small workspaces of {} leads", args.workspaces, args.leads_per_workspace);
    for w in 0..args.workspaces {
        let id = services
            .api
            .identity
            .bootstrap_workspace(&format!("Bench {w}"), &format!("owner-{w}-{run_tag}@bench.example"), None)
            .await
            .map_err(|e| anyhow::anyhow!("creating workspace {w}: {e}"))?;
        let owner = owner_of(&db, id).await?;
        let generator =
            LeadGenerator::new(args.seed + 1 + u64::from(w), id, owner, args.leads_per_workspace, now, period);
        rows += fill(&db, &args, generator, false).await?;
    }

    let big = services
        .api
        .identity
        .bootstrap_workspace("Bench big", &format!("owner-big-{run_tag}@bench.example"), None)
        .await
        .map_err(|e| anyhow::anyhow!("creating the big workspace: {e}"))?;
    let owner = owner_of(&db, big).await?;
    eprintln!("big workspace {big}: {} leads", args.big_workspace_leads);
    let big_started = Instant::now();
    let generator = LeadGenerator::new(args.seed, big, owner, args.big_workspace_leads, now, period);
    let big_rows = fill(&db, &args, generator, true).await?;
    let big_secs = big_started.elapsed().as_secs_f64();
    rows += big_rows;
    eprintln!(
        "inserted {rows} leads in {:.1} s; big workspace {big_rows} leads at {:.0} rows/s",
        started.elapsed().as_secs_f64(),
        big_rows as f64 / big_secs.max(1e-9)
    );

    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // What autovacuum would do soon anyway: planner statistics, the
        // visibility map, and the GIN index's pending list merged.
        let vacuum_started = Instant::now();
        db.execute_unprepared("VACUUM (ANALYZE) leads").await.context("VACUUM ANALYZE leads")?;
        eprintln!("VACUUM (ANALYZE) leads: {:.1} s", vacuum_started.elapsed().as_secs_f64());
    }
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    println!("{big}");
    Ok(())
}
