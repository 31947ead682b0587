//! `crm-bench seed-deals`: one workspace whose default pipeline holds many
//! open deals (plus won and lost ones), its members and companies, and a
//! smaller second workspace with deals of its own in the same tables.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use crm_kernel::{UserId, WorkspaceId};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::deal_data::{self, DealPlan, DealRow};
use crate::rel_data;
use crate::seed::owner_of;
use crate::seed_contacts::{BENCH_PASSWORD, fill};

#[derive(Debug, Args)]
pub struct SeedDealsArgs {
    /// A migrated database (PostgreSQL or SQLite).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Open deals in the big workspace's default pipeline.
    #[arg(long, default_value_t = 50_000)]
    open_deals: u64,
    /// Won deals in it.
    #[arg(long, default_value_t = 5_000)]
    won_deals: u64,
    /// Lost deals in it.
    #[arg(long, default_value_t = 5_000)]
    lost_deals: u64,
    /// Weights of the open stages, first to last (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "40,30,20,10")]
    stage_weights: Vec<u32>,
    /// Members owning deals, the owner included.
    #[arg(long, default_value_t = 5)]
    members: u32,
    /// Companies the deals link to (the first is the common company).
    #[arg(long, default_value_t = 2_000)]
    companies: u64,
    /// Open deals of the second, smaller workspace (a tenth as many won and
    /// lost).
    #[arg(long, default_value_t = 5_000)]
    other_workspace_deals: u64,
    /// The owner's password (for signing in to the API).
    #[arg(long, default_value = BENCH_PASSWORD)]
    owner_password: String,
    /// Rows per transaction (inserted 1,000 rows per statement).
    #[arg(long, default_value_t = 10_000)]
    batch: usize,
    /// Transactions in flight at once.
    #[arg(long, default_value_t = 2)]
    concurrency: usize,
    /// Creation times spread over this many days before now.
    #[arg(long, default_value_t = 365)]
    days: i64,
    /// Random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

const COLUMNS: [&str; 24] = [
    "id",
    "workspace_id",
    "pipeline_id",
    "stage_id",
    "status",
    "title",
    "amount_minor",
    "currency",
    "probability",
    "expected_close_date",
    "next_action_text",
    "next_action_date",
    "owner_id",
    "contact_id",
    "company_id",
    "lead_id",
    "lost_reason_id",
    "lost_reason_text",
    "notes",
    "search_text",
    "opened_at",
    "closed_at",
    "created_at",
    "updated_at",
];

/// Multi-row `INSERT`s of deals (1,000 rows per statement) in one
/// transaction. `crm-store` has no bulk deal insert; like its bulk helpers,
/// this writes no audit events.
///
/// # Errors
/// Database errors.
pub async fn insert_deals_bulk(
    db: &DatabaseConnection,
    workspace: Uuid,
    pipeline: Uuid,
    currency: &str,
    rows: &[DealRow],
) -> Result<()> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let backend = db.get_database_backend();
    let columns = COLUMNS.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    for chunk in rows.chunks(1_000) {
        let mut sql = format!("INSERT INTO deals ({columns}) VALUES ");
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * COLUMNS.len());
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            let params: Vec<String> = (1..=COLUMNS.len()).map(|k| format!("${}", i * COLUMNS.len() + k)).collect();
            sql.push_str(&format!("({})", params.join(", ")));
            values.extend([
                r.id.into(),
                workspace.into(),
                pipeline.into(),
                r.stage_id.into(),
                r.status.into(),
                r.title.clone().into(),
                r.amount_minor.into(),
                currency.into(),
                r.probability.into(),
                r.expected_close_date.into(),
                r.next_action_text.clone().into(),
                r.next_action_date.into(),
                r.owner_id.into(),
                Option::<Uuid>::None.into(),
                r.company_id.into(),
                Option::<Uuid>::None.into(),
                Option::<Uuid>::None.into(),
                r.lost_reason_text.clone().into(),
                Option::<String>::None.into(),
                r.search_text().into(),
                r.created_at.into(),
                r.closed_at.into(),
                r.created_at.into(),
                r.updated_at.into(),
            ]);
        }
        txn.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The default pipeline of a workspace: `(pipeline, [(stage, kind)])` in
