//! Loaders of projects and their relations.

use std::sync::Arc;

use super::{cached, id_loader};
use crate::entities::project;
use crate::services::{ServiceContext, projects};

id_loader!(
    /// Projects by id, as the viewer may see them.
    ProjectById, i64 => project::Model, projects::by_ids
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request.data(cached(ProjectById(svc.clone())))
}
