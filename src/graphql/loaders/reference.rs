//! Loaders of reference data: territories, circumscriptions, coverage.

use std::sync::Arc;

use super::{cached, id_loader};
use crate::entities::{circumscription, circumscription_coverage, territory};
use crate::services::{ServiceContext, circumscriptions, territories};

id_loader!(
    /// Territories by id.
    TerritoryById, i64 => territory::Model, territories::by_ids
);
id_loader!(
    /// Circumscriptions by id.
    CircumscriptionById, i64 => circumscription::Model, circumscriptions::by_ids
);
id_loader!(
    /// The circumscription a territory belongs to today.
    CircumscriptionOfTerritory, i64 => circumscription::Model, territories::circumscription_of
);
id_loader!(
    /// The coverage entries of a circumscription.
    CoverageOfCircumscription, i64 => Vec<circumscription_coverage::Model>, circumscriptions::coverage_of
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(TerritoryById(svc.clone())))
        .data(cached(CircumscriptionById(svc.clone())))
        .data(cached(CircumscriptionOfTerritory(svc.clone())))
        .data(cached(CoverageOfCircumscription(svc.clone())))
}
