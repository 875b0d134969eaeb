//! Keyset pagination, the same on SQLite and PostgreSQL.
//!
//! A list is ordered by one or more sort keys that always end with the primary key, so the
//! order is total and a cursor (the sort values of a row) points at exactly one place. Paging
//! from a cursor is a `WHERE` on those values, never an `OFFSET`, so pages stay stable while
//! rows are added.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select, Value,
};
use serde_json::Value as Json;

use crate::error::{AppError, AppResult};

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: u64 = 20;
/// Largest accepted `first` / `last`.
pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

/// A checked page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub limit: u64,
    pub direction: Direction,
    /// The decoded cursor values (`after` when forward, `before` when backward).
    pub cursor: Option<Vec<Json>>,
}

impl PageRequest {
    /// Checks Relay arguments: `first`/`last` within 0..=100, not both, cursors well formed.
    pub fn from_args(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Self> {
        if first.is_some() && last.is_some() {
            return Err(AppError::bad_input(
                "last",
                "pass either `first` or `last`, not both",
            ));
        }
        let size = |value: Option<i32>, field: &str| -> AppResult<u64> {
            match value {
                None => Ok(DEFAULT_PAGE_SIZE),
                Some(n) if n < 0 => Err(AppError::bad_input(
                    field,
                    format!("`{field}` must not be negative"),
                )),
                Some(n) if n as u64 > MAX_PAGE_SIZE => Err(AppError::bad_input(
                    field,
                    format!("`{field}` must be at most {MAX_PAGE_SIZE}"),
                )),
                Some(n) => Ok(n as u64),
            }
        };
        if last.is_some() || (before.is_some() && first.is_none() && after.is_none()) {
            if after.is_some() {
                return Err(AppError::bad_input(
                    "after",
                    "`after` goes with `first`, not `last`",
                ));
            }
            return Ok(Self {
                limit: size(last, "last")?,
                direction: Direction::Backward,
                cursor: before
                    .as_deref()
                    .map(|c| decode_cursor(c, "before"))
                    .transpose()?,
            });
        }
        if before.is_some() {
            return Err(AppError::bad_input(
                "before",
                "`before` goes with `last`, not `first`",
            ));
        }
        Ok(Self {
            limit: size(first, "first")?,
            direction: Direction::Forward,
            cursor: after
                .as_deref()
                .map(|c| decode_cursor(c, "after"))
                .transpose()?,
        })
    }

    /// The first `n` items (for internal use and nested defaults).
    pub fn first(n: u64) -> Self {
        Self {
            limit: std::cmp::min(n, MAX_PAGE_SIZE),
            direction: Direction::Forward,
            cursor: None,
        }
    }
}

/// A page of items, each with its cursor.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<(String, T)>,
    pub has_next: bool,
    pub has_previous: bool,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl Fn(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(|(c, t)| (c, f(t))).collect(),
            has_next: self.has_next,
            has_previous: self.has_previous,
        }
    }
}

/// The kind of value a sort key holds, to turn a cursor's JSON back into a bound value.
#[derive(Debug, Clone, Copy)]
pub enum KeyKind {
    Int,
    Text,
    /// A timestamp, carried in the cursor as RFC 3339 text.
    Timestamp,
    /// A date, carried in the cursor as `YYYY-MM-DD`.
    Date,
}

/// One sort key: a column expression, its order and its kind.
#[derive(Debug, Clone)]
pub struct SortKey {
    pub expr: Expr,
    pub order: Order,
    pub kind: KeyKind,
}

impl SortKey {
    pub fn asc(column: impl ColumnTrait, kind: KeyKind) -> Self {
        Self::new(column, Order::Asc, kind)
    }

    pub fn new(column: impl ColumnTrait, order: Order, kind: KeyKind) -> Self {
        Self {
            expr: column.into_expr(),
            order,
            kind,
        }
    }
}

