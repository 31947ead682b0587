//! `crm-bench leads`: the real server against the raw-SQL floor.

use std::future::Future;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use crm_kernel::{UserId, WorkspaceId};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::data::{COMMON_COMPANY, LeadGenerator};
use crate::sql::{self, ListSql};
use crate::stats::{Percentiles, percentiles};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// A seeded PostgreSQL database.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// The workspace to measure (default: the one with the most leads).
    #[arg(long)]
    workspace: Option<Uuid>,
    /// The `crm` binary (default: `crm` next to this executable).
    #[arg(long)]
    crm_bin: Option<PathBuf>,
    /// Timed requests per operation.
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    /// Untimed requests before them.
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// Pages followed through `nextCursor` before timing the deep page.
    #[arg(long, default_value_t = 50)]
    deep_pages: usize,
    /// Page size of every list request.
    #[arg(long, default_value_t = 50)]
    limit: u64,
    /// Seconds of each throughput run.
    #[arg(long, default_value_t = 10)]
    throughput_secs: u64,
    /// Concurrent clients of the second throughput run.
    #[arg(long, default_value_t = 16)]
    clients: usize,
}

/// Kills the server when the benchmark ends, also on errors.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

pub(crate) fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// (VmRSS, VmHWM) in KiB.
pub(crate) fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Samples the server's RSS every 100 ms; `max_kib` is the highest seen.
#[derive(Clone, Default)]
pub(crate) struct RssProbe {
    max_kib: Arc<AtomicU64>,
}

impl RssProbe {
    pub(crate) fn start(pid: u32) -> Self {
        let probe = Self::default();
        let max = probe.max_kib.clone();
        tokio::spawn(async move {
            while let Some((rss, _)) = memory(pid) {
                max.fetch_max(rss, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        probe
    }

    pub(crate) fn max_mib(&self) -> f64 {
        self.max_kib.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

/// `warmup` untimed then `n` timed runs of `op(i)`.
pub(crate) async fn timed<F, Fut>(warmup: usize, n: usize, mut op: F) -> Result<Vec<Duration>>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    for i in 0..warmup {
        op(i).await?;
    }
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let started = Instant::now();
        op(warmup + i).await?;
        samples.push(started.elapsed());
    }
    Ok(samples)
}

/// Successful operations per second of `clients` workers for `secs`.
async fn throughput<F, Fut>(clients: usize, secs: u64, op: F) -> Result<(f64, u64)>
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<()>> + Send,
{
    let op = Arc::new(op);
    let counter = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (op, counter, errors) = (op.clone(), counter.clone(), errors.clone());
        workers.push(tokio::spawn(async move {
            let mut ok = 0_u64;
            while Instant::now() < deadline {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                match op(n).await {
                    Ok(()) => ok += 1,
                    Err(e) => {
                        if errors.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("  first error: {e:#}");
                        }
                    }
                }
            }
            ok
        }));
    }
    let mut ok = 0;
    for w in workers {
        ok += w.await?;
    }
    Ok((ok as f64 / started.elapsed().as_secs_f64(), errors.load(Ordering::Relaxed)))
}

struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn get(&self, path_and_query: &str) -> Result<Vec<u8>> {
        let response =
            self.client.get(format!("{}{path_and_query}", self.base)).bearer_auth(&self.token).send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            bail!("GET {path_and_query}: {status}: {}", String::from_utf8_lossy(&body));
        }
        Ok(body.to_vec())
    }

    async fn get_json(&self, path_and_query: &str) -> Result<serde_json::Value> {
        Ok(serde_json::from_slice(&self.get(path_and_query).await?)?)
    }

    async fn create(&self, n: u64) -> Result<()> {
        let token = crate::data::token(0xbe7c_0000_0000 + n);
        let body = serde_json::json!({
            "name": format!("Intake Lead {n}"),
            "email": format!("intake.{token}@example.com"),
            "phone": "+14155550100",
            "company": "Initech Labs",
            "source": "website",
        });
        let response =
            self.client.post(format!("{}/api/v1/leads", self.base)).bearer_auth(&self.token).json(&body).send().await?;
        let status = response.status();
        let text = response.bytes().await?;
        if status != reqwest::StatusCode::CREATED {
            bail!("POST /api/v1/leads: {status}: {}", String::from_utf8_lossy(&text));
        }
        Ok(())
    }
}

pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) api: Percentiles,
    pub(crate) floor: Percentiles,
}

fn crm_binary(args: &BenchArgs) -> Result<PathBuf> {
    match &args.crm_bin {
        Some(p) => Ok(p.clone()),
        None => Ok(std::env::current_exe()?.with_file_name("crm")),
    }
}

pub(crate) async fn explain(db: &DatabaseConnection, title: &str, sql: &str) -> Result<()> {
    println!("\n-- {title}\n{sql}");
    for line in sql::texts(db, &format!("EXPLAIN (ANALYZE, BUFFERS) {sql}"), Vec::new()).await? {
        println!("  {line}");
    }
    Ok(())
}

/// The plan a cached prepared statement gets once PostgreSQL switches to a
/// generic plan (sqlx prepares and caches every statement).
async fn explain_generic(db: &DatabaseConnection, title: &str, q: &ListSql, workspace: Uuid) -> Result<()> {
    let (sql, values) = q.statement(workspace);
    let types = ["uuid", "text", "bigint"];
    let txn = db.begin().await?;
    txn.execute_unprepared("SET LOCAL plan_cache_mode = force_generic_plan").await?;
    txn.execute_unprepared(&format!("PREPARE bench_generic({}) AS {sql}", types.join(", "))).await?;
    let args: Vec<String> = values
        .iter()
        .map(|v| match v {
            sea_orm::Value::String(Some(s)) => format!("'{}'", s.replace('\'', "''")),
            sea_orm::Value::Uuid(Some(u)) => format!("'{u}'"),
            other => other.to_string(),
        })
        .collect();
    let explain = format!("EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_generic({})", args.join(", "));
    println!("\n-- {title} (generic plan of the prepared statement)\n{sql}");
    let rows = txn.query_all_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, explain)).await?;
    for r in rows {
        println!("  {}", r.try_get_by_index::<String>(0)?);
    }
    txn.execute_unprepared("DEALLOCATE bench_generic").await?;
    txn.rollback().await?;
    Ok(())
}

