//! Territories: Morocco's regions, prefectures, provinces and communes (reference data).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, scope};
use crate::domain::vocabulary::TerritoryLevel;
use crate::entities::{circumscription, territory};
use crate::error::{AppError, AppResult};

/// Which territories to list.
#[derive(Debug, Clone, Default)]
pub struct TerritoryFilter {
    pub level: Option<TerritoryLevel>,
    /// The code of the parent territory (direct children only).
    pub parent_code: Option<String>,
}

fn sort_keys() -> Vec<SortKey> {
    vec![
        SortKey::asc(territory::Column::Code, KeyKind::Text),
        SortKey::asc(territory::Column::Id, KeyKind::Int),
    ]
}

fn cursor_of(model: &territory::Model) -> Vec<serde_json::Value> {
    vec![json!(model.code), json!(model.id)]
}

async fn condition(svc: &ServiceContext, filter: &TerritoryFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if let Some(level) = filter.level {
        condition = condition.add(territory::Column::Level.eq(level));
    }
    if let Some(code) = &filter.parent_code {
        let parent = by_code(svc, code).await?.ok_or_else(|| {
            AppError::bad_input("parent", format!("no territory has the code `{code}`"))
        })?;
        condition = condition.add(territory::Column::ParentId.eq(parent.id));
    }
    Ok(condition)
}

/// A page of territories ordered by code.
pub async fn list(
    svc: &ServiceContext,
    filter: &TerritoryFilter,
    page: &PageRequest,
) -> AppResult<Page<territory::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(
        territory::Entity::find().filter(condition),
        &sort_keys(),
        page,
    )?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of))
}

/// How many territories match `filter`.
pub async fn count(svc: &ServiceContext, filter: &TerritoryFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(territory::Entity::find()
        .filter(condition)
        .count(&svc.db.reader)
        .await?)
}

/// A page of the direct children of `parent_id`.
pub async fn children(
    svc: &ServiceContext,
    parent_id: i64,
    page: &PageRequest,
) -> AppResult<Page<territory::Model>> {
    let select = territory::Entity::find().filter(territory::Column::ParentId.eq(parent_id));
    let rows = pagination::apply(select, &sort_keys(), page)?
        .all(&svc.db.reader)
        .await?;
    Ok(pagination::into_page(rows, page, cursor_of))
}

/// How many direct children `parent_id` has.
pub async fn count_children(svc: &ServiceContext, parent_id: i64) -> AppResult<u64> {
    Ok(territory::Entity::find()
        .filter(territory::Column::ParentId.eq(parent_id))
        .count(&svc.db.reader)
        .await?)
}

pub async fn by_code(svc: &ServiceContext, code: &str) -> AppResult<Option<territory::Model>> {
    Ok(territory::Entity::find()
        .filter(territory::Column::Code.eq(code.trim().to_uppercase()))
        .one(&svc.db.reader)
        .await?)
}

/// Territories by id, for the DataLoader.
pub async fn by_ids(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, territory::Model>> {
    Ok(territory::Entity::find()
        .filter(territory::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect())
}

/// The circumscription each territory belongs to today (through its own coverage or its
/// nearest ancestor's; the lowest code where coverage overlaps), for the DataLoader.
pub async fn circumscription_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, circumscription::Model>> {
    let today = chrono::Utc::now().date_naive();
    let covering = scope::circumscriptions_of_territories(&svc.db.reader, ids, today).await?;
    let circ_ids: Vec<i64> = covering.values().flatten().copied().collect();
    let circs = super::circumscriptions::by_ids(svc, &circ_ids).await?;
    Ok(covering
        .into_iter()
        .filter_map(|(territory, circ_ids)| {
            circ_ids
                .iter()
                .filter_map(|id| circs.get(id))
                .min_by(|a, b| a.code.cmp(&b.code))
                .map(|c| (territory, c.clone()))
        })
        .collect())
}

/// The ids of the territory with `code` and of all its descendants (one query per level), for
/// filters that include descendants; an unknown code is the caller's `field` at fault.
pub async fn subtree_ids(svc: &ServiceContext, code: &str, field: &str) -> AppResult<Vec<i64>> {
    let root = by_code(svc, code)
        .await?
        .ok_or_else(|| AppError::bad_input(field, format!("no territory has the code `{code}`")))?;
    let mut all = vec![root.id];
    let mut frontier = vec![root.id];
    while !frontier.is_empty() {
        let children: Vec<i64> = territory::Entity::find()
            .select_only()
            .column(territory::Column::Id)
            .filter(territory::Column::ParentId.is_in(frontier))
            .into_tuple()
            .all(&svc.db.reader)
            .await?;
        all.extend(&children);
        frontier = children;
    }
    Ok(all)
}
