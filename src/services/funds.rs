//! Funds (the joint Franco-Moroccan fund for decentralised cooperation) and their allocations
//! to partnerships and projects. Reads only: the envelope check lives with the writes.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::ServiceContext;
use super::nested::{self, NestedList, NestedPage};
use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use crate::auth::policy;
use crate::domain::vocabulary::{AllocationStatus, RecordType};
use crate::entities::{fund, fund_allocation};
use crate::error::AppResult;

/// The arguments that shape a fund's list of allocations (a DataLoader key part).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AllocationListArgs {
    pub status: Option<AllocationStatus>,
    pub page: NestedPage,
}

/// The funds the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<fund::Entity> {
    fund::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Fund,
        fund::Column::Sensitivity,
        fund::Column::Id,
    ))
}

/// The allocations the viewer may see.
pub fn visible_allocations(svc: &ServiceContext) -> Select<fund_allocation::Entity> {
    fund_allocation::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::FundAllocation,
        fund_allocation::Column::Sensitivity,
        fund_allocation::Column::Id,
    ))
}

fn with_status(
    select: Select<fund_allocation::Entity>,
    status: Option<AllocationStatus>,
) -> Select<fund_allocation::Entity> {
    match status {
        Some(status) => select.filter(fund_allocation::Column::Status.eq(status)),
        None => select,
    }
}

/// A page of the funds the viewer may see, ordered by French name, then id.
pub async fn list(svc: &ServiceContext, page: &PageRequest) -> AppResult<Page<fund::Model>> {
    let keys = [
        SortKey::asc(fund::Column::NameFr, KeyKind::Text),
        SortKey::asc(fund::Column::Id, KeyKind::Int),
    ];
    let rows = pagination::apply(visible(svc), &keys, page)?
        .all(&svc.db.reader)
        .await?;
    Ok(pagination::into_page(rows, page, |f| {
        vec![json!(f.name_fr), json!(f.id)]
    }))
}

/// How many funds the viewer may see.
pub async fn count(svc: &ServiceContext) -> AppResult<u64> {
    Ok(visible(svc).count(&svc.db.reader).await?)
}

/// Funds by id, as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, fund::Model>> {
    Ok(visible(svc)
        .filter(fund::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// Allocations by id, as the viewer may see them; for the DataLoader.
pub async fn allocations_by_ids(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, fund_allocation::Model>> {
    Ok(visible_allocations(svc)
        .filter(fund_allocation::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

fn by_id_keys() -> Vec<SortKey> {
    vec![SortKey::asc(fund_allocation::Column::Id, KeyKind::Int)]
}

fn id_cursor(a: &fund_allocation::Model) -> Vec<serde_json::Value> {
    vec![json!(a.id)]
}

fn fund_of(a: &fund_allocation::Model) -> i64 {
    a.fund_id
}

fn project_of(a: &fund_allocation::Model) -> i64 {
    a.project_id.unwrap_or_default()
}

/// A page of the visible allocations of each fund (in the order they were recorded), in one
/// statement.
pub async fn allocations_per_fund(
    svc: &ServiceContext,
    fund_ids: &[i64],
    args: &AllocationListArgs,
) -> AppResult<HashMap<i64, Page<fund_allocation::Model>>> {
    let list = NestedList {
        select: with_status(visible_allocations(svc), args.status),
        parent: fund_allocation::Column::FundId,
        keys: by_id_keys(),
        parent_of: fund_of,
        cursor_of: id_cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, fund_ids, &args.page).await
}

/// How many visible allocations each fund has (with `status`, if given), in one statement.
pub async fn count_allocations_per_fund(
    svc: &ServiceContext,
    fund_ids: &[i64],
    status: &Option<AllocationStatus>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        with_status(visible_allocations(svc), *status),
        fund_allocation::Column::FundId,
        fund_ids,
    )
    .await
}

/// A page of the visible allocations made to each project, in one statement.
pub async fn allocations_per_project(
    svc: &ServiceContext,
    project_ids: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<fund_allocation::Model>>> {
    let list = NestedList {
        select: visible_allocations(svc),
        parent: fund_allocation::Column::ProjectId,
        keys: by_id_keys(),
        parent_of: project_of,
        cursor_of: id_cursor,
    };
    nested::page_per_parent(&svc.db.reader, list, project_ids, page).await
}

/// How many visible allocations were made to each project, in one statement.
pub async fn count_allocations_per_project(
    svc: &ServiceContext,
    project_ids: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        visible_allocations(svc),
        fund_allocation::Column::ProjectId,
        project_ids,
    )
    .await
}
