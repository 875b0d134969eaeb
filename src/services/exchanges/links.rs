//! The parties of exchanges, and the lists of exchanges nested under actors and projects,
//! each taken for many parents in one statement (see [`crate::services::nested`]). Every list
//! carries the visibility of its other end, so an edge to a record the viewer may not see is
//! neither listed nor counted; archived records are left out of these lists too.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, Select};
use serde_json::json;

use super::visible;
use crate::auth::policy;
use crate::domain::vocabulary::{ExchangePartySide, RecordType};
use crate::entities::{actor, exchange, exchange_party};
use crate::error::AppResult;
use crate::services::ServiceContext;
use crate::services::linked;
use crate::services::nested::{self, NestedList, NestedPage};
use crate::services::pagination::{KeyKind, Page, SortKey};

fn visible_actor(svc: &ServiceContext) -> sea_orm::Condition {
    policy::read_condition(
        &svc.viewer,
        RecordType::Actor,
        actor::Column::Sensitivity,
        actor::Column::Id,
    )
}

/// The providers and beneficiaries of each exchange that the viewer may see (archived actors
/// left out), in the order they were recorded: one statement for all the exchanges.
pub async fn parties_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<(ExchangePartySide, actor::Model)>>> {
    let rows = exchange_party::Entity::find()
        .find_also_related(actor::Entity)
        .filter(exchange_party::Column::ExchangeId.is_in(ids.iter().copied()))
        .filter(visible_actor(svc))
        .filter(actor::Column::ArchivedAt.is_null())
        .order_by_asc(exchange_party::Column::Id)
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<(ExchangePartySide, actor::Model)>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for (party, actor) in rows {
        if let Some(actor) = actor {
            grouped
                .entry(party.exchange_id)
                .or_default()
                .push((party.side, actor));
        }
    }
    Ok(grouped)
}

/// Party rows (on `side`, if given) whose exchange the viewer may see (and is not archived).
/// Without a side, an actor that both provided and received in one exchange has two rows:
/// only the first is kept, so each exchange is listed once.
fn listed_parties(
    svc: &ServiceContext,
    side: Option<ExchangePartySide>,
) -> Select<exchange_party::Entity> {
    let select = exchange_party::Entity::find()
        .inner_join(exchange::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Exchange,
            exchange::Column::Sensitivity,
            exchange::Column::Id,
        ))
        .filter(exchange::Column::ArchivedAt.is_null());
    match side {
        Some(side) => select.filter(exchange_party::Column::Side.eq(side)),
        None => select.filter(
            exchange_party::Column::Id.in_subquery(
                Query::select()
                    .expr(Func::min(Expr::col(exchange_party::Column::Id)))
                    .from(exchange_party::Entity)
                    .group_by_columns([
                        exchange_party::Column::ExchangeId,
                        exchange_party::Column::ActorId,
                    ])
                    .to_owned(),
            ),
        ),
    }
}

/// Exchanges the viewer may see, not archived.
fn listed_exchanges(svc: &ServiceContext) -> Select<exchange::Entity> {
    visible(svc).filter(exchange::Column::ArchivedAt.is_null())
}

/// A page of party rows under each actor (one per exchange), by exchange id.
pub async fn of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    side: Option<ExchangePartySide>,
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<exchange_party::Model>>> {
    let list = NestedList {
        select: listed_parties(svc, side),
        parent: exchange_party::Column::ActorId,
        keys: vec![
            SortKey::asc(exchange_party::Column::ExchangeId, KeyKind::Int),
            SortKey::asc(exchange_party::Column::Id, KeyKind::Int),
        ],
        parent_of: |p| p.actor_id,
        cursor_of: |p| vec![json!(p.exchange_id), json!(p.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, actors, page).await
}

/// How many exchanges each actor took part in (on `side`, if given), as the viewer may see
/// them.
pub async fn count_of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    side: Option<ExchangePartySide>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_parties(svc, side),
        exchange_party::Column::ActorId,
        actors,
    )
    .await
}

/// A page of exchanges under each project, latest start first (undated last).
pub async fn of_projects(
    svc: &ServiceContext,
    projects: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<exchange::Model>>> {
    let list = NestedList {
        select: listed_exchanges(svc),
        parent: exchange::Column::ProjectId,
        keys: vec![
            linked::date_key(exchange::Column::StartsOn, Order::Desc),
            SortKey::new(exchange::Column::Id, Order::Desc, KeyKind::Int),
        ],
        parent_of: |e| e.project_id.unwrap_or_default(),
        cursor_of: |e| vec![linked::date_cursor(e.starts_on), json!(e.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, projects, page).await
}

/// How many exchanges each project has, as the viewer may see them.
pub async fn count_of_projects(
    svc: &ServiceContext,
    projects: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_exchanges(svc),
        exchange::Column::ProjectId,
        projects,
    )
    .await
}
