//! Loaders of events, their attributes, and the lists nested under an event (participants),
//! an actor (its participations) or a project.

use std::collections::HashMap;
use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::domain::vocabulary::EventRole;
use crate::entities::{event, event_participant};
use crate::error::AppResult;
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::{ServiceContext, events};

/// A role to filter participants by (any role when `None`) and a page.
pub type RolePage = (Option<EventRole>, NestedPage);

id_loader!(
    /// Events by id, as the viewer may see them.
    EventById, i64 => event::Model, events::by_ids
);
id_loader!(
    /// The circumscriptions of an event (ids).
    EventCircumscriptions, i64 => Vec<i64>, events::circumscriptions_of
);
grouped_loader!(
    /// A page of an event's participants.
    EventParticipants, RolePage => Page<event_participant::Model>, participants
);
grouped_loader!(
    /// How many participants an event has (in a role, if given).
    EventParticipantCount, Option<EventRole> => u64, count_participants
);
grouped_loader!(
    /// A page of an actor's event participations.
    ActorParticipations, RolePage => Page<event_participant::Model>, participations
);
grouped_loader!(
    /// How many event participations an actor has (in a role, if given).
    ActorParticipationCount, Option<EventRole> => u64, count_participations
);
grouped_loader!(
    /// A page of a project's events.
    ProjectEvents, NestedPage => Page<event::Model>, events::of_projects
);
id_loader!(
    /// How many events a project has, by project id.
    ProjectEventCount, i64 => u64, events::count_of_projects
);

async fn participants(
    svc: &ServiceContext,
    parents: &[i64],
    (role, page): &RolePage,
) -> AppResult<HashMap<i64, Page<event_participant::Model>>> {
    events::participants(svc, parents, *role, page).await
}

async fn count_participants(
    svc: &ServiceContext,
    parents: &[i64],
    role: &Option<EventRole>,
) -> AppResult<HashMap<i64, u64>> {
    events::count_participants(svc, parents, *role).await
}

async fn participations(
    svc: &ServiceContext,
    parents: &[i64],
    (role, page): &RolePage,
) -> AppResult<HashMap<i64, Page<event_participant::Model>>> {
    events::participations(svc, parents, *role, page).await
}

async fn count_participations(
    svc: &ServiceContext,
    parents: &[i64],
    role: &Option<EventRole>,
) -> AppResult<HashMap<i64, u64>> {
    events::count_participations(svc, parents, *role).await
}

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(EventById(svc.clone())))
        .data(cached(EventCircumscriptions(svc.clone())))
        .data(cached(EventParticipants(svc.clone())))
        .data(cached(EventParticipantCount(svc.clone())))
        .data(cached(ActorParticipations(svc.clone())))
        .data(cached(ActorParticipationCount(svc.clone())))
        .data(cached(ProjectEvents(svc.clone())))
        .data(cached(ProjectEventCount(svc.clone())))
}
