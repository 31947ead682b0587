//! The floor of the Contacts benchmark: the statements `crm-store` sends for
//! each measured request, written out by hand and run through the same driver
//! (sea-orm → sqlx, prepared statements with bind parameters, custom plans).
//!
//! - contact list (`contacts/mod.rs`, `list_contacts` + `with_companies`):
//!   the keyset statement, then the page's companies by id;
//! - contact detail (`find_contact`): the contact, then its company;
//! - timeline (`activities.rs` + `audit.rs`): the link check, the contact's
//!   activities newest first, its audit events newest first.

use anyhow::{Context, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement, Value};
use uuid::Uuid;

const CONTACT_COLUMNS: [&str; 16] = [
    "id",
    "workspace_id",
    "name",
    "sort_name",
    "email",
    "other_emails",
    "phone",
    "job_title",
    "company_id",
    "owner_id",
    "tags",
    "address",
    "notes",
    "search_text",
    "created_at",
    "updated_at",
];
const COMPANY_COLUMNS: [&str; 16] = [
    "id",
    "workspace_id",
    "name",
    "sort_name",
    "name_key",
    "domain",
    "website",
    "industry",
    "size",
    "status",
    "owner_id",
    "address",
    "notes",
    "search_text",
    "created_at",
    "updated_at",
];
const ACTIVITY_COLUMNS: [&str; 16] = [
    "id",
    "workspace_id",
    "kind",
    "subject",
    "body",
    "priority",
    "due_at",
    "assignee_id",
    "lead_id",
    "contact_id",
    "company_id",
    "completed_at",
    "completed_by",
    "created_by",
    "created_at",
    "updated_at",
];
const AUDIT_COLUMNS: [&str; 9] =
    ["id", "workspace_id", "actor_type", "actor_id", "action", "entity_type", "entity_id", "summary", "at"];

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
            other => other.to_string(),
        };
        sql = sql.replace(&format!("${}", i + 1), &text);
    }
    sql
}

/// A contact list request: `q`, `companyId`, sort, cursor.
#[derive(Clone, Debug, Default)]
pub struct ContactListSql {
    pub q: Option<String>,
    pub company: Option<Uuid>,
    /// `sort=name` (ascending `(sort_name, id)`); default `-createdAt`.
    pub by_name: bool,
    /// The cursor: the last row's `(sort_name, id)`.
    pub after: Option<(String, Uuid)>,
    pub limit: u64,
}

impl ContactListSql {
    /// The list statement (as `list_contacts` builds it) and its values.
    #[must_use]
    pub fn statement(&self, workspace: Uuid) -> (String, Vec<Value>) {
        let mut sql = format!("{} WHERE \"contacts\".\"workspace_id\" = $1", select("contacts", &CONTACT_COLUMNS));
        let mut values: Vec<Value> = vec![workspace.into()];
        let next = |values: &mut Vec<Value>, v: Value| {
            values.push(v);
            format!("${}", values.len())
        };
        if let Some(q) = &self.q {
            let pattern = format!("%{q}%");
            let p1 = next(&mut values, pattern.clone().into());
            let w = next(&mut values, workspace.into());
            let p2 = next(&mut values, pattern.into());
            sql.push_str(&format!(
                " AND (\"contacts\".\"search_text\" LIKE {p1} OR \"contacts\".\"company_id\" IN (SELECT \"companies\".\"id\" \
                 FROM \"companies\" WHERE \"companies\".\"workspace_id\" = {w} AND \"companies\".\"search_text\" LIKE {p2}))"
            ));
        }
        if let Some(company) = self.company {
            let p = next(&mut values, company.into());
            sql.push_str(&format!(" AND \"contacts\".\"company_id\" = {p}"));
        }
        match (&self.after, self.by_name) {
            (Some((name, id)), true) => {
                let a = next(&mut values, name.clone().into());
                let b = next(&mut values, name.clone().into());
                let c = next(&mut values, (*id).into());
                sql.push_str(&format!(
                    " AND (\"contacts\".\"sort_name\" > {a} OR (\"contacts\".\"sort_name\" = {b} AND \"contacts\".\"id\" > {c}))"
                ));
            }
            (Some((_, id)), false) => {
                let p = next(&mut values, (*id).into());
                sql.push_str(&format!(" AND \"contacts\".\"id\" < {p}"));
            }
            (None, _) => {}
        }
        if self.by_name {
            sql.push_str(" ORDER BY \"contacts\".\"sort_name\" ASC, \"contacts\".\"id\" ASC");
        } else {
            sql.push_str(" ORDER BY \"contacts\".\"id\" DESC");
        }
        let p = next(&mut values, (self.limit + 1).into());
        sql.push_str(&format!(" LIMIT {p}"));
        (sql, values)
    }

    #[must_use]
    pub fn literal(&self, workspace: Uuid) -> String {
        let (sql, values) = self.statement(workspace);
        literal(&sql, &values)
    }

