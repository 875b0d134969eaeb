//! Domain services: one module per aggregate. They own transactions, validation and the
//! authorization policy; GraphQL resolvers only parse arguments, call them, and map results.
//!
//! Every service function takes a [`ServiceContext`], which always carries the [`Viewer`]:
//! reading without a viewer does not compile.

pub mod activity;
pub mod actors;
pub mod applications;
pub mod calls;
pub mod circumscriptions;
pub mod collaborators;
pub mod events;
pub mod exchanges;
pub mod funds;
pub mod linked;
pub mod nested;
pub mod pagination;
pub mod participations;
pub mod partnerships;
pub mod people;
pub mod projects;
pub mod scope;
pub mod territories;
pub mod validate;
pub mod write;
pub mod writes;

use crate::auth::Viewer;
use crate::db::Database;

/// What a service call needs: the database and who is asking.
#[derive(Debug, Clone)]
pub struct ServiceContext {
    pub db: Database,
    pub viewer: Viewer,
}

impl ServiceContext {
    pub fn new(db: Database, viewer: Viewer) -> Self {
        Self { db, viewer }
    }
}
