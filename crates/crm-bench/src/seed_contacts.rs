//! `crm-bench seed-contacts`: one workspace with many companies and contacts,
//! and one contact with a long timeline.

use std::future::Future;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use futures::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::rel_data::{self, AuditRow, ContactGenerator};

/// The owner's password, so `crm-bench contacts` can sign in.
pub const BENCH_PASSWORD: &str = "crm-bench-password-1";

#[derive(Debug, Args)]
pub struct SeedContactsArgs {
    /// A migrated database (PostgreSQL or SQLite).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Contacts in the workspace.
    #[arg(long, default_value_t = 1_000_000)]
    contacts: u64,
    /// Companies in the workspace (the first is the common company).
    #[arg(long, default_value_t = 50_000)]
    companies: u64,
    /// Activities linked to the one timeline contact.
    #[arg(long, default_value_t = 10_000)]
    timeline_activities: u64,
    /// Audit events of the timeline contact.
    #[arg(long, default_value_t = 200)]
    timeline_events: u64,
    /// Other activities, one each on contacts sampled across the workspace.
    #[arg(long, default_value_t = 50_000)]
    background_activities: u64,
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
    #[arg(long, default_value_t = 730)]
    days: i64,
    /// Random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// Inserts `batches` with `concurrency` transactions in flight; returns the
/// rows written.
pub(crate) async fn fill<T, I, F, Fut>(
    label: &str,
    total: u64,
    concurrency: usize,
    batches: I,
    insert: F,
) -> Result<u64>
where
    I: Iterator<Item = Vec<T>>,
    F: Fn(Vec<T>) -> Fut,
    Fut: Future<Output = Result<u64>>,
{
    let mut inserts = futures::stream::iter(batches).map(insert).buffer_unordered(concurrency.max(1));
    let started = Instant::now();
    let (mut done, mut next_report) = (0_u64, 100_000_u64);
    while let Some(n) = inserts.next().await {
        done += n?;
        if done >= next_report || done == total {
            let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
            eprintln!("  {done:>9} / {total} {label}  ({rate:.0} rows/s)");
            next_report += 100_000;
        }
    }
    Ok(done)
}

/// Multi-row `INSERT`s of the timeline contact's audit events.
async fn insert_audit_events(
    db: &DatabaseConnection,
    workspace: Uuid,
    owner: Uuid,
    contact: Uuid,
    rows: &[AuditRow],
) -> Result<()> {
    for chunk in rows.chunks(1_000) {
        let mut sql = String::from(
            "INSERT INTO audit_events (id, workspace_id, actor_type, actor_id, action, entity_type, entity_id, summary, at) VALUES ",
        );
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 9);
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            let b = i * 9;
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9
            ));
            values.extend([
                r.id.into(),
                workspace.into(),
                "user".into(),
                owner.into(),
                r.action.into(),
                "contact".into(),
                contact.into(),
                r.summary.clone().into(),
                r.at.into(),
            ]);
        }
        db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    }
    Ok(())
}

