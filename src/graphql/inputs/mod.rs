//! GraphQL input objects: filters and orderings, mapped to the services' own types.

pub mod actors;

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
