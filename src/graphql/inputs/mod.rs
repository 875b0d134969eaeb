//! GraphQL input objects: filters and orderings, mapped to the services' own types.

pub mod activity;
pub mod actors;
pub mod calls;
pub mod events;
pub mod exchanges;
pub mod partnerships;
pub mod projects;

use async_graphql::Enum;

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum OrderDirection {
    /// Ascending (A → Z, oldest first).
    #[default]
    Asc,
    /// Descending (Z → A, newest first).
    Desc,
}
