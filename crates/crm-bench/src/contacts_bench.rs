//! `crm-bench contacts`: the Contacts API and a contact's timeline, served
//! by the real `crm serve` to a signed-in browser session, against the
//! raw-SQL floor.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

use crate::bench::{Row, RssProbe, Server, explain, free_port, memory, timed};
use crate::rel_data::COMMON_TERM;
use crate::rel_sql::{self, ContactListSql};
use crate::seed_contacts::BENCH_PASSWORD;
use crate::sql;
use crate::stats::percentiles;

#[derive(Debug, Args)]
pub struct ContactsBenchArgs {
    /// A PostgreSQL database seeded by `crm-bench seed-contacts`.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// The workspace to measure (default: the one with the most contacts).
    #[arg(long)]
    workspace: Option<Uuid>,
    /// The `crm` binary (default: `crm` next to this executable).
    #[arg(long)]
    crm_bin: Option<PathBuf>,
    /// The owner's password (what `seed-contacts` set).
    #[arg(long, default_value = BENCH_PASSWORD)]
    password: String,
    /// Timed requests per operation.
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    /// Untimed requests before them.
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// Pages followed through `nextCursor` before timing a deep page.
    #[arg(long, default_value_t = 50)]
    deep_pages: usize,
    /// Page size of every list request.
    #[arg(long, default_value_t = 50)]
    limit: u64,
}

/// A signed-in SPA client: the cookie store carries `crm_session` (and its
/// renewals) and `crm_csrf`.
pub(crate) struct Session {
    pub(crate) client: reqwest::Client,
    pub(crate) base: String,
}

impl Session {
    pub(crate) async fn get_json(&self, path: &str) -> Result<serde_json::Value> {
        let response = self.client.get(format!("{}{path}", self.base)).send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            bail!("GET {path}: {status}: {}", String::from_utf8_lossy(&body));
        }
        Ok(serde_json::from_slice(&body)?)
    }
}