#[allow(clippy::too_many_lines)]
pub async fn run(args: BenchArgs) -> Result<()> {
    let db = crm_store::connect(&args.database_url).await?;
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        bail!("crm-bench leads measures PostgreSQL; pass a postgres:// DATABASE_URL");
    }
    let workspace = match args.workspace {
        Some(w) => w,
        None => *sql::uuids(
            &db,
            "SELECT workspace_id FROM leads GROUP BY workspace_id ORDER BY count(*) DESC LIMIT 1",
            Vec::new(),
        )
        .await?
        .first()
        .context("no leads: run `crm-bench seed` first")?,
    };
    let total: i64 = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT count(*) FROM leads WHERE workspace_id = $1",
            [workspace.into()],
        ))
        .await?
        .context("count")?
        .try_get_by_index(0)?;
    let owner = sql::uuids(
        &db,
        "SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' LIMIT 1",
        vec![workspace.into()],
    )
    .await?
    .first()
    .copied()
    .context("workspace has no owner")?;
    let version = sql::texts(&db, "SHOW server_version", Vec::new()).await?.join("");
    println!("workspace {workspace}: {total} leads; PostgreSQL {version}");

    // Rare terms: the unique token of sampled leads' emails; detail ids.
    let sampled = sql::texts(
        &db,
        "SELECT email FROM leads TABLESAMPLE SYSTEM (1) REPEATABLE (7) \
         WHERE workspace_id = $1 AND email LIKE '%.%.%@%' LIMIT 50",
        vec![workspace.into()],
    )
    .await?;
    let rare: Vec<String> = sampled
        .iter()
        .filter_map(|e| e.split('@').next().and_then(|local| local.rsplit('.').next()).map(str::to_owned))
        .collect();
    if rare.is_empty() {
        bail!("no seeded emails to search for");
    }
    let ids = sql::uuids(
        &db,
        "SELECT id FROM leads TABLESAMPLE SYSTEM (1) REPEATABLE (11) WHERE workspace_id = $1 LIMIT 200",
        vec![workspace.into()],
    )
    .await?;
    if ids.is_empty() {
        bail!("no leads to fetch");
    }
    let common = COMMON_COMPANY.to_lowercase();

    // The server and a token.
    let crm = crm_binary(&args)?;
    let data_dir = std::env::temp_dir().join(format!("crm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data_dir)?;
    let port = free_port()?;
    let env = [
        ("DATABASE_URL", args.database_url.clone()),
        ("CRM_ADDR", format!("127.0.0.1:{port}")),
        ("CRM_DATA_DIR", data_dir.display().to_string()),
        ("CRM_SECRET", "crm-bench-secret-0123456789abcdefghijklmnop".to_owned()),
        ("CRM_LOG", "warn".to_owned()),
    ];
    let output = Command::new(&crm)
        .args(["token", "create", "--workspace", &workspace.to_string(), "--name", "bench"])
        .args(["--scopes", "leads:read,leads:write"])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {} (build it: cargo build --release --bin crm)", crm.display()))?;
    if !output.status.success() {
        bail!("crm token create failed");
    }
    let token = String::from_utf8(output.stdout)?.trim().to_owned();
    let child = Command::new(&crm)
        .arg("serve")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {} serve", crm.display()))?;
    let server = Server(child);
    let pid = server.0.id();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build()?;
    let base = format!("http://127.0.0.1:{port}");
    let ready_deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        if Instant::now() > ready_deadline {
            bail!("the server did not become ready in 60 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss_idle = memory(pid).map_or(0.0, |(rss, _)| rss as f64 / 1024.0);
    let probe = RssProbe::start(pid);
    let api = Arc::new(Api { client, base, token });
    let limit = args.limit;
    let (warm, n) = (args.warmup, args.iterations);

    // Deep cursor: follow nextCursor `deep_pages` pages.
    let mut cursor: Option<String> = None;
    let mut last_id: Option<Uuid> = None;
    for _ in 0..args.deep_pages {
        let path = match &cursor {
            Some(c) => format!("/api/v1/leads?limit={limit}&cursor={c}"),
            None => format!("/api/v1/leads?limit={limit}"),
        };
        let page = api.get_json(&path).await?;
        last_id =
            page["data"].as_array().and_then(|d| d.last()).and_then(|l| l["id"].as_str()).and_then(|s| s.parse().ok());
        cursor = page["nextCursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    let deep_cursor = cursor.context("fewer pages than --deep-pages")?;
    let deep_id = last_id.context("no last id")?;

    // Latency: (name, api path(i), floor statement(i)).
    type PathFn = Box<dyn Fn(usize) -> String>;
    type SqlFn = Box<dyn Fn(usize) -> ListSql>;
    let rare_for_path = rare.clone();
    let rare_for_sql = rare.clone();
    let list_ops: Vec<(&str, PathFn, SqlFn)> = vec![
        (
            "first page",
            Box::new(move |_| format!("/api/v1/leads?limit={limit}")),
            Box::new(move |_| ListSql { limit, ..ListSql::default() }),
        ),
        (
            "filter status=qualified",
            Box::new(move |_| format!("/api/v1/leads?limit={limit}&status=qualified")),
            Box::new(move |_| ListSql { status: Some("qualified"), limit, ..ListSql::default() }),
        ),
        (
            "deep page (cursor)",
            Box::new(move |_| format!("/api/v1/leads?limit={limit}&cursor={deep_cursor}")),
            Box::new(move |_| ListSql { before: Some(deep_id), limit, ..ListSql::default() }),
        ),
        (
            "search rare term",
            Box::new(move |i| format!("/api/v1/leads?limit={limit}&q={}", rare_for_path[i % rare_for_path.len()])),
            Box::new(move |i| ListSql {
                q: Some(rare_for_sql[i % rare_for_sql.len()].clone()),
                limit,
                ..ListSql::default()
            }),
        ),
        (
            "search common term",
            Box::new({
                let common = common.clone();
                move |_| format!("/api/v1/leads?limit={limit}&q={common}")
            }),
            Box::new({
                let common = common.clone();
                move |_| ListSql { q: Some(common.clone()), limit, ..ListSql::default() }
            }),
        ),
    ];

    let mut rows = Vec::new();
    for (name, path, statement) in &list_ops {
        eprintln!("measuring {name}");
        let api_samples = timed(warm, n, |i| {
            let api = api.clone();
            let p = path(i);
            async move { api.get(&p).await.map(|_| ()) }
        })
        .await?;
        let floor_samples = timed(warm, n, |i| {
            let (db, q) = (db.clone(), statement(i));
            async move { q.run(&db, workspace).await.map(|_| ()) }
        })
        .await?;
        rows.push(Row { name: (*name).to_owned(), api: percentiles(&api_samples), floor: percentiles(&floor_samples) });
    }
    eprintln!("measuring detail");
    let api_detail = timed(warm, n, |i| {
        let api = api.clone();
        let id = ids[i % ids.len()];
        async move { api.get(&format!("/api/v1/leads/{id}")).await.map(|_| ()) }
    })
    .await?;
    let floor_detail = timed(warm, n, |i| {
        let db = db.clone();
        let id = ids[i % ids.len()];
        async move { sql::detail(&db, workspace, id).await }
    })
    .await?;
    rows.push(Row { name: "detail".to_owned(), api: percentiles(&api_detail), floor: percentiles(&floor_detail) });
    let rss_after_reads = probe.max_mib();

    // Throughput: the API's intake against a raw single-row INSERT.
    let secs = args.throughput_secs;
    let mut throughputs = Vec::new();
    for clients in [1, args.clients] {
        eprintln!("intake throughput, {clients} client(s), {secs} s each");
        let a = api.clone();
        let (api_rate, api_errors) = throughput(clients, secs, move |k| {
            let a = a.clone();
            async move { a.create(k).await }
        })
        .await?;
        let floor_db = db.clone();
        let (floor_rate, floor_errors) = throughput(clients, secs, move |k| {
            let db = floor_db.clone();
            async move {
                let now = OffsetDateTime::now_utc();
                let mut generator = LeadGenerator::new(
                    0xf100_0000 + k,
                    WorkspaceId::from_uuid(workspace),
                    UserId::from_uuid(owner),
                    1,
                    now,
                    time::Duration::seconds(1),
                );
                let mut lead = generator.batch(1).pop().context("one lead")?;
                lead.id = crm_kernel::LeadId::new();
                (lead.created_at, lead.updated_at, lead.last_activity_at) = (now, now, now);
                sql::insert(&db, &lead).await
            }
        })
        .await?;
        throughputs.push((clients, api_rate, api_errors, floor_rate, floor_errors));
    }
    let rss_max = probe.max_mib();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rss_after, hwm) = memory(pid).map_or((0.0, 0.0), |(r, h)| (r as f64 / 1024.0, h as f64 / 1024.0));
    drop(server);

    // Report.
    println!("\n## Latency (ms), {n} timed requests after {warm} warm-up, limit={limit}, {total} leads\n");
    println!("| operation | p50 | p95 | p99 | floor p50 | floor p95 | ratio p95 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in &rows {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1}× |",
            r.name,
            r.api.p50,
            r.api.p95,
            r.api.p99,
            r.floor.p50,
            r.floor.p95,
            r.api.p95 / r.floor.p95
        );
    }
    println!("\n## Intake throughput ({secs} s per run)\n");
    println!("| clients | POST /api/v1/leads (req/s) | raw INSERT (rows/s) | ratio | errors api/raw |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for (clients, api_rate, api_errors, floor_rate, floor_errors) in &throughputs {
        println!(
            "| {clients} | {api_rate:.0} | {floor_rate:.0} | {:.2} | {api_errors}/{floor_errors} |",
            api_rate / floor_rate
        );
    }
    println!("\n## Server memory\n");
    println!("| idle after start | max during reads | max during load | after load | VmHWM |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    println!("| {rss_idle:.1} MiB | {rss_after_reads:.1} MiB | {rss_max:.1} MiB | {rss_after:.1} MiB | {hwm:.1} MiB |");

    println!("\n## Plans");
    let common_q = ListSql { q: Some(common.clone()), limit, ..ListSql::default() };
    let rare_q = ListSql { q: Some(rare[0].clone()), limit, ..ListSql::default() };
    explain(&db, "search common term", &common_q.literal(workspace)).await?;
    explain(&db, "search rare term", &rare_q.literal(workspace)).await?;
    explain_generic(&db, "search common term", &common_q, workspace).await?;
    explain_generic(&db, "search rare term", &rare_q, workspace).await?;
    explain(&db, "first page", &ListSql { limit, ..ListSql::default() }.literal(workspace)).await?;
    explain(
        &db,
        "filter status=qualified",
        &ListSql { status: Some("qualified"), limit, ..ListSql::default() }.literal(workspace),
    )
    .await?;
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    Ok(())
}
