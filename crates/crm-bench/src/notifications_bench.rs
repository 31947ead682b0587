//! `crm-bench notifications`: seeds one member with many notifications
//! (PostgreSQL) and measures the bell's two reads through the real
//! `crm serve` (a signed-in session): the unread count and the first page,
//! against the same SQL run directly (the floor).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::contacts_bench::Session;
use clap::Args;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::bench::{Row, explain, timed};
use crate::stats::percentiles;

const PASSWORD: &str = "crm-bench-password-1";

#[derive(Debug, Args)]
pub struct NotificationsBenchArgs {
    /// A migrated PostgreSQL database (a fresh workspace is created in it).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Notifications of the measured member.
    #[arg(long, default_value_t = 100_000)]
    notifications: u64,
    /// Share of them already read (the newest ones).
    #[arg(long, default_value_t = 0.1)]
    read_share: f64,
    /// Notifications of another member of the same workspace (same index).
    #[arg(long, default_value_t = 100_000)]
    others: u64,
    /// The `crm` binary (default: `crm` next to this executable).
    #[arg(long)]
    crm_bin: Option<PathBuf>,
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    #[arg(long, default_value_t = 20)]
    warmup: usize,
}

async fn exec(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Result<()> {
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
    Ok(())
}

/// Inserts `n` notifications for `user`, 1,000 rows per statement, ids in
/// creation order; the newest `read` of them are read.
async fn seed(db: &DatabaseConnection, workspace: Uuid, user: Uuid, n: u64, read: u64) -> Result<()> {
    let start = OffsetDateTime::now_utc() - time::Duration::days(365);
    let mut done = 0_u64;
    while done < n {
        let chunk = (n - done).min(1000);
        let mut sql = String::from(
            "INSERT INTO notifications (id, workspace_id, user_id, kind, entity_type, entity_id, title, created_at, \
             read_at) VALUES ",
        );
        let mut values: Vec<Value> = Vec::with_capacity(usize::try_from(chunk * 6).unwrap_or(0));
        for i in 0..chunk {
            let k = done + i;
            let at = start + time::Duration::seconds(i64::try_from(k * 300).unwrap_or(i64::MAX));
            let secs = u64::try_from(at.unix_timestamp()).unwrap_or(0);
            let id =
                Uuid::new_v7(uuid::Timestamp::from_unix(uuid::NoContext, secs, u32::try_from(k % 1000).unwrap_or(0)));
            let p = values.len();
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, 'lead.assigned', 'lead', ${}, ${}, ${}, ${})",
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 5,
                p + 6,
                p + 7
            ));
            values.extend([
                id.into(),
                workspace.into(),
                user.into(),
                Uuid::now_v7().into(),
                format!("Lead {k}").into(),
                at.into(),
                (k >= n - read).then_some(at).into(),
            ]);
        }
        exec(db, &sql, values).await?;
        done += chunk;
    }
    Ok(())
}

const COUNT_SQL: &str = "SELECT COUNT(*) FROM (SELECT id FROM notifications WHERE workspace_id = $1 AND user_id = $2 \
                         AND read_at IS NULL LIMIT 1000) unread";
const PAGE_SQL: &str = "SELECT id, workspace_id, user_id, kind, entity_type, entity_id, title, created_at, read_at \
                        FROM notifications WHERE workspace_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 51";
const UNREAD_PAGE_SQL: &str = "SELECT id, workspace_id, user_id, kind, entity_type, entity_id, title, created_at, \
                               read_at FROM notifications WHERE workspace_id = $1 AND user_id = $2 AND read_at IS NULL \
                               ORDER BY id DESC LIMIT 51";

