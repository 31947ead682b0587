//! The floor of the Deals benchmark: the statements `crm-store` sends for
//! each measured request (`deals.rs`), in the order `DealService` sends
//! them, written out by hand and run through the same driver (sea-orm →
//! sqlx, prepared statements with bind parameters).
//!
//! - board (`DealService::board`): the pipelines and their stages, the
//!   workspace currency, the open columns' totals (the kept
//!   `deal_stage_totals` rows of the pipeline when no filter is set, else a
//!   `GROUP BY` over the filtered deals joined to their stage), the closed
//!   columns' totals (a `GROUP BY` over the deals closed since
//!   `closedSince`), per non-empty column its first page (keyset by id; the
//!   won and lost columns filtered by the same period), then once for the
//!   whole board the lost reasons (only when a page holds a listed reason)
//!   and the link names of every page;
//! - next page of a column (`DealService::list`, `GET /deals?stageId=…`):
//!   the page, the pipelines and stages, the company names;
//! - deal detail (`DealService::get`): the deal, the pipelines and stages,
//!   its company's name.
//!
//! Session and membership look-ups (the `Member` extractor) are not part of
//! the floor, as in the Leads and Contacts floors.

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement, Value};
use time::OffsetDateTime;
use uuid::Uuid;

const DEAL_COLUMNS: [&str; 24] = [
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
const PIPELINE_COLUMNS: [&str; 6] = ["id", "workspace_id", "name", "position", "created_at", "updated_at"];
const STAGE_COLUMNS: [&str; 9] =
    ["id", "workspace_id", "pipeline_id", "name", "position", "probability", "kind", "created_at", "updated_at"];
const LOST_REASON_COLUMNS: [&str; 7] =
    ["id", "workspace_id", "label", "label_key", "position", "archived_at", "created_at"];

fn select(table: &str, columns: &[&str]) -> String {
    let list = columns.iter().map(|c| format!("\"{table}\".\"{c}\"")).collect::<Vec<_>>().join(", ");
    format!("SELECT {list} FROM \"{table}\"")
}

/// Replaces `$n` by the values, for `EXPLAIN`.
fn literal(sql: &str, values: &[Value]) -> String {
    let mut sql = sql.to_owned();
    for (i, v) in values.iter().enumerate().rev() {
        let text = match v {
            Value::String(Some(s)) => format!("'{}'", s.replace('\'', "''")),
            Value::Uuid(Some(u)) => format!("'{u}'::uuid"),
            Value::TimeDateTimeWithTimeZone(Some(t)) => format!("'{t}'::timestamptz"),
            other => other.to_string(),
        };
        sql = sql.replace(&format!("${}", i + 1), &text);
    }
    sql
}

async fn all(db: &DatabaseConnection, (sql, values): (String, Vec<Value>)) -> Result<Vec<QueryResult>> {
    Ok(db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?)
}

/// The board filters (`ownerId`, `stale`, `q`) as `filtered` applies them.
#[derive(Clone, Debug, Default)]
pub struct DealFilterSql {
    pub pipeline: Option<Uuid>,
    pub stage: Option<Uuid>,
    pub owner: Option<Uuid>,
    /// `stale=true`: open and not updated since this instant.
    pub stale_before: Option<OffsetDateTime>,
    /// Already trimmed and lower-cased (the service normalises `q`).
    pub q: Option<String>,
    /// The won and lost columns: closed at or after this instant.
    pub closed_since: Option<OffsetDateTime>,
}

impl DealFilterSql {
    /// `WHERE …` of `filtered`, in its order, appended to `sql`.
    fn push(&self, sql: &mut String, values: &mut Vec<Value>, workspace: Uuid) {
        values.push(workspace.into());
        sql.push_str(" WHERE \"deals\".\"workspace_id\" = $1");
        let mut and = |sql: &mut String, column: &str, op: &str, v: Value| {
            values.push(v);
            sql.push_str(&format!(" AND \"deals\".\"{column}\" {op} ${}", values.len()));
        };
        if let Some(p) = self.pipeline {
            and(sql, "pipeline_id", "=", p.into());
        }
        if let Some(s) = self.stage {
            and(sql, "stage_id", "=", s.into());
        }
        if let Some(o) = self.owner {
            and(sql, "owner_id", "=", o.into());
        }
        if let Some(cutoff) = self.stale_before {
            and(sql, "status", "=", "open".into());
            and(sql, "updated_at", "<", cutoff.into());
        }
        if let Some(q) = &self.q {
            let literal: String = q.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
            and(sql, "search_text", "LIKE", format!("%{literal}%").into());
        }
        if let Some(since) = self.closed_since {
            and(sql, "closed_at", ">=", since.into());
        }
    }
}

/// `stage_totals`: per stage and currency, count, amount and weighted
/// amount (`totals::stage_totals` in `crm-store`; the service folds the
/// currencies).
#[must_use]
pub fn totals_statement(workspace: Uuid, filter: &DealFilterSql) -> (String, Vec<Value>) {
    // A whole pipeline reads the totals the store keeps per stage and
    // currency (as `SeaDealStore::stage_totals` does).
    if let (Some(pipeline), None, None, None, None, None) =
        (filter.pipeline, filter.stage, filter.owner, filter.stale_before, filter.q.as_ref(), filter.closed_since)
    {
        let sql = "SELECT \"deal_stage_totals\".\"stage_id\", \"deal_stage_totals\".\"currency\", \
                   \"deal_stage_totals\".\"deal_count\", \"deal_stage_totals\".\"amount_minor\", \
                   \"deal_stage_totals\".\"weighted_minor\" FROM \"deal_stage_totals\" \
                   WHERE \"deal_stage_totals\".\"workspace_id\" = $1 AND \"deal_stage_totals\".\"stage_id\" IN \
                   (SELECT \"pipeline_stages\".\"id\" FROM \"pipeline_stages\" \
                   WHERE \"pipeline_stages\".\"workspace_id\" = $2 AND \"pipeline_stages\".\"pipeline_id\" = $3)"
            .to_owned();
        return (sql, vec![workspace.into(), workspace.into(), pipeline.into()]);
    }
    let weighted = "CAST(COALESCE(SUM((deals.amount_minor * (CASE WHEN deals.status = 'open' \
         THEN COALESCE(deals.probability, pipeline_stages.probability) ELSE pipeline_stages.probability END) \
         + 50) / 100), 0) AS BIGINT)";
    let mut sql = format!(
        "SELECT \"deals\".\"stage_id\", \"deals\".\"currency\", COUNT(\"deals\".\"id\") AS \"count\", \
         CAST(COALESCE(SUM(deals.amount_minor), 0) AS BIGINT) AS \"amount\", {weighted} AS \"weighted\" \
         FROM \"deals\" INNER JOIN \"pipeline_stages\" ON \"deals\".\"stage_id\" = \"pipeline_stages\".\"id\""
    );
    let mut values = Vec::new();
    filter.push(&mut sql, &mut values, workspace);
    sql.push_str(" GROUP BY \"deals\".\"stage_id\", \"deals\".\"currency\"");
    (sql, values)
}

/// `list_deals`: one keyset page, newest first, one extra row.
#[must_use]
pub fn page_statement(
    workspace: Uuid,
    filter: &DealFilterSql,
    before: Option<Uuid>,
    limit: u64,
) -> (String, Vec<Value>) {
    let mut sql = select("deals", &DEAL_COLUMNS);
    let mut values = Vec::new();
    filter.push(&mut sql, &mut values, workspace);
    if let Some(before) = before {
        values.push(before.into());
        sql.push_str(&format!(" AND \"deals\".\"id\" < ${}", values.len()));
    }
    values.push((limit + 1).into());
    sql.push_str(&format!(" ORDER BY \"deals\".\"id\" DESC LIMIT ${}", values.len()));
    (sql, values)
}

#[must_use]
pub fn totals_literal(workspace: Uuid, filter: &DealFilterSql) -> String {
    let (sql, values) = totals_statement(workspace, filter);
    literal(&sql, &values)
}

#[must_use]
pub fn page_literal(workspace: Uuid, filter: &DealFilterSql, before: Option<Uuid>, limit: u64) -> String {
    let (sql, values) = page_statement(workspace, filter, before, limit);
    literal(&sql, &values)
}

/// `pipelines`: the workspace's pipelines, then all their stages.
async fn context(db: &DatabaseConnection, workspace: Uuid) -> Result<()> {
    let pipelines = format!(
        "{} WHERE \"pipelines\".\"workspace_id\" = $1 ORDER BY \"pipelines\".\"position\" ASC, \"pipelines\".\"id\" ASC",
        select("pipelines", &PIPELINE_COLUMNS)
    );
    all(db, (pipelines, vec![workspace.into()])).await?;
    let stages = format!(
        "{} WHERE \"pipeline_stages\".\"workspace_id\" = $1 ORDER BY \"pipeline_stages\".\"position\" ASC",
        select("pipeline_stages", &STAGE_COLUMNS)
    );
    all(db, (stages, vec![workspace.into()])).await?;
    Ok(())
}

/// `IN (…)` of `ids` from `$2` on, after the workspace as `$1`.
fn by_ids(table: &str, ids: Vec<Uuid>, workspace: Uuid) -> (String, Vec<Value>) {
    let params: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT \"{table}\".\"id\", \"{table}\".\"name\" FROM \"{table}\" WHERE \"{table}\".\"workspace_id\" = $1 \
         AND \"{table}\".\"id\" IN ({})",
        params.join(", ")
    );
    let mut values: Vec<Value> = vec![workspace.into()];
    values.extend(ids.into_iter().map(Value::from));
    (sql, values)
}