/// board order.
pub(crate) async fn default_pipeline(db: &DatabaseConnection, workspace: Uuid) -> Result<(Uuid, Vec<(Uuid, String)>)> {
    let backend = db.get_database_backend();
    let pipeline: Uuid = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT id FROM pipelines WHERE workspace_id = $1 ORDER BY position, id LIMIT 1",
            [workspace.into()],
        ))
        .await?
        .context("the workspace has no pipeline")?
        .try_get_by_index(0)?;
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            "SELECT id, kind FROM pipeline_stages WHERE workspace_id = $1 AND pipeline_id = $2 ORDER BY position",
            [workspace.into(), pipeline.into()],
        ))
        .await?;
    let stages = rows
        .iter()
        .map(|r| Ok((r.try_get_by_index::<Uuid>(0)?, r.try_get_by_index::<String>(1)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok((pipeline, stages))
}

/// A member with the `manager` role, as an accepted invitation leaves it.
/// The user is created through the real service (with a personal workspace
/// of their own, as after signing up).
async fn add_member(
    services: &crm_app::Services,
    db: &DatabaseConnection,
    workspace: WorkspaceId,
    email: &str,
    password: &str,
) -> Result<UserId> {
    let personal = services
        .api
        .identity
        .bootstrap_workspace("Personal", email, Some(password))
        .await
        .map_err(|e| anyhow::anyhow!("creating {email}: {e}"))?;
    let user = owner_of(db, personal).await?;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO memberships (id, workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, 'manager', $4)",
        [Uuid::now_v7().into(), workspace.as_uuid().into(), user.as_uuid().into(), OffsetDateTime::now_utc().into()],
    ))
    .await?;
    Ok(user)
}

struct WorkspaceDeals {
    open: u64,
    won: u64,
    lost: u64,
    companies: u64,
}

/// Companies and deals of one workspace; returns the deals written.
#[allow(clippy::too_many_arguments)]
async fn seed_workspace(
    db: &DatabaseConnection,
    args: &SeedDealsArgs,
    seed: u64,
    workspace: WorkspaceId,
    owners: Vec<(Option<Uuid>, u32)>,
    size: WorkspaceDeals,
    now: OffsetDateTime,
    report: bool,
) -> Result<u64> {
    let owner = owners.iter().find_map(|(o, _)| *o).map_or_else(UserId::new, UserId::from_uuid);
    let companies = rel_data::companies(seed, workspace, owner, size.companies, now, Duration::days(args.days.max(1)));
    for chunk in companies.chunks(args.batch.max(1)) {
        crm_store::insert_companies_bulk(db, chunk).await?;
    }
    let (pipeline, stages) = default_pipeline(db, workspace.as_uuid()).await?;
    let find = |kind: &str| stages.iter().find(|(_, k)| k == kind).map(|(id, _)| *id);
    let open: Vec<(Uuid, u32)> = stages
        .iter()
        .filter(|(_, k)| k == "open")
        .enumerate()
        .map(|(i, (id, _))| (*id, args.stage_weights.get(i).copied().unwrap_or(10)))
        .collect();
    let plan = DealPlan {
        open,
        won: find("won").context("no won stage")?,
        lost: find("lost").context("no lost stage")?,
        open_deals: size.open,
        won_deals: size.won,
        lost_deals: size.lost,
        owners,
        companies: companies.iter().map(|c| (c.id.as_uuid(), c.name.clone())).collect(),
        days: args.days,
    };
    let currency =
        crate::sql::texts(db, "SELECT currency FROM workspaces WHERE id = $1", vec![workspace.as_uuid().into()])
            .await?
            .pop()
            .context("no workspace")?;
    let rows = deal_data::deals(seed + 1, &plan, now);
    let total = rows.len() as u64;
    let ws = workspace.as_uuid();
    let currency = &currency;
    let label = if report { "deals" } else { "deals (second workspace)" };
    let written =
        fill(label, total, args.concurrency, rows.chunks(args.batch.max(1)).map(<[_]>::to_vec), |b| async move {
            insert_deals_bulk(db, ws, pipeline, currency, &b).await?;
            Ok(b.len() as u64)
        })
        .await?;
    // Bulk rows bypass the store, so the kept board totals are rebuilt once.
    let scope = crm_kernel::Scope::system(workspace);
    crm_store::rebuild_deal_totals(db, &scope, pipeline.into())
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding totals: {e}"))?;
    Ok(written)
}

