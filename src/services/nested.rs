//! Lists nested under many parents at once (an actor's projects, a project's participants …),
//! for the DataLoaders: one SQL statement for a page under every parent, one for the counts,
//! however many parents and rows — so a query costs the same number of statements for 5
//! parents as for 100.
//!
//! A page per parent is taken with a window function (`ROW_NUMBER() OVER (PARTITION BY parent
//! ORDER BY …)`), which both SQLite and PostgreSQL run; the count is a grouped `COUNT(*)`.

use std::collections::HashMap;
use std::hash::Hash;

use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, WindowStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    QueryTrait, Select,
};
use serde_json::Value as Json;

use super::pagination::{self, Direction, Page, PageRequest, SortKey};
use crate::error::{AppError, AppResult};

/// The page arguments of a nested list, hashable so the DataLoader can batch equal ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NestedPage {
    pub first: u64,
    pub after: Option<String>,
}

impl NestedPage {
    /// From `first`/`after` arguments: checked as for any page (at most 100).
    pub fn from_args(first: Option<i32>, after: Option<String>) -> AppResult<Self> {
        let request = PageRequest::from_args(first, after.clone(), None, None)?;
        Ok(Self {
            first: request.limit,
            after,
        })
    }

    fn request(&self) -> AppResult<PageRequest> {
        let first =
            i32::try_from(self.first).map_err(|_| AppError::bad_input("first", "too large"))?;
        PageRequest::from_args(Some(first), self.after.clone(), None, None)
    }
}

/// A DataLoader key: a parent, plus what shapes its list (filters and page arguments).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NestedKey<A> {
    pub parent: i64,
    pub args: A,
}

/// Groups loader keys by their arguments: one statement per distinct argument set.
pub fn group_by_args<A: Clone + Eq + Hash>(keys: &[NestedKey<A>]) -> HashMap<A, Vec<i64>> {
    let mut groups: HashMap<A, Vec<i64>> = HashMap::new();
    for key in keys {
        groups.entry(key.args.clone()).or_default().push(key.parent);
    }
    groups
}

/// A list nested under parents: the rows (with every condition but the parent: visibility,
/// filters, joins), the column naming the parent, and the order within a parent (ending with a
/// unique column).
pub struct NestedList<E: EntityTrait> {
    pub select: Select<E>,
    pub parent: E::Column,
    pub keys: Vec<SortKey>,
    pub parent_of: fn(&E::Model) -> i64,
    pub cursor_of: fn(&E::Model) -> Vec<Json>,
}

/// The page `page` of `list` under each of `parents`, in one statement.
pub async fn page_per_parent<E, C>(
    conn: &C,
    list: NestedList<E>,
    parents: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<E::Model>>>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Send + Sync,
    C: ConnectionTrait,
{
    let request = page.request()?;
    debug_assert_eq!(request.direction, Direction::Forward);
    let select = list
        .select
        .filter(list.parent.is_in(parents.iter().copied()));
    // `apply` adds the cursor condition; its ORDER BY and LIMIT are replaced by the window.
    let mut inner = pagination::apply(select, &list.keys, &request)?.into_query();
    inner.clear_order_by();
    inner.reset_limit();
    let mut window = WindowStatement::partition_by(list.parent);
    for key in &list.keys {
        window.order_by_expr(key.expr.clone(), key.order.clone());
    }
    inner.expr_window_as(
        Expr::cust("ROW_NUMBER()"),
        window,
        Alias::new("nested_rank"),
    );
    let outer = Query::select()
        .column(Asterisk)
        .from_subquery(inner, Alias::new("nested"))
        .and_where(Expr::col(Alias::new("nested_rank")).lte(request.limit + 1))
        .order_by(Alias::new("nested_rank"), sea_orm::Order::Asc)
        .to_owned();
    let statement = conn.get_database_backend().build(&outer);
    let rows = E::find().from_raw_sql(statement).all(conn).await?;
    let mut grouped: HashMap<i64, Vec<E::Model>> = HashMap::new();
    for row in rows {
        grouped.entry((list.parent_of)(&row)).or_default().push(row);
    }
    Ok(parents
        .iter()
        .map(|p| {
            let rows = grouped.remove(p).unwrap_or_default();
            (*p, pagination::into_page(rows, &request, list.cursor_of))
        })
        .collect())
}

/// How many rows of `select` there are under each of `parents` (0 where none).
pub async fn count_per_parent<E, C>(
    conn: &C,
    select: Select<E>,
    parent: E::Column,
    parents: &[i64],
) -> AppResult<HashMap<i64, u64>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let counts: Vec<(i64, i64)> = select
        .filter(parent.is_in(parents.iter().copied()))
        .select_only()
        .column(parent)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .group_by(parent)
        .into_tuple()
        .all(conn)
        .await?;
    let mut result: HashMap<i64, u64> = parents.iter().map(|p| (*p, 0)).collect();
    for (p, n) in counts {
        result.insert(p, u64::try_from(n).unwrap_or_default());
    }
    Ok(result)
}
