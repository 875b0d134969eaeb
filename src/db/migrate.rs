//! Applying migrations safely when several instances start together.
//!
//! PostgreSQL: a session-level advisory lock held on a dedicated connection for the whole run.
//! SQLite: an exclusive OS lock on a `*.migrate.lock` file beside the database.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, TransactionTrait};

use super::Database;

/// Arbitrary, fixed: identifies "Partner Hub migrations" among advisory locks.
const PG_MIGRATION_LOCK: i64 = 0x5048_4d49_4752; // "PHMIGR"

/// One migration and whether it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    pub name: String,
    pub applied: bool,
}

/// Applies every pending migration, holding the migration lock.
pub async fn migrate_up(db: &Database) -> Result<(), DbErr> {
    match db.backend() {
        DbBackend::Postgres => {
            // The lock lives in a transaction of its own, which pins one pooled connection for
            // the whole run; it is released when that transaction ends (commit, or the session
            // dying with us), while the migrations themselves run on other connections.
            let lock = db.writer.begin().await?;
            lock.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})"),
            ))
            .await?;
            let result = Migrator::up(&db.writer, None).await;
            lock.commit().await?;
            result
        }
        _ => {
            // Waiting for the lock blocks a thread, so it waits on a blocking-pool thread.
            let _guard = match db.sqlite_file() {
                Some(path) => {
                    let path = path.to_path_buf();
                    Some(
                        tokio::task::spawn_blocking(move || lock_file(&path))
                            .await
                            .map_err(|e| {
                                DbErr::Custom(format!("migration lock task failed: {e}"))
                            })??,
                    )
                }
                None => None,
            };
            Migrator::up(&db.writer, None).await
        }
    }
}

/// Every known migration with its state.
pub async fn migration_status(db: &Database) -> Result<Vec<MigrationState>, DbErr> {
    Ok(Migrator::get_migration_with_status(&db.writer)
        .await?
        .into_iter()
        .map(|m| MigrationState {
            name: m.name().to_owned(),
            applied: m.status() == migration::MigrationStatus::Applied,
        })
        .collect())
}

fn lock_file(db_file: &std::path::Path) -> Result<std::fs::File, DbErr> {
    let mut name = db_file.as_os_str().to_owned();
    name.push(".migrate.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&name)
        .map_err(|e| DbErr::Custom(format!("cannot open migration lock file: {e}")))?;
    file.lock()
        .map_err(|e| DbErr::Custom(format!("cannot lock migration lock file: {e}")))?;
    Ok(file)
}
