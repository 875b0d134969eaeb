//! The query root, merged from one root per domain.

mod activity;
mod actors;
mod calls;
mod events;
mod exchanges;
mod funds;
mod me;
mod node;
mod partnerships;
mod projects;
mod reference;

use async_graphql::MergedObject;

/// The entry points for reading the partner network.
#[derive(MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    me::MeQuery,
    reference::ReferenceQuery,
    actors::ActorQuery,
    calls::CallQuery,
    funds::FundQuery,
    activity::ActivityQuery,
    projects::ProjectQuery,
    partnerships::PartnershipQuery,
    events::EventQuery,
    exchanges::ExchangeQuery,
);
