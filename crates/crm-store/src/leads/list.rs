//! The list query: filters, stale detection and keyset order in SQL.
//!
//! Every order is `(sort column, id)` in one direction, so the cursor
//! condition is `col < key OR (col = key AND id < cursor_id)` (or `>`).
//! Leads without a next action date sort as if dated `NO_DATE` (last when
//! ascending). Search matches `search_text` (lower-cased name, email and
//! company) with `LIKE '%q%'`, which PostgreSQL serves from a `pg_trgm` GIN
//! index (see [`search_postgres`] for how a search stays bounded).

use crm_kernel::Scope;
use crm_leads::query::{LeadQuery, NO_DATE, SortField, SortKey};
use crm_leads::score::STALE_AFTER_DAYS;
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, Order, QueryFilter, QueryOrder, QuerySelect,
    Select, TransactionTrait,
};

use crate::entities::leads::{Column, Entity};
use crate::tenancy::in_workspace;

const OPEN: [&str; 3] = ["new", "contacted", "qualified"];

use crate::keyset::like_pattern;

fn sort_expr(field: SortField) -> SimpleExpr {
    match field {
        SortField::CreatedAt => Expr::col(Column::Id),
        SortField::UpdatedAt => Expr::col(Column::UpdatedAt),
        SortField::Name => Expr::col(Column::SortName),
        SortField::NextActionDate => Func::coalesce([Expr::col(Column::NextActionDate), Expr::val(NO_DATE)]).into(),
    }
}

fn key_value(key: &SortKey) -> Option<SimpleExpr> {
    match key {
        SortKey::None => None,
        SortKey::Time(t) => Some(Expr::val(*t)),
        SortKey::Text(s) => Some(Expr::val(s.clone())),
        SortKey::Date(d) => Some(Expr::val(*d)),
    }
}

pub fn select(scope: &Scope, q: &LeadQuery) -> Select<Entity> {
    let f = &q.filter;
    let mut select = in_workspace::<Entity>(scope);
    if let Some(text) = &f.q {
        select = select.filter(Column::SearchText.like(like_pattern(text)));
    }
    if let Some(status) = f.status {
        select = select.filter(Column::Status.eq(status.as_str()));
    }
    if let Some(source) = &f.source {
        select = select.filter(Column::Source.eq(source.as_str()));
    }
    if let Some(assignee) = f.assignee {
        select = select.filter(Column::AssigneeId.eq(assignee.as_uuid()));
    }
    if let Some(stale) = f.stale {
        let today = q.now.date();
        let cutoff = q.now - time::Duration::days(STALE_AFTER_DAYS);
        let is_stale = Condition::all().add(Column::Status.is_in(OPEN)).add(
            Condition::any()
                // IS NOT NULL keeps every term two-valued, so NOT(...) is exact.
                .add(Condition::all().add(Column::NextActionDate.is_not_null()).add(Column::NextActionDate.lt(today)))
                .add(Column::UpdatedAt.lte(cutoff)),
        );
        select = select.filter(if stale { is_stale } else { is_stale.not() });
    }
    let order = if q.sort.descending { Order::Desc } else { Order::Asc };
    if let Some(cursor) = &q.after {
        let id = cursor.id.as_uuid();
        let beyond = |a: SimpleExpr, b: SimpleExpr| if q.sort.descending { a.lt(b) } else { a.gt(b) };
        let condition = match key_value(&cursor.key) {
            None => beyond(Expr::col(Column::Id), Expr::val(id)),
            // One row-value comparison: an index range condition at any depth.
            Some(key) => {
                beyond(Expr::tuple([sort_expr(q.sort.field), Expr::col(Column::Id)]), Expr::tuple([key, Expr::val(id)]))
            }
        };
        select = select.filter(condition);
    }
    if q.sort.field != SortField::CreatedAt {
        select = select.order_by(sort_expr(q.sort.field), order.clone());
    }
    select.order_by(Column::Id, order).limit(u64::from(q.limit.get()) + 1)
}

/// Newest rows a search looks at before it falls back to the trigram index.
pub const SEARCH_WINDOW: u64 = 5_000;

/// A search in the default order (newest first) on PostgreSQL, bounded
/// whatever the term.
///
/// PostgreSQL either walks ids newest-first and filters (fast for common
/// terms, slow for a rare term it misjudges as common) or reads the trigram
/// index and sorts every match (fast for rare terms, slow for common ones).
/// So: first search only the newest `window` rows (a bounded id walk); a term
/// common enough to fill the page is served there. Otherwise the term is rare
/// among recent rows, and the older rows are searched with plain index scans
/// switched off for that one statement, so the trigram bitmap serves it.
/// Other orders keep the single query.
pub async fn search_postgres(
    db: &DatabaseConnection,
    scope: &Scope,
    q: &LeadQuery,
    window: u64,
) -> Result<Vec<crate::entities::leads::Model>, DbErr> {
    if q.sort.field != SortField::CreatedAt || !q.sort.descending {
        return select(scope, q).all(db).await;
    }
    let wanted = usize::from(q.limit.get()) + 1;
    let mut floor = in_workspace::<Entity>(scope)
        .select_only()
        .column(Column::Id)
        .order_by_desc(Column::Id)
        .offset(window - 1)
        .limit(1);
    if let Some(cursor) = &q.after {
        floor = floor.filter(Column::Id.lt(cursor.id.as_uuid()));
    }
    let Some(floor): Option<uuid::Uuid> = floor.into_tuple().one(db).await? else {
        // Fewer rows than the window left: the plain query is bounded anyway.
        return select(scope, q).all(db).await;
    };
    // Inside the window the id walk is the plan: a trigram bitmap would
    // read every match of a common term in the workspace and sort them.
    let txn = db.begin().await?;
    txn.execute_unprepared("SET LOCAL enable_bitmapscan = off").await?;
    let mut rows = select(scope, q).filter(Column::Id.gte(floor)).all(&txn).await?;
    txn.commit().await?;
    if rows.len() < wanted {
        let txn = db.begin().await?;
        txn.execute_unprepared("SET LOCAL enable_indexscan = off").await?;
        txn.execute_unprepared("SET LOCAL enable_indexonlyscan = off").await?;
        rows.extend(select(scope, q).filter(Column::Id.lt(floor)).all(&txn).await?);
        txn.commit().await?;
        rows.truncate(wanted);
    }
    Ok(rows)
}
