//! Building the schema: no I/O here, so the SDL can be exported without a database and every
//! caller (server, tests, `partner-hub schema`) builds the same schema.

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};

use super::errors::ErrorPolicy;
use super::mutation::Mutation;
use super::query::Query;

pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Deepest nesting the executor will recurse into, a guard against stack exhaustion from
/// hostile documents (fragment spreads, nested lists) independent of the depth limit.
const MAX_RECURSIVE_DEPTH: usize = 64;

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .extension(ErrorPolicy)
        .limit_recursive_depth(MAX_RECURSIVE_DEPTH)
}

/// The schema served by the API.
pub fn build_schema() -> AppSchema {
    builder().finish()
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    let mut sdl = build_schema().sdl();
    if !sdl.ends_with('\n') {
        sdl.push('\n');
    }
    sdl
}