impl Session {
    /// Starts `crm serve` (`crm_bin`, else the `crm` next to this binary) on
    /// a free port against `database_url`, waits until it is ready and signs
    /// in as `email`. The server stops when the returned [`Server`] drops;
    /// the caller removes the returned data dir.
    pub(crate) async fn start(
        crm_bin: Option<&std::path::Path>,
        database_url: &str,
        tag: &str,
        email: &str,
        password: &str,
    ) -> Result<(Server, Self, std::path::PathBuf)> {
        let crm = match crm_bin {
            Some(p) => p.to_path_buf(),
            None => std::env::current_exe()?.with_file_name("crm"),
        };
        let data_dir = std::env::temp_dir().join(format!("crm-bench-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&data_dir)?;
        let port = free_port()?;
        let child = Command::new(&crm)
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("CRM_ADDR", format!("127.0.0.1:{port}"))
            .env("CRM_DATA_DIR", data_dir.display().to_string())
            .env("CRM_SECRET", "crm-bench-secret-0123456789abcdefghijklmnop")
            .env("CRM_DIGEST_ENABLED", "false")
            .env("CRM_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {} serve (build it: cargo build --release --bin crm)", crm.display()))?;
        let server = Server(child);
        let client = reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build()?;
        let base = format!("http://127.0.0.1:{port}");
        let ready_deadline = Instant::now() + Duration::from_secs(60);
        while !client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
            if Instant::now() > ready_deadline {
                bail!("the server did not become ready in 60 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let signed_in = client
            .post(format!("{base}/api/auth/sign-in"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await?;
        let cookies: Vec<String> = signed_in
            .cookies()
            .map(|c| c.name().to_owned())
            .filter(|n| n == "crm_session" || n == "crm_csrf")
            .collect();
        if !signed_in.status().is_success() || cookies.len() != 2 {
            bail!("sign-in as {email} failed: {} (cookies {cookies:?})", signed_in.status());
        }
        Ok((server, Self { client, base }, data_dir))
    }
}

async fn one_uuid(db: &DatabaseConnection, sql_text: &str, values: Vec<sea_orm::Value>) -> Result<Uuid> {
    sql::uuids(db, sql_text, values).await?.first().copied().with_context(|| format!("no row: {sql_text}"))
}

/// Ids of a contact page, of a timeline page (activity or event id), or of
/// one record.
fn page_ids(page: &serde_json::Value) -> Vec<Uuid> {
    if let Some(id) = page["id"].as_str() {
        return id.parse().into_iter().collect();
    }
    page["data"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    let id = item["id"]
                        .as_str()
                        .or_else(|| item["activity"]["id"].as_str())
                        .or_else(|| item["event"]["id"].as_str());
                    id.and_then(|s| s.parse().ok())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Follows `nextCursor` `pages` times from `path`; returns the cursor and the
/// last item (its id, and its lower-cased name for contacts).
async fn follow(session: &Session, path: &str, pages: usize) -> Result<(String, Uuid, String)> {
    let mut cursor: Option<String> = None;
    let mut last = (Uuid::nil(), String::new());
    for _ in 0..pages {
        let url = match &cursor {
            Some(c) => format!("{path}&cursor={c}"),
            None => path.to_owned(),
        };
        let page = session.get_json(&url).await?;
        let item = page["data"].as_array().and_then(|d| d.last()).context("empty page")?;
        let id = page_ids(&serde_json::json!({ "data": [item] })).first().copied().context("item id")?;
        last = (id, item["name"].as_str().unwrap_or_default().to_lowercase());
        cursor = page["nextCursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    Ok((cursor.context("fewer pages than --deep-pages")?, last.0, last.1))
}

type PathFn = Box<dyn Fn(usize) -> String>;
type FloorFn = Box<dyn Fn(usize) -> Floor>;

/// One request's floor.
enum Floor {
    List(ContactListSql),
    Detail(Uuid),
    Timeline(Option<Uuid>),
}

impl Floor {
    async fn run(&self, db: &DatabaseConnection, workspace: Uuid, contact: Uuid, limit: u64) -> Result<Vec<Uuid>> {
        match self {
            Self::List(q) => q.run(db, workspace).await,
            Self::Detail(id) => rel_sql::contact_detail(db, workspace, *id).await.map(|()| vec![*id]),
            Self::Timeline(before) => rel_sql::timeline(db, workspace, contact, *before, limit).await,
        }
    }
}

#[allow(clippy::too_many_lines)]
pub async fn run(args: ContactsBenchArgs) -> Result<()> {
    let db = crm_store::connect(&args.database_url).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        bail!("crm-bench contacts measures PostgreSQL; pass a postgres:// DATABASE_URL");
    }
    let workspace = match args.workspace {
        Some(w) => w,
        None => one_uuid(
            &db,
            "SELECT workspace_id FROM contacts GROUP BY workspace_id ORDER BY count(*) DESC LIMIT 1",
            Vec::new(),
        )
        .await
        .context("no contacts: run `crm-bench seed-contacts` first")?,
    };
    let count = |table: &'static str| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    format!("SELECT count(*) FROM {table} WHERE workspace_id = $1"),
                    [workspace.into()],
                ))
                .await?
                .context("count")?;
            Ok::<i64, anyhow::Error>(row.try_get_by_index(0)?)
        }
    };
    let (contacts, companies, activities) =
        (count("contacts").await?, count("companies").await?, count("activities").await?);
    let version = sql::texts(&db, "SHOW server_version", Vec::new()).await?.join("");
    let owner_email = sql::texts(
        &db,
        "SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id \
         WHERE m.workspace_id = $1 AND m.role = 'owner' ORDER BY m.created_at LIMIT 1",
        vec![workspace.into()],
    )
    .await?
    .pop()
    .context("workspace has no owner")?;
    println!(
        "workspace {workspace}: {contacts} contacts, {companies} companies, {activities} activities; PostgreSQL {version}"
    );

    // Rare terms: the unique token of sampled emails; ids; companies.
    let sampled = sql::texts(
        &db,
        "SELECT email FROM contacts TABLESAMPLE SYSTEM (1) REPEATABLE (7) \
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
        "SELECT id FROM contacts TABLESAMPLE SYSTEM (1) REPEATABLE (11) WHERE workspace_id = $1 LIMIT 200",
        vec![workspace.into()],
    )
    .await?;
    let common_company = one_uuid(
        &db,
        "SELECT id FROM companies WHERE workspace_id = $1 AND search_text LIKE $2 LIMIT 1",
        vec![workspace.into(), format!("%{COMMON_TERM}%").into()],
    )
    .await?;
    let filter_companies = sql::uuids(
        &db,
        "SELECT company_id FROM contacts TABLESAMPLE SYSTEM (1) REPEATABLE (13) \
         WHERE workspace_id = $1 AND company_id IS NOT NULL AND company_id <> $2 LIMIT 50",
        vec![workspace.into(), common_company.into()],
    )
    .await?;
    if ids.is_empty() || filter_companies.is_empty() {
        bail!("no contacts or companies sampled");
    }
    let timeline_contact = one_uuid(
        &db,
        "SELECT contact_id FROM activities WHERE workspace_id = $1 AND contact_id IS NOT NULL \
         GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1",
        vec![workspace.into()],
    )
    .await?;

    // The server, and a browser session.
    let (server, session, data_dir) =
        Session::start(args.crm_bin.as_deref(), &args.database_url, "contacts", &owner_email, &args.password).await?;
    let pid = server.0.id();
    let rss_idle = memory(pid).map_or(0.0, |(rss, _)| rss as f64 / 1024.0);
    let probe = RssProbe::start(pid);
    let session = Arc::new(session);
    let limit = args.limit;
    let (warm, n) = (args.warmup, args.iterations);
    let contacts_path = format!("/api/workspaces/{workspace}/contacts?limit={limit}");
    let timeline_path = format!("/api/workspaces/{workspace}/contacts/{timeline_contact}/timeline?limit={limit}");

    eprintln!("following {} pages (by id, by name, timeline)", args.deep_pages);
    let (deep_cursor, deep_id, deep_name) = follow(&session, &contacts_path, args.deep_pages).await?;
    let name_path = format!("{contacts_path}&sort=name");
    let (deep_name_cursor, deep_name_id, deep_name_key) = follow(&session, &name_path, args.deep_pages).await?;
    let (deep_timeline_cursor, deep_timeline_id, _) = follow(&session, &timeline_path, args.deep_pages).await?;

    let list = move |q: ContactListSql| Floor::List(ContactListSql { limit, ..q });
    let rare_path = rare.clone();
    let rare_floor = rare.clone();
    let companies_path = filter_companies.clone();
    let companies_floor = filter_companies.clone();
    let detail_ids = ids.clone();
    let detail_floor = ids.clone();
    let ops: Vec<(&str, PathFn, FloorFn)> = vec![
        (
            "first page",
            Box::new({
                let p = contacts_path.clone();
                move |_| p.clone()
            }),
            Box::new(move |_| list(ContactListSql::default())),
        ),
        (
            "sorted by name",
            Box::new({
                let p = name_path.clone();
                move |_| p.clone()
            }),
            Box::new(move |_| list(ContactListSql { by_name: true, ..ContactListSql::default() })),
        ),
        (
            "deep page (cursor, by id)",
            Box::new({
                let p = format!("{contacts_path}&cursor={deep_cursor}");
                move |_| p.clone()
            }),
            Box::new(move |_| {
                list(ContactListSql { after: Some((deep_name.clone(), deep_id)), ..ContactListSql::default() })
            }),
        ),
        (
            "deep page (cursor, by name)",
            Box::new({
                let p = format!("{name_path}&cursor={deep_name_cursor}");
                move |_| p.clone()
            }),
            Box::new(move |_| {
                list(ContactListSql {
                    by_name: true,
                    after: Some((deep_name_key.clone(), deep_name_id)),
                    ..ContactListSql::default()
                })
            }),
        ),
        (
            "search rare term (1 match)",
            Box::new({
                let p = contacts_path.clone();
                move |i| format!("{p}&q={}", rare_path[i % rare_path.len()])
            }),
            Box::new(move |i| {
                list(ContactListSql { q: Some(rare_floor[i % rare_floor.len()].clone()), ..ContactListSql::default() })
            }),
        ),
        (
            "search common term (company)",
            Box::new({
                let p = format!("{contacts_path}&q={COMMON_TERM}");
                move |_| p.clone()
            }),
            Box::new(move |_| list(ContactListSql { q: Some(COMMON_TERM.to_owned()), ..ContactListSql::default() })),
        ),
        (
            "filter by company",
            Box::new({
                let p = contacts_path.clone();
                move |i| format!("{p}&companyId={}", companies_path[i % companies_path.len()])
            }),
            Box::new(move |i| {
                list(ContactListSql {
                    company: Some(companies_floor[i % companies_floor.len()]),
                    ..ContactListSql::default()
                })
            }),
        ),
        (
            "filter by the common company",
            Box::new({
                let p = format!("{contacts_path}&companyId={common_company}");
                move |_| p.clone()
            }),
            Box::new(move |_| list(ContactListSql { company: Some(common_company), ..ContactListSql::default() })),
        ),
        (
            "contact detail",
            Box::new(move |i| format!("/api/workspaces/{workspace}/contacts/{}", detail_ids[i % detail_ids.len()])),
            Box::new(move |i| Floor::Detail(detail_floor[i % detail_floor.len()])),
        ),
        (
            "timeline first page",
            Box::new({
                let p = timeline_path.clone();
                move |_| p.clone()
            }),
            Box::new(|_| Floor::Timeline(None)),
        ),
        (
            "timeline deep page (cursor)",
            Box::new({
                let p = format!("{timeline_path}&cursor={deep_timeline_cursor}");
                move |_| p.clone()
            }),
            Box::new(move |_| Floor::Timeline(Some(deep_timeline_id))),
        ),
    ];

    // The API and the floor must return the same rows.
    for (name, path, floor) in &ops {
        let api_ids = page_ids(&session.get_json(&path(0)).await?);
        let floor_ids = floor(0).run(&db, workspace, timeline_contact, limit).await?;
        let limit_usize = usize::try_from(limit).unwrap_or(usize::MAX);
        let floor_page: Vec<Uuid> = floor_ids.into_iter().take(limit_usize).collect();
        if api_ids != floor_page {
            eprintln!(
                "WARNING {name}: the API returned {} rows, the floor {} (or a different order)",
                api_ids.len(),
                floor_page.len()
            );
        } else {
            eprintln!("{name}: {} rows, same as the floor", api_ids.len());
        }
    }

    let mut rows = Vec::new();
    for (name, path, floor) in &ops {
        eprintln!("measuring {name}");
        let api_samples = timed(warm, n, |i| {
            let session = session.clone();
            let p = path(i);
            async move { session.get_json(&p).await.map(|_| ()) }
        })
        .await?;
        let floor_samples = timed(warm, n, |i| {
            let (db, f) = (db.clone(), floor(i));
            async move { f.run(&db, workspace, timeline_contact, limit).await.map(|_| ()) }
        })
        .await?;
        rows.push(Row { name: (*name).to_owned(), api: percentiles(&api_samples), floor: percentiles(&floor_samples) });
    }
    let rss_max = probe.max_mib();
    let hwm = memory(pid).map_or(0.0, |(_, h)| h as f64 / 1024.0);
    drop(server);

    println!(
        "\n## Latency (ms), {n} timed requests after {warm} warm-up, limit={limit}, {contacts} contacts, session auth\n"
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
    println!(
        "\nServer RSS: {rss_idle:.1} MiB idle after start, {rss_max:.1} MiB max during the run, VmHWM {hwm:.1} MiB"
    );

    println!("\n## Plans");
    let common_q = ContactListSql { q: Some(COMMON_TERM.to_owned()), limit, ..ContactListSql::default() };
    let rare_q = ContactListSql { q: Some(rare[0].clone()), limit, ..ContactListSql::default() };
    explain(&db, "search common term (first page)", &common_q.literal(workspace)).await?;
    explain(&db, "search rare term", &rare_q.literal(workspace)).await?;
    explain(&db, "first page", &ContactListSql { limit, ..ContactListSql::default() }.literal(workspace)).await?;
    explain(
        &db,
        "sorted by name",
        &ContactListSql { by_name: true, limit, ..ContactListSql::default() }.literal(workspace),
    )
    .await?;
    let titles = ["link check", "activities", "audit events"];
    for (label, before) in [("timeline first page", None), ("timeline deep page", Some(deep_timeline_id))] {
        for (title, statement) in
            titles.iter().zip(rel_sql::timeline_literals(workspace, timeline_contact, before, limit))
        {
            explain(&db, &format!("{label}: {title}"), &statement).await?;
        }
    }
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    Ok(())
}
