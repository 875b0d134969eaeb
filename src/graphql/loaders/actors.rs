//! Loaders of actors and their direct attributes.

use std::sync::Arc;

use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use super::{LoadError, cached, id_loader, load_grouped};
use crate::domain::vocabulary::Theme;
use crate::entities::actor;
use crate::services::collaborators::{self, Collaboration, LinkKind};
use crate::services::nested::NestedKey;
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

id_loader!(
    /// The Institut français sites of a circumscription.
    InstitutesOfCircumscription, i64 => Vec<actor::Model>, actors::institutes_of
);
id_loader!(
    /// The consulate general of a circumscription.
    ConsulateOfCircumscription, i64 => actor::Model, actors::consulates_of
);

/// The collaborators of each actor, through the given kinds of link.
pub struct CollaboratorsOf(pub Arc<ServiceContext>);

impl Loader<NestedKey<Vec<LinkKind>>> for CollaboratorsOf {
    type Value = Vec<Collaboration>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[NestedKey<Vec<LinkKind>>],
    ) -> Result<HashMap<NestedKey<Vec<LinkKind>>, Self::Value>, Self::Error> {
        load_grouped(keys, |via, actors| async move {
            collaborators::of_actors(&self.0, &actors, &via).await
        })
        .await
    }
}

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ActorById(svc.clone())))
        .data(cached(ActorThemes(svc.clone())))
        .data(cached(ActorCircumscriptions(svc.clone())))
        .data(cached(CollaboratorsOf(svc.clone())))
        .data(cached(InstitutesOfCircumscription(svc.clone())))
        .data(cached(ConsulateOfCircumscription(svc.clone())))
}
