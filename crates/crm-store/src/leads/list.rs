//! The list query: filters, stale detection and keyset order in SQL.
//!
//! Every order is `(sort column, id)` in one direction, so the cursor
//! condition is `col < key OR (col = key AND id < cursor_id)` (or `>`).
//! Leads without a next action date sort as if dated `NO_DATE` (last when
//! ascending). Search matches `search_text` (lower-cased name, email and
//! company) with `LIKE '%q%'`, which PostgreSQL serves from a `pg_trgm` GIN
//! index.

use crm_kernel::Scope;
use crm_leads::query::{LeadQuery, NO_DATE, SortField, SortKey};
use crm_leads::score::STALE_AFTER_DAYS;
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, Order, QueryFilter, QueryOrder, QuerySelect, Select};

use crate::entities::leads::{Column, Entity};
use crate::tenancy::in_workspace;

const OPEN: [&str; 3] = ["new", "contacted", "qualified"];

/// `%`, `_` and `\` in user text are dropped: they would be wildcards.
fn like_pattern(q: &str) -> String {
    let literal: String = q.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    format!("%{literal}%")
}

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
        let id = cursor.id;
        let beyond = |a: SimpleExpr, b: SimpleExpr| if q.sort.descending { a.lt(b) } else { a.gt(b) };
        let condition = match key_value(&cursor.key) {
            None => Condition::all().add(beyond(Expr::col(Column::Id), Expr::val(id))),
            Some(key) => Condition::any().add(beyond(sort_expr(q.sort.field), key.clone())).add(
                Condition::all().add(sort_expr(q.sort.field).eq(key)).add(beyond(Expr::col(Column::Id), Expr::val(id))),
            ),
        };
        select = select.filter(condition);
    }
    if q.sort.field != SortField::CreatedAt {
        select = select.order_by(sort_expr(q.sort.field), order.clone());
    }
    select.order_by(Column::Id, order).limit(u64::from(q.limit.get()) + 1)
}
