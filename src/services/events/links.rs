//! Lists nested under events, actors and projects, each taken for many parents in one
//! statement (see [`crate::services::nested`]). Every list carries the visibility of its
//! other end, so an edge to a record the viewer may not see is neither listed nor counted;
//! archived records are left out of these lists too.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, Select};
use serde_json::json;

use super::visible;
use crate::auth::policy;
use crate::domain::vocabulary::{EventRole, RecordType};
use crate::entities::{actor, event, event_participant};
use crate::error::AppResult;
use crate::services::ServiceContext;
use crate::services::nested::{self, NestedList, NestedPage};
use crate::services::pagination::{self, KeyKind, Page, SortKey};

/// Participant rows (in `role`, if given) whose actor the viewer may see (and is not archived).
fn listed_participants(
    svc: &ServiceContext,
    role: Option<EventRole>,
) -> Select<event_participant::Entity> {
    let select = event_participant::Entity::find()
        .inner_join(actor::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .filter(actor::Column::ArchivedAt.is_null());
    with_role(select, role)
}

/// Participant rows (in `role`, if given) whose event the viewer may see (and is not archived).
fn listed_participations(
    svc: &ServiceContext,
    role: Option<EventRole>,
) -> Select<event_participant::Entity> {
    let select = event_participant::Entity::find()
        .inner_join(event::Entity)
        .filter(policy::read_condition(
            &svc.viewer,
            RecordType::Event,
            event::Column::Sensitivity,
            event::Column::Id,
        ))
        .filter(event::Column::ArchivedAt.is_null());
    with_role(select, role)
}

fn with_role(
    select: Select<event_participant::Entity>,
    role: Option<EventRole>,
) -> Select<event_participant::Entity> {
    match role {
        Some(role) => select.filter(event_participant::Column::Role.eq(role)),
        None => select,
    }
}

/// Events the viewer may see, not archived.
fn listed_events(svc: &ServiceContext) -> Select<event::Entity> {
    visible(svc).filter(event::Column::ArchivedAt.is_null())
}

/// A page of participants under each event, in the order they were recorded.
pub async fn participants(
    svc: &ServiceContext,
    events: &[i64],
    role: Option<EventRole>,
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<event_participant::Model>>> {
    let list = NestedList {
        select: listed_participants(svc, role),
        parent: event_participant::Column::EventId,
        keys: vec![SortKey::asc(event_participant::Column::Id, KeyKind::Int)],
        parent_of: |p| p.event_id,
        cursor_of: |p| vec![json!(p.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, events, page).await
}

/// How many participants (in `role`, if given) each event has, as the viewer may see them.
pub async fn count_participants(
    svc: &ServiceContext,
    events: &[i64],
    role: Option<EventRole>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_participants(svc, role),
        event_participant::Column::EventId,
        events,
    )
    .await
}

/// A page of participations under each actor, in the order they were recorded (an actor
/// with two roles in one event has two participations).
pub async fn participations(
    svc: &ServiceContext,
    actors: &[i64],
    role: Option<EventRole>,
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<event_participant::Model>>> {
    let list = NestedList {
        select: listed_participations(svc, role),
        parent: event_participant::Column::ActorId,
        keys: vec![SortKey::asc(event_participant::Column::Id, KeyKind::Int)],
        parent_of: |p| p.actor_id,
        cursor_of: |p| vec![json!(p.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, actors, page).await
}

/// How many participations (in `role`, if given) each actor has, as the viewer may see them.
pub async fn count_participations(
    svc: &ServiceContext,
    actors: &[i64],
    role: Option<EventRole>,
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_participations(svc, role),
        event_participant::Column::ActorId,
        actors,
    )
    .await
}

/// A page of events under each project, latest first.
pub async fn of_projects(
    svc: &ServiceContext,
    projects: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<event::Model>>> {
    let list = NestedList {
        select: listed_events(svc),
        parent: event::Column::ProjectId,
        keys: vec![
            SortKey::new(event::Column::StartsAt, Order::Desc, KeyKind::Timestamp),
            SortKey::new(event::Column::Id, Order::Desc, KeyKind::Int),
        ],
        parent_of: |e| e.project_id.unwrap_or_default(),
        cursor_of: |e| vec![json!(pagination::timestamp_key(&e.starts_at)), json!(e.id)],
    };
    nested::page_per_parent(&svc.db.reader, list, projects, page).await
}

/// How many events each project has, as the viewer may see them.
pub async fn count_of_projects(
    svc: &ServiceContext,
    projects: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_events(svc),
        event::Column::ProjectId,
        projects,
    )
    .await
}
