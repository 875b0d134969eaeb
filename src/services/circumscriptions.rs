//! Circumscriptions: the consulates general's districts and the territories they cover.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::ServiceContext;
use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use crate::entities::{circumscription, circumscription_coverage};
use crate::error::AppResult;

/// A page of circumscriptions ordered by code.
pub async fn list(
    svc: &ServiceContext,
    page: &PageRequest,
) -> AppResult<Page<circumscription::Model>> {
    let keys = [
        SortKey::asc(circumscription::Column::Code, KeyKind::Text),
        SortKey::asc(circumscription::Column::Id, KeyKind::Int),
    ];
    let rows = pagination::apply(circumscription::Entity::find(), &keys, page)?
        .all(&svc.db.reader)
        .await?;
    Ok(pagination::into_page(rows, page, |c| {
        vec![json!(c.code), json!(c.id)]
    }))
}

pub async fn count(svc: &ServiceContext) -> AppResult<u64> {
    Ok(circumscription::Entity::find()
        .count(&svc.db.reader)
        .await?)
}

pub async fn by_code(
    svc: &ServiceContext,
    code: &str,
) -> AppResult<Option<circumscription::Model>> {
    Ok(circumscription::Entity::find()
        .filter(circumscription::Column::Code.eq(code.trim().to_uppercase()))
        .one(&svc.db.reader)
        .await?)
}

/// Circumscriptions by id, for the DataLoader.
pub async fn by_ids(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, circumscription::Model>> {
    Ok(circumscription::Entity::find()
        .filter(circumscription::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// The coverage entries of each circumscription (past, current and future), for the
/// DataLoader.
pub async fn coverage_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<circumscription_coverage::Model>>> {
    let rows = circumscription_coverage::Entity::find()
        .filter(circumscription_coverage::Column::CircumscriptionId.is_in(ids.iter().copied()))
        .order_by_asc(circumscription_coverage::Column::TerritoryId)
        .order_by_asc(circumscription_coverage::Column::Id)
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<_>> = HashMap::new();
    for row in rows {
        grouped.entry(row.circumscription_id).or_default().push(row);
    }
    Ok(grouped)
}