/// `link_names`: the rows' contacts and companies (the seed links no
/// contacts).
async fn names(db: &DatabaseConnection, workspace: Uuid, rows: &[QueryResult]) -> Result<()> {
    let mut contacts: Vec<Uuid> = Vec::new();
    let mut companies: Vec<Uuid> = Vec::new();
    for r in rows {
        contacts.extend(r.try_get::<Option<Uuid>>("", "contact_id")?);
        companies.extend(r.try_get::<Option<Uuid>>("", "company_id")?);
    }
    if !contacts.is_empty() {
        all(db, by_ids("contacts", contacts, workspace)).await?;
    }
    if !companies.is_empty() {
        all(db, by_ids("companies", companies, workspace)).await?;
    }
    Ok(())
}

fn ids(rows: &[QueryResult]) -> Result<Vec<Uuid>> {
    rows.iter().map(|r| r.try_get::<Uuid>("", "id").map_err(Into::into)).collect()
}

/// What the board floor needs to know about the pipeline.
#[derive(Clone, Debug)]
pub struct BoardSql {
    pub workspace: Uuid,
    pub pipeline: Uuid,
    /// The pipeline's stages in board order, each with whether it is a
    /// closed (won or lost) column.
    pub stages: Vec<(Uuid, bool)>,
    /// The closed columns' period (the board's `closedSince`).
    pub closed_since: OffsetDateTime,
    pub limit: u64,
}

