//! Database connections: the embedded SQLite default and PostgreSQL.
//!
//! SQLite gets one writer connection and a pool of readers (sea-orm would otherwise open a
//! single connection and serialise every read behind writes), WAL with `synchronous=FULL` so an
//! acknowledged write survives a crash, foreign keys on, and a busy timeout. PostgreSQL uses one
//! pool for both roles.

mod migrate;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, DbErr};

pub use migrate::{MigrationState, migrate_up, migration_status};

use crate::config::DatabaseArgs;

/// Counts the SQL statements sent, so tests and `/metrics` can see what a request costs.
#[derive(Debug, Default)]
pub struct SqlStats {
    statements: AtomicU64,
}

impl SqlStats {
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }
}

/// The application's database handles.
#[derive(Clone)]
pub struct Database {
    /// Connections for reads.
    pub reader: DatabaseConnection,
    /// The connection(s) for writes: on SQLite exactly one, so writers queue in-process
    /// instead of failing with SQLITE_BUSY.
    pub writer: DatabaseConnection,
    sqlite_file: Option<PathBuf>,
    stats: Arc<SqlStats>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("backend", &self.backend())
            .field("sqlite_file", &self.sqlite_file)
            .finish()
    }
}

impl Database {
    /// Connects to `args.database_url` (creating a SQLite file if missing).
    pub async fn connect(args: &DatabaseArgs) -> Result<Self, DbErr> {
        let url = args.database_url.as_str();
        let stats = Arc::new(SqlStats::default());
        if url.starts_with("sqlite:") {
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            let sqlite_file = (!in_memory).then(|| sqlite_path(url)).flatten();
            let writer = connect_sqlite(url, 1, &stats).await?;
            // An in-memory database lives in one connection: readers must share it.
            let reader = if in_memory {
                writer.clone()
            } else {
                connect_sqlite(url, args.db_max_connections.max(1), &stats).await?
            };
            Ok(Self {
                reader,
                writer,
                sqlite_file,
                stats,
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(args.db_max_connections.max(2))
                .min_connections(1)
                .connect_timeout(Duration::from_secs(5))
                .acquire_timeout(Duration::from_secs(5))
                .sqlx_logging(false);
            let mut pool = sea_orm::Database::connect(options).await?;
            count_statements(&mut pool, &stats);
            Ok(Self {
                reader: pool.clone(),
                writer: pool,
                sqlite_file: None,
                stats,
            })
        } else {
            Err(DbErr::Custom(format!(
                "unsupported database URL (expected sqlite:// or postgres://): {}",
                redact(url)
            )))
        }
    }

    pub fn backend(&self) -> DbBackend {
        self.writer.get_database_backend()
    }

    /// The SQLite file behind this database, if it is one.
    pub fn sqlite_file(&self) -> Option<&std::path::Path> {
        self.sqlite_file.as_deref()
    }

    pub fn stats(&self) -> &SqlStats {
        &self.stats
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.reader.ping().await
    }

    /// Closes the pools; on SQLite, checkpoints the WAL into the main file first.
    pub async fn close(self) -> Result<(), DbErr> {
        if self.backend() == DbBackend::Sqlite && self.sqlite_file.is_some() {
            self.writer
                .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
        }
        self.reader.close_by_ref().await?;
        self.writer.close_by_ref().await
    }
}

async fn connect_sqlite(
    url: &str,
    max_connections: u32,
    stats: &Arc<SqlStats>,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    // Switching a new file to WAL needs a moment of exclusive access: two processes opening
    // the same fresh file together can see SQLITE_BUSY here, which the busy timeout does not
    // cover. Retry for a while rather than fail the start-up.
    let mut attempt = 0;
    let mut pool = loop {
        match sea_orm::Database::connect(options.clone()).await {
            Ok(pool) => break pool,
            Err(err) if attempt < 50 && err.to_string().contains("database is locked") => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(err) => return Err(err),
        }
    };
    count_statements(&mut pool, stats);
    Ok(pool)
}

fn count_statements(pool: &mut DatabaseConnection, stats: &Arc<SqlStats>) {
    let stats = Arc::clone(stats);
    pool.set_metric_callback(move |_info| {
        stats.statements.fetch_add(1, Ordering::Relaxed);
    });
}

/// The file path of a `sqlite://PATH?…` URL.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_and_redaction() {
        assert_eq!(
            sqlite_path("sqlite://data/hub.db?mode=rwc"),
            Some(PathBuf::from("data/hub.db"))
        );
        assert_eq!(sqlite_path("sqlite:hub.db"), Some(PathBuf::from("hub.db")));
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/hub"),
            "postgres://app:***@db:5432/hub"
        );
        assert_eq!(redact("postgres://app@db/hub"), "postgres://app@db/hub");
    }
}