    /// The list statement, then the page's companies; returns the ids.
    ///
    /// # Errors
    /// Database errors.
    pub async fn run(&self, db: &DatabaseConnection, workspace: Uuid) -> Result<Vec<Uuid>> {
        let (sql, values) = self.statement(workspace);
        let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        companies_of(db, workspace, &rows).await?;
        ids(&rows)
    }
}

fn ids(rows: &[QueryResult]) -> Result<Vec<Uuid>> {
    rows.iter().map(|r| r.try_get::<Uuid>("", "id").map_err(Into::into)).collect()
}

/// `with_companies`: the companies of the contact rows, by id.
async fn companies_of(db: &DatabaseConnection, workspace: Uuid, rows: &[QueryResult]) -> Result<()> {
    let mut ids = Vec::new();
    for r in rows {
        if let Some(id) = r.try_get::<Option<Uuid>>("", "company_id")? {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    let params: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "{} WHERE \"companies\".\"workspace_id\" = $1 AND \"companies\".\"id\" IN ({})",
        select("companies", &COMPANY_COLUMNS),
        params.join(", ")
    );
    let mut values: Vec<Value> = vec![workspace.into()];
    values.extend(ids.into_iter().map(Value::from));
    db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
    Ok(())
}

/// `find_contact`: the contact by id in the workspace, then its company.
///
/// # Errors
/// Database errors, or no such contact.
pub async fn contact_detail(db: &DatabaseConnection, workspace: Uuid, id: Uuid) -> Result<()> {
    let sql = format!(
        "{} WHERE \"contacts\".\"workspace_id\" = $1 AND \"contacts\".\"id\" = $2 LIMIT $3",
        select("contacts", &CONTACT_COLUMNS)
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [workspace.into(), id.into(), 1_u64.into()],
        ))
        .await?
        .context("contact not found")?;
    companies_of(db, workspace, &[row]).await
}

/// The statements of one timeline page of a contact, in the order the
/// service sends them: link check, activities, audit events.
#[must_use]
pub fn timeline_statements(
    workspace: Uuid,
    contact: Uuid,
    before: Option<Uuid>,
    limit: u64,
) -> Vec<(String, Vec<Value>)> {
    let exists = (
        "SELECT \"contacts\".\"id\" FROM \"contacts\" WHERE \"contacts\".\"workspace_id\" = $1 AND \"contacts\".\"id\" = $2 LIMIT $3"
            .to_owned(),
        vec![workspace.into(), contact.into(), 1_u64.into()],
    );
    let mut activities = format!(
        "{} WHERE \"activities\".\"workspace_id\" = $1 AND \"activities\".\"contact_id\" = $2",
        select("activities", &ACTIVITY_COLUMNS)
    );
    let mut activity_values: Vec<Value> = vec![workspace.into(), contact.into()];
    let mut events = format!(
        "{} WHERE \"audit_events\".\"workspace_id\" = $1 AND \"audit_events\".\"entity_type\" = $2 \
         AND \"audit_events\".\"entity_id\" = $3",
        select("audit_events", &AUDIT_COLUMNS)
    );
    let mut event_values: Vec<Value> = vec![workspace.into(), "contact".into(), contact.into()];
    if let Some(before) = before {
        activity_values.push(before.into());
        activities.push_str(&format!(" AND \"activities\".\"id\" < ${}", activity_values.len()));
        event_values.push(before.into());
        events.push_str(&format!(" AND \"audit_events\".\"id\" < ${}", event_values.len()));
    }
    activity_values.push((limit + 1).into());
    activities.push_str(&format!(" ORDER BY \"activities\".\"id\" DESC LIMIT ${}", activity_values.len()));
    event_values.push((limit + 1).into());
    events.push_str(&format!(" ORDER BY \"audit_events\".\"id\" DESC LIMIT ${}", event_values.len()));
    vec![exists, (activities, activity_values), (events, event_values)]
}

/// The timeline statements with their values written in, for `EXPLAIN`.
#[must_use]
pub fn timeline_literals(workspace: Uuid, contact: Uuid, before: Option<Uuid>, limit: u64) -> Vec<String> {
    timeline_statements(workspace, contact, before, limit).iter().map(|(sql, values)| literal(sql, values)).collect()
}

/// Runs one timeline page's statements; returns the merged ids, newest
/// first (as the service merges them).
///
/// # Errors
/// Database errors.
pub async fn timeline(
    db: &DatabaseConnection,
    workspace: Uuid,
    contact: Uuid,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Uuid>> {
    let mut merged = Vec::new();
    for (i, (sql, values)) in timeline_statements(workspace, contact, before, limit).into_iter().enumerate() {
        let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        if i > 0 {
            merged.extend(ids(&rows)?);
        }
    }
    merged.sort_unstable_by(|a, b| b.cmp(a));
    Ok(merged)
}