/// Per stage, the deal count over every currency.
fn counts(rows: &[QueryResult]) -> Result<std::collections::HashMap<Uuid, i64>> {
    let mut counts = std::collections::HashMap::new();
    for r in rows {
        *counts.entry(r.try_get_by_index::<Uuid>(0)?).or_insert(0) += r.try_get_by_index::<i64>(2)?;
    }
    Ok(counts)
}

impl BoardSql {
    /// The board's filters: the open columns' and the closed columns'.
    #[must_use]
    pub fn filters(&self, filter: &DealFilterSql) -> (DealFilterSql, DealFilterSql) {
        let open = DealFilterSql { pipeline: Some(self.pipeline), closed_since: None, ..filter.clone() };
        let closed = DealFilterSql { closed_since: Some(self.closed_since), ..open.clone() };
        (open, closed)
    }

    /// The board's statements; returns each column's first-page ids in
    /// board order (empty columns included).
    ///
    /// # Errors
    /// Database errors.
    pub async fn run(&self, db: &DatabaseConnection, filter: &DealFilterSql) -> Result<Vec<Vec<Uuid>>> {
        let workspace = self.workspace;
        context(db, workspace).await?;
        all(
            db,
            (
                "SELECT \"workspaces\".\"currency\" FROM \"workspaces\" WHERE \"workspaces\".\"id\" = $1 LIMIT $2"
                    .to_owned(),
                vec![workspace.into(), 1_u64.into()],
            ),
        )
        .await?;
        let (open, closed) = self.filters(filter);
        let open_counts = counts(&all(db, totals_statement(workspace, &open)).await?)?;
        let closed_counts = counts(&all(db, totals_statement(workspace, &closed)).await?)?;
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let mut columns = Vec::with_capacity(self.stages.len());
        let mut board_rows = Vec::new();
        for (stage, is_closed) in &self.stages {
            let (counts, filter) = if *is_closed { (&closed_counts, &closed) } else { (&open_counts, &open) };
            if counts.get(stage).copied().unwrap_or(0) == 0 {
                columns.push(Vec::new());
                continue;
            }
            let column = DealFilterSql { stage: Some(*stage), ..filter.clone() };
            let mut rows = all(db, page_statement(workspace, &column, None, self.limit)).await?;
            rows.truncate(limit);
            columns.push(ids(&rows)?);
            board_rows.extend(rows);
        }
        let mut listed_reason = false;
        for r in &board_rows {
            listed_reason |= r.try_get::<Option<Uuid>>("", "lost_reason_id")?.is_some();
        }
        if listed_reason {
            let reasons = format!(
                "{} WHERE \"lost_reasons\".\"workspace_id\" = $1 ORDER BY \"lost_reasons\".\"position\" ASC, \"lost_reasons\".\"id\" ASC",
                select("lost_reasons", &LOST_REASON_COLUMNS)
            );
            all(db, (reasons, vec![workspace.into()])).await?;
        }
        names(db, workspace, &board_rows).await?;
        Ok(columns)
    }
}

