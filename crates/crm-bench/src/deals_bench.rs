//! `crm-bench deals`: the kanban board of a pipeline with many open deals,
//! the next page of a column and a deal's detail, served by the real
//! `crm serve` to a signed-in browser session, against the raw-SQL floor.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::Args;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::bench::{Row, RssProbe, explain, memory, timed};
use crate::contacts_bench::Session;
use crate::deals_sql::{self, BoardSql, DealFilterSql};
use crate::rel_data::COMMON_TERM;
use crate::seed_contacts::BENCH_PASSWORD;
use crate::sql;
use crate::stats::percentiles;

/// `crm_deals::values::STALE_AFTER_DAYS`: a deal without an update for this
/// many days is stale.
const STALE_AFTER_DAYS: i64 = 14;
/// The target for every measured request.
const TARGET_P95_MS: f64 = 50.0;

#[derive(Debug, Args)]
pub struct DealsBenchArgs {
    /// A PostgreSQL database seeded by `crm-bench seed-deals`.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// The workspace to measure (default: the one with the most open deals).
    #[arg(long)]
    workspace: Option<Uuid>,
    /// The `crm` binary (default: `crm` next to this executable).
    #[arg(long)]
    crm_bin: Option<PathBuf>,
    /// The owner's password (what `seed-deals` set).
    #[arg(long, default_value = BENCH_PASSWORD)]
    password: String,
    /// Timed requests per operation.
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    /// Untimed requests before them.
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// Deals per column (the board's `limit`, and the next page's).
    #[arg(long, default_value_t = 20)]
    limit: u64,
}

/// One measured request.
#[derive(Clone, Debug)]
enum Op {
    /// The board with a filter; `rare` rotates `q` over the rare terms.
    Board { query: String, filter: BoardFilter },
    /// The page after the first of the biggest column.
    NextPage,
    /// One deal, rotating over sampled ids.
    Detail,
}

#[derive(Clone, Debug)]
enum BoardFilter {
    None,
    Owner(Uuid),
    Stale,
    Common,
    Rare,
}

struct Fixture {
    workspace: Uuid,
    board: BoardSql,
    rare: Vec<String>,
    detail_ids: Vec<Uuid>,
    /// The biggest column, its first page's last id and the cursor after it.
    big_stage: Uuid,
    big_before: Uuid,
    big_cursor: String,
}

impl Fixture {
    fn filter(&self, f: &BoardFilter, i: usize) -> DealFilterSql {
        let now = OffsetDateTime::now_utc();
        match f {
            BoardFilter::None => DealFilterSql::default(),
            BoardFilter::Owner(o) => DealFilterSql { owner: Some(*o), ..DealFilterSql::default() },
            BoardFilter::Stale => DealFilterSql {
                stale_before: Some(now - time::Duration::days(STALE_AFTER_DAYS)),
                ..DealFilterSql::default()
            },
            BoardFilter::Common => DealFilterSql { q: Some(COMMON_TERM.to_owned()), ..DealFilterSql::default() },
            BoardFilter::Rare => {
                DealFilterSql { q: Some(self.rare[i % self.rare.len()].clone()), ..DealFilterSql::default() }
            }
        }
    }

    fn path(&self, op: &Op, i: usize) -> String {
        let ws = self.workspace;
        let limit = self.board.limit;
        match op {
            Op::Board { query, filter } => {
                let base = format!("/api/workspaces/{ws}/pipelines/{}/board?limit={limit}{query}", self.board.pipeline);
                match filter {
                    BoardFilter::Rare => format!("{base}&q={}", self.rare[i % self.rare.len()]),
                    _ => base,
                }
            }
            Op::NextPage => {
                format!(
                    "/api/workspaces/{ws}/deals?stageId={}&cursor={}&limit={limit}",
                    self.big_stage, self.big_cursor
                )
            }
            Op::Detail => format!("/api/workspaces/{ws}/deals/{}", self.detail_ids[i % self.detail_ids.len()]),
        }
    }

    /// The floor; returns the ids the API should return (per column for the
    /// board, concatenated).
    async fn floor(&self, db: &DatabaseConnection, op: &Op, i: usize) -> Result<Vec<Uuid>> {
        match op {
            Op::Board { filter, .. } => Ok(self.board.run(db, &self.filter(filter, i)).await?.concat()),
            Op::NextPage => {
                deals_sql::next_page(db, self.workspace, self.big_stage, self.big_before, self.board.limit).await
            }
            Op::Detail => deals_sql::detail(db, self.workspace, self.detail_ids[i % self.detail_ids.len()]).await,
        }
    }
}

/// The ids of a board (columns in order), of a deal page, or of one deal.
fn response_ids(v: &serde_json::Value) -> Vec<Uuid> {
    let id = |d: &serde_json::Value| d["id"].as_str().and_then(|s| s.parse().ok());
    if let Some(columns) = v["columns"].as_array() {
        return columns
            .iter()
            .flat_map(|c| c["deals"].as_array().into_iter().flatten().filter_map(id).collect::<Vec<_>>())
            .collect();
    }
    if let Some(data) = v["data"].as_array() {
        return data.iter().filter_map(id).collect();
    }
    id(v).into_iter().collect()
}

