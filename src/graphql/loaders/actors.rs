//! Loaders of actors and their direct attributes.

use std::sync::Arc;

use super::{cached, id_loader};
use crate::domain::vocabulary::Theme;
use crate::entities::actor;
use crate::services::{ServiceContext, actors};

id_loader!(
    /// Actors by id, as the viewer may see them.
    ActorById, i64 => actor::Model, actors::by_ids
);
id_loader!(
    /// The themes of an actor.
    ActorThemes, i64 => Vec<Theme>, actors::themes_of
);
id_loader!(
    /// The circumscriptions of an actor (ids).
    ActorCircumscriptions, i64 => Vec<i64>, actors::circumscriptions_of
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ActorById(svc.clone())))
        .data(cached(ActorThemes(svc.clone())))
        .data(cached(ActorCircumscriptions(svc.clone())))
}
