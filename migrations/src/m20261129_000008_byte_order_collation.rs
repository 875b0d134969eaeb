//! Sort keys compare byte by byte on both databases.
//!
//! Lists ordered by name or title order by `search_key` (and funds by `name_fr`), and keyset
//! cursors compare those columns. SQLite compares text byte by byte (BINARY); PostgreSQL uses
//! the database's collation, which on an `en_US.UTF-8` server orders differently. Giving these
//! columns the "C" collation on PostgreSQL makes both databases order — and page — alike.
//! SQLite needs nothing: this migration is a no-op there.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, its type) whose order must not depend on the server's locale; the type is
/// restated unchanged because PostgreSQL sets a collation through `ALTER … TYPE`.
const SORT_COLUMNS: &[(&str, &str, &str)] = &[
    ("territories", "search_key", "text"),
    ("actors", "search_key", "text"),
    ("projects", "search_key", "text"),
    ("partnerships", "search_key", "text"),
    ("events", "search_key", "text"),
    ("exchanges", "search_key", "text"),
    ("calls", "search_key", "text"),
    ("funds", "name_fr", "varchar"),
];

#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_collation(manager, Some("C")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_collation(manager, None).await
    }
}

/// On PostgreSQL, gives the sort columns `collation` (the database default when `None`).
/// sea-query has no statement for a column's collation, hence raw SQL — on PostgreSQL only.
async fn set_collation(manager: &SchemaManager<'_>, collation: Option<&str>) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for (table, column, ty) in SORT_COLUMNS {
        let collate = match collation {
            Some(name) => format!(" COLLATE \"{name}\""),
            None => " COLLATE \"default\"".to_owned(),
        };
        let sql = format!("ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" TYPE {ty}{collate}");
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}
