//! The floor: the statements `crm-store` sends for the measured operations,
//! written out by hand and run through the same driver (sea-orm → sqlx,
//! prepared statements with bind parameters).
//!
//! The list statement mirrors `crates/crm-store/src/leads/list.rs` for the
//! default sort (`-createdAt` = `id DESC`): workspace, then `q`
//! (`search_text LIKE '%term%'`), then `status`, then the cursor
//! (`id < $cursor`), `ORDER BY id DESC LIMIT limit + 1`.

use anyhow::{Context, Result};
use crm_leads::Lead;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement, Value};
use uuid::Uuid;

const COLUMNS: [&str; 19] = [
    "id",
    "workspace_id",
    "name",
    "sort_name",
    "email",
    "phone",
    "company",
    "source",
    "status",
    "assignee_id",
    "next_action_date",
    "next_action_text",
    "notes",
    "tags",
    "search_text",
    "created_at",
    "updated_at",
    "last_activity_at",
    "converted_at",
];

/// A list request of the default sort.
#[derive(Clone, Debug, Default)]
pub struct ListSql {
    pub q: Option<String>,
    pub status: Option<&'static str>,
    pub before: Option<Uuid>,
    pub limit: u64,
}

fn select_list() -> String {
    COLUMNS.iter().map(|c| format!("\"leads\".\"{c}\"")).collect::<Vec<_>>().join(", ")
}

impl ListSql {
    /// The SQL with `$n` parameters and their values.
    #[must_use]
    pub fn statement(&self, workspace: Uuid) -> (String, Vec<Value>) {
        let mut sql = format!("SELECT {} FROM \"leads\" WHERE \"leads\".\"workspace_id\" = $1", select_list());
        let mut values: Vec<Value> = vec![workspace.into()];
        if let Some(q) = &self.q {
            values.push(format!("%{q}%").into());
            sql.push_str(&format!(" AND \"leads\".\"search_text\" LIKE ${}", values.len()));
        }
        if let Some(status) = self.status {
            values.push(status.into());
            sql.push_str(&format!(" AND \"leads\".\"status\" = ${}", values.len()));
        }
        if let Some(before) = self.before {
            values.push(before.into());
            sql.push_str(&format!(" AND \"leads\".\"id\" < ${}", values.len()));
        }
        values.push((self.limit + 1).into());
        sql.push_str(&format!(" ORDER BY \"leads\".\"id\" DESC LIMIT ${}", values.len()));
        (sql, values)
    }

    /// The same statement with the values written in, for `EXPLAIN`.
    #[must_use]
    pub fn literal(&self, workspace: Uuid) -> String {
        let (mut sql, values) = self.statement(workspace);
        for (i, v) in values.iter().enumerate().rev() {
            let text = match v {
                Value::String(Some(s)) => format!("'{}'", s.replace('\'', "''")),
                Value::Uuid(Some(u)) => format!("'{u}'::uuid"),
                other => other.to_string(),
            };
            sql = sql.replace(&format!("${}", i + 1), &text);
        }
        sql
    }

    /// Runs it; returns the rows.
    ///
    /// # Errors
    /// Database errors.
    pub async fn run(&self, db: &DatabaseConnection, workspace: Uuid) -> Result<Vec<QueryResult>> {
        let (sql, values) = self.statement(workspace);
        Ok(db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?)
    }
}

/// `find_lead`: one lead by id in the workspace.
///
/// # Errors
/// Database errors, or no such lead.
pub async fn detail(db: &DatabaseConnection, workspace: Uuid, id: Uuid) -> Result<()> {
    let sql = format!(
        "SELECT {} FROM \"leads\" WHERE \"leads\".\"workspace_id\" = $1 AND \"leads\".\"id\" = $2 LIMIT $3",
        select_list()
    );
    db.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [workspace.into(), id.into(), 1_u64.into()],
    ))
    .await?
    .context("lead not found")?;
    Ok(())
}

/// The row values `crm-store`'s `row()` writes for a lead.
fn values(lead: &Lead) -> Vec<Value> {
    vec![
        lead.id.as_uuid().into(),
        lead.workspace_id.as_uuid().into(),
        lead.name.as_str().to_owned().into(),
        lead.name.as_str().to_lowercase().into(),
        lead.email.as_ref().map(|e| e.as_str().to_owned()).into(),
        lead.phone.as_ref().map(|p| p.as_str().to_owned()).into(),
        lead.company.clone().into(),
        lead.source.as_str().to_owned().into(),
        lead.status.as_str().to_owned().into(),
        lead.assignee_id.map(|u| u.as_uuid()).into(),
        lead.next_action_date.into(),
        lead.next_action_text.clone().into(),
        lead.notes.clone().into(),
        lead.tags.as_slice().join(",").into(),
        lead.search_text().into(),
        lead.created_at.into(),
        lead.updated_at.into(),
        lead.last_activity_at.into(),
        lead.converted_at.into(),
    ]
}

/// A single-row `INSERT` of a lead, in autocommit.
///
/// # Errors
/// Database errors.
pub async fn insert(db: &DatabaseConnection, lead: &Lead) -> Result<()> {
    let params: Vec<String> = (1..=COLUMNS.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO \"leads\" ({}) VALUES ({})",
        COLUMNS.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "),
        params.join(", ")
    );
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values(lead))).await?;
    Ok(())
}

/// One text column of every row.
///
/// # Errors
/// Database errors.
pub async fn texts(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Result<Vec<String>> {
    let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0).map_err(Into::into)).collect()
}

/// One uuid column of every row.
///
/// # Errors
/// Database errors.
pub async fn uuids(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Result<Vec<Uuid>> {
    let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
    rows.iter().map(|r| r.try_get_by_index::<Uuid>(0).map_err(Into::into)).collect()
}