/// The cursor form of a timestamp sort key, at full precision: a cursor must bound exactly
/// the row it was taken from. SQLite keeps the nanoseconds `Utc::now()` gives (PostgreSQL
/// keeps microseconds), so a cursor cut to microseconds sorts before its own row there, and
/// paging ascending (or backward through a descending list) served that row twice.
pub fn timestamp_key(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// Applies ordering, the cursor condition and `LIMIT limit + 1` to `select`.
pub fn apply<E: EntityTrait>(
    mut select: Select<E>,
    keys: &[SortKey],
    page: &PageRequest,
) -> AppResult<Select<E>> {
    let backward = page.direction == Direction::Backward;
    if let Some(cursor) = &page.cursor {
        let field = if backward { "before" } else { "after" };
        if cursor.len() != keys.len() {
            return Err(AppError::bad_input(
                field,
                "the cursor does not belong to this list",
            ));
        }
        let values = keys
            .iter()
            .zip(cursor)
            .map(|(key, json)| {
                to_value(key.kind, json).ok_or_else(|| {
                    AppError::bad_input(field, "the cursor does not belong to this list")
                })
            })
            .collect::<AppResult<Vec<Value>>>()?;
        select = select.filter(after_condition(keys, &values, backward));
    }
    for key in keys {
        let order = match (&key.order, backward) {
            (Order::Asc, false) | (Order::Desc, true) => Order::Asc,
            _ => Order::Desc,
        };
        select = select.order_by(key.expr.clone(), order);
    }
    Ok(select.limit(page.limit + 1))
}

/// `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR …`, with `<` for descending keys (flipped when
/// paging backward). Written out rather than as a row-value comparison so mixed directions work.
fn after_condition(keys: &[SortKey], values: &[Value], backward: bool) -> Condition {
    let mut any = Condition::any();
    for i in 0..keys.len() {
        let mut all = Condition::all();
        for (key, value) in keys.iter().zip(values).take(i) {
            all = all.add(key.expr.clone().eq(value.clone()));
        }
        let key = &keys[i];
        let ascending = matches!(key.order, Order::Asc) != backward;
        let cmp = if ascending {
            key.expr.clone().gt(values[i].clone())
        } else {
            key.expr.clone().lt(values[i].clone())
        };
        any = any.add(all.add(cmp));
    }
    any
}

fn to_value(kind: KeyKind, json: &Json) -> Option<Value> {
    match kind {
        KeyKind::Int => json.as_i64().map(Value::from),
        KeyKind::Text => json.as_str().map(|s| Value::from(s.to_owned())),
        KeyKind::Date => json
            .as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .map(Value::from),
        KeyKind::Timestamp => json
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| Value::from(t.with_timezone(&chrono::Utc))),
    }
}

/// Turns the rows fetched by [`apply`] (at most `limit + 1`) into a page.
pub fn into_page<M>(
    mut rows: Vec<M>,
    page: &PageRequest,
    cursor_of: impl Fn(&M) -> Vec<Json>,
) -> Page<M> {
    let has_more = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    if page.direction == Direction::Backward {
        rows.reverse();
    }
    let (has_next, has_previous) = match page.direction {
        Direction::Forward => (has_more, page.cursor.is_some()),
        Direction::Backward => (page.cursor.is_some(), has_more),
    };
    Page {
        items: rows
            .into_iter()
            .map(|row| (encode_cursor(&cursor_of(&row)), row))
            .collect(),
        has_next,
        has_previous,
    }
}

pub fn encode_cursor(values: &[Json]) -> String {
    URL_SAFE_NO_PAD.encode(Json::Array(values.to_vec()).to_string())
}

fn decode_cursor(cursor: &str, field: &str) -> AppResult<Vec<Json>> {
    let invalid = || AppError::bad_input(field, format!("`{cursor}` is not a valid cursor"));
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    match serde_json::from_slice::<Json>(&raw).map_err(|_| invalid())? {
        Json::Array(values) if !values.is_empty() => Ok(values),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_arguments_are_checked() {
        let request = PageRequest::from_args(None, None, None, None).unwrap();
        assert_eq!(
            (request.limit, request.direction),
            (DEFAULT_PAGE_SIZE, Direction::Forward)
        );
        let request = PageRequest::from_args(None, None, Some(5), None).unwrap();
        assert_eq!((request.limit, request.direction), (5, Direction::Backward));
        for (first, last) in [
            (Some(101), None),
            (None, Some(101)),
            (Some(-1), None),
            (Some(1), Some(1)),
        ] {
            assert!(PageRequest::from_args(first, None, last, None).is_err());
        }
        assert!(PageRequest::from_args(Some(1), Some("not a cursor".into()), None, None).is_err());
    }

    #[test]
    fn timestamp_cursors_keep_every_digit_the_database_keeps() {
        // SQLite stores `Utc::now()` to the nanosecond: a shorter cursor would sort before
        // its own row and page it twice.
        let at = chrono::DateTime::from_timestamp_nanos(1_700_000_000_123_456_789);
        let key = timestamp_key(&at);
        assert_eq!(key, "2023-11-14T22:13:20.123456789Z");
        assert_eq!(
            to_value(KeyKind::Timestamp, &Json::from(key)),
            Some(Value::from(at))
        );
    }

    #[test]
    fn cursors_round_trip() {
        let values = vec![Json::from("MA-04"), Json::from(4)];
        let encoded = encode_cursor(&values);
        assert_eq!(decode_cursor(&encoded, "after").unwrap(), values);
    }
}
