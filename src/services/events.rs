//! Events: trainings, study tours, visits, forums, seminars, meetings and steering committees,
//! with the actors taking part. Named attendees (personal data) are not read here. The lists
//! nested under an event, an actor or a project are in [`links`].

mod links;

pub use links::{
    count_of_projects, count_participants, count_participations, of_projects, participants,
    participations,
};

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, Select};
use serde_json::json;

use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, actors, linked, scope, territories};
use crate::auth::policy;
use crate::domain::vocabulary::{EventKind, EventRole, RecordType};
use crate::entities::{event, event_participant};
use crate::error::AppResult;

/// Which events to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kinds: Vec<EventKind>,
    /// A territory code: events held in it or anywhere below it.
    pub territory: Option<String>,
    /// A circumscription code.
    pub circumscription: Option<String>,
    /// An actor id: events that actor takes part in (with `role`, in that role).
    pub actor: Option<i64>,
    /// Events with a participant in this role (the `actor`'s, when one is given).
    pub role: Option<EventRole>,
    /// A project id: events of that project.
    pub project: Option<i64>,
    /// Starting at or after this instant.
    pub starts_after: Option<chrono::DateTime<Utc>>,
    /// Starting at or before this instant.
    pub starts_before: Option<chrono::DateTime<Utc>>,
    pub search: Option<String>,
    pub include_archived: bool,
}

/// How to order events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventOrderField {
    #[default]
    StartsAt,
    /// By title (the folded search key).
    Title,
    CreatedAt,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct EventOrder {
    pub field: EventOrderField,
    pub descending: bool,
}

/// The events the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<event::Entity> {
    event::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Event,
        event::Column::Sensitivity,
        event::Column::Id,
    ))
}

async fn condition(svc: &ServiceContext, filter: &EventFilter) -> AppResult<Condition> {
    let mut condition = Condition::all();
    if !filter.include_archived {
        condition = condition.add(event::Column::ArchivedAt.is_null());
    }
    if !filter.kinds.is_empty() {
        condition = condition.add(event::Column::Kind.is_in(filter.kinds.clone()));
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        condition = condition.add(event::Column::TerritoryId.is_in(ids));
    }
    if let Some(code) = &filter.circumscription {
        condition = condition.add(scope::in_circumscription(
            event::Column::Id,
            RecordType::Event,
            code,
        ));
    }
    if filter.actor.is_some() || filter.role.is_some() {
        let mut participant = Condition::all();
        if let Some(actor_id) = filter.actor {
            participant = participant.add(event_participant::Column::ActorId.eq(actor_id));
        }
        if let Some(role) = filter.role {
            participant = participant.add(event_participant::Column::Role.eq(role));
        }
        condition = condition.add(linked::linked_to_visible_actor::<
            event_participant::Entity,
            _,
        >(
            svc,
            event::Column::Id,
            event_participant::Column::EventId,
            event_participant::Column::ActorId,
            participant,
        ));
    }
    if let Some(project_id) = filter.project {
        condition = condition.add(linked::of_visible_project(
            svc,
            event::Column::ProjectId,
            project_id,
        ));
    }
    if let Some(at) = filter.starts_after {
        condition = condition.add(event::Column::StartsAt.gte(at));
    }
    if let Some(at) = filter.starts_before {
        condition = condition.add(event::Column::StartsAt.lte(at));
    }
    if let Some(text) = &filter.search {
        condition = condition.add(actors::search_condition(event::Column::SearchKey, text));
    }
    Ok(condition)
}

fn sort_keys(order: EventOrder) -> Vec<SortKey> {
    let direction = linked::direction(order.descending);
    let (column, kind) = match order.field {
        EventOrderField::StartsAt => (event::Column::StartsAt, KeyKind::Timestamp),
        EventOrderField::Title => (event::Column::SearchKey, KeyKind::Text),
        EventOrderField::CreatedAt => (event::Column::CreatedAt, KeyKind::Timestamp),
    };
    vec![
        SortKey::new(column, direction.clone(), kind),
        SortKey::new(event::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: EventOrder) -> impl Fn(&event::Model) -> Vec<serde_json::Value> {
    move |e| {
        let first = match order.field {
            EventOrderField::StartsAt => json!(pagination::timestamp_key(&e.starts_at)),
            EventOrderField::Title => json!(e.search_key),
            EventOrderField::CreatedAt => json!(pagination::timestamp_key(&e.created_at)),
        };
        vec![first, json!(e.id)]
    }
}

/// A page of the events matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &EventFilter,
    order: EventOrder,
    page: &PageRequest,
) -> AppResult<Page<event::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(order), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many events match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &EventFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Events by id (archived ones included), as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, event::Model>> {
    Ok(visible(svc)
        .filter(event::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect())
}

/// The circumscriptions each event belongs to (its territory's, or for an event in France
/// its Moroccan participants').
pub async fn circumscriptions_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    scope::circumscriptions_of_records(&svc.db.reader, RecordType::Event, ids).await
}
