//! The query root, merged from one root per domain.

mod actors;
mod node;
mod reference;

use async_graphql::MergedObject;

/// The entry points for reading the partner network.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    reference::ReferenceQuery,
    actors::ActorQuery,
);
