//! The activity log, read side: the entries the viewer may read (by what each recorded at
//! write time: its sensitivity and circumscriptions), newest first, with the actors,
//! territories and circumscriptions they concern.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, territories};
use crate::auth::policy;
use crate::domain::vocabulary::ActivityKind;
use crate::entities::{
    activity, activity_actor, activity_circumscription, activity_territory, circumscription,
};
use crate::error::AppResult;

/// Which entries to list. Every criterion narrows the list; `kinds` matches any of its values.
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub kinds: Vec<ActivityKind>,
    /// Only entries recorded at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only entries concerning this actor.
    pub actor_id: Option<i64>,
    /// A territory code: entries concerning it or any territory below it.
    pub territory: Option<String>,
    /// A circumscription code.
    pub circumscription: Option<String>,
}

/// The entries the viewer may read.
pub fn visible(svc: &ServiceContext) -> Select<activity::Entity> {
    activity::Entity::find().filter(policy::activity_read_condition(&svc.viewer))
}

/// `activities.position IN (SELECT position FROM <link> WHERE …)`.
fn position_in(link: SelectStatement) -> Condition {
    Condition::all().add(activity::Column::Position.into_expr().in_subquery(link))
}

async fn condition(svc: &ServiceContext, filter: &ActivityFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if !filter.kinds.is_empty() {
        condition = condition.add(activity::Column::Kind.is_in(filter.kinds.clone()));
    }
    if let Some(since) = filter.since {
        condition = condition.add(activity::Column::At.gte(since));
    }
    if let Some(actor) = filter.actor_id {
        condition = condition.add(position_in(
            Query::select()
                .column(activity_actor::Column::Position)
                .from(activity_actor::Entity)
                .and_where(Expr::col(activity_actor::Column::ActorId).eq(actor))
                .to_owned(),
        ));
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        condition = condition.add(position_in(
            Query::select()
                .column(activity_territory::Column::Position)
                .from(activity_territory::Entity)
                .and_where(Expr::col(activity_territory::Column::TerritoryId).is_in(ids))
                .to_owned(),
        ));
    }
    if let Some(code) = &filter.circumscription {
        condition = condition.add(position_in(
            Query::select()
                .column((
                    activity_circumscription::Entity,
                    activity_circumscription::Column::Position,
                ))
                .from(activity_circumscription::Entity)
                .inner_join(
                    circumscription::Entity,
                    Expr::col((circumscription::Entity, circumscription::Column::Id)).equals((
                        activity_circumscription::Entity,
                        activity_circumscription::Column::CircumscriptionId,
                    )),
                )
                .and_where(
                    Expr::col((circumscription::Entity, circumscription::Column::Code))
                        .eq(code.trim().to_uppercase()),
                )
                .to_owned(),
        ));
    }
    Ok(condition)
}

/// Newest first. Positions are unique, so they alone order the log totally.
fn sort_keys() -> Vec<SortKey> {
    vec![SortKey::new(
        activity::Column::Position,
        Order::Desc,
        KeyKind::Int,
    )]
}

/// The cursor of the entry at `position`: the same in a connection's edges, on the entry
/// itself, and for resuming a subscription.
pub fn cursor(position: i64) -> String {
    pagination::encode_cursor(&[json!(position)])
}

/// A page of the entries matching `filter` that the viewer may read, newest first.
pub async fn list(
    svc: &ServiceContext,
    filter: &ActivityFilter,
    page: &PageRequest,
) -> AppResult<Page<activity::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, |a| {
        vec![json!(a.position)]
    }))
}

/// How many entries match `filter` that the viewer may read.
pub async fn count(svc: &ServiceContext, filter: &ActivityFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Entries by id, as the viewer may read them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, activity::Model>> {
    Ok(visible(svc)
        .filter(activity::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

fn group(positions: &[i64], rows: impl IntoIterator<Item = (i64, i64)>) -> HashMap<i64, Vec<i64>> {
    let mut grouped: HashMap<i64, Vec<i64>> = positions.iter().map(|p| (*p, Vec::new())).collect();
    for (position, id) in rows {
        grouped.entry(position).or_default().push(id);
    }
    for ids in grouped.values_mut() {
        ids.sort_unstable();
    }
    grouped
}

/// The actors each entry (by position) concerns, as recorded (ids; the caller's actor loader
/// leaves out those the viewer may not see).
pub async fn actors_of(
    svc: &ServiceContext,
    positions: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let rows = activity_actor::Entity::find()
        .filter(activity_actor::Column::Position.is_in(positions.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    Ok(group(
        positions,
        rows.into_iter().map(|r| (r.position, r.actor_id)),
    ))
}

/// The territories each entry (by position) concerns, as recorded (ids).
pub async fn territories_of(
    svc: &ServiceContext,
    positions: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let rows = activity_territory::Entity::find()
        .filter(activity_territory::Column::Position.is_in(positions.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    Ok(group(
        positions,
        rows.into_iter().map(|r| (r.position, r.territory_id)),
    ))
}

/// The circumscriptions each entry (by position) concerns, as recorded (ids).
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    positions: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let rows = activity_circumscription::Entity::find()
        .filter(activity_circumscription::Column::Position.is_in(positions.iter().copied()))
        .all(&svc.db.reader)
        .await?;
    Ok(group(
        positions,
        rows.into_iter().map(|r| (r.position, r.circumscription_id)),
    ))
}