pub async fn run(args: SeedDealsArgs) -> Result<()> {
    let data_dir = std::env::temp_dir().join(format!("crm-bench-seed-deals-{}", std::process::id()));
    let mut config = crm_app::Config::from_env()?;
    config.database_url.clone_from(&args.database_url);
    config.data_dir.clone_from(&data_dir);
    config.smtp = None;
    let services = crm_app::Services::build(&config, crm_app::system_clock()).await?;
    let db = services.db.clone();
    let run_tag = crate::data::token(u64::from(std::process::id()) ^ args.seed)[..6].to_owned();
    let now = OffsetDateTime::now_utc();
    let started = Instant::now();

    // The workspace and its owner, like `crm workspace create --owner-password`,
    // then the other members.
    let owner_email = format!("deals-owner-{run_tag}@bench.example");
    let workspace = services
        .api
        .identity
        .bootstrap_workspace("Bench deals", &owner_email, Some(&args.owner_password))
        .await
        .map_err(|e| anyhow::anyhow!("creating the workspace: {e}"))?;
    let owner = owner_of(&db, workspace).await?;
    let mut members = vec![owner.as_uuid()];
    for k in 1..args.members.max(1) {
        let email = format!("deals-member{k}-{run_tag}@bench.example");
        members.push(add_member(&services, &db, workspace, &email, &args.owner_password).await?.as_uuid());
    }
    // Skewed ownership (the owner holds the most), ~3 % unassigned.
    let mut owners: Vec<(Option<Uuid>, u32)> =
        members.iter().enumerate().map(|(i, m)| (Some(*m), 30_u32.saturating_sub(5 * i as u32).max(5))).collect();
    owners.push((None, 3));
    eprintln!(
        "workspace {workspace} (owner {owner_email}, {} members): {} open, {} won, {} lost deals, {} companies",
        members.len(),
        args.open_deals,
        args.won_deals,
        args.lost_deals,
        args.companies
    );
    let phase = Instant::now();
    let size =
        WorkspaceDeals { open: args.open_deals, won: args.won_deals, lost: args.lost_deals, companies: args.companies };
    let written = seed_workspace(&db, &args, args.seed, workspace, owners, size, now, true).await?;
    let secs = phase.elapsed().as_secs_f64();
    eprintln!("deals: {written} in {secs:.1} s ({:.0} rows/s)", written as f64 / secs.max(1e-9));

    // The second, smaller workspace (its owner only).
    let other = services
        .api
        .identity
        .bootstrap_workspace("Bench deals (other)", &format!("deals-other-{run_tag}@bench.example"), None)
        .await
        .map_err(|e| anyhow::anyhow!("creating the second workspace: {e}"))?;
    let other_owner = owner_of(&db, other).await?;
    let size = WorkspaceDeals {
        open: args.other_workspace_deals,
        won: args.other_workspace_deals / 10,
        lost: args.other_workspace_deals / 10,
        companies: 200,
    };
    let owners = vec![(Some(other_owner.as_uuid()), 90), (None, 10)];
    let other_written = seed_workspace(&db, &args, args.seed + 100, other, owners, size, now, false).await?;
    eprintln!("second workspace {other}: {other_written} deals");

    if db.get_database_backend() == DbBackend::Postgres {
        for table in ["companies", "deals"] {
            let t = Instant::now();
            db.execute_unprepared(&format!("VACUUM (ANALYZE) {table}")).await.context("VACUUM ANALYZE")?;
            eprintln!("VACUUM (ANALYZE) {table}: {:.1} s", t.elapsed().as_secs_f64());
        }
    }
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    println!("{workspace}");
    Ok(())
}
