//! The GraphQL layer: types built from storage models, thin resolvers calling services,
//! per-request DataLoaders, and the error policy.

// A resolver's parameters are the GraphQL field's arguments (filters, `first`, `after`,
// `last`, `before` …): their number is the schema's, not a design smell.
#![allow(clippy::too_many_arguments)]

pub mod context;
pub mod errors;
pub mod inputs;
pub mod limits;
pub mod loaders;
pub mod mutation;
pub mod query;
pub mod relay;
pub mod schema;
pub mod types;

pub use context::RequestContext;
pub use schema::{AppSchema, build_schema, sdl};
