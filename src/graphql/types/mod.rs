//! GraphQL object types. Each is built `From` a storage model and exposes only what the API
//! promises; entities are never exposed directly.

pub mod actor;
pub mod circumscription;
pub mod common;
pub mod money;
pub mod node;
pub mod project;
pub mod territory;
