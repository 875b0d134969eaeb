//! Loaders of the activity log: entries by id and what they concern.

use std::sync::Arc;

use super::{cached, id_loader};
use crate::entities::activity as entry;
use crate::services::{ServiceContext, activity};

id_loader!(
    /// Activity entries by id, as the viewer may read them.
    ActivityById, i64 => entry::Model, activity::by_ids
);
id_loader!(
    /// The actors an entry concerns (ids, by position).
    ActivityActors, i64 => Vec<i64>, activity::actors_of
);
id_loader!(
    /// The territories an entry concerns (ids, by position).
    ActivityTerritories, i64 => Vec<i64>, activity::territories_of
);
id_loader!(
    /// The circumscriptions an entry concerns (ids, by position).
    ActivityCircumscriptions, i64 => Vec<i64>, activity::circumscriptions_of
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ActivityById(svc.clone())))
        .data(cached(ActivityActors(svc.clone())))
        .data(cached(ActivityTerritories(svc.clone())))
        .data(cached(ActivityCircumscriptions(svc.clone())))
}
