//! Loaders of exchanges, their parties and attributes, and the lists of exchanges nested under
//! an actor or a project.

use std::collections::HashMap;
use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::domain::vocabulary::ExchangePartySide;
use crate::entities::{actor, exchange, exchange_party};
use crate::error::AppResult;
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::{ServiceContext, exchanges};

/// A side to filter an actor's exchanges by (either when `None`) and a page.
pub type SidePage = (Option<ExchangePartySide>, NestedPage);

id_loader!(
    /// Exchanges by id, as the viewer may see them.
    ExchangeById, i64 => exchange::Model, exchanges::by_ids
);
id_loader!(
    /// The circumscriptions of an exchange (ids).
    ExchangeCircumscriptions, i64 => Vec<i64>, exchanges::circumscriptions_of
);
id_loader!(
    /// The providers and beneficiaries of an exchange that the viewer may see: one loader
    /// for both sides, so a page of exchanges costs one statement for all its parties.
    ExchangeParties, i64 => Vec<(ExchangePartySide, actor::Model)>, exchanges::parties_of
);
grouped_loader!(
    /// A page of an actor's exchanges (as party rows).
    ActorExchanges, SidePage => Page<exchange_party::Model>, of_actors
);
grouped_loader!(
    /// How many exchanges an actor took part in (on a side, if given).
    ActorExchangeCount, Option<ExchangePartySide> => u64, count_of_actors
);
grouped_loader!(
    /// A page of a project's exchanges.
    ProjectExchanges, NestedPage => Page<exchange::Model>, exchanges::of_projects
);
id_loader!(
    /// How many exchanges a project has, by project id.
    ProjectExchangeCount, i64 => u64, exchanges::count_of_projects
);

async fn of_actors(
    svc: &ServiceContext,
    parents: &[i64],
    (side, page): &SidePage,
) -> AppResult<HashMap<i64, Page<exchange_party::Model>>> {
    exchanges::of_actors(svc, parents, *side, page).await
}

async fn count_of_actors(
    svc: &ServiceContext,
    parents: &[i64],
    side: &Option<ExchangePartySide>,
) -> AppResult<HashMap<i64, u64>> {
    exchanges::count_of_actors(svc, parents, *side).await
}

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ExchangeById(svc.clone())))
        .data(cached(ExchangeCircumscriptions(svc.clone())))
        .data(cached(ExchangeParties(svc.clone())))
        .data(cached(ActorExchanges(svc.clone())))
        .data(cached(ActorExchangeCount(svc.clone())))
        .data(cached(ProjectExchanges(svc.clone())))
        .data(cached(ProjectExchangeCount(svc.clone())))
}
