//! The mutation root, merged from one root per domain. Every mutation takes one input object
//! and answers one payload holding the changed object (Relay style); creates accept an
//! `idempotencyKey`, updates require `expectedVersion`.

mod actors;
mod calls;
pub mod common;
mod events;
mod exchanges;
mod funds;
mod partnerships;
mod people;
mod projects;
mod reference;

use async_graphql::MergedObject;

/// The entry points for changing the partner network.
#[derive(MergedObject, Default)]
pub struct Mutation(
    actors::ActorMutation,
    projects::ProjectsMutation,
    partnerships::PartnershipsMutation,
    events::EventsMutation,
    exchanges::ExchangesMutation,
    funds::FundsMutation,
    calls::CallsMutation,
    people::PeopleMutation,
    reference::ReferenceMutation,
);