#[allow(clippy::too_many_lines)]
pub async fn run(args: NotificationsBenchArgs) -> Result<()> {
    let data_dir = std::env::temp_dir().join(format!("crm-bench-notifications-{}", std::process::id()));
    let mut config = crm_app::Config::from_env()?;
    config.database_url.clone_from(&args.database_url);
    config.data_dir.clone_from(&data_dir);
    config.smtp = None;
    let services = crm_app::Services::build(&config, crm_app::system_clock()).await?;
    let db = services.db.clone();
    if db.get_database_backend() != DbBackend::Postgres {
        bail!("crm-bench notifications measures PostgreSQL; pass a postgres:// DATABASE_URL");
    }
    let tag = Uuid::now_v7().simple().to_string();
    let owner_email = format!("bell-owner-{}@bench.example", &tag[20..]);
    let other_email = format!("bell-other-{}@bench.example", &tag[20..]);
    let workspace = services
        .api
        .identity
        .bootstrap_workspace("Bench notifications", &owner_email, Some(PASSWORD))
        .await
        .map_err(|e| anyhow::anyhow!("creating the workspace: {e}"))?;
    let other_ws = services
        .api
        .identity
        .bootstrap_workspace("Bench notifications (other member)", &other_email, Some(PASSWORD))
        .await
        .map_err(|e| anyhow::anyhow!("creating the other member: {e}"))?;
    let owner = crate::seed::owner_of(&db, workspace).await?.as_uuid();
    let other = crate::seed::owner_of(&db, other_ws).await?.as_uuid();
    let workspace = workspace.as_uuid();
    exec(
        &db,
        "INSERT INTO memberships (id, workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, 'manager', now())",
        vec![Uuid::now_v7().into(), workspace.into(), other.into()],
    )
    .await?;
    let started = Instant::now();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let read = (args.notifications as f64 * args.read_share) as u64;
    seed(&db, workspace, owner, args.notifications, read).await?;
    seed(&db, workspace, other, args.others, 0).await?;
    exec(&db, "VACUUM (ANALYZE) notifications", Vec::new()).await?;
    eprintln!(
        "seeded {} + {} notifications in {:.1} s",
        args.notifications,
        args.others,
        started.elapsed().as_secs_f64()
    );

    let (server, session, _) =
        Session::start(args.crm_bin.as_deref(), &args.database_url, "notifications", &owner_email, PASSWORD).await?;
    let (client, base) = (session.client, session.base);
    let client = Arc::new(client);
    let get = |path: String| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let response = client.get(format!("{base}{path}")).send().await?;
            if !response.status().is_success() {
                bail!("GET {path}: {}", response.status());
            }
            response.bytes().await?;
            Ok(())
        }
    };
    let (_, body) = {
        let r = client.get(format!("{base}/api/workspaces/{workspace}/notifications/unread-count")).send().await?;
        ((), r.json::<serde_json::Value>().await?)
    };
    eprintln!("unread-count answers {body}");

    let ops = [
        ("unread count", format!("/api/workspaces/{workspace}/notifications/unread-count"), COUNT_SQL),
        ("first page (limit 50)", format!("/api/workspaces/{workspace}/notifications?limit=50"), PAGE_SQL),
        (
            "first unread page (limit 50)",
            format!("/api/workspaces/{workspace}/notifications?limit=50&unread=true"),
            UNREAD_PAGE_SQL,
        ),
    ];
    let mut rows = Vec::new();
    for (name, path, floor_sql) in &ops {
        eprintln!("measuring {name}");
        let api = timed(args.warmup, args.iterations, |_| get(path.clone())).await?;
        let floor = timed(args.warmup, args.iterations, |_| {
            let db = db.clone();
            async move {
                db.query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    *floor_sql,
                    [workspace.into(), owner.into()],
                ))
                .await?;
                Ok(())
            }
        })
        .await?;
        rows.push(Row { name: (*name).to_owned(), api: percentiles(&api), floor: percentiles(&floor) });
    }
    drop(server);

    println!(
        "\n## Latency (ms), {} timed requests after {} warm-up; {} notifications of the member ({read} read), {} of another member\n",
        args.iterations, args.warmup, args.notifications, args.others
    );
    println!("| operation | p50 | p95 | p99 | floor p50 | floor p95 | floor p99 | ratio p95 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in &rows {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1}× |",
            r.name,
            r.api.p50,
            r.api.p95,
            r.api.p99,
            r.floor.p50,
            r.floor.p95,
            r.floor.p99,
            r.api.p95 / r.floor.p95
        );
    }
    println!("\n## Plans");
    let literal = |sql: &str| sql.replace("$1", &format!("'{workspace}'")).replace("$2", &format!("'{owner}'"));
    explain(&db, "unread count", &literal(COUNT_SQL)).await?;
    explain(&db, "first page", &literal(PAGE_SQL)).await?;
    explain(&db, "first unread page", &literal(UNREAD_PAGE_SQL)).await?;
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    Ok(())
}