#[allow(clippy::too_many_lines)]
pub async fn run(args: SeedContactsArgs) -> Result<()> {
    let data_dir = std::env::temp_dir().join(format!("crm-bench-seed-contacts-{}", std::process::id()));
    let mut config = crm_app::Config::from_env()?;
    config.database_url.clone_from(&args.database_url);
    config.data_dir.clone_from(&data_dir);
    config.smtp = None;
    let services = crm_app::Services::build(&config, crm_app::system_clock()).await?;
    let db = services.db.clone();
    let backend = db.get_database_backend();
    let run_tag = crate::data::token(u64::from(std::process::id()) ^ args.seed)[..6].to_owned();
    let now = OffsetDateTime::now_utc();
    let period = Duration::days(args.days);
    let started = Instant::now();

    // The workspace and its owner, like `crm workspace create --owner-password`.
    let owner_email = format!("contacts-owner-{run_tag}@bench.example");
    let workspace = services
        .api
        .identity
        .bootstrap_workspace("Bench contacts", &owner_email, Some(&args.owner_password))
        .await
        .map_err(|e| anyhow::anyhow!("creating the workspace: {e}"))?;
    let owner = crate::seed::owner_of(&db, workspace).await?;
    eprintln!("workspace {workspace} (owner {owner_email}): {} companies, {} contacts", args.companies, args.contacts);

    // Companies.
    let companies = rel_data::companies(args.seed, workspace, owner, args.companies, now, period);
    let company_ids: Vec<crm_kernel::CompanyId> = companies.iter().map(|c| c.id).collect();
    let phase = Instant::now();
    let db_ref = &db;
    fill(
        "companies",
        args.companies,
        args.concurrency,
        companies.chunks(args.batch).map(<[_]>::to_vec),
        |b| async move {
            crm_store::insert_companies_bulk(db_ref, &b).await?;
            Ok(b.len() as u64)
        },
    )
    .await?;
    let companies_secs = phase.elapsed().as_secs_f64();

    // Contacts.
    let phase = Instant::now();
    let mut generator = ContactGenerator::new(args.seed + 1, workspace, owner, company_ids, args.contacts, now, period);
    let batch = args.batch;
    let batches = std::iter::from_fn(move || {
        let b = generator.batch(batch);
        (!b.is_empty()).then_some(b)
    });
    let contacts = fill("contacts", args.contacts, args.concurrency, batches, |b| async move {
        crm_store::insert_contacts_bulk(db_ref, &b).await?;
        Ok(b.len() as u64)
    })
    .await?;
    let contacts_secs = phase.elapsed().as_secs_f64();
    eprintln!(
        "companies: {:.1} s; contacts: {contacts} in {contacts_secs:.1} s ({:.0} rows/s)",
        companies_secs,
        contacts as f64 / contacts_secs.max(1e-9)
    );
    if backend == DbBackend::Postgres {
        for table in ["companies", "contacts"] {
            let t = Instant::now();
            db.execute_unprepared(&format!("VACUUM (ANALYZE) {table}")).await.context("VACUUM ANALYZE")?;
            eprintln!("VACUUM (ANALYZE) {table}: {:.1} s", t.elapsed().as_secs_f64());
        }
    }

    // The timeline contact: about the middle one by creation (about a year
    // old) of the ~42 % with an email and a company.
    let middle = i64::try_from(args.contacts / 5).unwrap_or(0);
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT id, created_at, company_id FROM contacts WHERE workspace_id = $1 AND email IS NOT NULL \
             AND company_id IS NOT NULL ORDER BY id OFFSET $2 LIMIT 1",
            [workspace.as_uuid().into(), middle.into()],
        ))
        .await?
        .context("no contact for the timeline")?;
    let timeline: Uuid = row.try_get_by_index(0)?;
    let timeline_from: OffsetDateTime = row.try_get_by_index(1)?;
    let timeline_company: Option<Uuid> = row.try_get_by_index(2)?;
    let activities = rel_data::activities_for(
        args.seed + 2,
        workspace,
        owner,
        timeline.into(),
        timeline_company.map(Into::into),
        args.timeline_activities,
        timeline_from,
        now,
    );
    let phase = Instant::now();
    fill(
        "timeline activities",
        args.timeline_activities,
        args.concurrency,
        activities.chunks(batch).map(<[_]>::to_vec),
        |b| async move {
            crm_store::insert_activities_bulk(db_ref, &b).await?;
            Ok(b.len() as u64)
        },
    )
    .await?;
    let events = rel_data::audit_events_for(args.seed + 3, args.timeline_events, timeline_from, now);
    insert_audit_events(&db, workspace.as_uuid(), owner.as_uuid(), timeline, &events).await?;
    eprintln!(
        "timeline contact {timeline}: {} activities, {} audit events in {:.1} s",
        args.timeline_activities,
        events.len(),
        phase.elapsed().as_secs_f64()
    );

    // Background activities: one each on contacts spread over the workspace.
    if let Some(step) = args.contacts.checked_div(args.background_activities) {
        let step = step.max(1);
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                "SELECT id, created_at FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS n \
                 FROM contacts WHERE workspace_id = $1) c WHERE n % $2 = 0 AND id <> $3 LIMIT $4",
                [
                    workspace.as_uuid().into(),
                    i64::try_from(step).unwrap_or(1).into(),
                    timeline.into(),
                    i64::try_from(args.background_activities).unwrap_or(0).into(),
                ],
            ))
            .await?;
        let mut background = Vec::with_capacity(rows.len());
        for (k, r) in rows.iter().enumerate() {
            let (id, created): (Uuid, OffsetDateTime) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
            background.extend(rel_data::activities_for(
                args.seed + 10 + k as u64,
                workspace,
                owner,
                id.into(),
                None,
                1,
                created,
                (created + Duration::days(30)).min(now),
            ));
        }
        background.sort_by_key(|a| a.id);
        let n = background.len() as u64;
        fill(
            "background activities",
            n,
            args.concurrency,
            background.chunks(batch).map(<[_]>::to_vec),
            |b| async move {
                crm_store::insert_activities_bulk(db_ref, &b).await?;
                Ok(b.len() as u64)
            },
        )
        .await?;
    }
    if backend == DbBackend::Postgres {
        for table in ["activities", "audit_events"] {
            db.execute_unprepared(&format!("VACUUM (ANALYZE) {table}")).await.context("VACUUM ANALYZE")?;
        }
    }
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    println!("{workspace}");
    Ok(())
}
