//! Keyset order `(sort_name, id)` or `(id)` for lists sorted by name or
//! creation, in either direction.

use crm_kernel::{Limit, ListSort, NameCursor, SortBy};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};

/// Applies the cursor condition, the order and `limit + 1`.
pub fn by_name_or_id<E: EntityTrait>(
    mut select: Select<E>,
    name: E::Column,
    id: E::Column,
    sort: ListSort,
    after: Option<&NameCursor>,
    limit: Limit,
) -> Select<E> {
    let beyond = |a: SimpleExpr, b: SimpleExpr| if sort.descending { a.lt(b) } else { a.gt(b) };
    if let Some(cursor) = after {
        // A row-value comparison `(name, id) > ($name, $id)` is one index
        // range condition; the equivalent OR of two terms is not, and gets
        // slower with depth (docs/benchmarks.md).
        let condition = match (&cursor.name_key, sort.by) {
            (Some(key), SortBy::Name) => beyond(
                Expr::tuple([Expr::col(name), Expr::col(id)]),
                Expr::tuple([Expr::val(key.clone()), Expr::val(cursor.id)]),
            ),
            _ => beyond(Expr::col(id), Expr::val(cursor.id)),
        };
        select = select.filter(condition);
    }
    let order = if sort.descending { Order::Desc } else { Order::Asc };
    if sort.by == SortBy::Name {
        select = select.order_by(name, order.clone());
    }
    select.order_by(id, order).limit(u64::from(limit.get()) + 1)
}

/// `%`, `_` and `\` in user text are dropped: they would be wildcards.
#[must_use]
pub fn like_pattern(q: &str) -> String {
    let literal: String = q.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    format!("%{literal}%")
}
