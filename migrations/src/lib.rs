//! The schema history of Partner Hub, valid on SQLite and PostgreSQL.
//!
//! Only sea-orm-migration schema helpers and sea-query builders, never the application's
//! entities, so every migration means the same thing forever. Foreign keys are created with
//! their tables (sea-query cannot add one to an existing SQLite table). Each migration runs in a
//! transaction on both databases. The table contract is `docs/data-model.md`.

/// Re-exported for migration status reports (`Migrator::get_migration_with_status`).
pub use sea_orm_migration::MigrationStatus;
pub use sea_orm_migration::prelude::*;

#[macro_use]
mod common;
mod m20261129_000001_geography;
mod m20261129_000002_actors;
mod m20261129_000003_projects;
mod m20261129_000004_partnerships;
mod m20261129_000005_events_exchanges;
mod m20261129_000006_funds_calls;
mod m20261129_000007_activity_and_scope;
mod m20261129_000008_byte_order_collation;

/// Applies the schema history in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_geography::Migration),
            Box::new(m20261129_000002_actors::Migration),
            Box::new(m20261129_000003_projects::Migration),
            Box::new(m20261129_000004_partnerships::Migration),
            Box::new(m20261129_000005_events_exchanges::Migration),
            Box::new(m20261129_000006_funds_calls::Migration),
            Box::new(m20261129_000007_activity_and_scope::Migration),
            Box::new(m20261129_000008_byte_order_collation::Migration),
        ]
    }
}