/// The next page of one column (`GET /deals?stageId=…&cursor=…`); returns
/// its ids.
///
/// # Errors
/// Database errors.
pub async fn next_page(
    db: &DatabaseConnection,
    workspace: Uuid,
    stage: Uuid,
    before: Uuid,
    limit: u64,
) -> Result<Vec<Uuid>> {
    let filter = DealFilterSql { stage: Some(stage), ..DealFilterSql::default() };
    let rows = all(db, page_statement(workspace, &filter, Some(before), limit)).await?;
    let page = &rows[..rows.len().min(usize::try_from(limit).unwrap_or(usize::MAX))];
    context(db, workspace).await?;
    names(db, workspace, page).await?;
    ids(page)
}

/// `find_deal`, then what its snapshot needs.
///
/// # Errors
/// Database errors, or no such deal.
pub async fn detail(db: &DatabaseConnection, workspace: Uuid, id: Uuid) -> Result<Vec<Uuid>> {
    let sql = format!(
        "{} WHERE \"deals\".\"workspace_id\" = $1 AND \"deals\".\"id\" = $2 LIMIT $3",
        select("deals", &DEAL_COLUMNS)
    );
    let rows = all(db, (sql, vec![workspace.into(), id.into(), 1_u64.into()])).await?;
    rows.first().context("deal not found")?;
    context(db, workspace).await?;
    names(db, workspace, &rows).await?;
    ids(&rows)
}