#[allow(clippy::too_many_lines)]
pub async fn run(args: DealsBenchArgs) -> Result<()> {
    let db = crm_store::connect(&args.database_url).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        bail!("crm-bench deals measures PostgreSQL; pass a postgres:// DATABASE_URL");
    }
    let workspace = match args.workspace {
        Some(w) => w,
        None => sql::uuids(
            &db,
            "SELECT workspace_id FROM deals WHERE status = 'open' GROUP BY workspace_id ORDER BY count(*) DESC LIMIT 1",
            Vec::new(),
        )
        .await?
        .first()
        .copied()
        .context("no deals: run `crm-bench seed-deals` first")?,
    };
    let (pipeline, stages) = crate::seed_deals::default_pipeline(&db, workspace).await?;
    let counts = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT status, count(*) FROM deals WHERE workspace_id = $1 GROUP BY status ORDER BY status",
            [workspace.into()],
        ))
        .await?
        .iter()
        .map(|r| Ok(format!("{} {}", r.try_get_by_index::<i64>(1)?, r.try_get_by_index::<String>(0)?)))
        .collect::<Result<Vec<_>>>()?
        .join(", ");
    let all_deals = sql::texts(&db, "SELECT count(*)::text FROM deals", Vec::new()).await?.join("");
    let currency =
        sql::texts(&db, "SELECT currency FROM workspaces WHERE id = $1", vec![workspace.into()]).await?.join("");
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
        "workspace {workspace}: {counts} deals ({all_deals} in the database); currency {currency}; PostgreSQL {version}"
    );
    let top_owner = sql::uuids(
        &db,
        "SELECT owner_id FROM deals WHERE workspace_id = $1 AND status = 'open' AND owner_id IS NOT NULL \
         GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1",
        vec![workspace.into()],
    )
    .await?
    .first()
    .copied()
    .context("no owned deals")?;
    // Rare terms: the unique quote references (`… (Q-k3f9q2zx2a)`).
    let rare: Vec<String> = sql::texts(
        &db,
        "SELECT substring(search_text from '\\(q-([a-z0-9]+)\\)') FROM deals TABLESAMPLE SYSTEM (10) REPEATABLE (7) \
         WHERE workspace_id = $1 AND status = 'open' AND search_text LIKE '%(q-%' LIMIT 50",
        vec![workspace.into()],
    )
    .await?;
    let detail_ids = sql::uuids(
        &db,
        "SELECT id FROM deals TABLESAMPLE SYSTEM (5) REPEATABLE (11) WHERE workspace_id = $1 LIMIT 200",
        vec![workspace.into()],
    )
    .await?;
    if rare.is_empty() || detail_ids.is_empty() {
        bail!("no quote references or deals sampled");
    }

    // The server, and a browser session.
    let (server, session, data_dir) =
        Session::start(args.crm_bin.as_deref(), &args.database_url, "deals", &owner_email, &args.password).await?;
    let pid = server.0.id();
    let rss_idle = memory(pid).map_or(0.0, |(rss, _)| rss as f64 / 1024.0);
    let probe = RssProbe::start(pid);
    let session = Arc::new(session);
    let limit = args.limit;

    // The biggest column of the unfiltered board and its next-page cursor.
    let board_path = format!("/api/workspaces/{workspace}/pipelines/{pipeline}/board?limit={limit}");
    let first = session.get_json(&board_path).await?;
    let big = first["columns"]
        .as_array()
        .and_then(|cs| cs.iter().max_by_key(|c| c["count"].as_u64().unwrap_or(0)))
        .context("the board has no columns")?;
    let big_stage: Uuid = big["stageId"].as_str().context("stageId")?.parse()?;
    let big_cursor = big["nextCursor"].as_str().context("the biggest column has one page only")?.to_owned();
    let big_before: Uuid = big["deals"]
        .as_array()
        .and_then(|d| d.last())
        .and_then(|d| d["id"].as_str())
        .context("empty column")?
        .parse()?;
    let column_counts: Vec<String> =
        first["columns"].as_array().into_iter().flatten().map(|c| c["count"].to_string()).collect();
    // The won and lost columns' period: the board's default (`closedSince`,
    // the first day of the current quarter), as the API answered it.
    let closed_since: time::Date =
        serde_json::from_value(first["closedSince"].clone()).context("the board has no closedSince")?;
    let closed_since = closed_since.midnight().assume_utc();
    let closed_all = sql::texts(
        &db,
        "SELECT count(*)::text FROM deals WHERE workspace_id = $1 AND pipeline_id = $2 AND closed_at IS NOT NULL",
        vec![workspace.into(), pipeline.into()],
    )
    .await?
    .join("");
    println!(
        "board columns (deals per stage, board order; won and lost closed since {}, of {closed_all} closed): {}",
        closed_since.date(),
        column_counts.join(" / ")
    );

    let fixture = Arc::new(Fixture {
        workspace,
        board: BoardSql {
            workspace,
            pipeline,
            stages: stages.iter().map(|(id, kind)| (*id, kind != "open")).collect(),
            closed_since,
            limit,
        },
        rare,
        detail_ids,
        big_stage,
        big_before,
        big_cursor,
    });
    let board =
        |name: &str, query: &str, filter: BoardFilter| (name.to_owned(), Op::Board { query: query.to_owned(), filter });
    let ops: Vec<(String, Op)> = vec![
        board("board first screen (no filter)", "", BoardFilter::None),
        board("board, ownerId (top owner)", &format!("&ownerId={top_owner}"), BoardFilter::Owner(top_owner)),
        board("board, stale=true", "&stale=true", BoardFilter::Stale),
        board(&format!("board, q={COMMON_TERM} (common)"), &format!("&q={COMMON_TERM}"), BoardFilter::Common),
        board("board, q=<quote ref> (rare, 1 match)", "", BoardFilter::Rare),
        ("next page of the biggest column".to_owned(), Op::NextPage),
        ("deal detail".to_owned(), Op::Detail),
    ];

    // The API and the floor must return the same rows.
    for (name, op) in &ops {
        let api = response_ids(&session.get_json(&fixture.path(op, 0)).await?);
        let floor = fixture.floor(&db, op, 0).await?;
        if api == floor {
            eprintln!("{name}: {} deals, same as the floor", api.len());
        } else {
            eprintln!(
                "WARNING {name}: the API returned {} deals, the floor {} (or a different order)",
                api.len(),
                floor.len()
            );
        }
    }

    let (warm, n) = (args.warmup, args.iterations);
    let mut rows = Vec::new();
    for (name, op) in &ops {
        eprintln!("measuring {name}");
        let api_samples = timed(warm, n, |i| {
            let (session, path) = (session.clone(), fixture.path(op, i));
            async move { session.get_json(&path).await.map(|_| ()) }
        })
        .await?;
        let floor_samples = timed(warm, n, |i| {
            let (db, fixture, op) = (db.clone(), fixture.clone(), op.clone());
            async move { fixture.floor(&db, &op, i).await.map(|_| ()) }
        })
        .await?;
        rows.push(Row { name: name.clone(), api: percentiles(&api_samples), floor: percentiles(&floor_samples) });
    }
    let rss_max = probe.max_mib();
    let hwm = memory(pid).map_or(0.0, |(_, h)| h as f64 / 1024.0);
    drop(server);

    println!(
        "\n## Latency (ms), {n} sequential timed requests after {warm} warm-up, limit={limit} per column, session auth\n"
    );
    println!(
        "| operation | p50 | p95 | p99 | floor p50 | floor p95 | floor p99 | ratio p95 | p95 ≤ {TARGET_P95_MS:.0} ms |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for r in &rows {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1}× | {} |",
            r.name,
            r.api.p50,
            r.api.p95,
            r.api.p99,
            r.floor.p50,
            r.floor.p95,
            r.floor.p99,
            r.api.p95 / r.floor.p95,
            if r.api.p95 <= TARGET_P95_MS { "met" } else { "**missed**" }
        );
    }
    println!(
        "\nServer RSS: {rss_idle:.1} MiB idle after start, {rss_max:.1} MiB max during the run, VmHWM {hwm:.1} MiB"
    );

    println!("\n## Plans (EXPLAIN (ANALYZE, BUFFERS), custom plans as under `plan_cache_mode = force_custom_plan`)");
    let variants = [
        ("no filter", BoardFilter::None),
        ("ownerId", BoardFilter::Owner(top_owner)),
        ("stale=true", BoardFilter::Stale),
        ("q common", BoardFilter::Common),
        ("q rare", BoardFilter::Rare),
    ];
    let won_stage = stages.iter().find(|(_, kind)| kind == "won").map(|(id, _)| *id).context("no won stage")?;
    for (label, f) in &variants {
        let (open, closed) = fixture.board.filters(&fixture.filter(f, 0));
        explain(&db, &format!("board {label}: open stage totals"), &deals_sql::totals_literal(workspace, &open))
            .await?;
        explain(
            &db,
            &format!("board {label}: closed-period stage totals"),
            &deals_sql::totals_literal(workspace, &closed),
        )
        .await?;
        let column = DealFilterSql { stage: Some(big_stage), ..open };
        explain(
            &db,
            &format!("board {label}: first page of the biggest column"),
            &deals_sql::page_literal(workspace, &column, None, limit),
        )
        .await?;
        let won = DealFilterSql { stage: Some(won_stage), ..closed };
        explain(
            &db,
            &format!("board {label}: first page of the won column (period)"),
            &deals_sql::page_literal(workspace, &won, None, limit),
        )
        .await?;
    }
    let next = DealFilterSql { stage: Some(big_stage), ..DealFilterSql::default() };
    explain(
        &db,
        "next page of the biggest column",
        &deals_sql::page_literal(workspace, &next, Some(big_before), limit),
    )
    .await?;
    db.close().await.ok();
    std::fs::remove_dir_all(&data_dir).ok();
    Ok(())
}
