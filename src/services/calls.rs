//! Calls for proposals: the embassy's yearly thematic calls to associations, PISCCA rounds and
//! the joint fund's calls to paired local authorities. Their applications are in
//! [`super::applications`].

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::nested::{self, NestedList, NestedPage};
use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, actors};
use crate::auth::policy;
use crate::domain::vocabulary::{Instrument, RecordType, Theme};
use crate::entities::{call, call_theme};
use crate::error::AppResult;

/// Which calls to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    pub instruments: Vec<Instrument>,
    pub themes: Vec<Theme>,
    pub years: Vec<i32>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// Only the calls of this fund.
    pub fund_id: Option<i64>,
    /// Only calls open on this day: opened on or before it, not closed before it.
    pub open_on: Option<NaiveDate>,
    pub search: Option<String>,
}

/// How to order calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CallOrderField {
    #[default]
    Year,
    /// By title (the folded French title, so accents and case do not matter).
    Title,
    CreatedAt,
}

#[derive(Debug, Clone, Copy)]
pub struct CallOrder {
    pub field: CallOrderField,
    pub descending: bool,
}

impl Default for CallOrder {
    /// The latest calls first.
    fn default() -> Self {
        Self {
            field: CallOrderField::Year,
            descending: true,
        }
    }
}

/// The calls the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<call::Entity> {
    call::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Call,
        call::Column::Sensitivity,
        call::Column::Id,
    ))
}

fn condition(filter: &CallFilter) -> Condition {
    let mut condition = Condition::all();
    if !filter.instruments.is_empty() {
        condition = condition.add(call::Column::Instrument.is_in(filter.instruments.clone()));
    }
    if !filter.themes.is_empty() {
        condition = condition.add(
            call::Column::Id.into_expr().in_subquery(
                Query::select()
                    .column(call_theme::Column::CallId)
                    .from(call_theme::Entity)
                    .and_where(
                        Expr::col(call_theme::Column::Theme)
                            .is_in(filter.themes.iter().map(|t| t.as_str())),
                    )
                    .to_owned(),
            ),
        );
    }
    if !filter.years.is_empty() {
        condition = condition.add(call::Column::Year.is_in(filter.years.iter().copied()));
    }
    if let Some(from) = filter.year_from {
        condition = condition.add(call::Column::Year.gte(from));
    }
    if let Some(to) = filter.year_to {
        condition = condition.add(call::Column::Year.lte(to));
    }
    if let Some(fund) = filter.fund_id {
        condition = condition.add(call::Column::FundId.eq(fund));
    }
    if let Some(day) = filter.open_on {
        // A call without an opening date is not known to be open on any day.
        condition = condition.add(call::Column::OpensOn.lte(day)).add(
            Condition::any()
                .add(call::Column::ClosesOn.is_null())
                .add(call::Column::ClosesOn.gte(day)),
        );
    }
    if let Some(text) = &filter.search {
        condition = condition.add(actors::search_condition(call::Column::SearchKey, text));
    }
    condition
}

fn sort_keys(order: CallOrder) -> Vec<SortKey> {
    let direction = if order.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let (column, kind) = match order.field {
        CallOrderField::Year => (call::Column::Year, KeyKind::Int),
        CallOrderField::Title => (call::Column::SearchKey, KeyKind::Text),
        CallOrderField::CreatedAt => (call::Column::CreatedAt, KeyKind::Timestamp),
    };
    vec![
        SortKey::new(column, direction.clone(), kind),
        SortKey::new(call::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: CallOrder) -> impl Fn(&call::Model) -> Vec<serde_json::Value> {
    move |c| {
        let first = match order.field {
            CallOrderField::Year => json!(c.year),
            CallOrderField::Title => json!(c.search_key),
            CallOrderField::CreatedAt => json!(pagination::timestamp_key(&c.created_at)),
        };
        vec![first, json!(c.id)]
    }
}

/// A page of the calls matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &CallFilter,
    order: CallOrder,
    page: &PageRequest,
) -> AppResult<Page<call::Model>> {
    let select = pagination::apply(
        visible(svc).filter(condition(filter)),
        &sort_keys(order),
        page,
    )?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many calls match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &CallFilter) -> AppResult<u64> {
    Ok(visible(svc)
        .filter(condition(filter))
        .count(&svc.db.reader)
        .await?)
}

/// Calls by id, as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, call::Model>> {
    Ok(visible(svc)
        .filter(call::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// The themes of each call.
pub async fn themes_of(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, Vec<Theme>>> {
    let rows = call_theme::Entity::find()
        .filter(call_theme::Column::CallId.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<Theme>> = ids.iter().map(|id| (*id, Vec::new())).collect();
    for row in rows {
        grouped.entry(row.call_id).or_default().push(row.theme);
    }
    for themes in grouped.values_mut() {
        themes.sort_by_key(|t| t.as_str());
    }
    Ok(grouped)
}

fn year_cursor(c: &call::Model) -> Vec<serde_json::Value> {
    vec![json!(c.year), json!(c.id)]
}

fn fund_of(c: &call::Model) -> i64 {
    c.fund_id.unwrap_or_default()
}

/// A page of the visible calls of each fund (latest first), in one statement.
pub async fn per_fund(
    svc: &ServiceContext,
    fund_ids: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<call::Model>>> {
    let list = NestedList {
        select: visible(svc),
        parent: call::Column::FundId,
        keys: sort_keys(CallOrder::default()),
        parent_of: fund_of,
        cursor_of: year_cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, fund_ids, page).await
}

/// How many visible calls each fund has, in one statement.
pub async fn count_per_fund(
    svc: &ServiceContext,
    fund_ids: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(&svc.db.reader, visible(svc), call::Column::FundId, fund_ids).await
}
